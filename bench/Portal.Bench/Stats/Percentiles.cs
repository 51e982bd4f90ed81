using System.Diagnostics;

namespace Portal.Bench.Stats;

/// <summary>p50/p95/p99/max of one set of samples, in milliseconds.</summary>
public sealed record Summary(int Count, double P50, double P95, double P99, double Max)
{
    public static readonly Summary Empty = new(0, double.NaN, double.NaN, double.NaN, double.NaN);
}

public static class Percentiles
{
    /// <summary>Nearest-rank percentiles (no interpolation): every figure is a sample that happened.</summary>
    public static Summary Of(IEnumerable<double> samples)
    {
        var sorted = samples.ToArray();
        if (sorted.Length == 0)
        {
            return Summary.Empty;
        }

        Array.Sort(sorted);
        return new Summary(sorted.Length, Rank(sorted, 50), Rank(sorted, 95), Rank(sorted, 99), sorted[^1]);
    }

    public static double Rank(double[] sorted, double percentile)
    {
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static double Milliseconds(long fromTimestamp, long toTimestamp) =>
        (toTimestamp - fromTimestamp) * 1000.0 / Stopwatch.Frequency;
}
