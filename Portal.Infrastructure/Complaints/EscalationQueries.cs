using Microsoft.EntityFrameworkCore;
using Portal.Domain.Deadlines;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Complaints;

/// <summary>
/// The escalation owner's list (升级处理): what is escalated to the caller's level and still open, in
/// the caller's estates. A supervisor sees everything escalated, a manager what reached the manager;
/// an administrator sees everything. Nobody else has such a list.
/// </summary>
public sealed class EscalationQueries(IDbContextFactory<PortalDbContext> factory)
{
    public static bool HasList(CurrentUser user) =>
        user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Manager) || user.IsInRole(Roles.Admin);

    public async Task<IReadOnlyList<ComplaintRow>> ListAsync(CurrentUser user, CancellationToken ct = default)
    {
        if (!HasList(user))
        {
            return [];
        }

        var lowest = user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin) ? EscalationLevel.Supervisor : EscalationLevel.Manager;
        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.StaffEstateIdsAsync(user, ct);
        var levels = Enum.GetValues<EscalationLevel>().Where(l => l >= lowest).ToList();
        var rows = await ComplaintDesk.Rows(db, db.ServiceRequests.Where(r =>
                levels.Contains(r.Escalation)
                && estates.Contains(r.Location.EstateId)
                && r.Status != RequestStatus.Completed && r.Status != RequestStatus.FollowedUp && r.Status != RequestStatus.Rated
                && r.Status != RequestStatus.Closed && r.Status != RequestStatus.Cancelled))
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.Escalation).ThenBy(r => r.DueAt).ToList();
    }
}
