using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Portal.Bench.Scenarios;
using Portal.Bench.Stats;

namespace Portal.Bench.Reports;

/// <summary>The "latency" command: file-to-board and its floor, several runs, one Markdown report.</summary>
public static class LatencyReport
{
    private const double TargetP95 = 100;
    private const double TargetP99 = 250;

    private sealed record Run(FileToBoardResult Latency, EchoFloorResult Floor);

    private sealed record Figure(string Name, Func<Run, Summary> Select, Func<Run, string> Lost, bool Judged = false);

    private static readonly Figure[] Figures =
    [
        new("File-to-board, each board delivery", r => r.Latency.PerBoard, r => $"{r.Latency.LostDeliveries} deliveries", Judged: true),
        new("File-to-board, max over boards per request", r => r.Latency.MaxOverBoards, r => $"{r.Latency.RequestsNotOnEveryBoard} requests", Judged: true),
        new("Filing call start → board, each delivery", r => r.Latency.PerBoardFromCallStart, r => $"{r.Latency.LostDeliveries} deliveries"),
        new("Saved (feed publish start) → board, each delivery", r => r.Latency.PerBoardFromPublish, r => "—"),
        new("Filing call (FileAsync) itself", r => r.Latency.FilingCall, r => $"{r.Latency.FailedFilings} failed"),
        new("… of which before the publish (queries, number, save)", r => r.Latency.FilingBeforePublish, r => "—"),
        new("… of which the awaited publish (hub fan-out)", r => r.Latency.FilingPublish, r => "—"),
        new("Floor: echo round trip, each call", r => r.Floor.RoundTrip, r => $"{r.Floor.LostEchoes} calls"),
        new("Floor: echo round trip, max over clients per round", r => r.Floor.RoundTripMaxOverClients, r => "—"),
        new("Floor: bare fan-out one way, each client", r => r.Floor.Broadcast, r => $"{r.Floor.LostBroadcasts} deliveries"),
        new("Floor: bare fan-out one way, max over clients", r => r.Floor.BroadcastMaxOverClients, r => "—"),
    ];

    public static async Task RunAsync(BenchOptions options, CancellationToken ct)
    {
        var runs = new List<Run>();
        for (var i = 1; i <= options.Runs; i++)
        {
            Console.Error.WriteLine($"=== run {i} of {options.Runs} ===");
            var latency = await new FileToBoardLatency(options).RunAsync(ct);
            var floor = await new SignalREchoFloor(options).RunAsync(ct);
            runs.Add(new Run(latency, floor));
        }

        Console.Out.Write(Render(options, runs));
    }

    private static string Render(BenchOptions options, IReadOnlyList<Run> runs)
    {
        var md = new StringBuilder();
        md.AppendLine("# File-to-board latency");
        md.AppendLine();
        md.AppendLine(Inv($"- {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} logical CPUs; {RuntimeInformation.OSDescription}; .NET {Environment.Version}; server GC: {System.Runtime.GCSettings.IsServerGC}"));
        md.AppendLine(Inv($"- {options.Boards} boards: real SignalR clients of /hubs/dispatch over WebSockets on loopback, signed in as desk@portal.demo (one shared cookie); not Blazor circuits"));
        md.AppendLine(Inv($"- {options.Requests} requests per run at {options.Rate}/s after {options.WarmUp} warm-up ones, filed in-process through the app's FileRepairRequest use case as resident@portal.demo"));
        md.AppendLine(Inv($"- Latency = BoardChanged arrival at a board − FileAsync returning; lost after {options.Timeout.TotalSeconds:0} s"));
        md.AppendLine("- The app's IRequestFeed is wrapped in a pass-through timer (publish start/end) for the breakdown rows");
        md.AppendLine(Inv($"- Floor: the same number of clients against a bare hub on its own Kestrel port in the same process, {options.EchoRounds} rounds at {options.Rate}/s"));
        md.AppendLine(Inv($"- {runs.Count} runs, each on a fresh app and database; times in ms; percentiles by nearest rank"));
        md.AppendLine();

        md.AppendLine("## Each run");
        md.AppendLine();
        md.AppendLine("| Run | Figure | n | p50 | p95 | p99 | max | lost |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---|");
        for (var i = 0; i < runs.Count; i++)
        {
            foreach (var figure in Figures)
            {
                var s = figure.Select(runs[i]);
                md.AppendLine(Inv($"| {i + 1} | {figure.Name} | {s.Count} | {Ms(s.P50)} | {Ms(s.P95)} | {Ms(s.P99)} | {Ms(s.Max)} | {figure.Lost(runs[i])} |"));
            }

            var l = runs[i].Latency;
            md.AppendLine(Inv($"| {i + 1} | Deliveries that arrived before FileAsync returned | {l.ArrivedBeforeReturn} | | | | | |"));
            md.AppendLine(Inv($"| {i + 1} | Wall time of the latency scenario (s) | | | | | {l.Elapsed.TotalSeconds:0.0} | |"));
            md.AppendLine(Inv($"| {i + 1} | Process during file-to-board: {l.Window} | | | | | | |"));
            md.AppendLine(Inv($"| {i + 1} | Process during the floor: {runs[i].Floor.Window} | | | | | | |"));
        }

        md.AppendLine();
        md.AppendLine(Inv($"## Summary: median of {runs.Count} runs (min–max)"));
        md.AppendLine();
        md.AppendLine(Inv($"| Figure | p50 | p95 | p99 | max | Target | Met |"));
        md.AppendLine("|---|---:|---:|---:|---:|---|---|");
        foreach (var figure in Figures)
        {
            var s = runs.Select(figure.Select).ToList();
            var verdict = "";
            var target = "";
            if (figure.Judged)
            {
                var p95 = Percentiles.Median(s.Select(x => x.P95));
                var p99 = Percentiles.Median(s.Select(x => x.P99));
                target = Inv($"p95 ≤ {TargetP95:0}, p99 ≤ {TargetP99:0}");
                verdict = (p95 <= TargetP95, p99 <= TargetP99) switch
                {
                    (true, true) => "met",
                    (false, true) => "missed (p95)",
                    (true, false) => "missed (p99)",
                    _ => "missed (p95 and p99)",
                };
            }

            md.AppendLine($"| {figure.Name} | {Spread(s, x => x.P50)} | {Spread(s, x => x.P95)} | {Spread(s, x => x.P99)} | {Spread(s, x => x.Max)} | {target} | {verdict} |");
        }

        md.AppendLine();
        md.AppendLine("| Ratio | median (min–max) |");
        md.AppendLine("|---|---:|");
        md.AppendLine($"| p95(file-to-board, each delivery) / p95(echo round trip, each call) | {Ratio(runs, r => r.Latency.PerBoard.P95 / r.Floor.RoundTrip.P95)} |");
        md.AppendLine($"| p95(file-to-board, max over boards) / p95(echo round trip, max over clients) | {Ratio(runs, r => r.Latency.MaxOverBoards.P95 / r.Floor.RoundTripMaxOverClients.P95)} |");
        md.AppendLine($"| p95(file-to-board, each delivery) / p95(bare fan-out, each client) | {Ratio(runs, r => r.Latency.PerBoard.P95 / r.Floor.Broadcast.P95)} |");
        md.AppendLine();
        md.AppendLine("| Count | per run |");
        md.AppendLine("|---|---|");
        md.AppendLine($"| Failed filings | {string.Join(", ", runs.Select(r => r.Latency.FailedFilings))} |");
        md.AppendLine($"| Lost board deliveries (> {options.Timeout.TotalSeconds:0} s or never) | {string.Join(", ", runs.Select(r => r.Latency.LostDeliveries))} |");
        md.AppendLine($"| Requests not on every board | {string.Join(", ", runs.Select(r => r.Latency.RequestsNotOnEveryBoard))} |");
        md.AppendLine($"| Lost echo calls / fan-out deliveries | {string.Join(", ", runs.Select(r => $"{r.Floor.LostEchoes}/{r.Floor.LostBroadcasts}"))} |");
        return md.ToString();
    }

    private static string Spread(IReadOnlyList<Summary> runs, Func<Summary, double> figure)
    {
        var values = runs.Select(figure).Where(v => !double.IsNaN(v)).ToList();
        return values.Count == 0
            ? "—"
            : $"{Ms(Percentiles.Median(values))} ({Ms(values.Min())}–{Ms(values.Max())})";
    }

    private static string Ratio(IReadOnlyList<Run> runs, Func<Run, double> ratio)
    {
        var values = runs.Select(ratio).Where(v => double.IsFinite(v)).ToList();
        return values.Count == 0
            ? "—"
            : Inv($"{Percentiles.Median(values):0.0}× ({values.Min():0.0}–{values.Max():0.0})");
    }

    private static string Ms(double value) => double.IsNaN(value) ? "—" : value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
