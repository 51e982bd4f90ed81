using Bunit;
using Portal.Domain.Requests;
using Portal.Infrastructure.Dispatch;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Requests;
using Portal.Web.Components.Pages.Board;
using Portal.Web.Components.Pages.Requests;

namespace Portal.Tests.Components;

/// <summary>"Me too" (我也遇到) on the repair form, in My requests and on the board.</summary>
public sealed class MeTooComponentTests() : PortalComponentContext("en")
{
    private static readonly HomeView Home = new(7, 3, 1, "Harbour View", "3", "1304", "Asia/Shanghai");

    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static PublicAreaIssue Issue(int id, string spot, int followers = 0, bool mine = false, bool following = false) => new(
        id, $"R261123-{id:0000}", RepairCategory.Lift, RequestStatus.Accepted, "3", spot, "Lift doors close on people",
        Now.AddHours(-2), "Asia/Shanghai", followers, mine, following, MatchesSpot: false);

    [Fact]
    public void Choosing_a_public_area_shows_what_is_already_reported_there_and_me_too_follows_instead_of_filing()
    {
        var draft = new RepairDraft { UnitId = 7, EstateId = 1 };
        IReadOnlyList<PublicAreaIssue>? issues = null;
        PublicAreaIssue? followed = null;
        var nextPressed = false;
        var form = Render<RepairForm>(p => p
            .Add(x => x.Draft, draft)
            .Add(x => x.Homes, [Home])
            .Add(x => x.Now, Now)
            .Add(x => x.SpotIssues, issues)
            // The page looks the spot up when the place changes; here it finds two reports.
            .Add(x => x.OnPlaceChanged, () => issues = draft.InPublicArea ? [Issue(41, "Lift 2, ground floor", followers: 2), Issue(40, "Lift lobby", mine: true)] : null)
            .Add(x => x.OnFollow, issue => followed = issue)
            .Add(x => x.OnNext, () => nextPressed = true));
        Assert.Empty(form.FindAll("[data-testid=spot-issues]"));

        form.FindAll("input[type=radio]")[^1].Click();
        form.Render(p => p.Add(x => x.SpotIssues, issues));

        var cards = form.FindAll("[data-testid=spot-issue]");
        Assert.Equal(["R261123-0041", "R261123-0040"], cards.Select(c => c.GetAttribute("data-number")));
        var first = cards[0].TextContent;
        Assert.Contains("Building 3, public area: Lift 2, ground floor", first, StringComparison.Ordinal);
        Assert.Contains("Lift · Lift doors close on people", first, StringComparison.Ordinal);
        Assert.Contains("2 h ago", first, StringComparison.Ordinal);
        Assert.Contains("Accepted", first, StringComparison.Ordinal);
        Assert.Contains("Me too: 2", first, StringComparison.Ordinal);
        // One's own report is marked, not offered to follow.
        Assert.Contains("Yours", cards[1].TextContent, StringComparison.Ordinal);
        Assert.Single(form.FindAll("[data-testid=me-too]"));

        form.Find("[data-testid=me-too]").Click();

        Assert.Equal(41, followed?.Id);
        Assert.False(nextPressed);
        Assert.Contains("never your name, phone or photos", form.Find("[data-testid=public-notice]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Typing_the_spot_looks_again_and_an_empty_answer_says_nothing_is_reported()
    {
        var draft = new RepairDraft { InPublicArea = true, EstateId = 1 };
        var lookups = new List<string?>();
        var form = Render<RepairForm>(p => p
            .Add(x => x.Draft, draft)
            .Add(x => x.Homes, [Home])
            .Add(x => x.Now, Now)
            .Add(x => x.SpotIssues, [])
            .Add(x => x.OnPlaceChanged, () => lookups.Add(draft.Spot)));

        form.Find("#repair-spot").Input("B2 ramp");

        Assert.Equal(["B2 ramp"], lookups);
        Assert.Equal("Nothing open is reported here yet.", form.Find("[data-testid=spot-issues-none]").TextContent.Trim());
    }

    [Fact]
    public void An_issue_already_followed_says_so_instead_of_offering_me_too_again()
    {
        var list = Render<SpotIssueList>(p => p.Add(x => x.Items, [Issue(5, "Garden", following: true)]).Add(x => x.Now, Now));
        Assert.Empty(list.FindAll("[data-testid=me-too]"));
        Assert.Equal("Following", list.Find("[data-testid=already-following]").TextContent.Trim());
    }

    [Fact]
    public void Followed_issues_in_my_requests_are_marked_open_their_follower_page_and_can_be_unfollowed()
    {
        PublicAreaIssue? unfollowed = null;
        var list = Render<FollowedList>(p => p
            .Add(x => x.Items, [Issue(9, "Lift lobby", followers: 3, following: true)])
            .Add(x => x.OnUnfollow, issue => unfollowed = issue));

        var card = list.Find(".followed-card");
        Assert.Equal("/requests/followed/9", card.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Following", list.Find("[data-testid=followed-mark]").TextContent.Trim());
        Assert.Contains("Me too: 3", card.TextContent, StringComparison.Ordinal);

        list.Find("[data-testid=unfollow]").Click();

        Assert.Equal(9, unfollowed?.Id);
    }

    [Fact]
    public void The_board_shows_how_many_residents_a_public_issue_affects()
    {
        BoardCard Card(int followers) => new(
            1, "R261123-0001", RequestStatus.Submitted, Priority.Normal, RepairCategory.Lift, Channel.Portal, Now.AddHours(-1), Now.AddHours(70),
            1, 3, "3", null, "Lift lobby", null, null, null, "Lift doors close on people", "Asia/Shanghai", Guid.NewGuid(), followers);

        var followed = Render<BoardCardView>(p => p.Add(x => x.Card, Card(2)).Add(x => x.Now, Now));
        Assert.Equal("3 residents affected", followed.Find("[data-testid=affected]").TextContent.Trim());

        var alone = Render<BoardCardView>(p => p.Add(x => x.Card, Card(0)).Add(x => x.Now, Now));
        Assert.Empty(alone.FindAll("[data-testid=affected]"));
    }
}
