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

    /// <summary>
    /// Hands a change to every subscriber and returns without waiting for them: a resident's filing
    /// must not wait for every open board to reload. Each handler is started in publish order (a
    /// page queues it on its own render thread), and one failing subscriber harms no other.
    /// </summary>
    internal Task DeliverAsync(RequestChanged change)
    {
        foreach (var subscriber in _subscribers.Values)
        {
            _ = Guard(() => subscriber.OnChange(change));
        }

        return Task.CompletedTask;
    }

    internal Task DeliverResyncAsync()
    {
        foreach (var subscriber in _subscribers.Values.Where(s => s.OnResync is not null))
        {
            _ = Guard(subscriber.OnResync!);
        }

        return Task.CompletedTask;
    }

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
