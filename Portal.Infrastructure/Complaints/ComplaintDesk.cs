using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Requests;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Deadlines;
using Portal.Infrastructure.Dispatch;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.FollowUps;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Live;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure.Complaints;

/// <summary>One complaint on its owner's list, with the clock the butler answers against.</summary>
public sealed record ComplaintRow(
    int Id, string Number, RequestType Type, ComplaintKind? Kind, RequestStatus Status, Priority Priority,
    string? BuildingName, string? UnitNumber, string? Spot, string Description, string ContactName,
    DateTimeOffset SubmittedAt, DateTimeOffset RespondBy, DateTimeOffset? RespondedAt, DateTimeOffset DueAt,
    bool Paused, Portal.Domain.Deadlines.EscalationLevel Escalation, bool Warned, string TimeZoneId, Guid ConcurrencyStamp);

/// <summary>A butler of the estate the desk can hand a complaint to.</summary>
public sealed record ButlerOption(string UserId, string Name);

/// <summary>
/// The butler's side of a complaint (受理投诉): it reaches him from the desk, he brings in the right
/// department with a linked repair, answers the desk within the promised time, and the desk then
/// makes the follow-up call. Also the hand escalation any member of staff may make.
/// </summary>
public sealed class ComplaintDesk(IDbContextFactory<PortalDbContext> factory, RequestCommands commands, RequestNumbers numbers, IRequestFeed feed)
{
    /// <summary>Open complaints the caller owns, the one whose answer is due first on top.</summary>
    public async Task<IReadOnlyList<ComplaintRow>> MineAsync(CurrentUser user, CancellationToken ct = default)
    {
        if (!user.IsStaff)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.StaffEstateIdsAsync(user, ct);
        var rows = await Rows(db, db.ServiceRequests.Where(r =>
                r.AssigneeId == user.UserId
                && r.Type != RequestType.Repair
                && estates.Contains(r.Location.EstateId)
                && (r.Status == RequestStatus.Accepted || r.Status == RequestStatus.Reopened || r.Status == RequestStatus.Completed)))
            .ToListAsync(ct);
        return rows.OrderBy(r => r.RespondedAt is null ? 0 : 1).ThenBy(r => r.RespondBy).ToList();
    }

    public async Task<IReadOnlyList<ButlerOption>> ButlersAsync(CurrentUser user, int estateId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.StaffEstateIdsAsync(user, ct);
        if (!user.MayDispatch() || !estates.Contains(estateId))
        {
            return [];
        }

        return await ButlersOf(db, estateId).ToListAsync(ct);
    }

    /// <summary>The desk hands a complaint to a butler of its estate (when the building has none, or to change owner).</summary>
    public Task<Outcome<RequestStatus>> RouteAsync(CurrentUser user, int requestId, Guid stamp, string butlerId, CancellationToken ct = default) =>
        user.MayDispatch()
            ? commands.ExecuteAsync(user, requestId, stamp, async (db, request, by, at) =>
            {
                // A handful per estate; filtered here because SQL cannot filter on the projected record.
                var butlers = await ButlersOf(db, request.Location.EstateId).ToListAsync(ct);
                var butler = butlers.FirstOrDefault(b => b.UserId == butlerId)
                    ?? throw new DomainException("Dispatch.UnknownButler");
                request.RouteTo(by, at, butler.UserId, butler.Name);
            }, null, ct)
            : Task.FromResult(Outcome<RequestStatus>.NotFound);

    /// <summary>
    /// The answer goes back to the desk (答复). For a complaint only its owner or a supervisor answers
    /// (the rule is the aggregate's); the follow-up call is due after the estate's usual delay.
    /// </summary>
    public Task<Outcome<RequestStatus>> AnswerAsync(CurrentUser user, int requestId, Guid stamp, string? answer, CancellationToken ct = default) =>
        user.IsStaff && !IsOnlyTechnician(user)
            ? commands.ExecuteAsync(user, requestId, stamp, async (db, request, by, at) =>
            {
                var policy = await db.ForEstateAsync(request.Location.EstateId, ct);
                request.GiveAnswer(by, at, answer ?? "", policy.DueAfterCompletion);
            }, null, ct)
            : Task.FromResult(Outcome<RequestStatus>.NotFound);

    /// <summary>
    /// The owner brings a department in (联系相关部门): a repair for the same place and resident,
    /// already registered, goes onto the board for dispatch, linked both ways.
    /// </summary>
    public async Task<Outcome<string>> OpenLinkedRepairAsync(CurrentUser user, int complaintId, Guid stamp, RepairCategory category, string? description, CancellationToken ct = default)
    {
        if (!user.MayDispatch())
        {
            return Outcome<string>.NotFound;
        }

        var text = description?.Trim() ?? "";
        if (text.Length < RepairDraftValidator.MinDescriptionLength)
        {
            return Outcome<string>.Fail("Request.DescriptionRequired");
        }

        ServiceRequest? repair = null;
        // The day's repair number is read and written inside one filing section.
        var outcome = await numbers.FileAsync(() => commands.ExecuteAsync(user, complaintId, stamp, async (db, complaint, by, at) =>
        {
            if (complaint.Type != RequestType.Complaint)
            {
                throw new DomainException("Request.NotAComplaint");
            }

            var zone = await db.Estates.Where(e => e.Id == complaint.Location.EstateId).Select(e => e.TimeZoneId).SingleAsync(ct);
            var local = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(zone));
            var schedule = await DeadlineSchedules.ForEstateAsync(db, complaint.Location.EstateId, ct);
            var number = await numbers.NextAsync(db, RequestType.Repair, DateOnly.FromDateTime(local.DateTime), ct);
            repair = ServiceRequest.FileRepair(
                number, complaint.ResidentId, category, SamePlace(complaint.Location), text, preferredWindow: null,
                complaint.ContactName, complaint.ContactPhone, complaint.Channel, [], by, at,
                complaint.Priority, schedule, raisedFromId: complaint.Id);
            repair.Accept(by, at, complaint.Priority, note: null, category, schedule);
            complaint.RecordLinkedRepair(by, at, number);
            db.ServiceRequests.Add(repair);
        }, null, ct), ct);

        if (!outcome.Succeeded || repair is null)
        {
            return Outcome<string>.Fail(outcome.ErrorCode!, [.. outcome.Args]);
        }

        await feed.PublishAsync(RequestChanged.From(repair), ct);
        return Outcome<string>.Ok(repair.Number);
    }

    /// <summary>"Beyond my authority" (超出权限): any member of staff hands the item one level up, with the reason.</summary>
    public Task<Outcome<RequestStatus>> EscalateAsync(CurrentUser user, int requestId, Guid stamp, string? reason, CancellationToken ct = default) =>
        user.IsStaff
            ? commands.ExecuteAsync(user, requestId, stamp, (r, by, at) => r.Escalate(by, at, reason), ct)
            : Task.FromResult(Outcome<RequestStatus>.NotFound);

    internal static IQueryable<ComplaintRow> Rows(PortalDbContext db, IQueryable<ServiceRequest> requests) =>
        from r in requests
        join e in db.Estates on r.Location.EstateId equals e.Id
        join b in db.Buildings on r.Location.BuildingId equals b.Id into bs
        from b in bs.DefaultIfEmpty()
        join u in db.Units on r.Location.UnitId equals u.Id into us
        from u in us.DefaultIfEmpty()
        select new ComplaintRow(
            r.Id, r.Number, r.Type, r.ComplaintKind, r.Status, r.Priority,
            b == null ? null : b.Name, u == null ? null : u.Number, r.Location.Spot, r.Description, r.ContactName,
            r.SubmittedAt, r.RespondBy, r.RespondedAt, r.DueAt, r.ClockPausedSince != null, r.Escalation, r.WarnedAt != null,
            e.TimeZoneId, r.ConcurrencyStamp);

    private static IQueryable<ButlerOption> ButlersOf(PortalDbContext db, int estateId) =>
        db.StaffInRole(estateId, Roles.Butler).OrderBy(u => u.DisplayName).Select(u => new ButlerOption(u.Id, u.DisplayName));

    /// <summary>
    /// A new <see cref="Location"/> with the same place: EF Core stores it as an owned entity keyed by its
    /// request, so one instance cannot belong to two requests.
    /// </summary>
    private static Location SamePlace(Location place) => place.IsPublicArea
        ? Location.PublicArea(place.EstateId, place.BuildingId, place.Spot!)
        : Location.InUnit(place.EstateId, place.BuildingId!.Value, place.UnitId!.Value);

    private static bool IsOnlyTechnician(CurrentUser user) => user.IsInRole(Roles.Technician) && user.Roles.Count == 1;
}
