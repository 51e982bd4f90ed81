using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Requests;

/// <summary>A resident withdraws a request while nobody has been dispatched; staff with a reason.</summary>
public sealed class CancelRequest(IDbContextFactory<PortalDbContext> factory, TimeProvider clock)
{
    public async Task<Outcome> CancelAsync(CurrentUser user, int requestId, string? reason, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var visible = await RequestQueries.Visible(db, user, ct);
        var request = await visible.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
        {
            return Outcome.NotFound;
        }

        try
        {
            request.Cancel(user.ToActor(), clock.GetUtcNow(), string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
            await db.SaveChangesAsync(ct);
            return Outcome.Success;
        }
        catch (DomainException rule)
        {
            return Outcome.Fail(rule.Code, [.. rule.Args]);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Fail("Request.ChangedMeanwhile");
        }
    }
}
