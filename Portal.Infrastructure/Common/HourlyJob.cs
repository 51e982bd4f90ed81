using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.Infrastructure.Common;

/// <summary>
/// A housekeeping job that runs at start-up and then every hour; a failed run is logged and the
/// next one tries again, so one bad hour never stops the job.
/// </summary>
public abstract class HourlyJob(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    /// <summary>Does one run and says how many records it handled.</summary>
    protected abstract Task<int> RunOnceAsync(CancellationToken ct);

    /// <summary>Logged when a run handled something, with the count as {Count}.</summary>
    protected abstract string DoneMessage { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), Clock);
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
                logger.LogWarning(ex, "{Job} failed; it runs again in an hour.", GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
