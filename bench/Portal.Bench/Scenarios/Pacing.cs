using System.Diagnostics;

namespace Portal.Bench.Scenarios;

/// <summary>An open-loop schedule: item i starts at start + i/rate, whether or not earlier ones finished.</summary>
public static class Pacing
{
    public static async Task<Task[]> RunAsync(int count, double ratePerSecond, Func<int, Task> item, CancellationToken ct)
    {
        var tasks = new Task[count];
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * Stopwatch.Frequency / ratePerSecond);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }

            var index = i;
            tasks[i] = Task.Run(() => item(index), ct);
        }

        return tasks;
    }
}
