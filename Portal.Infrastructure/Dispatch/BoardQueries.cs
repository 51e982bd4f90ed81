using Microsoft.EntityFrameworkCore;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Dispatch;

public sealed record BoardCard(
    int Id, string Number, RequestStatus Status, Priority Priority, RepairCategory? Category, Channel Channel,
    DateTimeOffset SubmittedAt, DateTimeOffset DueAt, int EstateId, int? BuildingId, string? BuildingName, string? UnitNumber, string? Spot,
    string? AssigneeId, string? AssigneeName, HoldReason? HoldReason, string Description, string TimeZoneId, Guid Stamp,
    int Followers = 0,
    RequestType Type = RequestType.Repair, ComplaintKind? ComplaintKind = null,
    DateTimeOffset? RespondBy = null, bool Paused = false,
    Portal.Domain.Deadlines.EscalationLevel Escalation = Portal.Domain.Deadlines.EscalationLevel.None, bool Warned = false)
{
    /// <summary>The first response is owed (for a complaint, the butler's answer) and its time has passed.</summary>
    public bool ResponseOverdue(DateTimeOffset now) => RespondBy is { } by && !Paused && now > by;
}

public sealed record RatedItem(int Id, string Number, int Overall, int Speed, int Attitude, int Quality, string? Comment, Portal.Domain.Ratings.RatingSource Source, DateTimeOffset At, string? AssigneeName, string TimeZoneId);

public sealed record RecoveryItem(int Id, string Number, int Overall, string? Comment, DateTimeOffset OpenedAt, DateTimeOffset DueAt, string TimeZoneId, Guid Stamp);

public sealed record BoardFilter(int? EstateId = null, int? BuildingId = null, RepairCategory? Category = null, Priority? Priority = null, string? AssigneeId = null, string? Search = null, RequestType? Type = null);

public sealed record NamedOption<TKey>(TKey Id, string Name);

public sealed record BoardChoices(IReadOnlyList<NamedOption<int>> Estates, IReadOnlyList<(int EstateId, NamedOption<int> Building)> Buildings, IReadOnlyList<NamedOption<string>> Assignees);

/// <summary>
/// The dispatch board's data: every open request of the caller's estates, filtered and searched in
/// SQL. Lanes are a presentation of <see cref="RequestStatus"/>, see <see cref="BoardLanes"/>.
/// </summary>
public sealed class BoardQueries(IDbContextFactory<PortalDbContext> factory)
{
    public static readonly RequestStatus[] OpenStatuses =
        [RequestStatus.Submitted, RequestStatus.Accepted, RequestStatus.Reopened, RequestStatus.Dispatched, RequestStatus.InProgress, RequestStatus.OnHold, RequestStatus.Completed];

    public async Task<IReadOnlyList<BoardCard>> CardsAsync(CurrentUser user, BoardFilter filter, CancellationToken ct = default)
    {
        if (!user.IsStaff)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.StaffEstateIdsAsync(user, ct);
        var requests = db.ServiceRequests.Where(r => estates.Contains(r.Location.EstateId) && OpenStatuses.Contains(r.Status));
        if (filter.EstateId is { } estate)
        {
            requests = requests.Where(r => r.Location.EstateId == estate);
        }

        if (filter.BuildingId is { } building)
        {
            requests = requests.Where(r => r.Location.BuildingId == building);
        }

        if (filter.Category is { } category)
        {
            requests = requests.Where(r => r.Category == category);
        }

        if (filter.Priority is { } priority)
        {
            requests = requests.Where(r => r.Priority == priority);
        }

        if (filter.Type is { } type)
        {
            requests = requests.Where(r => r.Type == type);
        }

        if (!string.IsNullOrEmpty(filter.AssigneeId))
        {
            requests = requests.Where(r => r.AssigneeId == filter.AssigneeId);
        }

        var query =
            from r in requests
            join e in db.Estates on r.Location.EstateId equals e.Id
            join b in db.Buildings on r.Location.BuildingId equals b.Id into bs
            from b in bs.DefaultIfEmpty()
            join u in db.Units on r.Location.UnitId equals u.Id into us
            from u in us.DefaultIfEmpty()
            select new { r, e.TimeZoneId, BuildingName = b == null ? null : b.Name, UnitNumber = u == null ? null : u.Number };

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // Number, unit ("1304" or "3-1304") or phone, as the desk hears them on the phone.
            var term = filter.Search.Trim().Replace(" ", "", StringComparison.Ordinal);
            var parts = term.Split('-', 2);
            var (buildingPart, unitPart) = parts.Length == 2 ? (parts[0], parts[1]) : ((string?)null, term);
            query = query.Where(x =>
                x.r.Number.Contains(term)
                || x.r.ContactPhone.Contains(term)
                || (x.UnitNumber != null && x.UnitNumber == unitPart && (buildingPart == null || x.BuildingName == buildingPart)));
        }

        var rows = await query
            .OrderBy(x => x.r.DueAt)
            .Take(500)
            .Select(x => new BoardCard(
                x.r.Id, x.r.Number, x.r.Status, x.r.Priority, x.r.Category, x.r.Channel, x.r.SubmittedAt, x.r.DueAt,
                x.r.Location.EstateId, x.r.Location.BuildingId, x.BuildingName, x.UnitNumber, x.r.Location.Spot,
                x.r.AssigneeId, x.r.AssigneeName, x.r.HoldReason, x.r.Description, x.TimeZoneId, x.r.ConcurrencyStamp,
                db.RequestFollowers.Count(f => f.ServiceRequestId == x.r.Id),
                x.r.Type, x.r.ComplaintKind, x.r.RespondedAt == null ? x.r.RespondBy : null, x.r.ClockPausedSince != null,
                x.r.Escalation, x.r.WarnedAt != null))
            .ToListAsync(ct);
        return rows;
    }

    /// <summary>The newest ratings of the caller's estates, for the supervisor's eye on the board.</summary>
    public async Task<IReadOnlyList<RatedItem>> RecentRatingsAsync(CurrentUser user, int take = 8, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.StaffEstateIdsAsync(user, ct);
        var rows = await (
            from r in db.ServiceRequests
            where estates.Contains(r.Location.EstateId) && r.Rating != null
            join e in db.Estates on r.Location.EstateId equals e.Id
            orderby r.Rating!.At descending
            select new { r.Id, r.Number, r.Rating, r.AssigneeName, e.TimeZoneId }).Take(take).AsNoTracking().ToListAsync(ct);
        return rows.Select(x => new RatedItem(x.Id, x.Number, x.Rating!.Overall, x.Rating.Speed, x.Rating.Attitude, x.Rating.Quality, x.Rating.Comment, x.Rating.Source, x.Rating.At, x.AssigneeName, x.TimeZoneId)).ToList();
    }

    /// <summary>Open service-recovery tasks (a low rating), most urgent first.</summary>
    public async Task<IReadOnlyList<RecoveryItem>> OpenRecoveriesAsync(CurrentUser user, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.StaffEstateIdsAsync(user, ct);
        var rows = await (
            from r in db.ServiceRequests
            where estates.Contains(r.Location.EstateId) && r.Recovery != null && r.Recovery.Status == Portal.Domain.Ratings.RecoveryStatus.Open
            join e in db.Estates on r.Location.EstateId equals e.Id
            orderby r.Recovery!.DueAt
            select new { r.Id, r.Number, r.Rating, r.Recovery, e.TimeZoneId, r.ConcurrencyStamp }).AsNoTracking().ToListAsync(ct);
        return rows.Select(x => new RecoveryItem(x.Id, x.Number, x.Rating?.Overall ?? 0, x.Rating?.Comment, x.Recovery!.OpenedAt, x.Recovery.DueAt, x.TimeZoneId, x.ConcurrencyStamp)).ToList();
    }

    public async Task<BoardChoices> ChoicesAsync(CurrentUser user, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.StaffEstateIdsAsync(user, ct);
        var estateRows = await db.Estates.Where(e => estates.Contains(e.Id)).OrderBy(e => e.Name).Select(e => new { e.Id, e.Name }).ToListAsync(ct);
        var buildingRows = await db.Buildings.Where(b => estates.Contains(b.EstateId)).OrderBy(b => b.SortOrder).Select(b => new { b.Id, b.EstateId, b.Name }).ToListAsync(ct);
        var assignees = await (
            from s in db.StaffEstates
            where estates.Contains(s.EstateId)
            join u in db.Users on s.UserId equals u.Id
            join ur in db.UserRoles on u.Id equals ur.UserId
            join role in db.Roles on ur.RoleId equals role.Id
            where role.Name == Roles.Technician
            select new { u.Id, u.DisplayName }).Distinct().ToListAsync(ct);
        return new BoardChoices(
            estateRows.Select(e => new NamedOption<int>(e.Id, e.Name)).ToList(),
            buildingRows.Select(b => (b.EstateId, new NamedOption<int>(b.Id, b.Name))).ToList(),
            assignees.OrderBy(a => a.DisplayName).Select(a => new NamedOption<string>(a.Id, a.DisplayName)).ToList());
    }
}

/// <summary>The lanes of the board, in the order work flows through them.</summary>
public enum BoardLane
{
    New,
    Accepted,
    Dispatched,
    InProgress,
    Waiting,
    AwaitingFollowUp,
}

public static class BoardLanes
{
    public static BoardLane LaneOf(RequestStatus status) => status switch
    {
        RequestStatus.Submitted => BoardLane.New,
        RequestStatus.Accepted or RequestStatus.Reopened => BoardLane.Accepted,
        RequestStatus.Dispatched => BoardLane.Dispatched,
        RequestStatus.InProgress => BoardLane.InProgress,
        RequestStatus.OnHold => BoardLane.Waiting,
        RequestStatus.Completed => BoardLane.AwaitingFollowUp,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not on the board."),
    };
}
