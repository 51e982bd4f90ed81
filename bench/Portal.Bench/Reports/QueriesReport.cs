using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Portal.Bench.Scenarios;
using Portal.Bench.Stats;

namespace Portal.Bench.Reports;

/// <summary>The "queries" command: seed once, measure each query in --runs rounds, one Markdown report.</summary>
public static class QueriesReport
{
    public static async Task RunAsync(BenchOptions options, CancellationToken ct, Func<Task>? whileSeeding = null)
    {
        var result = await new QueriesAtScale(options, whileSeeding).RunAsync(ct);
        Console.Out.Write(Render(options, result));
    }

    private static string Render(BenchOptions options, QueriesResult result)
    {
        var s = result.Seed;
        var md = new StringBuilder();
        md.AppendLine("# Queries at scale");
        md.AppendLine();
        md.AppendLine(Inv($"- {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} logical CPUs; {RuntimeInformation.OSDescription}; .NET {Environment.Version}; server GC: {System.Runtime.GCSettings.IsServerGC}"));
        md.AppendLine(Inv($"- Seeded {s.Requests:N0} requests (a year, {s.OpenRequests} open) over {s.Estates} estates, {s.Units:N0} units, {s.Residents:N0} residents: domain aggregates, EF inserts in batches of 5,000 (one DbContext each, AutoDetectChanges off)"));
        md.AppendLine(Inv($"- Seed time {s.Elapsed.TotalSeconds:0.0} s (of which estates, units and accounts {s.PeopleAndPlaces.TotalSeconds:0.0} s); database {Mb(result.DatabaseBytes)} MB + WAL {Mb(result.WalBytes)} MB"));
        md.AppendLine(Inv($"- Each query: {options.WarmUp} warm-up calls, then {options.Iterations} timed calls, one at a time, in-process through the app's services (new scope per call); {options.Runs} rounds on the same database; times in ms; percentiles by nearest rank"));
        md.AppendLine(Inv($"- Process during the measurement: {result.Window}"));
        md.AppendLine();
        md.AppendLine("## Each round");
        md.AppendLine();
        md.AppendLine("| Query | Round | rows | p50 | p95 | p99 | max |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var q in result.Queries)
        {
            for (var i = 0; i < q.Rounds.Count; i++)
            {
                var r = q.Rounds[i];
                md.AppendLine(Inv($"| {q.Name} | {i + 1} | {q.Rows} | {Ms(r.P50)} | {Ms(r.P95)} | {Ms(r.P99)} | {Ms(r.Max)} |"));
            }
        }

        md.AppendLine();
        md.AppendLine(Inv($"## Summary: median of {options.Runs} rounds (min–max)"));
        md.AppendLine();
        md.AppendLine("| Query | Call | p50 | p95 | p99 | Target | Met |");
        md.AppendLine("|---|---|---:|---:|---:|---|---|");
        foreach (var q in result.Queries)
        {
            var p95 = Percentiles.Median(q.Rounds.Select(r => r.P95));
            md.AppendLine(Inv($"| {q.Name} | `{q.Call}` | {Spread(q.Rounds, r => r.P50)} | {Spread(q.Rounds, r => r.P95)} | {Spread(q.Rounds, r => r.P99)} | p95 ≤ {q.TargetP95:0} | {(p95 <= q.TargetP95 ? "met" : "**missed**")} |"));
        }

        md.AppendLine();
        md.AppendLine("## Query plans (EXPLAIN QUERY PLAN of the SQL EF generates for an equivalent LINQ query)");
        foreach (var q in result.Queries)
        {
            md.AppendLine();
            md.AppendLine($"### {q.Name}");
            md.AppendLine();
            md.AppendLine("```");
            foreach (var line in q.Plan)
            {
                md.AppendLine(line);
            }

            md.AppendLine("```");
            md.AppendLine();
            md.AppendLine("<details><summary>SQL</summary>");
            md.AppendLine();
            md.AppendLine("```sql");
            md.AppendLine(q.Sql);
            md.AppendLine("```");
            md.AppendLine();
            md.AppendLine("</details>");
        }

        return md.ToString();
    }

    private static string Spread(IReadOnlyList<Summary> rounds, Func<Summary, double> figure)
    {
        var values = rounds.Select(figure).Where(v => !double.IsNaN(v)).ToList();
        return values.Count == 0 ? "—" : $"{Ms(Percentiles.Median(values))} ({Ms(values.Min())}–{Ms(values.Max())})";
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Ms(double value) => double.IsNaN(value) ? "—" : value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
