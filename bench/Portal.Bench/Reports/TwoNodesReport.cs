using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Portal.Bench.Scenarios;
using Portal.Bench.Stats;

namespace Portal.Bench.Reports;

/// <summary>
/// The "two-nodes" command: file-to-board with the boards on node B and the filing through node A
/// (shared SQLite file, real redis-server), and the single-node scenario with the same parameters in
/// the same invocation, alternating run by run, for the added cost.
/// </summary>
public static class TwoNodesReport
{
    private const double TargetP95 = 100;
    private const double TargetP99 = 250;

    private sealed record Run(FileToBoardResult Single, FileToBoardResult Two);

    private sealed record Figure(string Name, Func<FileToBoardResult, Summary> Select, bool Judged = false);

    private static readonly Figure[] Figures =
    [
        new("File-to-board, each board delivery", r => r.PerBoard, Judged: true),
        new("File-to-board, max over boards per request", r => r.MaxOverBoards, Judged: true),
        new("Filing call start → board, each delivery", r => r.PerBoardFromCallStart),
        new("Feed publish start → board, each delivery", r => r.PerBoardFromPublish),
        new("Filing call (FileAsync) itself", r => r.FilingCall),
        new("… of which before the publish (queries, number, save)", r => r.FilingBeforePublish),
        new("… of which the awaited publish", r => r.FilingPublish),
    ];

    public static async Task RunAsync(BenchOptions options, CancellationToken ct)
    {
        var runs = new List<Run>();
        for (var i = 1; i <= options.Runs; i++)
        {
            Console.Error.WriteLine($"=== two-nodes run {i} of {options.Runs} ===");
            var single = await new FileToBoardLatency(options).RunAsync(ct);
            var two = await new FileToBoardLatency(options, twoNodes: true).RunAsync(ct);
            runs.Add(new Run(single, two));
        }

        Console.Out.Write(Render(options, runs));
    }

    private static string Render(BenchOptions options, IReadOnlyList<Run> runs)
    {
        var md = new StringBuilder();
        md.AppendLine("# Two nodes: file-to-board through Redis");
        md.AppendLine();
        md.AppendLine(Inv($"- {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} logical CPUs; {RuntimeInformation.OSDescription}; .NET {Environment.Version}; server GC: {System.Runtime.GCSettings.IsServerGC}"));
        md.AppendLine(Inv($"- Two nodes: two instances of the app in this process on their own loopback Kestrel ports, one shared SQLite file, a real redis-server on a free loopback port (ConnectionStrings:Redis on both); {options.Boards} boards on node B's /hubs/dispatch, filing through node A's FileRepairRequest"));
        md.AppendLine(Inv($"- Single node: the latency scenario with the same parameters, run before each two-node run"));
        md.AppendLine(Inv($"- {options.Requests} requests per run at {options.Rate}/s after {options.WarmUp} warm-up ones; lost after {options.Timeout.TotalSeconds:0} s; {runs.Count} runs; times in ms"));
        md.AppendLine();
        md.AppendLine("## Each run");
        md.AppendLine();
        md.AppendLine("| Run | Setup | Figure | n | p50 | p95 | p99 | max |");
        md.AppendLine("|---|---|---|---:|---:|---:|---:|---:|");
        for (var i = 0; i < runs.Count; i++)
        {
            foreach (var (setup, result) in new[] { ("single", runs[i].Single), ("two nodes", runs[i].Two) })
            {
                foreach (var figure in Figures)
                {
                    var s = figure.Select(result);
                    md.AppendLine(Inv($"| {i + 1} | {setup} | {figure.Name} | {s.Count} | {Ms(s.P50)} | {Ms(s.P95)} | {Ms(s.P99)} | {Ms(s.Max)} |"));
                }

                md.AppendLine(Inv($"| {i + 1} | {setup} | Failed filings / lost deliveries / requests not on every board / arrived before FileAsync returned | {result.FailedFilings} / {result.LostDeliveries} / {result.RequestsNotOnEveryBoard} / {result.ArrivedBeforeReturn} | | | | |"));
                md.AppendLine(Inv($"| {i + 1} | {setup} | Wall time (s); process window: {result.Window} | | | | | {result.Elapsed.TotalSeconds:0.0} |"));
            }
        }

        md.AppendLine();
        md.AppendLine(Inv($"## Summary: median of {runs.Count} runs (min–max)"));
        md.AppendLine();
        md.AppendLine("| Figure | Setup | p50 | p95 | p99 | max | Target | Met |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---|---|");
        foreach (var figure in Figures)
        {
            foreach (var (setup, select) in new (string, Func<Run, FileToBoardResult>)[] { ("single", r => r.Single), ("two nodes", r => r.Two) })
            {
                var s = runs.Select(r => figure.Select(select(r))).ToList();
                var (target, verdict) = ("", "");
                if (figure.Judged)
                {
                    var p95 = Percentiles.Median(s.Select(x => x.P95));
                    var p99 = Percentiles.Median(s.Select(x => x.P99));
                    target = Inv($"p95 ≤ {TargetP95:0}, p99 ≤ {TargetP99:0}");
                    verdict = p95 <= TargetP95 && p99 <= TargetP99 ? "met" : "missed";
                }

                md.AppendLine($"| {figure.Name} | {setup} | {Spread(s, x => x.P50)} | {Spread(s, x => x.P95)} | {Spread(s, x => x.P99)} | {Spread(s, x => x.Max)} | {target} | {verdict} |");
            }
        }

        md.AppendLine();
        md.AppendLine("## Added cost of the second node (two nodes − single node, per run; median (min–max), ms)");
        md.AppendLine();
        md.AppendLine("| Figure | p50 | p95 | p99 |");
        md.AppendLine("|---|---:|---:|---:|");
        foreach (var figure in Figures.Take(5))
        {
            md.AppendLine($"| {figure.Name} | {Delta(runs, figure, x => x.P50)} | {Delta(runs, figure, x => x.P95)} | {Delta(runs, figure, x => x.P99)} |");
        }

        md.AppendLine();
        md.AppendLine("| Count | single node, per run | two nodes, per run |");
        md.AppendLine("|---|---|---|");
        md.AppendLine($"| Failed filings | {string.Join(", ", runs.Select(r => r.Single.FailedFilings))} | {string.Join(", ", runs.Select(r => r.Two.FailedFilings))} |");
        md.AppendLine($"| Lost board deliveries | {string.Join(", ", runs.Select(r => r.Single.LostDeliveries))} | {string.Join(", ", runs.Select(r => r.Two.LostDeliveries))} |");
        md.AppendLine($"| Requests not on every board | {string.Join(", ", runs.Select(r => r.Single.RequestsNotOnEveryBoard))} | {string.Join(", ", runs.Select(r => r.Two.RequestsNotOnEveryBoard))} |");
        md.AppendLine($"| Deliveries before FileAsync returned | {string.Join(", ", runs.Select(r => r.Single.ArrivedBeforeReturn))} | {string.Join(", ", runs.Select(r => r.Two.ArrivedBeforeReturn))} |");
        return md.ToString();
    }

    private static string Delta(IReadOnlyList<Run> runs, Figure figure, Func<Summary, double> value)
    {
        var deltas = runs.Select(r => value(figure.Select(r.Two)) - value(figure.Select(r.Single))).Where(double.IsFinite).ToList();
        return deltas.Count == 0 ? "—" : $"{Signed(Percentiles.Median(deltas))} ({Signed(deltas.Min())} to {Signed(deltas.Max())})";
    }

    private static string Spread(IReadOnlyList<Summary> runs, Func<Summary, double> figure)
    {
        var values = runs.Select(figure).Where(v => !double.IsNaN(v)).ToList();
        return values.Count == 0 ? "—" : $"{Ms(Percentiles.Median(values))} ({Ms(values.Min())}–{Ms(values.Max())})";
    }

    private static string Signed(double value) => value.ToString("+0.0;−0.0;0.0", CultureInfo.InvariantCulture);

    private static string Ms(double value) => double.IsNaN(value) ? "—" : value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
