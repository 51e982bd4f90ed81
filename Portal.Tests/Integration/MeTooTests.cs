using System.Text.Json;
using Portal.Domain.Common;
using Portal.Domain.Ratings;
using Portal.Domain.Requests;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.Dispatch;
using Portal.Infrastructure.FollowUps;
using Portal.Infrastructure.Live;
using Portal.Infrastructure.Requests;
using Portal.Infrastructure.WorkOrders;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// "Me too" (我也遇到) over the real database and the real HTTP surface: what is already reported
/// at a public spot, following it instead of filing a duplicate, and what the follower may see.
/// </summary>
public sealed class MeTooTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private PublicAreaIssues Issues => factory.Get<PublicAreaIssues>();

    private FollowRequest Follow => factory.Get<FollowRequest>();

    [Fact]
    public async Task The_open_issues_at_a_spot_are_listed_building_first_newest_first_with_the_typed_spot_on_top()
    {
        var estate = await factory.NewEstateAsync();
        var lobby = await factory.FilePublicAsync(estate.Filer, estate.FirstBuildingId, "Lift lobby, ground floor");
        var garden = await factory.FilePublicAsync(estate.Filer, null, "Garden fountain");
        var garage = await factory.FilePublicAsync(estate.Filer, estate.SecondBuildingId, "Garage gate");
        var stairs = await factory.FilePublicAsync(estate.Filer, estate.FirstBuildingId, "Stairwell, 3rd floor");
        var cancelled = await factory.FilePublicAsync(estate.Filer, estate.FirstBuildingId, "Lift lobby, 2nd floor");
        Assert.True((await factory.Get<CancelRequest>().CancelAsync(estate.Filer, cancelled.Id, null)).Succeeded);
        var completed = await factory.FilePublicAsync(estate.Filer, estate.FirstBuildingId, "Lift lobby, 5th floor");
        await factory.CompleteAsync(completed.Id);
        await factory.FileAsync(estate.Filer, await factory.DraftAsync(estate.Filer)); // a home's repair is nobody else's business

        var inBuilding = await Issues.AtSpotAsync(estate.Neighbour, estate.EstateId, estate.FirstBuildingId, null);

        // The building's own, newest first, then the estate-wide ones; not other buildings', finished ones or homes'.
        Assert.Equal([stairs.Number, lobby.Number, garden.Number], inBuilding.Select(i => i.Number));
        var card = inBuilding[1];
        Assert.Equal(("1", "Lift lobby, ground floor", RepairCategory.Electrical, RequestStatus.Submitted), (card.BuildingName, card.Spot, card.Category, card.Status));
        Assert.Equal("The light has been flickering for two days", card.Summary);
        Assert.Equal((0, false, false), (card.Followers, card.IsMine, card.IsFollowing));

        var typed = await Issues.AtSpotAsync(estate.Neighbour, estate.EstateId, estate.FirstBuildingId, "lobby  GROUND");
        Assert.Equal([lobby.Number, stairs.Number, garden.Number], typed.Select(i => i.Number));
        Assert.Equal([true, false, false], typed.Select(i => i.MatchesSpot));

        Assert.Equal([garden.Number], (await Issues.AtSpotAsync(estate.Neighbour, estate.EstateId, null, null)).Select(i => i.Number));
        Assert.Equal([garage.Number, garden.Number], (await Issues.AtSpotAsync(estate.Neighbour, estate.EstateId, estate.SecondBuildingId, "gate")).Select(i => i.Number));
        Assert.All(await Issues.AtSpotAsync(estate.Filer, estate.EstateId, estate.FirstBuildingId, null), i => Assert.True(i.IsMine));
    }

    [Fact]
    public async Task At_most_ten_are_shown_and_a_match_further_back_still_comes_first()
    {
        var estate = await factory.NewEstateAsync();
        var fountain = await factory.FilePublicAsync(estate.Filer, null, "喷泉 fountain by the west gate");
        for (var i = 0; i < 11; i++)
        {
            await factory.FilePublicAsync(estate.Filer, null, $"Path lamp {i + 1}");
        }

        var listed = await Issues.AtSpotAsync(estate.Neighbour, estate.EstateId, null, "西门 喷泉");

        Assert.Equal(PublicAreaIssues.MaxListed, listed.Count);
        Assert.Equal(fountain.Number, listed[0].Number);
        Assert.Equal("Path lamp 11", listed[1].Spot);
    }

    [Fact]
    public async Task A_resident_of_another_estate_sees_none_of_them_and_cannot_follow_by_guessing_ids()
    {
        var estate = await factory.NewEstateAsync();
        var lobby = await factory.FilePublicAsync(estate.Filer, estate.FirstBuildingId, "Lift lobby");
        var outsider = (await factory.NewEstateAsync()).Neighbour;

        Assert.Empty(await Issues.AtSpotAsync(outsider, estate.EstateId, estate.FirstBuildingId, "Lift lobby"));
        Assert.Empty(await Issues.AtSpotAsync(outsider, estate.EstateId, null, null));
        for (var id = 1; id <= lobby.Id + 3; id++)
        {
            var outcome = await Follow.FollowAsync(outsider, id);
            Assert.True(outcome.ErrorCode == "NotFound", $"Request {id}: {outcome.ErrorCode ?? "followed"}");
        }

        Assert.Empty(await Issues.FollowedAsync(outsider));
        Assert.Null(await Issues.GetFollowedAsync(outsider, lobby.Id));
        Assert.Equal(0, (await Issues.AtSpotAsync(estate.Neighbour, estate.EstateId, estate.FirstBuildingId, null)).Single(i => i.Id == lobby.Id).Followers);
    }

    [Fact]
    public async Task A_neighbour_cannot_follow_a_homes_request_a_finished_one_or_as_staff()
    {
        var estate = await factory.NewEstateAsync();
        var home = await factory.FileAsync(estate.Filer, await factory.DraftAsync(estate.Filer));
        var completed = await factory.FilePublicAsync(estate.Filer, null, "Garden lights");
        await factory.CompleteAsync(completed.Id);
        var cancelled = await factory.FilePublicAsync(estate.Filer, null, "Garden tap");
        Assert.True((await factory.Get<CancelRequest>().CancelAsync(estate.Filer, cancelled.Id, null)).Succeeded);

        Assert.Equal("NotFound", (await Follow.FollowAsync(estate.Neighbour, home.Id)).ErrorCode);
        Assert.Equal("Request.FollowClosed", (await Follow.FollowAsync(estate.Neighbour, completed.Id)).ErrorCode);
        Assert.Equal("Request.FollowClosed", (await Follow.FollowAsync(estate.Neighbour, cancelled.Id)).ErrorCode);
        Assert.Equal("NotFound", (await Follow.FollowAsync(await factory.UserAsync(DemoData.DeskEmail), completed.Id)).ErrorCode);

        Assert.Empty(await Issues.FollowedAsync(estate.Neighbour));
        Assert.Null(await Issues.GetFollowedAsync(estate.Neighbour, home.Id));
    }

    [Fact]
    public async Task Following_twice_is_following_once_the_filer_cannot_follow_and_unfollowing_undoes_it()
    {
        var estate = await factory.NewEstateAsync();
        var lobby = await factory.FilePublicAsync(estate.Filer, estate.FirstBuildingId, "Lift lobby");

        var first = await Follow.FollowAsync(estate.Neighbour, lobby.Id);
        var again = await Follow.FollowAsync(estate.Neighbour, lobby.Id);

        Assert.Equal((true, 1), (first.Succeeded, first.Value));
        Assert.Equal((true, 1), (again.Succeeded, again.Value));
        var card = (await Issues.AtSpotAsync(estate.Neighbour, estate.EstateId, estate.FirstBuildingId, null)).Single();
        Assert.Equal((true, 1), (card.IsFollowing, card.Followers));
        Assert.Equal(1, (await Issues.AtSpotAsync(estate.Filer, estate.EstateId, estate.FirstBuildingId, null)).Single().Followers);
        Assert.Equal("Request.FollowOwn", (await Follow.FollowAsync(estate.Filer, lobby.Id)).ErrorCode);
        Assert.Equal(lobby.Id, Assert.Single(await Issues.FollowedAsync(estate.Neighbour)).Id);

        Assert.True((await Follow.UnfollowAsync(estate.Neighbour, lobby.Id)).Succeeded);
        Assert.True((await Follow.UnfollowAsync(estate.Neighbour, lobby.Id)).Succeeded);

        Assert.Empty(await Issues.FollowedAsync(estate.Neighbour));
        Assert.Null(await Issues.GetFollowedAsync(estate.Neighbour, lobby.Id));
        card = (await Issues.AtSpotAsync(estate.Neighbour, estate.EstateId, estate.FirstBuildingId, null)).Single();
        Assert.Equal((false, 0), (card.IsFollowing, card.Followers));
    }

    [Fact]
    public async Task A_followed_issue_is_in_my_requests_and_its_page_shows_nothing_personal_of_the_filer()
    {
        var resident = await factory.UserAsync(DemoData.ResidentEmail); // 王丽 Wang Li, 13800138000
        var neighbour = await factory.UserAsync(DemoData.NeighbourEmail);
        var photo = await factory.StagePhotoAsync(resident);
        var spot = $"Bike shed {Guid.NewGuid().ToString("N")[..6]}";
        var filed = await factory.FilePublicAsync(resident, null, spot, "Bike shed light is out, pitch dark at night", photo);
        var desk = await factory.UserAsync(DemoData.DeskEmail);
        var accepted = await factory.Get<DispatchDesk>().AcceptAsync(desk, filed.Id, await factory.StampAsync(desk, filed.Id), Priority.Normal, null, "Resident asks for a call back after six");
        Assert.True(accepted.Succeeded, accepted.ErrorCode);
        Assert.True((await Follow.FollowAsync(neighbour, filed.Id)).Succeeded);

        var followed = Assert.Single(await Issues.FollowedAsync(neighbour), i => i.Id == filed.Id);
        Assert.True(followed.IsFollowing);
        var view = await Issues.GetFollowedAsync(neighbour, filed.Id);
        Assert.NotNull(view);
        Assert.Equal((RequestStatus.Accepted, spot, 1), (view.Status, view.Spot, view.Followers));
        Assert.Equal([TimelineEvent.Submitted, TimelineEvent.Accepted], view.Timeline.Select(t => t.Event));
        Assert.Equal([ActorRole.Resident, ActorRole.FrontDesk], view.Timeline.Select(t => t.ActorRole));
        string[] personal = ["王丽", "Wang Li", "13800138000", "138 0013 8000", "after six", "李娜", photo.ToString()];
        var model = JsonSerializer.Serialize(view);
        Assert.All(personal, secret => Assert.DoesNotContain(secret, model, StringComparison.Ordinal));

        var client = await factory.ClientForAsync(DemoData.NeighbourEmail);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var myRequests = await client.GetStringAsync("/requests");
        Assert.Contains(filed.Number, myRequests, StringComparison.Ordinal);
        Assert.Contains($"/requests/followed/{filed.Id}", myRequests, StringComparison.Ordinal);
        var page = await client.GetStringAsync($"/requests/followed/{filed.Id}");
        Assert.Contains(filed.Number, page, StringComparison.Ordinal);
        Assert.Contains("Bike shed light is out", page, StringComparison.Ordinal);
        Assert.Contains("Accepted by the front desk", page, StringComparison.Ordinal);
        Assert.All(personal, secret => Assert.DoesNotContain(secret, page, StringComparison.Ordinal));
        Assert.Contains("does not exist or is not yours", await client.GetStringAsync($"/requests/{filed.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_follower_can_never_cancel_approve_or_rate_someone_elses_request()
    {
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var neighbour = await factory.UserAsync(DemoData.NeighbourEmail);
        var filed = await factory.FilePublicAsync(resident, null, "Car park barrier");
        Assert.True((await Follow.FollowAsync(neighbour, filed.Id)).Succeeded);
        var stamp = await factory.StampAsync(resident, filed.Id);

        Assert.Null(await factory.Get<RequestQueries>().GetAsync(neighbour, filed.Id));
        Assert.Equal("NotFound", (await factory.Get<CancelRequest>().CancelAsync(neighbour, filed.Id, null, stamp)).ErrorCode);
        Assert.Equal("NotFound", (await factory.Get<QuoteDecisions>().ApproveAsync(neighbour, filed.Id, stamp)).ErrorCode);
        Assert.Equal("NotFound", (await factory.Get<RatingService>().RateAsync(neighbour, filed.Id, stamp, new RatingScores(1, 1, 1, 1, "Hijacked"))).ErrorCode);
        Assert.Equal(RequestStatus.Submitted, (await factory.Get<RequestQueries>().GetAsync(resident, filed.Id))!.Summary.Status);
    }

    [Fact]
    public async Task A_desk_change_to_a_followed_issue_reaches_the_follower_live_and_staff_see_how_many_are_affected()
    {
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var neighbour = await factory.UserAsync(DemoData.NeighbourEmail);
        var filed = await factory.FilePublicAsync(resident, null, "Rubbish room door");
        Assert.True((await Follow.FollowAsync(neighbour, filed.Id)).Succeeded);

        // What the follower's page subscribes to: changes of the request it shows.
        var heard = new TaskCompletionSource<RequestChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = factory.Get<IRequestFeed>().Subscribe(change =>
        {
            if (change.RequestId == filed.Id && change.Status == RequestStatus.Accepted)
            {
                heard.TrySetResult(change);
            }

            return Task.CompletedTask;
        });
        await factory.AcceptAsync(filed.Id);

        var change = await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(TimelineEvent.Accepted, change.Event);
        Assert.DoesNotContain("Wang Li", JsonSerializer.Serialize(change), StringComparison.Ordinal);
        var reloaded = await Issues.GetFollowedAsync(neighbour, filed.Id);
        Assert.Equal(RequestStatus.Accepted, reloaded!.Status);
        Assert.Equal(TimelineEvent.Accepted, reloaded.Timeline[^1].Event);

        var desk = await factory.UserAsync(DemoData.DeskEmail);
        Assert.Equal(1, (await factory.Get<BoardQueries>().CardsAsync(desk, new BoardFilter())).Single(c => c.Id == filed.Id).Followers);
        Assert.Equal(1, (await factory.Get<RequestQueries>().GetAsync(desk, filed.Id))!.Followers);
        Assert.Equal(1, (await factory.Get<RequestQueries>().GetAsync(resident, filed.Id))!.Followers);
    }
}
