using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Requests;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.Live;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// Two instances of the app on loopback, one shared database and a real redis-server between
/// them: a change made through node A reaches what node B serves.
/// </summary>
public sealed class TwoNodeTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private readonly string _shared = Directory.CreateTempSubdirectory("portal-two-nodes-").FullName;
    private PortalFactory _a = default!;
    private PortalFactory _b = default!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _a = Node();
        _a.StartOnLoopbackPort(); // migrates and seeds the shared database first
        _b = Node();
        _b.StartOnLoopbackPort();
    }

    private PortalFactory Node()
    {
        var node = new PortalFactory();
        node.Settings["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(_shared, "portal.db")}";
        node.Settings["Portal:Photos:RootPath"] = Path.Combine(_shared, "photos");
        node.Settings["ConnectionStrings:Redis"] = _redis.ConnectionString;
        return node;
    }

    private static string Address(PortalFactory node) => node.KestrelAddress!.ToString();

    [Fact]
    public async Task A_repair_filed_and_dispatched_on_node_A_reaches_node_Bs_board_and_hub_clients()
    {
        var seenOnB = new ConcurrentQueue<RequestChanged>();
        using var subscription = _b.Services.GetRequiredService<IRequestFeed>().Subscribe(c =>
        {
            seenOnB.Enqueue(c);
            return Task.CompletedTask;
        });

        // Signed in on node A; the same cookie works on node B (shared data-protection key ring).
        var cookies = new CookieContainer();
        var header = await _a.CookieHeaderAsync(DemoData.DeskEmail);
        cookies.SetCookies(new Uri(Address(_b)), header);
        await using var boardOnB = await HubListener.ConnectAsync(Address(_b), cookies);

        var resident = await _a.UserAsync(DemoData.ResidentEmail);
        var filed = await _a.FileAsync(resident, await _a.DraftAsync(resident));

        await HubListener.WaitForAsync(seenOnB, c => c.RequestId == filed.Id && c.Status == RequestStatus.Submitted);
        var onHub = await HubListener.WaitForAsync(boardOnB.Board, c => c.Number == filed.Number);
        Assert.Equal(RequestStatus.Submitted, onHub.Status);

        await _a.AcceptAsync(filed.Id);
        await _a.DispatchToAsync(filed.Id);
        await HubListener.WaitForAsync(boardOnB.Board, c => c.Number == filed.Number && c.Status == RequestStatus.Dispatched);
        await HubListener.WaitForAsync(seenOnB, c => c.RequestId == filed.Id && c.Status == RequestStatus.Dispatched);

        // Each change arrives once per node, not once per node that relayed it.
        await Task.Delay(300);
        Assert.Single(boardOnB.Board, c => c.Number == filed.Number && c.Status == RequestStatus.Submitted);
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        await _redis.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_shared, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
