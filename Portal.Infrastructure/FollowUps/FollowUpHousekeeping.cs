using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Domain.Common;
using Portal.Domain.Requests;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Live;

namespace Portal.Infrastructure.FollowUps;

/// <summary>
/// Closes items whose rating window has passed without a rating, so the register does not hold
/// them open forever; the follow-up outcome stays on the record.
/// </summary>
public sealed class FollowUpHousekeeping(IServiceScopeFactory scopes, TimeProvider clock, ILogger<FollowUpHousekeeping> logger) : PeriodicJob(clock, logger)
{
    public async Task<int> CloseExpiredAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var feed = scope.ServiceProvider.GetRequiredService<IRequestFeed>();
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = Clock.GetUtcNow();
        var expired = await db.ServiceRequests
            .Where(r => r.Status == RequestStatus.FollowedUp && r.RatingOpenUntil != null && r.RatingOpenUntil < now)
            .Take(200)
            .ToListAsync(ct);
        foreach (var request in expired)
        {
            request.Close(Actor.System, now, null);
        }

        await db.SaveChangesAsync(ct);
        foreach (var request in expired)
        {
            await feed.PublishAsync(RequestChanged.From(request), ct);
        }

        return expired.Count;
    }

    protected override string DoneMessage => "Closed {Count} request(s) whose rating window passed.";

    protected override Task<int> RunOnceAsync(CancellationToken ct) => CloseExpiredAsync(ct);
}
