using Portal.Bench.Reports;

namespace Portal.Bench;

/// <summary>
/// Entry point, dispatching on the first argument (the scenario). Not top-level statements: those
/// would declare a global <c>Program</c> that hides Portal.Web's, which WebApplicationFactory needs.
/// </summary>
public static class BenchProgram
{
    private const string Usage = """
        Portal benchmarks. Markdown report on stdout, progress on stderr.

          dotnet run --project bench/Portal.Bench -c Release -- latency [--boards 50] [--requests 500] [--rate 10] [--runs 3]
                [--warmup 20] [--echo-rounds 100] [--timeout 10]

          dotnet run --project bench/Portal.Bench -c Release -- queries [--seed-requests 200000] [--iterations 300] [--warmup 20] [--runs 3]
          dotnet run --project bench/Portal.Bench -c Release -- two-nodes [--boards 20] [--requests 300] [--rate 10] [--runs 3] [--warmup 20]
          dotnet run --project bench/Portal.Bench -c Release -- intake [--clients 32] [--requests 4000] [--runs 3] [--warmup 200] [--timeout 30]
                [--min-threads N] [--busy-timeout MS]   (diagnosis only: not the app as deployed)
          dotnet run --project bench/Portal.Bench -c Release -- memory [--residents 200] [--boards 50] [--runs 3] [--batch 20] [--warmup 10] [--timeout 120]
                [--heap-types DIR]   (diagnosis only: objects on the heap by type at each step, and the types that grew most)
          dotnet run --project bench/Portal.Bench -c Release -- all

        latency    file-to-board latency over /hubs/dispatch, with the bare SignalR floor measured in the same run
        queries    board, My requests and desk searches on a database seeded with 200,000 requests
        two-nodes  file-to-board with boards on node B, filing through node A, Redis between them; and the
                   single-node scenario with the same parameters for the added cost
        intake     POST /api/v1/requests from concurrent clients on the embedded SQLite: created/s, p50/p99, every
                   refusal by status and code, and a check of the database that nothing was lost or doubled
        memory     real Blazor Server circuits from headless Chromium tabs (a child process): the app's managed heap
                   and working set per resident (home page) circuit and per board circuit
        all        latency (1 run at 20/s), queries (1 round of 200 calls), memory (1 run, in its own process,
                   started with the queries' seeding and finished before any query is timed), two-nodes (1 run
                   at 20/s), intake (1 run of 4,000 items), each otherwise with its defaults; options given
                   after "all" apply to all.
        """;

    /// <summary>New items of the one intake run inside "all" (the scenario's own default is 4,000 × 3 runs).</summary>
    private const int AllIntakeRequests = 4000;

    /// <summary>Filings per second of latency and two-nodes inside "all" (their own default is 10/s): the same 500 and 300 filings in half the time.</summary>
    private const double AllRate = 20;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] == Hosting.BrowserDriver.Command)
        {
            // The memory scenario's browser side, started by the bench as its own child process.
            return await Hosting.BrowserDriver.RunAsync(args[1..]);
        }

        if (args[0] == MemoryReport.RunCommand)
        {
            // One run of the memory scenario, in its own process, started by the "memory" command.
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(30));
            return await MemoryReport.RunOneAsync(args[1..], limit.Token);
        }

        if (args[0] == Stats.HeapTypes.Command)
        {
            // A heap census of a memory run's process, taken by that process through a child process of its own.
            return Stats.HeapTypes.Run(args[1..]);
        }

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args[1..], args[0] switch
            {
                "two-nodes" => BenchOptions.TwoNodesDefaults,
                "intake" => BenchOptions.IntakeDefaults,
                "memory" => BenchOptions.MemoryDefaults,
                _ => null,
            });
            if (args[0] == "all")
            {
                // Validate once; each scenario re-reads the options on top of its own defaults below.
                BenchOptions.Parse(args[1..], BenchOptions.TwoNodesDefaults);
                BenchOptions.Parse(args[1..], BenchOptions.IntakeDefaults);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        // Every scenario stops by itself; this is only the last line of defence.
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        switch (args[0])
        {
            case "latency":
                await LatencyReport.RunAsync(options, cancel.Token);
                return 0;
            case "queries":
                await QueriesReport.RunAsync(options, cancel.Token);
                return 0;
            case "two-nodes":
                await TwoNodesReport.RunAsync(options, cancel.Token);
                return 0;
            case "intake":
                await IntakeReport.RunAsync(options, cancel.Token);
                return 0;
            case "memory":
                await MemoryReport.RunAsync(options, args[1..], cancel.Token);
                return 0;
            case "all":
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await LatencyReport.RunAsync(BenchOptions.Parse(args[1..], new BenchOptions { Runs = 1, Rate = AllRate }), cancel.Token);
                Console.Out.WriteLine();
                // One memory run (200 residents, 50 boards) in its own process, started with the seeding of
                // the queries scenario and finished before any query is timed: the seeding only fills a
                // database, and the memory figures are heap sizes of another process, which CPU contention
                // does not change (it only makes both take longer than alone, and together shorter).
                var memoryOptions = BenchOptions.Parse(args[1..], BenchOptions.MemoryDefaults with { Runs = 1 });
                Task<string>? memory = null;
                await QueriesReport.RunAsync(
                    BenchOptions.Parse(args[1..], new BenchOptions { Runs = 1, Iterations = 200 }),
                    cancel.Token,
                    whileSeeding: () => memory = MemoryReport.MeasureAsync(memoryOptions, [.. args[1..], "--runs", "1"], cancel.Token));
                Console.Out.WriteLine();
                Console.Out.Write(await memory!);
                Console.Out.WriteLine();
                await TwoNodesReport.RunAsync(BenchOptions.Parse(args[1..], BenchOptions.TwoNodesDefaults with { Runs = 1, Rate = AllRate }), cancel.Token);
                Console.Out.WriteLine();
                await IntakeReport.RunAsync(BenchOptions.Parse(args[1..], BenchOptions.IntakeDefaults with { Runs = 1, Requests = AllIntakeRequests }), cancel.Token);
                Console.Out.WriteLine();
                Console.Out.WriteLine($"All scenarios: {clock.Elapsed.TotalMinutes:0.0} min.");
                return 0;
            default:
                Console.Error.WriteLine($"Unknown scenario '{args[0]}'.");
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }
}
