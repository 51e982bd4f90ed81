using Microsoft.Data.Sqlite;

namespace Portal.Bench.Hosting;

/// <summary>
/// Where the latency scenario files and where its boards listen: one app, or two app instances
/// (node A files, node B serves the boards) on their own loopback Kestrel ports, sharing one SQLite
/// file and photos folder and relaying changes through a real redis-server started here.
/// </summary>
public sealed class AppNodes : IAsyncDisposable
{
    private readonly string? _shared;

    private AppNodes(BenchApp filing, BenchApp boards, RedisProcess? redis, string? shared)
    {
        Filing = filing;
        Boards = boards;
        Redis = redis;
        _shared = shared;
    }

    /// <summary>Node A: the filing goes through its services.</summary>
    public BenchApp Filing { get; }

    /// <summary>Node B (or the same app on one node): the boards connect to its hub.</summary>
    public BenchApp Boards { get; }

    public RedisProcess? Redis { get; }

    public bool TwoNodes => !ReferenceEquals(Filing, Boards);

    public static async Task<AppNodes> StartAsync(bool twoNodes, CancellationToken ct)
    {
        if (!twoNodes)
        {
            var app = await Task.Run(() => BenchApp.Start(), ct);
            return new AppNodes(app, app, null, null);
        }

        var shared = Directory.CreateTempSubdirectory("portal-bench-two-nodes-").FullName;
        var redis = await RedisProcess.StartAsync(ct);
        BenchApp? a = null;
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(shared, "portal.db")}",
                ["Portal:Photos:RootPath"] = Path.Combine(shared, "photos"),
                ["ConnectionStrings:Redis"] = redis.ConnectionString,
            };

            // A first: it migrates and seeds the shared database; B then finds it ready.
            a = await Task.Run(() => BenchApp.Start(settings), ct);
            var b = await Task.Run(() => BenchApp.Start(settings), ct);
            return new AppNodes(a, b, redis, shared);
        }
        catch
        {
            if (a is not null)
            {
                await a.DisposeAsync();
            }

            await redis.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (TwoNodes)
        {
            await Boards.DisposeAsync();
        }

        await Filing.DisposeAsync();
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        if (_shared is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_shared, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
