using Microsoft.EntityFrameworkCore;
using Portal.Domain.FollowUps;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Dispatch;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.FollowUps;

public sealed record AttemptView(DateTimeOffset At, CallResult Result, string ByName, OutOfHoursReason? OutOfHours, DateTimeOffset? CallBackAt, string? Note);

public sealed record FollowUpItem(
    int RequestId, string Number, RepairCategory? Category, string Description, string? BuildingName, string? UnitNumber, string? Spot,
    string ContactName, string ContactPhone, string? TechnicianName, string? WorkDone, DateTimeOffset CompletedAt, DateTimeOffset DueAt,
    bool Overdue, bool CallableNow, DateTimeOffset NextAllowedAt, DateTimeOffset? CallBackAt, int FailedAttempts, int MaxFailedAttempts,
    IReadOnlyList<AttemptView> Attempts, string TimeZoneId, Guid Stamp, RequestType Type = RequestType.Repair);

/// <summary>
/// The desk's follow-up queue (回访): every completed item of the clerk's estates, due first,
/// with what is needed for the call on one screen, and whether calling now is allowed. For a
/// complaint, suggestion or inquiry what was done is the answer given, and who did it is its owner.
/// </summary>
public sealed class FollowUpQueue(IDbContextFactory<PortalDbContext> factory, TimeProvider clock)
{
    public async Task<IReadOnlyList<FollowUpItem>> ListAsync(CurrentUser user, CancellationToken ct = default)
    {
        if (!user.MayDispatch())
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var estateIds = await db.StaffEstateIdsAsync(user, ct);
        var estates = await db.Estates.AsNoTracking().Where(e => estateIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var rows = await (
            from r in db.ServiceRequests.Include(r => r.WorkOrders).Include(r => r.FollowUpAttempts)
            where estateIds.Contains(r.Location.EstateId) && r.Status == RequestStatus.Completed
            join b in db.Buildings on r.Location.BuildingId equals b.Id into bs
            from b in bs.DefaultIfEmpty()
            join u in db.Units on r.Location.UnitId equals u.Id into us
            from u in us.DefaultIfEmpty()
            orderby r.FollowUpDueAt
            select new { Request = r, BuildingName = b == null ? null : b.Name, UnitNumber = u == null ? null : u.Number })
            .AsNoTracking().AsSplitQuery().ToListAsync(ct);

        var now = clock.GetUtcNow();
        return rows.Select(x =>
        {
            var r = x.Request;
            var policy = FollowUpPolicies.For(estates[r.Location.EstateId]);
            var order = r.WorkOrders.Where(w => w.Status == WorkOrderStatus.Completed).OrderByDescending(w => w.Sequence).FirstOrDefault();
            var due = r.FollowUpDueAt ?? r.CompletedAt ?? now;
            return new FollowUpItem(
                r.Id, r.Number, r.Category, r.Description, x.BuildingName, x.UnitNumber, r.Location.Spot, r.ContactName, r.ContactPhone,
                // For a complaint, suggestion, question or praise the answer is what the clerk reads out.
                order?.AssigneeName ?? r.AssigneeName, order?.CompletionNotes ?? r.Answer, r.CompletedAt ?? now, due, now > due,
                policy.CallingHours.Allows(now, policy.Zone), policy.CallingHours.NextAllowed(now, policy.Zone), r.NextCallAt,
                r.FailedAttempts, policy.MaxFailedAttempts,
                r.FollowUpAttempts.OrderBy(a => a.At).Select(a => new AttemptView(a.At, a.Result, a.ByName, a.OutOfHoursReason, a.CallBackAt, a.Note)).ToList(),
                estates[r.Location.EstateId].TimeZoneId, r.ConcurrencyStamp, r.Type);
        }).ToList();
    }
}
