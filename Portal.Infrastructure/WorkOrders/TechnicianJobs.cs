using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Requests;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Dispatch;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Photos;
using Portal.Infrastructure.Requests;
using Portal.Infrastructure.Estates;

namespace Portal.Infrastructure.WorkOrders;

public sealed record JobView(
    int RequestId, string Number, RequestStatus RequestStatus, WorkOrderStatus Status, RepairCategory? Category, Priority Priority,
    string Description, string? BuildingName, string? UnitNumber, string? Spot, string ContactName, string ContactPhone,
    DateTimeOffset? PreferredStart, DateTimeOffset? PreferredEnd, DateTimeOffset DueAt, HoldReason? HoldReason,
    decimal? QuoteAmount, QuoteDecision? QuoteDecision, bool IsRework, string TimeZoneId, Guid Stamp, DateTimeOffset AssignedAt);

public sealed record MaterialInput(string Name, decimal Quantity, string? Unit);

/// <summary>
/// A technician's work orders on his phone ("My jobs") and every move he makes on them. The
/// aggregate checks that the order is his; the list only ever shows his own, with the resident's
/// phone (PIPL: only for his own orders).
/// </summary>
public sealed class TechnicianJobs(IDbContextFactory<PortalDbContext> factory, RequestCommands commands, IOptions<PhotoOptions> photos)
{
    public async Task<IReadOnlyList<JobView>> ListMineAsync(CurrentUser user, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.StaffEstateIdsAsync(user, ct);
        var rows = await (
            from r in db.ServiceRequests.Include(r => r.WorkOrders)
            // His own orders, and team orders of his estates that nobody has taken yet.
            where (r.AssigneeId == user.UserId || (r.AssigneeId == null && estates.Contains(r.Location.EstateId) && r.WorkOrders.Any(w => w.IsTeam && w.TechnicianId == null && (w.Status == WorkOrderStatus.Assigned))))
                  && (r.Status == RequestStatus.Dispatched || r.Status == RequestStatus.InProgress || r.Status == RequestStatus.OnHold)
            join e in db.Estates on r.Location.EstateId equals e.Id
            join b in db.Buildings on r.Location.BuildingId equals b.Id into bs
            from b in bs.DefaultIfEmpty()
            join u in db.Units on r.Location.UnitId equals u.Id into us
            from u in us.DefaultIfEmpty()
            select new { Request = r, e.TimeZoneId, BuildingName = b == null ? null : b.Name, UnitNumber = u == null ? null : u.Number })
            .AsNoTracking()
            .ToListAsync(ct);

        return rows
            .Select(x => (x, Order: x.Request.ActiveWorkOrder))
            .Where(t => t.Order is not null && (t.Order.IsFor(user.UserId) || (t.Order.IsTeam && t.Order.TechnicianId is null)))
            .Select(t => new JobView(
                t.x.Request.Id, t.x.Request.Number, t.x.Request.Status, t.Order!.Status, t.x.Request.Category, t.x.Request.Priority,
                t.x.Request.Description, t.x.BuildingName, t.x.UnitNumber, t.x.Request.Location.Spot, t.x.Request.ContactName,
                // PIPL: the phone only on his own order, not on a team order nobody has taken yet.
                t.Order.IsFor(user.UserId) ? t.x.Request.ContactPhone : "",
                t.x.Request.PreferredWindow?.Start, t.x.Request.PreferredWindow?.End, t.x.Request.DueAt, t.x.Request.HoldReason,
                t.Order.Quote?.Amount, t.Order.Quote?.Decision, t.Order.IsRework, t.x.TimeZoneId, t.x.Request.ConcurrencyStamp, t.Order.AssignedAt))
            .OrderByDescending(j => j.Priority).ThenBy(j => j.DueAt)
            .ToList();
    }

    public Task<Outcome<RequestStatus>> AcceptAsync(CurrentUser user, int requestId, Guid stamp, CancellationToken ct = default) =>
        commands.ExecuteAsync(user, requestId, stamp, (r, by, at) => r.AcceptWork(by, at), ct);

    public Task<Outcome<RequestStatus>> SetOffAsync(CurrentUser user, int requestId, Guid stamp, CancellationToken ct = default) =>
        commands.ExecuteAsync(user, requestId, stamp, (r, by, at) => r.SetOff(by, at), ct);

    public Task<Outcome<RequestStatus>> StartAsync(CurrentUser user, int requestId, Guid stamp, CancellationToken ct = default) =>
        commands.ExecuteAsync(user, requestId, stamp, (r, by, at) => r.Start(by, at), ct);

    public Task<Outcome<RequestStatus>> PauseAsync(CurrentUser user, int requestId, Guid stamp, HoldReason reason, string? note, CancellationToken ct = default) =>
        commands.ExecuteAsync(user, requestId, stamp, (r, by, at) => r.PutOnHold(reason, by, at, note), ct);

    public Task<Outcome<RequestStatus>> ResumeAsync(CurrentUser user, int requestId, Guid stamp, CancellationToken ct = default) =>
        commands.ExecuteAsync(user, requestId, stamp, (r, by, at, schedule) => r.Resume(by, at, schedule), ct);

    /// <summary>Paid work: the price goes to the resident, who must approve it before work starts.</summary>
    public Task<Outcome<RequestStatus>> QuoteAsync(CurrentUser user, int requestId, Guid stamp, decimal amount, string description, CancellationToken ct = default) =>
        commands.ExecuteAsync(user, requestId, stamp, (r, by, at) => r.Quote(by, at, amount, description), ct);

    /// <summary>A job that cannot be finished goes back to the desk with its reason, never silently.</summary>
    public Task<Outcome<RequestStatus>> ReturnAsync(CurrentUser user, int requestId, Guid stamp, string reason, CancellationToken ct = default) =>
        commands.ExecuteAsync(user, requestId, stamp, (r, by, at, schedule) => r.ReturnToDesk(by, at, reason, schedule), ct);

    public async Task<Outcome<RequestStatus>> CompleteAsync(
        CurrentUser user, int requestId, Guid stamp, string notes, int minutesSpent, IReadOnlyList<MaterialInput> materials, IReadOnlyList<Guid> afterPhotoIds, CancellationToken ct = default)
    {
        if (afterPhotoIds.Count > photos.Value.MaxPhotosPerRequest)
        {
            return Outcome<RequestStatus>.Fail("Photo.TooMany", photos.Value.MaxPhotosPerRequest);
        }

        return await commands.ExecuteAsync(user, requestId, stamp, async (db, request, by, at) =>
        {
            var staged = await db.StagedPhotos.Where(p => p.OwnerUserId == user.UserId && afterPhotoIds.Contains(p.Id)).ToListAsync(ct);
            if (staged.Count != afterPhotoIds.Distinct().Count())
            {
                throw new Portal.Domain.Common.DomainException("Photo.Missing");
            }

            var after = staged.Select(p => new RequestPhoto(p.Id, p.StorageKey, p.ThumbnailKey, p.ContentType, p.Length, p.Width, p.Height, PhotoStage.After, p.UploadedAt, user.UserId)).ToList();
            var report = new CompletionReport(
                notes,
                minutesSpent,
                materials.Select(m => new MaterialLine(m.Name, m.Quantity, m.Unit)).ToList(),
                after);
            var policy = await Portal.Infrastructure.FollowUps.FollowUpPolicies.ForEstateAsync(db, request.Location.EstateId, ct);
            request.Complete(by, at, report, policy.DueAfterCompletion);
            db.StagedPhotos.RemoveRange(staged);
        }, null, ct);
    }
}
