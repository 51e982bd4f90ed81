using Bunit;
using Portal.Domain.Requests;
using Portal.Infrastructure.Dispatch;
using Portal.Web.Components.Pages.Board;

namespace Portal.Tests.Components;

public sealed class BoardTests() : PortalComponentContext("en")
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static BoardCard Card(int id, RequestStatus status, DateTimeOffset due, Priority priority = Priority.Normal, string? assignee = null, HoldReason? hold = null) => new(
        id, $"R261123-{id:0000}", status, priority, RepairCategory.Plumbing, Channel.Portal, Now.AddHours(-2), due,
        1, 3, "3", "1304", null, null, assignee, hold, "Kitchen tap dripping", "Asia/Shanghai", Guid.NewGuid());

    [Fact]
    public void A_card_shows_number_place_priority_assignee_and_time_left()
    {
        var card = Render<BoardCardView>(p => p
            .Add(x => x.Card, Card(7, RequestStatus.Dispatched, Now.AddHours(3).AddMinutes(5), Priority.High, "Liu Qiang"))
            .Add(x => x.Now, Now));

        var text = card.Find(".board-card").TextContent;
        Assert.Contains("R261123-0007", text, StringComparison.Ordinal);
        Assert.Contains("Building 3, unit 1304", text, StringComparison.Ordinal);
        Assert.Contains("High", text, StringComparison.Ordinal);
        Assert.Contains("Liu Qiang", text, StringComparison.Ordinal);
        Assert.Contains("2 h 00 min ago", text, StringComparison.Ordinal);
        Assert.Equal("3 h 05 min left", card.Find("[data-testid=due]").TextContent.Trim());
        Assert.Equal("false", card.Find(".board-card").GetAttribute("data-overdue"));
    }

    [Fact]
    public void An_overdue_card_is_unmistakable()
    {
        var card = Render<BoardCardView>(p => p
            .Add(x => x.Card, Card(8, RequestStatus.OnHold, Now.AddMinutes(-90), hold: HoldReason.AwaitingParts))
            .Add(x => x.Now, Now));

        var element = card.Find(".board-card");
        Assert.Equal("true", element.GetAttribute("data-overdue"));
        Assert.Contains("board-card-overdue", element.ClassName, StringComparison.Ordinal);
        Assert.Equal("Overdue by 1 h 30 min", card.Find("[data-testid=due]").TextContent.Trim());
        Assert.Contains("Waiting for parts", element.TextContent, StringComparison.Ordinal);
        Assert.Contains("Not assigned", element.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Clicking_a_card_opens_it()
    {
        BoardCard? opened = null;
        var card = Render<BoardCardView>(p => p
            .Add(x => x.Card, Card(9, RequestStatus.Submitted, Now.AddHours(70)))
            .Add(x => x.Now, Now)
            .Add(x => x.OnOpen, c => opened = c));

        card.Find(".board-card").Click();

        Assert.Equal(9, opened?.Id);
    }

    [Fact]
    public void A_lane_counts_its_cards_and_says_when_it_is_empty()
    {
        var lane = Render<BoardLaneView>(p => p
            .Add(x => x.Lane, BoardLane.Waiting)
            .Add(x => x.Cards, [Card(1, RequestStatus.OnHold, Now.AddHours(1)), Card(2, RequestStatus.OnHold, Now.AddHours(2))])
            .Add(x => x.Now, Now));
        Assert.Equal("2", lane.Find("[data-testid=lane-count]").TextContent.Trim());
        Assert.Contains("Waiting", lane.Find(".board-lane-head").TextContent, StringComparison.Ordinal);
        Assert.Equal(2, lane.FindAll(".board-card").Count);

        var empty = Render<BoardLaneView>(p => p.Add(x => x.Lane, BoardLane.New).Add(x => x.Cards, []).Add(x => x.Now, Now));
        Assert.Equal("0", empty.Find("[data-testid=lane-count]").TextContent.Trim());
        Assert.Equal("Nothing here", empty.Find(".board-lane-empty").TextContent.Trim());
    }

    [Theory]
    [InlineData(RequestStatus.Submitted, BoardLane.New)]
    [InlineData(RequestStatus.Accepted, BoardLane.Accepted)]
    [InlineData(RequestStatus.Reopened, BoardLane.Accepted)]
    [InlineData(RequestStatus.Dispatched, BoardLane.Dispatched)]
    [InlineData(RequestStatus.InProgress, BoardLane.InProgress)]
    [InlineData(RequestStatus.OnHold, BoardLane.Waiting)]
    [InlineData(RequestStatus.Completed, BoardLane.AwaitingFollowUp)]
    public void Every_open_status_has_its_lane(RequestStatus status, BoardLane lane) => Assert.Equal(lane, BoardLanes.LaneOf(status));
}
