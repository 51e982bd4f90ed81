using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Domain.Requests;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.Dispatch;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>/hubs/dispatch: authorized by the user's own cookie and scoped to what the user may see.</summary>
public sealed class HubTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Staff_of_the_estate_and_the_requests_own_resident_hear_of_it_and_nobody_else()
    {
        await using var desk = await HubListener.ConnectAsync(factory, await factory.CookieHeaderAsync(DemoData.DeskEmail));
        await using var owner = await HubListener.ConnectAsync(factory, await factory.CookieHeaderAsync(DemoData.ResidentEmail));
        await using var neighbour = await HubListener.ConnectAsync(factory, await factory.CookieHeaderAsync(DemoData.NeighbourEmail));

        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var filed = await factory.FileAsync(resident, await factory.DraftAsync(resident));
        var onBoard = await HubListener.WaitForAsync(desk.Board, c => c.Number == filed.Number);
        Assert.Equal(RequestStatus.Submitted, onBoard.Status);
        Assert.Equal(TimelineEvent.Submitted, onBoard.Event);
        await HubListener.WaitForAsync(owner.Mine, c => c.RequestId == filed.Id);

        await factory.AcceptAsync(filed.Id);
        await factory.DispatchToAsync(filed.Id);
        var dispatched = await HubListener.WaitForAsync(owner.Mine, c => c.RequestId == filed.Id && c.Status == RequestStatus.Dispatched);
        Assert.Equal(TimelineEvent.Dispatched, dispatched.Event);

        // The others have had every chance to hear by now.
        Assert.DoesNotContain(neighbour.Mine, c => c.RequestId == filed.Id);
        Assert.Empty(neighbour.Board);
        Assert.Empty(owner.Board);
    }

    [Fact]
    public async Task The_board_can_be_fetched_again_after_a_reconnect_and_only_by_staff()
    {
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var filed = await factory.FileAsync(resident, await factory.DraftAsync(resident));
        await using var desk = await HubListener.ConnectAsync(factory, await factory.CookieHeaderAsync(DemoData.DeskEmail));
        var cards = await desk.Connection.InvokeAsync<List<BoardCard>>("GetBoard");
        Assert.Contains(cards, c => c.Id == filed.Id);

        await using var owner = await HubListener.ConnectAsync(factory, await factory.CookieHeaderAsync(DemoData.ResidentEmail));
        Assert.Empty(await owner.Connection.InvokeAsync<List<BoardCard>>("GetBoard"));
    }

    [Fact]
    public async Task Without_a_cookie_the_hub_refuses_the_connection()
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => HubListener.ConnectAsync(factory, ""));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }
}

public sealed class UrgentRequestTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_emergency_goes_out_as_urgent_news_with_a_four_hour_deadline()
    {
        await using var desk = await HubListener.ConnectAsync(factory, await factory.CookieHeaderAsync(DemoData.DeskEmail));
        var resident = await factory.UserAsync(DemoData.ResidentEmail);
        var draft = await factory.DraftAsync(resident);
        draft.Urgent = true;
        var filed = await factory.FileAsync(resident, draft);

        var news = await HubListener.WaitForAsync(desk.Board, c => c.Number == filed.Number);
        Assert.True(news.IsUrgentNew);
        Assert.Equal(Priority.Urgent, news.Priority);
        var detail = (await factory.Get<Portal.Infrastructure.Requests.RequestQueries>().GetAsync(resident, filed.Id))!;
        Assert.Equal(TimeSpan.FromHours(4), detail.DueAt - detail.Summary.SubmittedAt);
    }
}
