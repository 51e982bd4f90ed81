using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Bench.Hosting;
using Portal.Bench.Stats;
using Portal.Domain.Requests;
using Portal.Web.Hubs;

namespace Portal.Bench.Scenarios;

public sealed record EchoFloorResult(
    Summary RoundTrip,
    Summary RoundTripMaxOverClients,
    Summary Broadcast,
    Summary BroadcastMaxOverClients,
    int Clients,
    int Rounds,
    int LostEchoes,
    int LostBroadcasts,
    WindowStats Window);

/// <summary>
/// The floor: the same number of real SignalR clients over WebSockets on loopback, in the same
/// process, against a bare hub on its own Kestrel port. Two figures at the same steady rate as the
/// filings: (1) echo round trip — every client invokes Echo("R261123-0042") at once each round;
/// (2) bare fan-out — the host sends one BoardChange-shaped message to all clients through
/// IHubContext, timed from the send returning (as file-to-board is timed from the filing returning)
/// to its arrival at each client.
/// </summary>
public sealed class SignalREchoFloor(BenchOptions options)
{
    private const string Method = "Board";

    public async Task<EchoFloorResult> RunAsync(CancellationToken ct)
    {
        await using var host = await EchoHost.StartAsync(ct);
        var url = new Uri(host.BaseAddress, EchoHub.Path);
        var clients = Enumerable.Range(0, options.Boards).Select(_ => HubClients.Build(url)).ToList();
        var arrivals = clients.Select(_ => new ConcurrentDictionary<int, long>()).ToList();
        for (var c = 0; c < clients.Count; c++)
        {
            var mine = arrivals[c];
            clients[c].On<BoardMessage>(Method, m => mine.TryAdd(m.RequestId, Stopwatch.GetTimestamp()));
        }

        try
        {
            await HubClients.StartAllAsync(clients, options.Timeout, ct);
            Log($"{clients.Count} clients connected at {host.BaseAddress}");

            await EchoRoundsAsync(clients, options.WarmUp, ct);
            var window = new ProcessWindow();
            var echo = await EchoRoundsAsync(clients, options.EchoRounds, ct);
            Log($"echo: {echo.Samples.Count} round trips, {echo.Lost} lost");

            await BroadcastAsync(host.Hub, arrivals, firstId: 1, options.WarmUp, ct);
            var broadcast = await BroadcastAsync(host.Hub, arrivals, firstId: 1_000_000, options.EchoRounds, ct);
            var stats = window.Stop();
            Log($"fan-out: {broadcast.Samples.Count} deliveries, {broadcast.Lost} lost; {stats}");

            return new EchoFloorResult(
                Percentiles.Of(echo.Samples),
                Percentiles.Of(echo.RoundMax),
                Percentiles.Of(broadcast.Samples),
                Percentiles.Of(broadcast.RoundMax),
                clients.Count,
                options.EchoRounds,
                echo.Lost,
                broadcast.Lost,
                stats);
        }
        finally
        {
            await HubClients.StopAllAsync(clients, options.Timeout);
        }
    }

    private sealed record Measured(List<double> Samples, List<double> RoundMax, int Lost);

    private async Task<Measured> EchoRoundsAsync(IReadOnlyList<HubConnection> clients, int rounds, CancellationToken ct)
    {
        var samples = new ConcurrentBag<double>();
        var roundMax = new ConcurrentBag<double>();
        var lost = 0;
        var tasks = await Pacing.RunAsync(rounds, options.Rate, async _ =>
        {
            var times = await Task.WhenAll(clients.Select(async client =>
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
                limit.CancelAfter(options.Timeout);
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await client.InvokeAsync<string>(nameof(EchoHub.Echo), "R261123-0042", limit.Token);
                    return Percentiles.Milliseconds(start, Stopwatch.GetTimestamp());
                }
                catch (Exception ex) when (ex is OperationCanceledException or HubException or InvalidOperationException)
                {
                    Interlocked.Increment(ref lost);
                    return double.NaN;
                }
            }));
            foreach (var t in times.Where(t => !double.IsNaN(t)))
            {
                samples.Add(t);
            }

            if (times.All(t => !double.IsNaN(t)))
            {
                roundMax.Add(times.Max());
            }
        }, ct);
        await Task.WhenAll(tasks);
        return new([.. samples], [.. roundMax], lost);
    }

    private async Task<Measured> BroadcastAsync(
        IHubContext<EchoHub> hub, IReadOnlyList<ConcurrentDictionary<int, long>> arrivals, int firstId, int rounds, CancellationToken ct)
    {
        var sent = new ConcurrentDictionary<int, long>();
        var tasks = await Pacing.RunAsync(rounds, options.Rate, async i =>
        {
            var id = firstId + i;
            var change = new BoardChange(id, $"R261123-{i:0000}", 1, RequestStatus.Submitted, Priority.Normal,
                TimelineEvent.Submitted, DateTimeOffset.UtcNow, false);
            await hub.Clients.All.SendAsync(Method, change, ct);
            sent[id] = Stopwatch.GetTimestamp();
        }, ct);
        await Task.WhenAll(tasks);

        var deadline = Stopwatch.GetTimestamp() + (long)(options.Timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline && !arrivals.All(a => sent.Keys.All(a.ContainsKey)))
        {
            await Task.Delay(100, ct);
        }

        var samples = new List<double>();
        var roundMax = new List<double>();
        var lost = 0;
        foreach (var (id, returned) in sent)
        {
            var worst = double.MinValue;
            var complete = true;
            foreach (var client in arrivals)
            {
                if (client.TryGetValue(id, out var arrived))
                {
                    var ms = Percentiles.Milliseconds(returned, arrived);
                    samples.Add(ms);
                    worst = Math.Max(worst, ms);
                }
                else
                {
                    lost++;
                    complete = false;
                }
            }

            if (complete)
            {
                roundMax.Add(worst);
            }
        }

        return new(samples, roundMax, lost);
    }

    private static void Log(string message) => Console.Error.WriteLine($"[echo-floor] {message}");
}
