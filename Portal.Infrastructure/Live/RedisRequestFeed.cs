using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Portal.Infrastructure.Live;

/// <summary>
/// The feed across several nodes: a change is published on a Redis channel and every node,
/// the publishing one included, delivers it to its own subscribers. When the link to Redis comes
/// back after a drop, subscribers are told to resync, since changes may have been missed.
/// </summary>
public sealed class RedisRequestFeed(LocalRequestFeed local, IConnectionMultiplexer redis, ILogger<RedisRequestFeed> logger)
    : IRequestFeed, IHostedService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("portal:request-changes");

    public async Task PublishAsync(RequestChanged change, CancellationToken ct = default)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(change, JsonSerializerOptions.Web));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The change is saved; this node's own pages still hear of it, the others will resync.
            logger.LogWarning(ex, "Redis unavailable; change {Number} delivered on this node only.", change.Number);
            await local.DeliverAsync(change);
        }
    }

    public IDisposable Subscribe(Func<RequestChanged, Task> onChange, Func<Task>? onResync = null) => local.Subscribe(onChange, onResync);

    private int _subscribed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored += OnConnectionRestored;
        await TrySubscribeAsync();
    }

    // A node may start while Redis is down: it serves its own pages and subscribes once Redis is back.
    private async Task TrySubscribeAsync()
    {
        if (Volatile.Read(ref _subscribed) == 1)
        {
            return;
        }

        try
        {
            var queue = await redis.GetSubscriber().SubscribeAsync(Channel);
            if (Interlocked.Exchange(ref _subscribed, 1) == 1)
            {
                return;
            }

            queue.OnMessage(async message =>
            {
                var change = JsonSerializer.Deserialize<RequestChanged>(message.Message.ToString(), JsonSerializerOptions.Web);
                if (change is not null)
                {
                    await local.DeliverAsync(change);
                }
            });
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Redis unavailable at start; live updates stay on this node until it is back.");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored -= OnConnectionRestored;
        await redis.GetSubscriber().UnsubscribeAsync(Channel);
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        _ = TrySubscribeAsync();
        _ = local.DeliverResyncAsync();
    }
}
