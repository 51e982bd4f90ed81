using System.Diagnostics;
using System.Globalization;
using Microsoft.Diagnostics.Runtime;

namespace Portal.Bench.Stats;

/// <summary>Objects of one type in a heap census: how many, and their own (shallow) bytes.</summary>
public sealed record HeapTypeCount(string Type, string Module, long Count, long Bytes);

/// <summary>
/// Diagnosis only (memory <c>--heap-types DIR</c>): a census of the managed objects on the heap of a
/// running .NET process, by type, taken right after a forced full collection. Run as a child process of
/// the bench (<c>Portal.Bench heap-types PID FILE</c>) since a process cannot attach to itself: it
/// suspends the target, walks its heap with ClrMD (Microsoft.Diagnostics.Runtime) and writes one
/// tab-separated line per type to FILE, and strings by value and arrays by length (10 or more alike)
/// to FILE.details.tsv. Two censuses taken around a step, subtracted, say which types the step's
/// circuits hold.
/// </summary>
public static class HeapTypes
{
    public const string Command = "heap-types";

    public static int Run(IReadOnlyList<string> args)
    {
        if (args.Count != 2 || !int.TryParse(args[0], CultureInfo.InvariantCulture, out var pid))
        {
            Console.Error.WriteLine($"{Command} PID FILE");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        using var target = DataTarget.AttachToProcess(pid, suspend: true);
        using var runtime = target.ClrVersions[0].CreateRuntime();
        var heap = runtime.Heap;
        // Every object on the heap, not only those reachable from the roots ClrMD reports: on this runtime a
        // walk from ClrMD 3.1's roots found 7.9 of the 17.7 MiB on the heap at the baseline (it misses some
        // roots, most likely statics), and so counted shared objects as new as soon as a circuit referenced
        // them. The caller collects (forced, compacting) just before, so almost nothing here is garbage.
        var byType = new Dictionary<(string, string), (long Count, long Bytes)>();
        var details = new Dictionary<string, (long Count, long Bytes)>(StringComparer.Ordinal);
        foreach (var obj in heap.EnumerateObjects())
        {
            if (obj.IsFree)
            {
                continue;
            }

            var type = obj.Type;
            var key = (type?.Name ?? "(unknown)", Path.GetFileNameWithoutExtension(type?.Module?.Name) ?? "");
            var (count, bytes) = byType.GetValueOrDefault(key);
            byType[key] = (count + 1, bytes + (long)obj.Size);

            // Details for the second file: strings by value (their first 120 characters) and arrays by length.
            string? detail = null;
            if (type?.IsString == true)
            {
                var value = obj.AsString(120) ?? "";
                detail = "string\t" + value.ReplaceLineEndings(" ").Replace('\t', ' ');
            }
            else if (type?.IsArray == true)
            {
                detail = string.Create(CultureInfo.InvariantCulture, $"array\t{type.Name} length {obj.AsArray().Length}");
            }

            if (detail is not null)
            {
                var (dc, db) = details.GetValueOrDefault(detail);
                details[detail] = (dc + 1, db + (long)obj.Size);
            }
        }

        File.WriteAllLines(Path.ChangeExtension(args[1], ".details.tsv"), details
            .Where(kv => kv.Value.Count >= 10)
            .OrderByDescending(kv => kv.Value.Bytes)
            .Select(kv => string.Join('\t', kv.Key, kv.Value.Count.ToString(CultureInfo.InvariantCulture), kv.Value.Bytes.ToString(CultureInfo.InvariantCulture))));

        File.WriteAllLines(args[1], byType
            .OrderByDescending(kv => kv.Value.Bytes)
            .Select(kv => string.Join('\t', kv.Key.Item1, kv.Key.Item2, kv.Value.Count.ToString(CultureInfo.InvariantCulture), kv.Value.Bytes.ToString(CultureInfo.InvariantCulture))));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"heap-types: {byType.Values.Sum(v => v.Count):N0} objects, {byType.Values.Sum(v => v.Bytes) / 1048576.0:0.0} MiB, {byType.Count:N0} types, in {clock.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    public static IReadOnlyList<HeapTypeCount> Read(string file) =>
        File.ReadLines(file)
            .Select(line => line.Split('\t'))
            .Select(f => new HeapTypeCount(f[0], f[1], long.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[3], CultureInfo.InvariantCulture)))
            .ToList();

    /// <summary>Takes a census of this process into <paramref name="file"/>, through a child process of the bench.</summary>
    public static async Task TakeAsync(string file, CancellationToken ct)
    {
        var start = Hosting.SelfProcess.StartInfo([Command, Environment.ProcessId.ToString(CultureInfo.InvariantCulture), file]);
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("heap-types did not start.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        Console.Error.WriteLine((await output + await error).Trim());
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"heap-types exited with {process.ExitCode}.");
        }
    }
}
