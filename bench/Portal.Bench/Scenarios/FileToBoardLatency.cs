using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Portal.Bench.Hosting;
using Portal.Bench.Stats;
using Portal.Domain.Requests;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Requests;
using Portal.Web.Hubs;

namespace Portal.Bench.Scenarios;

/// <summary>What a board client reads of a <see cref="BoardChange"/>; other fields are ignored.</summary>
public sealed record BoardMessage(int RequestId, string Number, RequestStatus Status, TimelineEvent Event);

public sealed record FileToBoardResult(
    Summary PerBoard,
    Summary MaxOverBoards,
    Summary PerBoardFromCallStart,
    Summary PerBoardFromPublish,
    Summary FilingCall,
    Summary FilingBeforePublish,
    Summary FilingPublish,
    int Requests,
    int Boards,
    int FailedFilings,
    int LostDeliveries,
    int RequestsNotOnEveryBoard,
    int ArrivedBeforeReturn,
    TimeSpan Elapsed,
    WindowStats Window);

/// <summary>
/// File-to-board latency. N staff boards (real SignalR clients of /hubs/dispatch, signed in as the
/// demo desk account) listen; M repairs are filed at a steady rate through the app's own
/// <see cref="FileRepairRequest"/> use case, resolved from the running app's services with the demo
/// resident, exactly what the filing page calls. For each request: the time from the filing call
/// returning to its <c>BoardChanged</c> message arriving at every board.
/// </summary>
/// <para>With <c>twoNodes</c>, the boards connect to node B and the filing goes through node A; the
/// two share one SQLite file and a real redis-server (see <see cref="AppNodes"/>).</para>
public sealed class FileToBoardLatency(BenchOptions options, bool twoNodes = false)
{
    private sealed class Board(HubConnection connection)
    {
        public HubConnection Connection { get; } = connection;

        /// <summary>Stopwatch timestamp of the first Submitted change per request number.</summary>
        public ConcurrentDictionary<string, long> Arrivals { get; } = new(StringComparer.Ordinal);
    }

    private sealed record Filing(string Number, long CallStart, long Returned);

    public async Task<FileToBoardResult> RunAsync(CancellationToken ct)
    {
        var runClock = Stopwatch.StartNew();
        Log($"starting {(twoNodes ? "two nodes and redis-server" : "the app")} ({options.Boards} boards, {options.Requests} requests at {options.Rate}/s)");
        await using var nodes = await AppNodes.StartAsync(twoNodes, ct);
        var app = nodes.Filing;
        var cookies = await nodes.Boards.SignInAsync(DemoData.DeskEmail, DemoData.Password, ct);
        var resident = await app.UserAsync(DemoData.ResidentEmail);
        HomeView home;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            home = (await scope.ServiceProvider.GetRequiredService<ResidentHomes>().ListAsync(resident, ct))[0];
        }

        var boards = Enumerable.Range(0, options.Boards)
            .Select(_ => new Board(HubClients.Build(new Uri(nodes.Boards.BaseAddress, DispatchHub.Path), cookies)))
            .ToList();
        foreach (var board in boards)
        {
            board.Connection.On<BoardMessage>(nameof(IDispatchClient.BoardChanged), change =>
            {
                var now = Stopwatch.GetTimestamp();
                if (change.Event == TimelineEvent.Submitted)
                {
                    board.Arrivals.TryAdd(change.Number, now);
                }
            });
        }

        try
        {
            await HubClients.StartAllAsync(boards.Select(b => b.Connection), options.Timeout, ct);
            Log($"{boards.Count} boards connected at {nodes.Boards.BaseAddress}; filing through {app.BaseAddress}");

            var warmUp = await FileAtRateAsync(app, resident, home, options.WarmUp, ct);
            await WaitForDeliveriesAsync(boards, warmUp.Filings, ct);
            Log($"warm-up: {warmUp.Filings.Count} filed");

            var window = new ProcessWindow();
            var measured = await FileAtRateAsync(app, resident, home, options.Requests, ct);
            await WaitForDeliveriesAsync(boards, measured.Filings, ct);
            var stats = window.Stop();
            Log($"measured: {measured.Filings.Count} filed, {measured.Failed} failed; {stats}");
            return Evaluate(boards, measured.Filings, measured.Failed, app.FeedTimings, runClock.Elapsed, stats);
        }
        finally
        {
            await HubClients.StopAllAsync(boards.Select(b => b.Connection), options.Timeout);
        }
    }

    private async Task<(List<Filing> Filings, int Failed)> FileAtRateAsync(
        BenchApp app, CurrentUser resident, HomeView home, int count, CancellationToken ct)
    {
        var filings = new ConcurrentBag<Filing>();
        var failed = 0;
        var tasks = await Pacing.RunAsync(count, options.Rate, async _ =>
        {
            try
            {
                await using var scope = app.Services.CreateAsyncScope();
                var useCase = scope.ServiceProvider.GetRequiredService<FileRepairRequest>();
                var draft = new RepairDraft
                {
                    Category = RepairCategory.AirConditioning,
                    UnitId = home.UnitId,
                    EstateId = home.EstateId,
                    Description = "Bedroom air-conditioner is leaking water",
                    ContactName = resident.DisplayName,
                    ContactPhone = "13800138000",
                    PhotoIds = [],
                };
                var callStart = Stopwatch.GetTimestamp();
                var (outcome, errors) = await useCase.FileAsync(resident, draft, ct);
                var returned = Stopwatch.GetTimestamp();
                if (outcome.Succeeded && errors.Count == 0)
                {
                    filings.Add(new Filing(outcome.Value!.Number, callStart, returned));
                }
                else
                {
                    Interlocked.Increment(ref failed);
                    Log($"filing failed: {outcome.ErrorCode} {string.Join(", ", errors.Select(e => e.ToString()))}");
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref failed);
                Log($"filing threw: {ex.GetType().Name}: {ex.Message}");
            }
        }, ct);

        // A filing that never returns must not hang the run.
        var all = Task.WhenAll(tasks);
        if (await Task.WhenAny(all, Task.Delay(options.Timeout * 3, ct)) != all)
        {
            Log("some filings did not return in time; counted as failed");
            failed += tasks.Count(t => !t.IsCompleted);
        }

        return ([.. filings], failed);
    }

    /// <summary>Until every board has every request, or the timeout after the last filing returned.</summary>
    private async Task WaitForDeliveriesAsync(IReadOnlyList<Board> boards, IReadOnlyList<Filing> filings, CancellationToken ct)
    {
        if (filings.Count == 0)
        {
            return;
        }

        var deadline = filings.Max(f => f.Returned) + (long)(options.Timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (boards.All(b => filings.All(f => b.Arrivals.ContainsKey(f.Number))))
            {
                return;
            }

            await Task.Delay(100, ct);
        }
    }

    private FileToBoardResult Evaluate(
        IReadOnlyList<Board> boards, IReadOnlyList<Filing> filings, int failed, FeedTimings feed, TimeSpan elapsed, WindowStats window)
    {
        var timeoutMs = options.Timeout.TotalMilliseconds;
        var perBoard = new List<double>(boards.Count * filings.Count);
        var fromCallStart = new List<double>(boards.Count * filings.Count);
        var fromPublish = new List<double>(boards.Count * filings.Count);
        var maxOverBoards = new List<double>(filings.Count);
        int lost = 0, incomplete = 0, early = 0;
        foreach (var filing in filings)
        {
            var worst = double.MinValue;
            var complete = true;
            foreach (var board in boards)
            {
                if (!board.Arrivals.TryGetValue(filing.Number, out var arrived)
                    || Percentiles.Milliseconds(filing.Returned, arrived) > timeoutMs)
                {
                    lost++;
                    complete = false;
                    continue;
                }

                var ms = Percentiles.Milliseconds(filing.Returned, arrived);
                if (ms < 0)
                {
                    early++;
                }

                perBoard.Add(ms);
                fromCallStart.Add(Percentiles.Milliseconds(filing.CallStart, arrived));
                if (feed.Publishes.TryGetValue(filing.Number, out var published))
                {
                    fromPublish.Add(Percentiles.Milliseconds(published.Start, arrived));
                }

                worst = Math.Max(worst, ms);
            }

            if (complete)
            {
                maxOverBoards.Add(worst);
            }
            else
            {
                incomplete++;
            }
        }

        return new FileToBoardResult(
            Percentiles.Of(perBoard),
            Percentiles.Of(maxOverBoards),
            Percentiles.Of(fromCallStart),
            Percentiles.Of(fromPublish),
            Percentiles.Of(filings.Select(f => Percentiles.Milliseconds(f.CallStart, f.Returned))),
            Percentiles.Of(filings.Where(f => feed.Publishes.ContainsKey(f.Number))
                .Select(f => Percentiles.Milliseconds(f.CallStart, feed.Publishes[f.Number].Start))),
            Percentiles.Of(filings.Where(f => feed.Publishes.ContainsKey(f.Number))
                .Select(f => Percentiles.Milliseconds(feed.Publishes[f.Number].Start, feed.Publishes[f.Number].End))),
            filings.Count + failed,
            boards.Count,
            failed,
            lost,
            incomplete,
            early,
            elapsed,
            window);
    }

    private void Log(string message) => Console.Error.WriteLine($"[file-to-board{(twoNodes ? ", two nodes" : "")}] {message}");
}
