using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.Infrastructure.Common;

/// <summary>
/// A background job that runs at start-up and then every <see cref="Period"/> (an hour unless the job
/// says otherwise); a failed run is logged and the next one tries again, so one bad run never stops it.
/// </summary>
public abstract class PeriodicJob(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected virtual TimeSpan Period => TimeSpan.FromHours(1);

    /// <summary>Does one run and says how many records it handled.</summary>
    protected abstract Task<int> RunOnceAsync(CancellationToken ct);

    /// <summary>Logged when a run handled something, with the count as {Count}.</summary>
    protected abstract string DoneMessage { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, Clock);
        do
        {
            try
            {
                var handled = await RunOnceAsync(stoppingToken);
                if (handled > 0)
                {
                    logger.LogInformation(DoneMessage, handled);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "{Job} failed; it runs again in {Period}.", GetType().Name, Period);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
