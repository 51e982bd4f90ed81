using System.Threading.RateLimiting;

namespace Portal.Infrastructure.Estates;

/// <summary>
/// Caps how many invitation codes one account may try in an hour, so the "add a home" box (which
/// runs over the live connection, outside the HTTP rate limiter) cannot be used to walk codes.
/// </summary>
public sealed class InvitationAttempts : IDisposable
{
    public const int PerHour = 10;

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(userId =>
        RateLimitPartition.GetFixedWindowLimiter(userId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = PerHour,
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        }));

    public bool TryTake(string userId)
    {
        using var lease = _limiter.AttemptAcquire(userId);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
