using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Requests;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Requests;

/// <summary>
/// A resident follows a neighbour's open public-area request instead of filing the same problem
/// again ("me too", 我也遇到), or stops following it. Nothing is written on the request itself and
/// nothing is published: see <see cref="RequestFollower"/> for why.
/// </summary>
public sealed class FollowRequest(IDbContextFactory<PortalDbContext> factory, TimeProvider clock)
{
    /// <summary>
    /// Follows the request and answers how many residents now follow it. Following twice is
    /// following once. Only public-area requests of the caller's own estates exist for this call: a
    /// unit's request, another estate's or an id never used all get the same "not found".
    /// </summary>
    public async Task<Outcome<int>> FollowAsync(CurrentUser user, int requestId, CancellationToken ct = default)
    {
        if (!user.IsResident)
        {
            return Outcome<int>.NotFound;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.ResidentEstateIdsAsync(user, ct);
        var request = await db.ServiceRequests.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id == requestId && r.Location.UnitId == null && estates.Contains(r.Location.EstateId), ct);
        if (request is null)
        {
            return Outcome<int>.NotFound;
        }

        if (!await db.RequestFollowers.AnyAsync(f => f.ServiceRequestId == requestId && f.UserId == user.UserId, ct))
        {
            try
            {
                db.RequestFollowers.Add(RequestFollower.Follow(request, user.ToActor(), clock.GetUtcNow()));
                await db.SaveChangesAsync(ct);
            }
            catch (DomainException rule)
            {
                return Outcome<int>.Fail(rule.Code, [.. rule.Args]);
            }
            catch (DbUpdateException)
            {
                // A double tap raced itself: the other tap is already following, which is all that was asked.
            }
        }

        return Outcome<int>.Ok(await db.RequestFollowers.CountAsync(f => f.ServiceRequestId == requestId, ct));
    }

    /// <summary>Stops following. Only the caller's own row can go, so any id is safe to accept.</summary>
    public async Task<Outcome> UnfollowAsync(CurrentUser user, int requestId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.RequestFollowers.Where(f => f.ServiceRequestId == requestId && f.UserId == user.UserId).ExecuteDeleteAsync(ct);
        return Outcome.Success;
    }
}
