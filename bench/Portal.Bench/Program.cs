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

        latency   file-to-board latency over /hubs/dispatch, with the bare SignalR floor measured in the same run
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args[1..]);
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
            default:
                Console.Error.WriteLine($"Unknown scenario '{args[0]}'.");
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }
}
