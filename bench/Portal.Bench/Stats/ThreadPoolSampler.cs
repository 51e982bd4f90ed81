using System.Globalization;

namespace Portal.Bench.Stats;

/// <summary>The thread pool during a measured window: threads, and work items waiting for a thread.</summary>
public sealed record ThreadPoolStats(int Samples, int ThreadsAtStart, int MaxThreads, double MedianPending, long MaxPending)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"thread pool: {ThreadsAtStart} → max {MaxThreads} threads; work items waiting for a thread: median {MedianPending:0}, max {MaxPending} ({Samples} samples)");
}

/// <summary>
/// Samples <see cref="ThreadPool.ThreadCount"/> and <see cref="ThreadPool.PendingWorkItemCount"/>
/// every 50 ms on a dedicated thread (not a pool thread, so a starved pool cannot delay it).
/// </summary>
public sealed class ThreadPoolSampler : IDisposable
{
    private readonly List<(int Threads, long Pending)> _samples = [];
    private readonly int _threadsAtStart = ThreadPool.ThreadCount;
    private readonly Thread _thread;
    private volatile bool _stop;

    public ThreadPoolSampler()
    {
        _thread = new Thread(() =>
        {
            while (!_stop)
            {
                lock (_samples)
                {
                    _samples.Add((ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount));
                }

                Thread.Sleep(50);
            }
        })
        { IsBackground = true, Name = "bench thread-pool sampler" };
        _thread.Start();
    }

    public ThreadPoolStats Stop()
    {
        _stop = true;
        _thread.Join();
        lock (_samples)
        {
            return _samples.Count == 0
                ? new ThreadPoolStats(0, _threadsAtStart, _threadsAtStart, 0, 0)
                : new ThreadPoolStats(
                    _samples.Count,
                    _threadsAtStart,
                    _samples.Max(s => s.Threads),
                    Percentiles.Median(_samples.Select(s => (double)s.Pending)),
                    _samples.Max(s => s.Pending));
        }
    }

    public void Dispose()
    {
        _stop = true;
    }
}
