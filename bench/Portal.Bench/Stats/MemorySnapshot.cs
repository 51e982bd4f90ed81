using System.Diagnostics;
using System.Runtime;

namespace Portal.Bench.Stats;

/// <summary>
/// This process's memory after a forced, blocking, compacting full collection (the large object heap
/// compacted too, finalizers run, twice over): what the live objects hold, and what the OS sees.
/// </summary>
public sealed record MemorySnapshot(
    long TotalMemory,
    long HeapSize,
    long Committed,
    long Fragmented,
    long WorkingSet,
    long PrivateBytes,
    int Threads)
{
    /// <summary>Takes the snapshot. Stops the world a few times; call it only while nothing is measured for time.</summary>
    public static MemorySnapshot Take()
    {
        for (var i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var total = GC.GetTotalMemory(forceFullCollection: true);
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new MemorySnapshot(total, info.HeapSizeBytes, info.TotalCommittedBytes, info.FragmentedBytes,
            process.WorkingSet64, process.PrivateMemorySize64, process.Threads.Count);
    }
}

/// <summary>Resident and proportional set size of a process and all its descendants (Linux /proc), e.g. the browser driver and its Chromium.</summary>
public sealed record ProcessTreeMemory(int Processes, long Rss, long Pss)
{
    public static ProcessTreeMemory Of(int rootPid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                // Gone meanwhile.
            }
        }

        var tree = new HashSet<int> { rootPid };
        bool grew;
        do
        {
            grew = false;
            foreach (var (pid, parent) in parents)
            {
                if (tree.Contains(parent) && tree.Add(pid))
                {
                    grew = true;
                }
            }
        }
        while (grew);

        long rss = 0, pss = 0;
        var counted = 0;
        foreach (var pid in tree)
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
                {
                    if (line.StartsWith("Rss:", StringComparison.Ordinal))
                    {
                        rss += Kilobytes(line);
                    }
                    else if (line.StartsWith("Pss:", StringComparison.Ordinal))
                    {
                        pss += Kilobytes(line);
                    }
                }

                counted++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }

        return new ProcessTreeMemory(counted, rss * 1024, pss * 1024);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
}
