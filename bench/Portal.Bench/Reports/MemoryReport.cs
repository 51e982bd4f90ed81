using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Portal.Bench.Scenarios;
using Portal.Bench.Stats;

namespace Portal.Bench.Reports;

/// <summary>The "memory" command: managed heap and working set per Blazor circuit, several runs, one Markdown report.</summary>
public static class MemoryReport
{
    /// <summary>The issue's target: 250 KB per resident circuit, read as 250 × 1,024 bytes.</summary>
    private const double TargetKib = 250;

    /// <summary>The hidden command that runs one run in its own process (started by <see cref="RunAsync"/>).</summary>
    public const string RunCommand = "memory-run";

    /// <summary>
    /// Each run in a <b>fresh process</b> of the bench (<c>memory-run</c>), so that a run's working set
    /// and heap start clean: a process's working set does not shrink back after a run, and a disposed
    /// app leaves some of its static caches behind.
    /// </summary>
    public static async Task RunAsync(BenchOptions options, IReadOnlyList<string> args, CancellationToken ct) =>
        Console.Out.Write(await MeasureAsync(options, args, ct));

    /// <summary>The runs, each in its own process; the report as Markdown.</summary>
    public static async Task<string> MeasureAsync(BenchOptions options, IReadOnlyList<string> args, CancellationToken ct)
    {
        var runs = new List<MemoryResult>();
        for (var i = 1; i <= options.Runs; i++)
        {
            Console.Error.WriteLine($"=== memory run {i} of {options.Runs} (own process) ===");
            var file = Path.Combine(Path.GetTempPath(), Inv($"portal-bench-memory-{Environment.ProcessId}-{i}.json"));
            var start = Hosting.SelfProcess.StartInfo([RunCommand, i.ToString(CultureInfo.InvariantCulture), file, .. args]);
            start.RedirectStandardOutput = true;
            using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("The memory run did not start.");
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    Console.Error.WriteLine(e.Data);
                }
            };
            process.BeginOutputReadLine();
            try
            {
                await process.WaitForExitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0 || !File.Exists(file))
            {
                throw new InvalidOperationException($"Memory run {i} failed (exit code {process.ExitCode}); its log is above.");
            }

            runs.Add(JsonSerializer.Deserialize<MemoryResult>(await File.ReadAllTextAsync(file, ct))!);
            File.Delete(file);
        }

        return Render(options, runs);
    }

    /// <summary><c>memory-run RUN FILE [options]</c>: one run in this process, its result as JSON in FILE.</summary>
    public static async Task<int> RunOneAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var run = int.Parse(args[0], CultureInfo.InvariantCulture);
        var options = BenchOptions.Parse(args.Skip(2).ToList(), BenchOptions.MemoryDefaults);
        var result = await new MemoryPerCircuit(options, run).RunAsync(ct);
        await File.WriteAllTextAsync(args[1], JsonSerializer.Serialize(result), ct);
        return 0;
    }

    private static string Render(BenchOptions options, IReadOnlyList<MemoryResult> runs)
    {
        var md = new StringBuilder();
        md.AppendLine("# Memory per circuit");
        md.AppendLine();
        md.AppendLine(Inv($"- {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} logical CPUs; {RuntimeInformation.OSDescription}; .NET {Environment.Version}; server GC: {System.Runtime.GCSettings.IsServerGC}"));
        md.AppendLine("- The app: one node, embedded SQLite (fresh file, demo data), on a loopback Kestrel port, inside each run's own bench process (`memory-run`). Only that process is measured: it holds the app and the run's orchestration, not the browser.");
        md.AppendLine("- The clients: **real Blazor Server circuits**, one per tab of one headless Chromium (Debian's, `/usr/bin/chromium`), driven by Playwright for .NET in a separate child process (`browser-driver`), so Playwright's .NET client, its Node driver and Chromium are not in the measured process. One sign-in per role through the real login form; its storage state (the identity cookie) shared by every tab of that role.");
        md.AppendLine(Inv($"- Per run: a fresh process, app and database; {options.WarmUp} warm-up tabs of each kind opened and closed; baseline; {options.Residents} tabs of `/` as resident@portal.demo (phone viewport, zh-CN), {options.Batch} at a time; snapshot; {options.Boards} tabs of `/staff/board` as desk@portal.demo (1440×900), {options.Batch} at a time; snapshot; every tab closed; snapshot. All tabs stay open until the end."));
        md.AppendLine("- A tab counts as open when `window.Blazor` exists, the layout's interactive marker (rendered only by the circuit) is in the DOM, and a click on the menu button opened the drawer and the drawer closed again (events over the circuit, render batches back). The server's own count (an added `CircuitHandler`) must then show every circuit open and connected.");
        md.AppendLine("- Each snapshot: 3 s to settle, then twice a forced, blocking, compacting gen2 collection (LOH compacted) and `WaitForPendingFinalizers`, then `GC.GetTotalMemory(true)` (live managed objects), `GCMemoryInfo.HeapSizeBytes`, and the process's working set (RSS) and private bytes.");
        md.AppendLine("- Per circuit: (after − before) / circuits, residents against the baseline, boards against the point after the residents. KiB = 1,024 bytes.");
        md.AppendLine();

        md.AppendLine("## Each run");
        md.AppendLine();
        md.AppendLine("| Run | Point | Circuits open (connected) | Live managed objects (MiB) | GC heap size (MiB) | GC committed (MiB) | Working set (MiB) | Private bytes (MiB) | Threads | Browser tree: processes, PSS (MiB) |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (var i = 0; i < runs.Count; i++)
        {
            foreach (var p in new[] { runs[i].Baseline, runs[i].AfterResidents, runs[i].AfterBoards, runs[i].AfterClose })
            {
                md.AppendLine(Inv($"| {i + 1} | {p.Name} | {p.OpenCircuits} ({p.ConnectedCircuits}) | {Mib(p.App.TotalMemory)} | {Mib(p.App.HeapSize)} | {Mib(p.App.Committed)} | {Mib(p.App.WorkingSet)} | {Mib(p.App.PrivateBytes)} | {p.App.Threads} | {p.Browser.Processes}, {p.Browser.Pss / 1048576.0:0} |"));
            }
        }

        md.AppendLine();
        md.AppendLine("| Run | Open: resident batches (s) | Open: board batches (s) | Connection downs / circuits closed while all were open | Whole run (s) |");
        md.AppendLine("|---|---|---|---|---:|");
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            md.AppendLine(Inv($"| {i + 1} | {r.ResidentBatchSeconds.Sum():0.0} in all, {Percentiles.Median(r.ResidentBatchSeconds):0.0} median per batch | {r.BoardBatchSeconds.Sum():0.0} in all, {Percentiles.Median(r.BoardBatchSeconds):0.0} median per batch | {r.ConnectionDownsWhileOpen} / {r.ClosedWhileOpen} | {r.Elapsed.TotalSeconds:0} |"));
        }

        md.AppendLine();
        md.AppendLine(Inv($"## Summary: median of {runs.Count} runs (min–max), KiB per circuit"));
        md.AppendLine();
        md.AppendLine("| Figure | Measured | Target | Met |");
        md.AppendLine("|---|---:|---|---|");
        var residentHeap = Percentiles.Median(runs.Select(r => r.ResidentHeapPerCircuit)) / 1024;
        md.AppendLine($"| **Resident circuit (home page): live managed objects** | **{Spread(runs, r => r.ResidentHeapPerCircuit)}** | ≤ {TargetKib:0} | {(residentHeap <= TargetKib ? "met" : "**missed**")} |");
        md.AppendLine($"| Resident circuit: GC heap size | {Spread(runs, r => r.ResidentHeapSizePerCircuit)} | — | — |");
        md.AppendLine($"| Resident circuit: working set | {Spread(runs, r => r.ResidentWorkingSetPerCircuit)} | — | — |");
        md.AppendLine($"| Resident circuit: private bytes | {Spread(runs, r => r.ResidentPrivatePerCircuit)} | — | — |");
        md.AppendLine($"| **Board circuit (`/staff/board`): live managed objects** | **{Spread(runs, r => r.BoardHeapPerCircuit)}** | — | — |");
        md.AppendLine($"| Board circuit: GC heap size | {Spread(runs, r => r.BoardHeapSizePerCircuit)} | — | — |");
        md.AppendLine($"| Board circuit: working set | {Spread(runs, r => r.BoardWorkingSetPerCircuit)} | — | — |");
        md.AppendLine($"| Board circuit: private bytes | {Spread(runs, r => r.BoardPrivatePerCircuit)} | — | — |");
        md.AppendLine($"| Left after every tab closed: live managed objects, after − baseline (KiB in all) | {Spread(runs, r => r.AfterClose.App.TotalMemory - r.Baseline.App.TotalMemory)} | — | — |");
        md.AppendLine($"| Browser side (not the app): PSS per resident tab | {Spread(runs, r => r.BrowserPssPerResidentTab)} | — | — |");
        md.AppendLine($"| Browser side (not the app): PSS per board tab | {Spread(runs, r => r.BrowserPssPerBoardTab)} | — | — |");

        var log = runs.SelectMany(r => r.AppLog).GroupBy(kv => kv.Key).Select(g => (g.Key, g.Sum(kv => kv.Value))).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        md.AppendLine();
        md.AppendLine("## The app's warnings and errors (all runs)");
        md.AppendLine();
        if (log.Count == 0)
        {
            md.AppendLine("None.");
        }
        else
        {
            foreach (var (key, count) in log)
            {
                md.AppendLine(Inv($"- {count} × {key}"));
            }
        }

        foreach (var (r, i) in runs.Select((r, i) => (r, i)).Where(x => x.r.HeapCensuses.Count == 4))
        {
            var census = r.HeapCensuses.Select(HeapTypes.Read).ToList();
            md.AppendLine();
            md.AppendLine(Inv($"## What the circuits hold, run {i + 1} (diagnosis: objects on the heap by type, `--heap-types`)"));
            md.AppendLine();
            md.AppendLine(Inv($"Objects on the heap right after a forced full collection, counted by ClrMD in a child process: baseline {Mib(census[0].Sum(t => t.Bytes))} MiB, after the residents {Mib(census[1].Sum(t => t.Bytes))} MiB, after the boards {Mib(census[2].Sum(t => t.Bytes))} MiB. Own (shallow) bytes per circuit, growth of each type or module divided by the circuits opened in the step."));
            WriteGrowth(md, "By module (assembly)", census[0], census[1], r.Residents, census[2], r.Boards, t => t.Module, 15);
            WriteGrowth(md, "By type", census[0], census[1], r.Residents, census[2], r.Boards, t => t.Type, 40);
            WriteLeftOver(md, census[0], census[3], 15);
            md.AppendLine();
            md.AppendLine("Files: " + string.Join(", ", r.HeapCensuses.Select(f => $"`{f}`")));
        }

        return md.ToString();
    }

    private static void WriteGrowth(StringBuilder md, string title, IReadOnlyList<HeapTypeCount> before, IReadOnlyList<HeapTypeCount> residents, int residentCount,
        IReadOnlyList<HeapTypeCount> boards, int boardCount, Func<HeapTypeCount, string> by, int top)
    {
        static Dictionary<string, (long Count, long Bytes)> Group(IEnumerable<HeapTypeCount> types, Func<HeapTypeCount, string> by) =>
            types.GroupBy(by).ToDictionary(g => g.Key, g => (g.Sum(t => t.Count), g.Sum(t => t.Bytes)));

        var b0 = Group(before, by);
        var b1 = Group(residents, by);
        var b2 = Group(boards, by);
        var rows = b0.Keys.Union(b1.Keys).Union(b2.Keys)
            .Select(k => (Key: k,
                ResidentBytes: (b1.GetValueOrDefault(k).Bytes - b0.GetValueOrDefault(k).Bytes) / (double)residentCount,
                ResidentCount: (b1.GetValueOrDefault(k).Count - b0.GetValueOrDefault(k).Count) / (double)residentCount,
                BoardBytes: (b2.GetValueOrDefault(k).Bytes - b1.GetValueOrDefault(k).Bytes) / (double)boardCount,
                BoardCount: (b2.GetValueOrDefault(k).Count - b1.GetValueOrDefault(k).Count) / (double)boardCount))
            .OrderByDescending(x => Math.Max(x.ResidentBytes, x.BoardBytes))
            .ToList();
        md.AppendLine();
        md.AppendLine($"{title}, the {top} that grew most:");
        md.AppendLine();
        md.AppendLine("| | Per resident circuit: KiB | objects | Per board circuit: KiB | objects |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var x in rows.Take(top))
        {
            md.AppendLine(Inv($"| `{x.Key.Replace("|", "\\|", StringComparison.Ordinal)}` | {x.ResidentBytes / 1024:0.0} | {x.ResidentCount:0.0} | {x.BoardBytes / 1024:0.0} | {x.BoardCount:0.0} |"));
        }

        var rest = rows.Skip(top).ToList();
        md.AppendLine(Inv($"| all other {rest.Count} | {rest.Sum(x => x.ResidentBytes) / 1024:0.0} | {rest.Sum(x => x.ResidentCount):0.0} | {rest.Sum(x => x.BoardBytes) / 1024:0.0} | {rest.Sum(x => x.BoardCount):0.0} |"));
        md.AppendLine(Inv($"| **in all** | **{rows.Sum(x => x.ResidentBytes) / 1024:0.0}** | {rows.Sum(x => x.ResidentCount):0.0} | **{rows.Sum(x => x.BoardBytes) / 1024:0.0}** | {rows.Sum(x => x.BoardCount):0.0} |"));
    }

    /// <summary>What is still on the heap after every circuit closed, against the baseline: shared pools and caches, or a leak.</summary>
    private static void WriteLeftOver(StringBuilder md, IReadOnlyList<HeapTypeCount> before, IReadOnlyList<HeapTypeCount> after, int top)
    {
        var b0 = before.GroupBy(t => t.Type).ToDictionary(g => g.Key, g => (Count: g.Sum(t => t.Count), Bytes: g.Sum(t => t.Bytes)));
        var rows = after.GroupBy(t => t.Type)
            .Select(g => (Type: g.Key, Count: g.Sum(t => t.Count) - b0.GetValueOrDefault(g.Key).Count, Bytes: g.Sum(t => t.Bytes) - b0.GetValueOrDefault(g.Key).Bytes))
            .OrderByDescending(x => x.Bytes)
            .ToList();
        md.AppendLine();
        md.AppendLine(Inv($"Still on the heap after every tab closed (0 circuits), against the baseline: {rows.Sum(x => x.Bytes) / 1024.0:0} KiB in all; the {top} types that grew most:"));
        md.AppendLine();
        md.AppendLine("| Type | KiB | objects |");
        md.AppendLine("|---|---:|---:|");
        foreach (var x in rows.Take(top))
        {
            md.AppendLine(Inv($"| `{x.Type.Replace("|", "\\|", StringComparison.Ordinal)}` | {x.Bytes / 1024.0:0.0} | {x.Count} |"));
        }
    }

    private static string Mib(long bytes) => Inv($"{bytes / 1048576.0:0.0}");

    private static string Spread(IReadOnlyList<MemoryResult> runs, Func<MemoryResult, double> bytes)
    {
        var values = runs.Select(bytes).Where(v => !double.IsNaN(v)).Select(v => v / 1024).ToList();
        return values.Count == 0
            ? "—"
            : Inv($"{Percentiles.Median(values):0} ({values.Min():0}–{values.Max():0})");
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
