using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Requests;

/// <summary>
/// An open public-area request as a neighbour sees it: the place, the problem in short, how far it
/// has got and how many others have it too; never who filed it.
/// </summary>
public sealed record PublicAreaIssue(
    int Id, string Number, RepairCategory? Category, RequestStatus Status, string? BuildingName, string Spot, string Summary,
    DateTimeOffset SubmittedAt, string TimeZoneId, int Followers, bool IsMine, bool IsFollowing, bool MatchesSpot);

/// <summary>One step of a followed request: what happened, when, and which kind of person did it; no names, no notes.</summary>
public sealed record PublicTimelineEntry(DateTimeOffset At, TimelineEvent Event, RequestStatus To, ActorRole ActorRole);

/// <summary>
/// A followed request as its follower reads it. It holds, by construction, nothing personal of the
/// filer, so no page can show it by mistake; see <see cref="PublicAreaIssues.GetFollowedAsync"/>.
/// </summary>
public sealed record FollowedRequestView(
    int Id, string Number, RepairCategory? Category, RequestStatus Status, string EstateName, string? BuildingName, string Spot,
    string Summary, DateTimeOffset SubmittedAt, string TimeZoneId, int Followers, DateTimeOffset FollowedAt,
    IReadOnlyList<PublicTimelineEntry> Timeline);

/// <summary>
/// The read side of "me too" (我也遇到): what is already reported at a public spot of the
/// resident's estate, the requests they follow, and one followed request. Everything is scoped to
/// the estates the caller lives in; anything else is simply not there.
/// </summary>
public sealed class PublicAreaIssues(IDbContextFactory<PortalDbContext> factory)
{
    /// <summary>Enough to recognise one's problem on a phone screen without scrolling through the estate.</summary>
    public const int MaxListed = 10;

    /// <summary>The description as far as a card shows it (and the follower's page: the same text, no more).</summary>
    public const int SummaryLength = 120;

    // The newest open items the spot ranking chooses from; an estate has far fewer open public-area requests.
    private const int Candidates = 100;

    /// <summary>
    /// The timeline events a follower sees. Left out: notes (free text, often about the filer),
    /// quotes and the filer's decisions on them (their money), calls to the filer and the follow-up
    /// outcome (their words), ratings and service recovery (their opinion), and "butler informed"
    /// (staff-internal, names the butler). Names are never shown: the entries carry a role only.
    /// </summary>
    public static readonly TimelineEvent[] PublicEvents =
    [
        TimelineEvent.Submitted, TimelineEvent.Accepted, TimelineEvent.Dispatched, TimelineEvent.Reassigned,
        TimelineEvent.WorkAccepted, TimelineEvent.OnTheWay, TimelineEvent.Started, TimelineEvent.PutOnHold,
        TimelineEvent.Resumed, TimelineEvent.Completed, TimelineEvent.ReturnedToDesk, TimelineEvent.Reopened,
        TimelineEvent.Closed, TimelineEvent.Cancelled,
    ];

    /// <summary>
    /// The open public-area requests at the spot a resident is about to report: of the given building
    /// and estate-wide ones (no building), or estate-wide ones only when no building is chosen. Those
    /// whose spot matches what the resident typed come first (<see cref="SpotMatch"/>), then the
    /// building's before the estate-wide ones, newest first; at most <see cref="MaxListed"/>.
    /// Empty unless the caller lives in the estate.
    /// </summary>
    public async Task<IReadOnlyList<PublicAreaIssue>> AtSpotAsync(CurrentUser user, int estateId, int? buildingId, string? spot, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.ResidentEstateIdsAsync(user, ct);
        if (!estates.Contains(estateId))
        {
            return [];
        }

        var open = RequestFollower.FollowableStatuses;
        var requests = db.ServiceRequests.Where(r => r.Location.EstateId == estateId && r.Location.UnitId == null && open.Contains(r.Status));
        requests = buildingId is { } building
            ? requests.Where(r => r.Location.BuildingId == building || r.Location.BuildingId == null)
            : requests.Where(r => r.Location.BuildingId == null);
        var rows = await Rows(db, requests, user.UserId).Take(Candidates).ToListAsync(ct);

        return rows
            .Select(row => (Row: row, Score: SpotMatch.Score(spot, row.Spot)))
            .OrderByDescending(x => x.Score >= SpotMatch.Threshold ? x.Score : 0)
            .ThenBy(x => x.Row.BuildingId is null ? 1 : 0)
            .ThenByDescending(x => x.Row.SubmittedAt)
            .ThenByDescending(x => x.Row.Id)
            .Take(MaxListed)
            .Select(x => Issue(x.Row, x.Score >= SpotMatch.Threshold))
            .ToList();
    }

    /// <summary>The requests the resident follows, newest first, as long as they still live in the estate.</summary>
    public async Task<IReadOnlyList<PublicAreaIssue>> FollowedAsync(CurrentUser user, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.ResidentEstateIdsAsync(user, ct);
        var followed = db.RequestFollowers.Where(f => f.UserId == user.UserId).Select(f => f.ServiceRequestId);
        var requests = db.ServiceRequests.Where(r => followed.Contains(r.Id) && r.Location.UnitId == null && estates.Contains(r.Location.EstateId));
        var rows = await Rows(db, requests, user.UserId).ToListAsync(ct);
        return rows.Select(row => Issue(row, matchesSpot: false)).ToList();
    }

    /// <summary>
    /// A request the resident follows, as the follower may read it; null when they do not follow it
    /// (or no longer live in its estate). What it shows, field by field, and why:
    /// number, category, status, place (a public spot, shared by everyone there), filing time and
    /// the count of followers — the facts of a shared problem; the description only as far as the
    /// card showed it. Not the contact name or phone, the preferred visit time (when the filer is
    /// at home), photos (they may show people or the filer's things; the photo endpoint keeps them
    /// to the filer and staff), the technician's name, the quote, the follow-up outcome, the
    /// filer's words or rating, or who else follows. The timeline: see <see cref="PublicEvents"/>.
    /// </summary>
    public async Task<FollowedRequestView?> GetFollowedAsync(CurrentUser user, int requestId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var followedAt = await db.RequestFollowers
            .Where(f => f.ServiceRequestId == requestId && f.UserId == user.UserId)
            .Select(f => (DateTimeOffset?)f.FollowedAt)
            .FirstOrDefaultAsync(ct);
        if (followedAt is null)
        {
            return null;
        }

        var estates = await db.ResidentEstateIdsAsync(user, ct);
        var requests = db.ServiceRequests.Where(r => r.Id == requestId && r.Location.UnitId == null && estates.Contains(r.Location.EstateId));
        var row = await Rows(db, requests, user.UserId).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var events = PublicEvents;
        var timeline = await db.Set<TimelineEntry>()
            .Where(t => t.ServiceRequestId == requestId && events.Contains(t.Event))
            .OrderBy(t => t.At).ThenBy(t => t.Id)
            .Select(t => new PublicTimelineEntry(t.At, t.Event, t.To, t.ActorRole))
            .ToListAsync(ct);
        return new FollowedRequestView(
            row.Id, row.Number, row.Category, row.Status, row.EstateName, row.BuildingName, row.Spot ?? "", Summary(row.Description),
            row.SubmittedAt, row.TimeZoneId, row.Followers, followedAt.Value, timeline);
    }

    /// <summary>The description cut to what a card shows.</summary>
    public static string Summary(string description) =>
        description.Length <= SummaryLength ? description : description[..(SummaryLength - 1)].TrimEnd() + "…";

    private static PublicAreaIssue Issue(Row row, bool matchesSpot) => new(
        row.Id, row.Number, row.Category, row.Status, row.BuildingName, row.Spot ?? "", Summary(row.Description),
        row.SubmittedAt, row.TimeZoneId, row.Followers, row.IsMine, row.IsFollowing, matchesSpot);

    // Internal to this class: the filer's id never leaves it, only whether the caller is the filer.
    private sealed record Row(
        int Id, string Number, RepairCategory? Category, RequestStatus Status, int? BuildingId, string? BuildingName, string? Spot,
        string Description, DateTimeOffset SubmittedAt, string EstateName, string TimeZoneId, bool IsMine, int Followers, bool IsFollowing);

    /// <summary>Newest first; the order is applied before the projection so it runs in SQL.</summary>
    private static IQueryable<Row> Rows(PortalDbContext db, IQueryable<ServiceRequest> requests, string userId) =>
        from r in requests
        join e in db.Estates on r.Location.EstateId equals e.Id
        join b in db.Buildings on r.Location.BuildingId equals b.Id into bs
        from b in bs.DefaultIfEmpty()
        orderby r.SubmittedAt descending, r.Id descending
        select new Row(
            r.Id, r.Number, r.Category, r.Status, r.Location.BuildingId, b == null ? null : b.Name, r.Location.Spot,
            r.Description, r.SubmittedAt, e.Name, e.TimeZoneId, r.ResidentId == userId,
            db.RequestFollowers.Count(f => f.ServiceRequestId == r.Id),
            db.RequestFollowers.Any(f => f.ServiceRequestId == r.Id && f.UserId == userId));
}
