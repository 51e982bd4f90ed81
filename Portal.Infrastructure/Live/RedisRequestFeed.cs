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
        catch (RedisException ex)
        {
            // The change is saved; this node's own pages still hear of it, the others will resync.
            logger.LogWarning(ex, "Redis unavailable; change {Number} delivered on this node only.", change.Number);
            await local.DeliverAsync(change);
        }
    }

    public IDisposable Subscribe(Func<RequestChanged, Task> onChange, Func<Task>? onResync = null) => local.Subscribe(onChange, onResync);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var queue = await redis.GetSubscriber().SubscribeAsync(Channel);
        queue.OnMessage(async message =>
        {
            var change = JsonSerializer.Deserialize<RequestChanged>(message.Message.ToString(), JsonSerializerOptions.Web);
            if (change is not null)
            {
                await local.DeliverAsync(change);
            }
        });
        redis.ConnectionRestored += OnConnectionRestored;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored -= OnConnectionRestored;
        await redis.GetSubscriber().UnsubscribeAsync(Channel);
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => _ = local.DeliverResyncAsync();
}
