using System.Diagnostics;
using System.Globalization;

namespace Portal.Bench.Stats;

/// <summary>What the process (app, clients and bench together) did during a measured window.</summary>
public sealed record WindowStats(int Gen0, int Gen1, int Gen2, double GcPauseMs, double CpuPercentOfMachine, string LoadAverage)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"GCs {Gen0}/{Gen1}/{Gen2} (gen0/1/2), GC pause {GcPauseMs:0} ms, process CPU {CpuPercentOfMachine:0}% of the machine, load average {LoadAverage}");
}

public sealed class ProcessWindow
{
    private readonly int _gen0 = GC.CollectionCount(0);
    private readonly int _gen1 = GC.CollectionCount(1);
    private readonly int _gen2 = GC.CollectionCount(2);
    private readonly TimeSpan _pause = GC.GetTotalPauseDuration();
    private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly long _start = Stopwatch.GetTimestamp();

    public WindowStats Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_start);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - _cpu;
        return new WindowStats(
            GC.CollectionCount(0) - _gen0,
            GC.CollectionCount(1) - _gen1,
            GC.CollectionCount(2) - _gen2,
            (GC.GetTotalPauseDuration() - _pause).TotalMilliseconds,
            100 * cpu.TotalMilliseconds / (wall.TotalMilliseconds * Environment.ProcessorCount),
            LoadAverage());
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }
}
