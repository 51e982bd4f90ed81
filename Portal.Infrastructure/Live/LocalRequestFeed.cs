using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Portal.Infrastructure.Live;

/// <summary>Delivers changes to the subscribers of this process; the single-node default.</summary>
public sealed class LocalRequestFeed(ILogger<LocalRequestFeed> logger) : IRequestFeed
{
    private readonly ConcurrentDictionary<Guid, (Func<RequestChanged, Task> OnChange, Func<Task>? OnResync)> _subscribers = new();

    public int SubscriberCount => _subscribers.Count;

    public Task PublishAsync(RequestChanged change, CancellationToken ct = default) => DeliverAsync(change);

    public IDisposable Subscribe(Func<RequestChanged, Task> onChange, Func<Task>? onResync = null)
    {
        var id = Guid.NewGuid();
        _subscribers[id] = (onChange, onResync);
        return new Subscription(() => _subscribers.TryRemove(id, out _));
    }

    /// <summary>Hands a change to every subscriber at once; one failing subscriber harms no other.</summary>
    internal Task DeliverAsync(RequestChanged change) =>
        Task.WhenAll(_subscribers.Values.Select(s => Guard(() => s.OnChange(change))));

    internal Task DeliverResyncAsync() =>
        Task.WhenAll(_subscribers.Values.Where(s => s.OnResync is not null).Select(s => Guard(s.OnResync!)));

    private async Task Guard(Func<Task> deliver)
    {
        try
        {
            await deliver();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A live-update subscriber failed.");
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
