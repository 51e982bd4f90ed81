using Microsoft.Extensions.Logging.Abstractions;
using Portal.Domain.Requests;
using Portal.Infrastructure.Live;
using Portal.Tests.Support;
using StackExchange.Redis;

namespace Portal.Tests.Integration;

/// <summary>The Redis relay against a real redis-server, including losing it and getting it back.</summary>
public sealed class RedisFeedTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();

    public Task InitializeAsync() => _redis.InitializeAsync();

    public Task DisposeAsync() => _redis.DisposeAsync();

    private async Task<(RedisRequestFeed Feed, LocalRequestFeed Local, IConnectionMultiplexer Connection)> FeedAsync()
    {
        var options = ConfigurationOptions.Parse(_redis.ConnectionString);
        options.AbortOnConnectFail = false;
        options.ReconnectRetryPolicy = new LinearRetry(200);
        var connection = await ConnectionMultiplexer.ConnectAsync(options);
        var local = new LocalRequestFeed(NullLogger<LocalRequestFeed>.Instance);
        var feed = new RedisRequestFeed(local, connection, NullLogger<RedisRequestFeed>.Instance);
        await feed.StartAsync(default);
        return (feed, local, connection);
    }

    private static RequestChanged Change(int id) =>
        new(id, $"R261123-{id:0000}", 1, "resident", "tech", RequestStatus.Dispatched, Priority.High, TimelineEvent.Dispatched, DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_change_published_on_one_node_is_delivered_once_on_every_node()
    {
        var (a, _, ca) = await FeedAsync();
        var (b, _, cb) = await FeedAsync();
        var onA = new List<RequestChanged>();
        var onB = new List<RequestChanged>();
        using var sa = a.Subscribe(c => { lock (onA) { onA.Add(c); } return Task.CompletedTask; });
        using var sb = b.Subscribe(c => { lock (onB) { onB.Add(c); } return Task.CompletedTask; });

        await a.PublishAsync(Change(41));

        await WaitUntil(() => onA.Count == 1 && onB.Count == 1);
        await Task.Delay(200);
        Assert.Equal(Change(41) with { At = onB[0].At }, onB[0]);
        Assert.Single(onA);
        Assert.Single(onB);
        await ca.DisposeAsync();
        await cb.DisposeAsync();
    }

    [Fact]
    public async Task When_redis_comes_back_subscribers_are_told_to_resync()
    {
        var (feed, _, connection) = await FeedAsync();
        var resyncs = 0;
        using var subscription = feed.Subscribe(_ => Task.CompletedTask, () => { Interlocked.Increment(ref resyncs); return Task.CompletedTask; });

        await _redis.StopAsync();
        await WaitUntil(() => !connection.IsConnected);
        await _redis.StartAsync();
        await WaitUntil(() => Volatile.Read(ref resyncs) > 0, TimeSpan.FromSeconds(30));

        // And changes flow again afterwards.
        var seen = 0;
        using var again = feed.Subscribe(_ => { Interlocked.Increment(ref seen); return Task.CompletedTask; });
        await feed.PublishAsync(Change(42));
        await WaitUntil(() => Volatile.Read(ref seen) == 1);
        await connection.DisposeAsync();
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition was not met in time.");
            }

            await Task.Delay(50);
        }
    }
}
