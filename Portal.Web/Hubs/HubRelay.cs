using Microsoft.AspNetCore.SignalR;
using Portal.Infrastructure.Live;

namespace Portal.Web.Hubs;

/// <summary>
/// Forwards this node's feed to this node's hub connections. Every node receives every change
/// through the feed (Redis between nodes), so no SignalR backplane is needed on top of it.
/// </summary>
internal sealed class HubRelay(IRequestFeed feed, IHubContext<DispatchHub, IDispatchClient> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.Subscribe(ForwardAsync, () => hub.Clients.All.Resync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private Task ForwardAsync(RequestChanged c) => Task.WhenAll(
        hub.Clients.Group(DispatchHub.EstateGroup(c.EstateId))
            .BoardChanged(new BoardChange(c.RequestId, c.Number, c.EstateId, c.Status, c.Priority, c.Event, c.At, c.IsUrgentNew)),
        hub.Clients.Group(DispatchHub.UserGroup(c.ResidentId))
            .MyRequestChanged(new MyRequestChange(c.RequestId, c.Number, c.Status, c.Event, c.At)));
}
