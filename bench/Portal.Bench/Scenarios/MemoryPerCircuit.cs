using System.Diagnostics;
using System.Globalization;
using Portal.Bench.Hosting;
using Portal.Bench.Stats;

namespace Portal.Bench.Scenarios;

/// <summary>One measured point of a run: the app's process, the live circuits, and the browser's processes.</summary>
public sealed record MemoryPoint(string Name, int OpenCircuits, int ConnectedCircuits, MemorySnapshot App, ProcessTreeMemory Browser, DateTimeOffset At);

public sealed record MemoryResult(
    int Residents,
    int Boards,
    MemoryPoint Baseline,
    MemoryPoint AfterResidents,
    MemoryPoint AfterBoards,
    MemoryPoint AfterClose,
    IReadOnlyList<double> ResidentBatchSeconds,
    IReadOnlyList<double> BoardBatchSeconds,
    int ConnectionDownsWhileOpen,
    int ClosedWhileOpen,
    IReadOnlyDictionary<string, int> AppLog,
    IReadOnlyList<string> HeapCensuses,
    TimeSpan Elapsed)
{
    public double ResidentHeapPerCircuit => PerCircuit(AfterResidents.App.TotalMemory, Baseline.App.TotalMemory, Residents);

    public double ResidentHeapSizePerCircuit => PerCircuit(AfterResidents.App.HeapSize, Baseline.App.HeapSize, Residents);

    public double ResidentWorkingSetPerCircuit => PerCircuit(AfterResidents.App.WorkingSet, Baseline.App.WorkingSet, Residents);

    public double ResidentPrivatePerCircuit => PerCircuit(AfterResidents.App.PrivateBytes, Baseline.App.PrivateBytes, Residents);

    public double BoardHeapPerCircuit => PerCircuit(AfterBoards.App.TotalMemory, AfterResidents.App.TotalMemory, Boards);

    public double BoardHeapSizePerCircuit => PerCircuit(AfterBoards.App.HeapSize, AfterResidents.App.HeapSize, Boards);

    public double BoardWorkingSetPerCircuit => PerCircuit(AfterBoards.App.WorkingSet, AfterResidents.App.WorkingSet, Boards);

    public double BoardPrivatePerCircuit => PerCircuit(AfterBoards.App.PrivateBytes, AfterResidents.App.PrivateBytes, Boards);

    public double BrowserPssPerResidentTab => PerCircuit(AfterResidents.Browser.Pss, Baseline.Browser.Pss, Residents);

    public double BrowserPssPerBoardTab => PerCircuit(AfterBoards.Browser.Pss, AfterResidents.Browser.Pss, Boards);

    /// <summary>Bytes per circuit.</summary>
    private static double PerCircuit(long after, long before, int circuits) => circuits == 0 ? double.NaN : (after - before) / (double)circuits;
}

/// <summary>
/// Memory per circuit: the real app (BenchApp: one node, fresh SQLite file, demo data, in this process)
/// and real Blazor Server circuits opened by headless Chromium tabs in a separate process
/// (<see cref="BrowserDriver"/>): first <c>--residents</c> tabs of the resident home page, then
/// <c>--boards</c> tabs of the dispatch board, all kept open. This process's managed heap and working
/// set are read after a forced full collection at the baseline (the browser up and signed in, warm-up
/// tabs opened and closed again, no circuit open), after the residents and after the boards. The
/// circuits are counted on the server by an added <c>CircuitHandler</c>.
/// </summary>
public sealed class MemoryPerCircuit(BenchOptions options, int run)
{
    /// <summary>After the last tab of a step is open and before its snapshot: pending acknowledgements and renders settle.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public async Task<MemoryResult> RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        Log($"starting the app");
        await using var app = await Task.Run(() => BenchApp.Start(countCircuits: true), ct);
        var circuits = app.Circuits!;
        Log($"app on {app.BaseAddress}; starting Chromium and signing in");
        await using var browser = await BrowserProcess.StartAsync(app.BaseAddress, [], options.Timeout * 2, ct);

        // Warm-up: the pages' code is JIT-compiled, their caches and the app's pools are filled, and
        // the sign-ins' own circuits closed, before the baseline. Nothing of it is measured.
        if (options.WarmUp > 0)
        {
            await OpenAsync(browser, "resident", options.WarmUp, ct);
            await OpenAsync(browser, "board", Math.Min(options.WarmUp, options.Boards), ct);
            await browser.SendAsync("close", options.Timeout, ct);
        }

        await WaitAsync(circuits, c => c.Open == 0, "every warm-up circuit to close", ct);
        var baseline = await PointAsync("baseline (no circuit open)", circuits, browser, ct);
        var censuses = new List<string>();
        await CensusAsync("0-baseline", censuses, ct);

        var downs = circuits.ConnectionDowns;
        var closed = circuits.Closed;
        var residentBatches = await OpenAllAsync(browser, "resident", options.Residents, ct);
        await WaitAsync(circuits, c => c.Open == options.Residents && c.Connected == options.Residents, $"{options.Residents} connected circuits", ct);
        await browser.SendAsync("check", options.Timeout, ct);
        var afterResidents = await PointAsync($"{options.Residents} resident circuits", circuits, browser, ct);
        await CensusAsync("1-residents", censuses, ct);

        var boardBatches = await OpenAllAsync(browser, "board", options.Boards, ct);
        var all = options.Residents + options.Boards;
        await WaitAsync(circuits, c => c.Open == all && c.Connected == all, $"{all} connected circuits", ct);
        await browser.SendAsync("check", options.Timeout, ct);
        var afterBoards = await PointAsync($"+ {options.Boards} board circuits", circuits, browser, ct);
        await CensusAsync("2-boards", censuses, ct);
        var downsWhileOpen = circuits.ConnectionDowns - downs;
        var closedWhileOpen = circuits.Closed - closed;

        await browser.SendAsync("close", options.Timeout, ct);
        await WaitAsync(circuits, c => c.Open == 0, "every circuit to close", ct);
        var afterClose = await PointAsync("all tabs closed", circuits, browser, ct);
        await CensusAsync("3-closed", censuses, ct);
        Log($"circuits: {circuits}");

        return new MemoryResult(options.Residents, options.Boards, baseline, afterResidents, afterBoards, afterClose,
            residentBatches, boardBatches, downsWhileOpen, closedWhileOpen, app.LogTally.Snapshot(), censuses, clock.Elapsed);
    }

    private async Task<IReadOnlyList<double>> OpenAllAsync(BrowserProcess browser, string kind, int count, CancellationToken ct)
    {
        var seconds = new List<double>();
        for (var opened = 0; opened < count;)
        {
            var batch = Math.Min(options.Batch, count - opened);
            seconds.Add(await OpenAsync(browser, kind, batch, ct));
            opened += batch;
            Log(Inv($"{opened} of {count} {kind} tabs open ({seconds[^1]:0.0} s for the last {batch})"));
        }

        return seconds;
    }

    private async Task<double> OpenAsync(BrowserProcess browser, string kind, int count, CancellationToken ct)
    {
        var answer = await browser.SendAsync(Inv($"open {kind} {count}"), options.Timeout * 2, ct);
        return double.Parse(answer, CultureInfo.InvariantCulture) / 1000;
    }

    private async Task WaitAsync(CircuitCounter circuits, Func<CircuitCounter, bool> done, string what, CancellationToken ct)
    {
        if (!await circuits.WaitAsync(done, options.Timeout, ct))
        {
            throw new InvalidOperationException($"Run {run}: waited {options.Timeout.TotalSeconds:0} s for {what}; circuits: {circuits}.");
        }
    }

    private async Task<MemoryPoint> PointAsync(string name, CircuitCounter circuits, BrowserProcess browser, CancellationToken ct)
    {
        await Task.Delay(Settle, ct);
        var app = MemorySnapshot.Take();
        var point = new MemoryPoint(name, circuits.Open, circuits.Connected, app, ProcessTreeMemory.Of(browser.ProcessId), DateTimeOffset.UtcNow);
        Log(Inv($"{name}: {circuits.Open} circuits open ({circuits.Connected} connected); app heap {app.TotalMemory / 1048576.0:0.0} MiB (GC heap size {app.HeapSize / 1048576.0:0.0} MiB), working set {app.WorkingSet / 1048576.0:0.0} MiB; browser tree {point.Browser.Processes} processes, PSS {point.Browser.Pss / 1048576.0:0} MiB"));
        return point;
    }

    /// <summary>Diagnosis only (<c>--heap-types DIR</c>): a census of this process's live objects by type.</summary>
    private async Task CensusAsync(string name, List<string> censuses, CancellationToken ct)
    {
        if (options.HeapTypesFolder is not { } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        var file = Path.GetFullPath(Path.Combine(folder, Inv($"run{run}-{name}.tsv")));
        await HeapTypes.TakeAsync(file, ct);
        censuses.Add(file);
    }

    private void Log(string text) => Console.Error.WriteLine(Inv($"[memory run {run}] {text}"));

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
