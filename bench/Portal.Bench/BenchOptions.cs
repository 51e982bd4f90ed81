using System.Globalization;

namespace Portal.Bench;

/// <summary>Command-line options shared by the scenarios: <c>--name value</c> pairs after the scenario name.</summary>
public sealed record BenchOptions
{
    public int Boards { get; init; } = 50;

    public int Requests { get; init; } = 500;

    public double Rate { get; init; } = 10;

    public int Runs { get; init; } = 3;

    public int WarmUp { get; init; } = 20;

    /// <summary>Rounds of the floor measurement (each round: every client once).</summary>
    public int EchoRounds { get; init; } = 100;

    /// <summary>A message not there after this long is lost; also bounds every connect and call.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>queries: requests seeded into the database before measuring.</summary>
    public int SeedRequests { get; init; } = 200_000;

    /// <summary>queries: measured calls of each query per round (a round per run, on the same database).</summary>
    public int Iterations { get; init; } = 300;

    /// <summary>intake: concurrent API clients (closed loop: each sends its next call when the last one returned).</summary>
    public int Clients { get; init; } = 32;

    /// <summary>memory: resident tabs (circuits on the home page) opened before the boards.</summary>
    public int Residents { get; init; } = 200;

    /// <summary>memory: tabs opened at once (one batch), until the wanted number is open.</summary>
    public int Batch { get; init; } = 20;

    /// <summary>
    /// memory, diagnosis only: a folder for censuses of this process's live objects by type (see
    /// <see cref="Stats.HeapTypes"/>) at the baseline and after each step; the report then lists the types
    /// that grew most per circuit. Each census suspends the app for a few seconds.
    /// </summary>
    public string? HeapTypesFolder { get; init; }

    /// <summary>
    /// intake, diagnosis only: <c>ThreadPool.SetMinThreads</c> for the run (the whole process: app and
    /// clients). Not how the app is deployed; used to show how much of the latency is waiting for a thread.
    /// </summary>
    public int? MinThreads { get; init; }

    /// <summary>
    /// intake, diagnosis only: <c>PRAGMA busy_timeout</c> (ms) on every connection the app opens, so SQLite
    /// waits for the write lock itself instead of Microsoft.Data.Sqlite's 150 ms sleeps. Not the app's configuration.
    /// </summary>
    public int? BusyTimeoutMs { get; init; }

    /// <summary>Defaults of the two-nodes scenario: smaller, so that it and its single-node comparison stay fast.</summary>
    public static BenchOptions TwoNodesDefaults { get; } = new() { Boards = 20, Requests = 300 };

    /// <summary>Defaults of the intake scenario: 4,000 new items per run after 200 warm-up ones.</summary>
    public static BenchOptions IntakeDefaults { get; } = new() { Requests = 4000, WarmUp = 200, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Defaults of the memory scenario: 200 resident and 50 board tabs, 10 warm-up tabs of each kind.</summary>
    public static BenchOptions MemoryDefaults { get; } = new() { WarmUp = 10, Timeout = TimeSpan.FromSeconds(120) };

    public static BenchOptions Parse(IReadOnlyList<string> args, BenchOptions? defaults = null)
    {
        var options = defaults ?? new BenchOptions();
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{args[i]} needs a value.");
            }

            var value = args[i + 1];
            options = args[i] switch
            {
                "--boards" => options with { Boards = Positive(int.Parse(value, CultureInfo.InvariantCulture), args[i]) },
                "--requests" => options with { Requests = Positive(int.Parse(value, CultureInfo.InvariantCulture), args[i]) },
                "--rate" => options with { Rate = Positive(double.Parse(value, CultureInfo.InvariantCulture), args[i]) },
                "--runs" => options with { Runs = Positive(int.Parse(value, CultureInfo.InvariantCulture), args[i]) },
                "--warmup" => options with { WarmUp = int.Parse(value, CultureInfo.InvariantCulture) },
                "--echo-rounds" => options with { EchoRounds = Positive(int.Parse(value, CultureInfo.InvariantCulture), args[i]) },
                "--seed-requests" => options with { SeedRequests = Positive(int.Parse(value, CultureInfo.InvariantCulture), args[i]) },
                "--clients" => options with { Clients = Positive(int.Parse(value, CultureInfo.InvariantCulture), args[i]) },
                "--min-threads" => options with { MinThreads = Positive(int.Parse(value, CultureInfo.InvariantCulture), args[i]) },
                "--busy-timeout" => options with { BusyTimeoutMs = Positive(int.Parse(value, CultureInfo.InvariantCulture), args[i]) },
                "--residents" => options with { Residents = Positive(int.Parse(value, CultureInfo.InvariantCulture), args[i]) },
                "--batch" => options with { Batch = Positive(int.Parse(value, CultureInfo.InvariantCulture), args[i]) },
                "--heap-types" => options with { HeapTypesFolder = value },
                "--iterations" => options with { Iterations = Positive(int.Parse(value, CultureInfo.InvariantCulture), args[i]) },
                "--timeout" => options with { Timeout = TimeSpan.FromSeconds(Positive(double.Parse(value, CultureInfo.InvariantCulture), args[i])) },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options;
    }

    private static T Positive<T>(T value, string name) where T : System.Numerics.INumber<T> =>
        value > T.Zero ? value : throw new ArgumentException($"{name} must be positive.");
}
