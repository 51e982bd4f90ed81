using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Common;
using Portal.Domain.Deadlines;
using Portal.Domain.Requests;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Deadlines;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Live;
using Portal.Infrastructure.Dispatch;
using Portal.Infrastructure.Photos;

namespace Portal.Infrastructure.Requests;

/// <summary>
/// What the resident is told after filing: the number to quote and the first promise — the time by
/// which they will hear back, in estate time, rounded up to five minutes (people keep "by 08:20",
/// not "by 08:19").
/// </summary>
public sealed record FiledRequest(int Id, string Number, DateTime AcknowledgeByLocal, string TimeZoneId)
{
    /// <summary>The request as it stood when filed, for callers that answer with it (the integration API).</summary>
    public FiledState? State { get; init; }

    public static FiledRequest Of(ServiceRequest request, string timeZoneId) =>
        new(request.Id, request.Number, PromiseLocal(request.RespondBy, timeZoneId), timeZoneId)
        {
            State = new FiledState(
                request.Type, request.Status, request.SubmittedAt,
                request.RespondedAt is null ? request.RespondBy : null, request.DueAt, request.ClosedAt),
        };

    public static DateTime PromiseLocal(DateTimeOffset respondBy, string timeZoneId)
    {
        var local = TimeZoneInfo.ConvertTime(respondBy, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId)).DateTime;
        var step = TimeSpan.FromMinutes(5).Ticks;
        return new DateTime((local.Ticks + step - 1) / step * step, DateTimeKind.Unspecified);
    }
}

/// <summary>A resident files a repair for one of their units or a public area of their estate (报修).</summary>
/// <summary>Status and promises of a request right after filing.</summary>
public sealed record FiledState(RequestType Type, RequestStatus Status, DateTimeOffset SubmittedAt, DateTimeOffset? RespondBy, DateTimeOffset ResolveBy, DateTimeOffset? ClosedAt);

public sealed class FileRepairRequest(
    IDbContextFactory<PortalDbContext> factory,
    RequestNumbers numbers,
    IOptions<PhotoOptions> photoOptions,
    IRequestFeed feed,
    TimeProvider clock)
{
    public Task<(Outcome<FiledRequest> Outcome, IReadOnlyList<FieldError> Errors)> FileAsync(CurrentUser user, RepairDraft draft, CancellationToken ct = default) =>
        user.IsResident
            ? TryFileAsync(user, user.UserId, Channel.Portal, draft, ct)
            : Task.FromResult<(Outcome<FiledRequest>, IReadOnlyList<FieldError>)>((Outcome<FiledRequest>.Fail("Request.ResidentsOnly"), []));

    /// <summary>
    /// The desk registers a request a resident made by phone, at the desk or in writing: the same
    /// path, with the channel recorded and the clerk on the timeline. Only for residents of the
    /// clerk's own estates.
    /// </summary>
    public async Task<(Outcome<FiledRequest> Outcome, IReadOnlyList<FieldError> Errors)> FileOnBehalfAsync(CurrentUser staff, string residentId, Channel channel, RepairDraft draft, CancellationToken ct = default)
    {
        if (!staff.MayDispatch() || channel == Channel.Portal)
        {
            return (Outcome<FiledRequest>.NotFound, []);
        }

        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var estates = await db.StaffEstateIdsAsync(staff, ct);
            var homes = await ResidentHomes.HomesOfAsync(db, residentId, ct);
            if (!homes.Any(h => estates.Contains(h.EstateId)))
            {
                return (Outcome<FiledRequest>.NotFound, []);
            }
        }

        return await TryFileAsync(staff, residentId, channel, draft, ct);
    }

    private async Task<(Outcome<FiledRequest>, IReadOnlyList<FieldError>)> TryFileAsync(CurrentUser user, string residentId, Channel channel, RepairDraft draft, CancellationToken ct)
    {
        // Everything that only reads happens before the write section, so other filings wait less.
        HomeView home;
        Location location;
        IDeadlineSchedule schedule;
        TimeZoneInfo zone;
        List<Guid> photoIds;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var homes = await ResidentHomes.HomesOfAsync(db, residentId, ct);
            if (user.IsStaff)
            {
                var estates = await db.StaffEstateIdsAsync(user, ct);
                homes = homes.Where(h => estates.Contains(h.EstateId)).ToList();
            }

            if (homes.Count == 0)
            {
                return (Outcome<FiledRequest>.Fail("Request.NoHome"), []);
            }

            var estateId = draft.InPublicArea ? draft.EstateId : homes.FirstOrDefault(h => h.UnitId == draft.UnitId)?.EstateId;
            home = homes.FirstOrDefault(h => h.EstateId == estateId) ?? homes[0];
            zone = TimeZoneInfo.FindSystemTimeZoneById(home.TimeZoneId);
            var nowLocal = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime;

            var errors = RepairDraftValidator.Validate(draft, homes, nowLocal, photoOptions.Value.MaxPhotosPerRequest).ToList();
            if (draft.InPublicArea && draft.PublicBuildingId is { } buildingId
                && !await db.Buildings.AnyAsync(b => b.Id == buildingId && b.EstateId == estateId, ct))
            {
                errors.Add(new(nameof(RepairDraft.PublicBuildingId), "BuildingNotInEstate"));
            }

            photoIds = draft.PhotoIds.Distinct().ToList();
            var stagedCount = photoIds.Count == 0 ? 0 : await db.StagedPhotos.CountAsync(p => p.OwnerUserId == user.UserId && photoIds.Contains(p.Id), ct);
            if (stagedCount != photoIds.Count)
            {
                errors.Add(new(nameof(RepairDraft.PhotoIds), "PhotoMissing"));
            }

            if (errors.Count > 0)
            {
                return (Outcome<FiledRequest>.Fail("Validation.Failed"), errors);
            }

            location = draft.InPublicArea
                ? Location.PublicArea(home.EstateId, draft.PublicBuildingId, draft.Spot!.Trim())
                : Location.InUnit(home.EstateId, home.BuildingId, home.UnitId);
            schedule = await DeadlineSchedules.ForEstateAsync(db, home.EstateId, ct);
        }

        var actor = user.ToActor();
        var window = draft.PreferredDate is { } date
            ? draft.Slot.ToWindow(DateOnly.FromDateTime(date), zone)
            : null;
        var (outcome, saved, lost) = await numbers.FileAsync(async db =>
        {
            // The staged photos are taken inside the section: they become the request's, exactly once.
            var staged = photoIds.Count == 0
                ? new List<StagedPhoto>()
                : await db.StagedPhotos.Where(p => p.OwnerUserId == user.UserId && photoIds.Contains(p.Id)).ToListAsync(ct);
            if (staged.Count != photoIds.Count)
            {
                // Swept or filed by another tab since the check.
                return (Outcome<FiledRequest>.Fail("Validation.Failed"), (ServiceRequest?)null, new FieldError(nameof(RepairDraft.PhotoIds), "PhotoMissing"));
            }

            var photos = staged
                .OrderBy(p => draft.PhotoIds.IndexOf(p.Id))
                .Select(p => new RequestPhoto(p.Id, p.StorageKey, p.ThumbnailKey, p.ContentType, p.Length, p.Width, p.Height, PhotoStage.Before, p.UploadedAt, user.UserId))
                .ToList();
            var now = clock.GetUtcNow();
            // One SaveChanges below writes the counter, the request and the staged-photo removal in a
            // single transaction; no explicit transaction, so SQL Server's retrying strategy can replay it.
            var number = await numbers.NextAsync(db, RequestType.Repair, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime), ct);
            ServiceRequest request;
            try
            {
                request = ServiceRequest.FileRepair(
                    number, residentId, draft.Category!.Value, location, draft.Description!.Trim(), window,
                    draft.ContactName!.Trim(), PhoneNumber.Normalize(draft.ContactPhone!), channel, photos, actor, now,
                    draft.Urgent ? Priority.Urgent : Priority.Normal, schedule);
            }
            catch (DomainException rule)
            {
                return (Outcome<FiledRequest>.Fail(rule.Code, [.. rule.Args]), null, (FieldError?)null);
            }

            db.ServiceRequests.Add(request);
            db.StagedPhotos.RemoveRange(staged);
            await db.SaveChangesAsync(ct);
            return (Outcome<FiledRequest>.Ok(FiledRequest.Of(request, home.TimeZoneId)), request, (FieldError?)null);
        }, ct);

        // Published after the write section: the boards' reloads never hold up the next filing.
        if (saved is not null)
        {
            await feed.PublishAsync(RequestChanged.From(saved), ct);
        }

        return (outcome, lost is null ? [] : [lost]);
    }
}
