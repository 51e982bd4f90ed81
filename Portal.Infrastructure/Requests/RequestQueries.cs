using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Requests;

public sealed record RequestSummary(
    int Id, string Number, RequestType Type, RepairCategory? Category, RequestStatus Status,
    string EstateName, string? BuildingName, string? UnitNumber, string? Spot, string Description,
    DateTimeOffset SubmittedAt, DateTimeOffset LastChangedAt, string TimeZoneId, Guid? FirstPhotoId, int PhotoCount);

public sealed record TimelineView(DateTimeOffset At, TimelineEvent Event, RequestStatus? From, RequestStatus To, string ActorName, ActorRole ActorRole, string? Note, ClockEffect? Clock = null);

public sealed record PhotoView(Guid Id, PhotoStage Stage, int Width, int Height);

public sealed record RatingView(int Overall, int Speed, int Attitude, int Quality, string? Comment, Portal.Domain.Ratings.RatingSource Source, string RecordedByName, DateTimeOffset At);

public sealed record RecoveryView(DateTimeOffset OpenedAt, DateTimeOffset DueAt, Portal.Domain.Ratings.RecoveryStatus Status, string? Resolution, string? ResolvedByName);

public sealed record QuoteView(decimal Amount, string Description, DateTimeOffset QuotedAt, QuoteDecision? Decision, DateTimeOffset? DecidedAt, string? DecidedBy);

public sealed record RequestDetail(
    RequestSummary Summary, Priority Priority, Channel Channel, string ContactName, string? ContactPhone,
    DateTimeOffset? PreferredStart, DateTimeOffset? PreferredEnd, HoldReason? HoldReason, string? AssigneeName,
    string? CancellationReason, IReadOnlyList<TimelineView> Timeline, IReadOnlyList<PhotoView> Photos,
    bool CanCancel, Guid ConcurrencyStamp, QuoteView? Quote, DateTimeOffset DueAt, bool IsOwner,
    FollowUpOutcome? FollowUpOutcome, string? ResidentWords, RatingView? Rating, DateTimeOffset? RatingOpenUntil, bool CanRate, RecoveryView? Recovery,
    int Followers = 0, DeadlineInfo? Deadlines = null, FeedbackInfo? Feedback = null);

/// <summary>The promises on a request: first response, resolution, whether the clock stands, who it went up to.</summary>
public sealed record DeadlineInfo(
    DateTimeOffset RespondBy, DateTimeOffset? RespondedAt, DateTimeOffset DueAt, bool Paused,
    Portal.Domain.Deadlines.EscalationLevel Escalation, DateTimeOffset? EscalatedAt, bool Warned);

/// <summary>A link from one request to another (a complaint and the repairs it concerns or opened).</summary>
public sealed record LinkedRequest(int Id, string Number, RequestType Type, RequestStatus Status);

/// <summary>What a complaint, suggestion, inquiry or praise carries besides a repair's fields.</summary>
public sealed record FeedbackInfo(
    ComplaintKind? Kind, string? Answer, DateTimeOffset? AnsweredAt, bool ClosedOnTheSpot, int EstateId, string? OwnerId,
    LinkedRequest? About, LinkedRequest? RaisedFrom, IReadOnlyList<LinkedRequest> LinkedRepairs, IReadOnlyList<LinkedRequest> ComplaintsAbout);

/// <summary>
/// Read side of requests. Every query is scoped to what the caller may see: a resident their
/// own requests, staff the requests of their estates. Anything else is simply not found.
/// </summary>
public sealed class RequestQueries(IDbContextFactory<PortalDbContext> factory, TimeProvider clock)
{
    public async Task<IReadOnlyList<RequestSummary>> ListMineAsync(CurrentUser user, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Summaries(db, db.ServiceRequests.Where(r => r.ResidentId == user.UserId)).ToListAsync(ct);
    }

    /// <summary>The newest requests of the caller's estates (staff).</summary>
    public async Task<IReadOnlyList<RequestSummary>> ListForStaffAsync(CurrentUser user, int take = 100, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.StaffEstateIdsAsync(user, ct);
        return await Summaries(db, db.ServiceRequests.Where(r => estates.Contains(r.Location.EstateId)))
            .Take(take)
            .ToListAsync(ct);
    }

    /// <summary>
    /// A resident's requests still open, for the desk (a complaint can be about one of them); only those
    /// in the caller's estates.
    /// </summary>
    public async Task<IReadOnlyList<RequestSummary>> OpenRequestsOfAsync(CurrentUser staff, string residentId, CancellationToken ct = default)
    {
        if (!staff.IsStaff)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.StaffEstateIdsAsync(staff, ct);
        return await Summaries(db, db.ServiceRequests.Where(r =>
                r.ResidentId == residentId && estates.Contains(r.Location.EstateId)
                && r.Status != RequestStatus.Closed && r.Status != RequestStatus.Cancelled))
            .Take(20)
            .ToListAsync(ct);
    }

    /// <summary>The resident's requests waiting for a rating now, for the home page's invitation.</summary>
    public async Task<IReadOnlyList<RequestSummary>> AwaitingMyRatingAsync(CurrentUser user, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        return await Summaries(db, db.ServiceRequests.Where(r =>
            r.ResidentId == user.UserId && r.Status == RequestStatus.FollowedUp && r.RatingOpenUntil > now && r.Rating == null
            && r.FollowUpOutcome != Portal.Domain.Requests.FollowUpOutcome.NotResolved)).ToListAsync(ct);
    }

    public async Task<RequestDetail?> GetAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var visible = await Visible(db, user, ct);
        var request = await visible
            .AsNoTracking()
            .Include(r => r.Timeline)
            .Include(r => r.Photos)
            .Include(r => r.WorkOrders)
            .AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return null;
        }

        var summary = await Summaries(db, db.ServiceRequests.Where(r => r.Id == id)).FirstAsync(ct);
        // Links are shown only within what the caller may see anyway.
        var links = await visible
            .Where(r => r.Id == request.AboutRequestId || r.Id == request.RaisedFromId || r.RaisedFromId == id || r.AboutRequestId == id)
            .Select(r => new { r.Id, r.Number, r.Type, r.Status, r.RaisedFromId, r.AboutRequestId })
            .ToListAsync(ct);
        LinkedRequest? Link(int? linkId) => links.Where(l => l.Id == linkId).Select(l => new LinkedRequest(l.Id, l.Number, l.Type, l.Status)).FirstOrDefault();
        var isOwner = request.BelongsTo(user.UserId);
        // A technician sees a resident's phone only on his own work orders (PIPL).
        var technicianOnly = user.IsInRole(Roles.Technician) && user.Roles.Count == 1 && request.AssigneeId != user.UserId;
        var quote = request.WorkOrders.OrderByDescending(w => w.Sequence).Select(w => w.Quote).FirstOrDefault(q => q is not null);
        // Neighbours who said "me too": a count only, never who they are.
        var followers = await db.RequestFollowers.CountAsync(f => f.ServiceRequestId == id, ct);
        return new RequestDetail(
            summary, request.Priority, request.Channel, request.ContactName,
            technicianOnly ? null : request.ContactPhone,
            request.PreferredWindow?.Start, request.PreferredWindow?.End, request.HoldReason, request.AssigneeName,
            request.CancellationReason,
            request.Timeline.OrderBy(t => t.At).ThenBy(t => t.Id)
                .Select(t => new TimelineView(t.At, t.Event, t.From, t.To, t.ActorName, t.ActorRole, t.Note, t.Clock)).ToList(),
            request.Photos.Select(p => new PhotoView(p.Id, p.Stage, p.Width, p.Height)).ToList(),
            isOwner && request.CanBeCancelledByResident,
            request.ConcurrencyStamp,
            quote is null ? null : new QuoteView(quote.Amount, quote.Description, quote.QuotedAt, quote.Decision, quote.DecidedAt, quote.DecidedBy),
            request.DueAt,
            isOwner,
            request.FollowUpOutcome,
            request.ResidentWords,
            request.Rating is { } r ? new RatingView(r.Overall, r.Speed, r.Attitude, r.Quality, r.Comment, r.Source, r.RecordedByName, r.At) : null,
            request.RatingOpenUntil,
            isOwner && request.Status == RequestStatus.FollowedUp && request.Rating is null
                && request.FollowUpOutcome is Portal.Domain.Requests.FollowUpOutcome.Resolved or Portal.Domain.Requests.FollowUpOutcome.PartlyResolvedAccepted or Portal.Domain.Requests.FollowUpOutcome.NotReached
                && request.RatingOpenUntil > clock.GetUtcNow(),
            request.Recovery is { } rc ? new RecoveryView(rc.OpenedAt, rc.DueAt, rc.Status, rc.Resolution, rc.ResolvedByName) : null,
            followers,
            new DeadlineInfo(request.RespondBy, request.RespondedAt, request.DueAt, request.IsClockPaused, request.Escalation, request.EscalatedAt, request.WarnedAt is not null),
            new FeedbackInfo(
                request.ComplaintKind, request.Answer, request.AnsweredAt, request.ClosedOnTheSpot, request.Location.EstateId,
                user.IsStaff ? request.AssigneeId : null,
                Link(request.AboutRequestId), Link(request.RaisedFromId),
                links.Where(l => l.RaisedFromId == id).Select(l => new LinkedRequest(l.Id, l.Number, l.Type, l.Status)).ToList(),
                links.Where(l => l.AboutRequestId == id).Select(l => new LinkedRequest(l.Id, l.Number, l.Type, l.Status)).ToList()));
    }

    internal static async Task<IQueryable<ServiceRequest>> Visible(PortalDbContext db, CurrentUser user, CancellationToken ct)
    {
        var estates = await db.StaffEstateIdsAsync(user, ct);
        return db.ServiceRequests.Where(r => r.ResidentId == user.UserId || estates.Contains(r.Location.EstateId));
    }

    /// <summary>Newest first; the order is applied before the projection so it runs in SQL.</summary>
    private static IQueryable<RequestSummary> Summaries(PortalDbContext db, IQueryable<ServiceRequest> requests) =>
        from r in requests
        join e in db.Estates on r.Location.EstateId equals e.Id
        join b in db.Buildings on r.Location.BuildingId equals b.Id into bs
        from b in bs.DefaultIfEmpty()
        join u in db.Units on r.Location.UnitId equals u.Id into us
        from u in us.DefaultIfEmpty()
        orderby r.SubmittedAt descending, r.Id descending
        select new RequestSummary(
            r.Id, r.Number, r.Type, r.Category, r.Status, e.Name,
            b == null ? null : b.Name, u == null ? null : u.Number, r.Location.Spot, r.Description,
            r.SubmittedAt, r.LastChangedAt, e.TimeZoneId,
            r.Photos.OrderBy(p => p.UploadedAt).Select(p => (Guid?)p.Id).FirstOrDefault(),
            r.Photos.Count);
}
