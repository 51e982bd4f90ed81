using Microsoft.Extensions.Logging;
using Portal.Infrastructure.Common;

namespace Portal.Infrastructure.Integrations;

/// <summary>Forgets Idempotency-Keys after a day, so the table stays the size of one day's calls.</summary>
public sealed class IdempotencySweeper(IdempotencyStore store, TimeProvider clock, ILogger<IdempotencySweeper> logger) : PeriodicJob(clock, logger)
{
    protected override string DoneMessage => "Forgot {Count} idempotency key(s) older than a day.";

    protected override Task<int> RunOnceAsync(CancellationToken ct) => store.SweepAsync(ct);
}
