using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Portal.Bench.Scenarios;
using Portal.Bench.Stats;

namespace Portal.Bench.Reports;

/// <summary>The "intake" command: the integration API under concurrent clients, several runs, one Markdown report.</summary>
public static class IntakeReport
{
    private const double TargetPerSecond = 500;
    private const double TargetP99 = 100;

    public static async Task RunAsync(BenchOptions options, CancellationToken ct)
    {
        var runs = new List<IntakeResult>();
        for (var i = 1; i <= options.Runs; i++)
        {
            Console.Error.WriteLine($"=== intake run {i} of {options.Runs} ===");
            runs.Add(await new IntakeThroughput(options, i).RunAsync(ct));
        }

        Console.Out.Write(Render(options, runs));
    }

    /// <summary>500s whose logged cause (ApiFailureFilter logs each one) is SQLITE_BUSY/LOCKED.</summary>
    private static int LockedToCaller(IntakeResult r) =>
        r.DatabaseLockedToCaller + r.AppLog.Where(kv => kv.Key.Contains("ApiFailureFilter", StringComparison.Ordinal)
            && (kv.Key.Contains("SQLite error 5)", StringComparison.Ordinal) || kv.Key.Contains("SQLite error 6)", StringComparison.Ordinal))).Sum(kv => kv.Value);

    private static int ServerErrors(IntakeResult r) =>
        r.Refusals.Where(kv => kv.Key.StartsWith('5') || kv.Key.StartsWith("no answer", StringComparison.Ordinal)).Sum(kv => kv.Value);

    private static string Render(BenchOptions options, IReadOnlyList<IntakeResult> runs)
    {
        var first = runs[0];
        var md = new StringBuilder();
        md.AppendLine("# Intake throughput");
        md.AppendLine();
        md.AppendLine(Inv($"- {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} logical CPUs; {RuntimeInformation.OSDescription}; .NET {Environment.Version}; server GC: {System.Runtime.GCSettings.IsServerGC}"));
        md.AppendLine(Inv($"- One node, embedded SQLite (fresh file, WAL, demo data), in this process on a loopback Kestrel port; Portal:Api:PermitsPerMinute raised to 1,000,000 so the per-key limit does not throttle"));
        md.AppendLine(Inv($"- {options.Clients} concurrent clients, closed loop (next call when the last is answered), one shared SocketsHttpHandler, one API key (WeChat channel) issued through ApiKeys.IssueAsync as admin@portal.demo"));
        var warmUp = options.WarmUp == 0
            ? "no warm-up"
            : Inv($"a warm-up of at least {options.WarmUp} items and then rounds until the JIT is quiet (under 2 % of a round's wall time spent compiling; at most 90 s)");
        md.AppendLine(Inv($"- Per run: {warmUp}, then {options.Requests} new items, each POST /api/v1/requests with its own Idempotency-Key; every {IntakeThroughput.ReplayEvery}th item sent again (same key, same bytes) after its first answer"));
        md.AppendLine(Inv($"- Mix per run: {string.Join(", ", first.TypeMix.Select(kv => $"{kv.Key} {kv.Value}"))}; demo resident (3-1304) 60 %, neighbour (1-502) 40 %; building + unit 80 %; no place (the resident's one home) 10 % of repairs/complaints, 20 % of the others; a public spot 10 % of repairs/complaints"));
        if (options.MinThreads is not null || options.BusyTimeoutMs is not null)
        {
            md.AppendLine(Inv($"- **Diagnosis run, not the app as deployed:**{(options.MinThreads is { } t ? $" ThreadPool.SetMinThreads({t}, {t}) for the process;" : "")}{(options.BusyTimeoutMs is { } b ? $" PRAGMA busy_timeout = {b} on every connection the app opens;" : "")} do not record these figures as the scenario's result"));
        }

        md.AppendLine(Inv($"- Latency: call start to the whole answer read, per call; throughput: new items answered 201 / wall time of the measured phase; {runs.Count} runs, each on a fresh app and database; times in ms; percentiles by nearest rank"));
        md.AppendLine();

        md.AppendLine("## Each run");
        md.AppendLine();
        md.AppendLine("| Run | Calls (new + replays) | Wall (s) | Created/s | Calls/s | p50 | p95 | p99 | max | Not 201 | 5xx / no answer | Counter races lost | Integrity |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            var s = r.AllCalls;
            md.AppendLine(Inv($"| {i + 1} | {r.NewItems} + {r.ReplayCalls} | {r.Wall.TotalSeconds:0.0} | {r.CreatedPerSecond:0} | {r.CallsPerSecond:0} | {Ms(s.P50)} | {Ms(s.P95)} | {Ms(s.P99)} | {Ms(s.Max)} | {r.Refusals.Values.Sum()} | {ServerErrors(r)} | {r.CounterRacesLost} | {(r.Integrity.Holds ? "holds" : "**broken**")} |"));
        }

        md.AppendLine();
        md.AppendLine("| Run | Calls | n | p50 | p95 | p99 | max |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            foreach (var (name, s) in new[] { ("new items", r.NewItemCalls), ("replays", r.ReplayCallLatency) }.Concat(r.ByType.Select(kv => ($"new items: {kv.Key}", kv.Value))))
            {
                md.AppendLine(Inv($"| {i + 1} | {name} | {s.Count} | {Ms(s.P50)} | {Ms(s.P95)} | {Ms(s.P99)} | {Ms(s.Max)} |"));
            }
        }

        md.AppendLine();
        md.AppendLine(Inv($"## Summary: median of {runs.Count} runs (min–max)"));
        md.AppendLine();
        md.AppendLine("| Figure | Measured | Target | Met |");
        md.AppendLine("|---|---:|---|---|");
        var rate = Percentiles.Median(runs.Select(r => r.CreatedPerSecond));
        var p99 = Percentiles.Median(runs.Select(r => r.AllCalls.P99));
        var locked = runs.Sum(LockedToCaller);
        md.AppendLine($"| **Created per second** (new items answered 201 / wall time) | **{Spread(runs, r => r.CreatedPerSecond, "0")}** | ≥ {TargetPerSecond:0} | {(rate >= TargetPerSecond ? "met" : "**missed**")} |");
        md.AppendLine($"| Calls per second (new items and replays, any answer) | {Spread(runs, r => r.CallsPerSecond, "0")} | — | — |");
        md.AppendLine($"| p50, every call | {Spread(runs, r => r.AllCalls.P50)} | — | — |");
        md.AppendLine($"| p95, every call | {Spread(runs, r => r.AllCalls.P95)} | — | — |");
        md.AppendLine($"| **p99, every call** | **{Spread(runs, r => r.AllCalls.P99)}** | ≤ {TargetP99:0} | {(p99 <= TargetP99 ? "met" : "**missed**")} |");
        md.AppendLine($"| max, every call | {Spread(runs, r => r.AllCalls.Max)} | — | — |");
        md.AppendLine($"| p50 / p99, new items only | {Spread(runs, r => r.NewItemCalls.P50)} / {Spread(runs, r => r.NewItemCalls.P99)} | — | — |");
        md.AppendLine($"| p50 / p99, replays only | {Spread(runs, r => r.ReplayCallLatency.P50)} / {Spread(runs, r => r.ReplayCallLatency.P99)} | — | — |");
        md.AppendLine($"| **\"database is locked\" reaching a caller** (in an answer, or the logged cause of a 500) | **{string.Join(", ", runs.Select(LockedToCaller))}** per run | 0 | {(locked == 0 ? "met" : "**missed**")} |");
        md.AppendLine($"| Lost or doubled (see the checks below) | {string.Join(", ", runs.Select(r => r.Integrity.Holds ? "none" : "**yes**"))} per run | none | {(runs.All(r => r.Integrity.Holds) ? "met" : "**missed**")} |");

        md.AppendLine();
        md.AppendLine("## Answers other than 201, by status and problem code");
        md.AppendLine();
        var keys = runs.SelectMany(r => r.Refusals.Keys).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            md.AppendLine("None in any run.");
        }
        else
        {
            md.AppendLine("| Status and code | per run |");
            md.AppendLine("|---|---|");
            foreach (var key in keys)
            {
                md.AppendLine($"| {key} | {string.Join(", ", runs.Select(r => r.Refusals.GetValueOrDefault(key)))} |");
            }
        }

        md.AppendLine();
        md.AppendLine(Inv($"Warm-up calls not answered 201, per run: {string.Join(", ", runs.Select(r => r.WarmUpRefusals))}."));
        md.AppendLine();
        md.AppendLine("## Nothing lost, nothing doubled (per run)");
        md.AppendLine();
        md.AppendLine("| Check | Expected | per run |");
        md.AppendLine("|---|---|---|");
        Check(md, runs, "New items answered 201", "—", r => r.NewItemsCreated);
        Check(md, runs, "Distinct numbers in those answers", "= answered 201", r => r.DistinctNumbersAnswered);
        Check(md, runs, "Numbers answered to more than one Idempotency-Key", "0", r => r.NumbersAnsweredForSeveralKeys);
        Check(md, runs, "ServiceRequests rows created in the measured window", "= answered 201", r => r.RowsInWindow);
        Check(md, runs, "Answered numbers without exactly one row", "0", r => r.CreatedWithoutRow);
        Check(md, runs, "Rows in the window whose number no caller got a 201 for", "0", r => r.RowsWithoutCreated);
        Check(md, runs, "Rows in the window not of the key's estate and channel", "0", r => r.RowsNotFromTheKey);
        Check(md, runs, "Numbers on more than one row, whole table", "0", r => r.DuplicateNumbersInTable);
        Check(md, runs, "Replays sent", "—", r => r.Replays);
        Check(md, runs, "… answered 201 with the first answer's number", "= replays", r => r.ReplaysSameNumber);
        Check(md, runs, "… marked Idempotent-Replayed: true", "= replays", r => r.ReplaysMarkedReplayed);
        Check(md, runs, "… answered otherwise", "0", r => r.ReplaysOther);
        Check(md, runs, "Items due a replay whose first call was not a 201 (not replayed)", "0", r => r.ReplaysSkipped);
        Check(md, runs, "Idempotency records still in progress after the run", "0", r => r.IdempotencyRecordsInProgress);
        Check(md, runs, "Idempotency records completed with 201", "= 201s incl. warm-up", r => r.IdempotencyRecordsCompleted);
        Check(md, runs, "201s incl. warm-up", "—", r => r.CreatedIncludingWarmUp);

        md.AppendLine();
        md.AppendLine("## The app's log during the measured window: warnings, errors and lost number races");
        md.AppendLine();
        var logKeys = runs.SelectMany(r => r.AppLog.Keys).Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (logKeys.Count == 0)
        {
            md.AppendLine("Nothing at Warning or above, and no lost concurrency race, in any run.");
        }
        else
        {
            md.AppendLine("| Level, category [event], innermost exception | per run |");
            md.AppendLine("|---|---|");
            foreach (var key in logKeys)
            {
                md.AppendLine($"| {key} | {string.Join(", ", runs.Select(r => r.AppLog.GetValueOrDefault(key)))} |");
            }
        }

        md.AppendLine();
        md.AppendLine(Inv($"Log entries mentioning \"database is locked\", per run: {string.Join(", ", runs.Select(r => r.DatabaseLockedInAppLog))}."));
        md.AppendLine();
        md.AppendLine("## Where the time goes: the app's database work during the measured window");
        md.AppendLine();
        md.AppendLine("Timed by an EF interceptor on the app's DbContext (EF's own durations). BEGIN is SQLite's BEGIN IMMEDIATE: the wait for the");
        md.AppendLine("write lock. Microsoft.Data.Sqlite retries a busy statement after Thread.Sleep(150), so waits come in steps of 150 ms.");
        md.AppendLine("\"Per call\" divides the total by the calls of the run.");
        md.AppendLine();
        md.AppendLine("| Run | Kind | n | total (s) | per call (ms) | p50 | p99 | max | ≥ 150 ms | … of which within 20 ms above a multiple of 150 |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (var i = 0; i < runs.Count; i++)
        {
            var calls = runs[i].NewItems + runs[i].ReplayCalls;
            foreach (var w in runs[i].Database)
            {
                md.AppendLine(Inv($"| {i + 1} | {w.Kind} | {w.Count} | {w.TotalMs / 1000:0.0} | {w.TotalMs / calls:0.0} | {Ms(w.Times.P50)} | {Ms(w.Times.P99)} | {Ms(w.Times.Max)} | {w.AtLeast150Ms} | {w.NearStepOf150Ms} |"));
            }

            md.AppendLine(Inv($"| {i + 1} | all database work | {runs[i].Database.Sum(w => w.Count)} | {runs[i].Database.Sum(w => w.TotalMs) / 1000:0.0} | {runs[i].Database.Sum(w => w.TotalMs) / calls:0.0} | | | | | |"));
            md.AppendLine(Inv($"| {i + 1} | (call latency, for comparison: sum over calls) | {calls} | {runs[i].AllCallsTotalMs / 1000:0.0} | {runs[i].AllCallsTotalMs / calls:0.0} | | | | | |"));
        }

        md.AppendLine();
        md.AppendLine("## Process during the measured window");
        md.AppendLine();
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            md.AppendLine(Inv($"- Run {i + 1}: {r.Window}; {r.ThreadPool}; JIT {r.JitMsInWindow:0} ms in the window; warm-up {r.WarmUpCalls} calls in {r.WarmUpWall.TotalSeconds:0.0} s; whole run {r.Elapsed.TotalSeconds:0.0} s"));
        }

        return md.ToString();
    }

    private static void Check(StringBuilder md, IReadOnlyList<IntakeResult> runs, string name, string expected, Func<IntakeIntegrity, int> value) =>
        md.AppendLine($"| {name} | {expected} | {string.Join(", ", runs.Select(r => value(r.Integrity)))} |");

    private static string Spread(IReadOnlyList<IntakeResult> runs, Func<IntakeResult, double> figure, string format = "0.0")
    {
        var values = runs.Select(figure).Where(v => !double.IsNaN(v)).ToList();
        return values.Count == 0
            ? "—"
            : Inv($"{Percentiles.Median(values).ToString(format, CultureInfo.InvariantCulture)} ({values.Min().ToString(format, CultureInfo.InvariantCulture)}–{values.Max().ToString(format, CultureInfo.InvariantCulture)})");
    }

    private static string Ms(double value) => double.IsNaN(value) ? "—" : value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
