using System.Collections.Concurrent;
using System.Diagnostics;
using Portal.Infrastructure.Live;

namespace Portal.Bench.Hosting;

/// <summary>When the app's use cases handed each change to the feed, and when that call returned.</summary>
public sealed class FeedTimings
{
    public ConcurrentDictionary<string, (long Start, long End)> Publishes { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// A pass-through around the app's own <see cref="IRequestFeed"/>: two timestamps per publish, for
/// the breakdown of where the time goes (saving vs. the fan-out the filing call awaits). Subscribers
/// (the hub relay, the pages) are handed straight to the app's feed.
/// </summary>
public sealed class TimedRequestFeed(IRequestFeed inner, FeedTimings timings) : IRequestFeed
{
    public async Task PublishAsync(RequestChanged change, CancellationToken ct = default)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await inner.PublishAsync(change, ct);
        }
        finally
        {
            timings.Publishes[change.Number] = (start, Stopwatch.GetTimestamp());
        }
    }

    public IDisposable Subscribe(Func<RequestChanged, Task> onChange, Func<Task>? onResync = null) => inner.Subscribe(onChange, onResync);
}
