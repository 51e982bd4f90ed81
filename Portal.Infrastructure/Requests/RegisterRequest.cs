using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Deadlines;
using Portal.Domain.Requests;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Deadlines;
using Portal.Infrastructure.Dispatch;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Live;

namespace Portal.Infrastructure.Requests;

/// <summary>
/// Puts a complaint, suggestion, inquiry or praise into the one register (归口登记) — from the resident
/// in the portal, from the desk on a resident's behalf (phone, walk-in, letter, …) or from another
/// system through the integration API. The desk's own registration is also its acceptance: a complaint
/// goes straight to the building's butler, and an inquiry answered at once is closed on the spot.
/// A complaint about an earlier request raises that request's priority.
/// </summary>
public sealed class RegisterRequest(
    IDbContextFactory<PortalDbContext> factory,
    RequestNumbers numbers,
    IRequestFeed feed,
    TimeProvider clock)
{
    public Task<(Outcome<FiledRequest> Outcome, IReadOnlyList<FieldError> Errors)> RegisterAsync(CurrentUser user, RegisterDraft draft, CancellationToken ct = default) =>
        user.IsResident
            ? numbers.FileAsync(() => TryRegisterAsync(new Filer(user.ToActor(), null, IsDesk: false), user.UserId, draft, ct), ct)
            : Task.FromResult<(Outcome<FiledRequest>, IReadOnlyList<FieldError>)>((Outcome<FiledRequest>.Fail("Request.ResidentsOnly"), []));

    /// <summary>The desk registers what a resident told it, for a resident of the clerk's own estates only.</summary>
    public async Task<(Outcome<FiledRequest> Outcome, IReadOnlyList<FieldError> Errors)> RegisterOnBehalfAsync(CurrentUser staff, string residentId, RegisterDraft draft, CancellationToken ct = default)
    {
        if (!staff.MayDispatch())
        {
            return (Outcome<FiledRequest>.NotFound, []);
        }

        List<int> estates;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            estates = await db.StaffEstateIdsAsync(staff, ct);
        }

        return await numbers.FileAsync(() => TryRegisterAsync(new Filer(staff.ToActor(), estates, IsDesk: true), residentId, draft, ct), ct);
    }

    /// <summary>
    /// Another system registers for a resident of the one estate its API key serves. The item waits on
    /// the board for the desk like one filed in the portal; the timeline names the integration.
    /// </summary>
    public Task<(Outcome<FiledRequest> Outcome, IReadOnlyList<FieldError> Errors)> RegisterForIntegrationAsync(
        int estateId, string integrationName, int apiKeyId, string residentId, RegisterDraft draft, CancellationToken ct = default)
    {
        var actor = new Actor($"api:{apiKeyId}", integrationName, ActorRole.System);
        return numbers.FileAsync(() => TryRegisterAsync(new Filer(actor, [estateId], IsDesk: false), residentId, draft, ct), ct);
    }

    private sealed record Filer(Actor Actor, IReadOnlyList<int>? Estates, bool IsDesk)
    {
        public bool IsResident => Actor.Role == ActorRole.Resident;
    }

    private async Task<(Outcome<FiledRequest>, IReadOnlyList<FieldError>)> TryRegisterAsync(Filer filer, string residentId, RegisterDraft draft, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var homes = await ResidentHomes.HomesOf(db, residentId).ToListAsync(ct);
        if (filer.Estates is { } allowed)
        {
            homes = homes.Where(h => allowed.Contains(h.EstateId)).ToList();
        }

        if (homes.Count == 0)
        {
            // Not a resident the filer may act for: the same answer as for a resident who does not exist.
            return (filer.IsResident ? Outcome<FiledRequest>.Fail("Request.NoHome") : Outcome<FiledRequest>.NotFound, []);
        }

        // The API files on behalf of a resident but is not the desk: it reports its own channel.
        var errors = RegisterDraftValidator.Validate(draft, homes, byStaff: !filer.IsResident).ToList();
        var estateId = draft.InPublicArea ? draft.EstateId : homes.FirstOrDefault(h => h.UnitId == draft.UnitId)?.EstateId;
        var home = homes.FirstOrDefault(h => h.EstateId == estateId) ?? homes[0];
        if (draft.InPublicArea && draft.PublicBuildingId is { } buildingId
            && !await db.Buildings.AnyAsync(b => b.Id == buildingId && b.EstateId == home.EstateId, ct))
        {
            errors.Add(new(nameof(RegisterDraft.PublicBuildingId), "BuildingNotInEstate"));
        }

        ServiceRequest? about = null;
        if (draft.AboutRequestId is { } aboutId && draft.Type == RequestType.Complaint)
        {
            // Only the resident's own earlier request, in the same estate, can be complained about here.
            about = await db.ServiceRequests.FirstOrDefaultAsync(r => r.Id == aboutId && r.ResidentId == residentId && r.Location.EstateId == home.EstateId, ct);
            if (about is null)
            {
                errors.Add(new(nameof(RegisterDraft.AboutRequestId), "AboutNotFound"));
            }
        }

        if (errors.Count > 0)
        {
            return (Outcome<FiledRequest>.Fail("Validation.Failed"), errors);
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(home.TimeZoneId);
        var now = clock.GetUtcNow();
        var nowLocal = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var location = draft.InPublicArea
            ? Location.PublicArea(home.EstateId, draft.PublicBuildingId, draft.Spot!.Trim())
            : Location.InUnit(home.EstateId, home.BuildingId, home.UnitId);
        var schedule = await DeadlineSchedules.ForEstateAsync(db, home.EstateId, ct);
        var number = await numbers.NextAsync(db, draft.Type, DateOnly.FromDateTime(nowLocal), ct);
        var by = filer.Actor;
        var priority = draft.Urgent ? Priority.Urgent : Priority.Normal;
        var description = draft.Description!.Trim();
        var name = draft.ContactName!.Trim();
        var phone = PhoneNumber.Normalize(draft.ContactPhone!);

        ServiceRequest request;
        try
        {
            request = draft switch
            {
                { ClosesOnTheSpot: true } => ServiceRequest.RegisterAnswered(
                    number, residentId, draft.Type, location, description, name, phone, draft.Channel, by, now, draft.AnswerOnTheSpot!, schedule),
                { Type: RequestType.Repair } => ServiceRequest.FileRepair(
                    number, residentId, draft.Category!.Value, location, description, preferredWindow: null, name, phone,
                    draft.Channel, [], by, now, priority, schedule),
                _ => ServiceRequest.Register(
                    number, residentId, draft.Type, draft.ComplaintKind, location, description, name, phone,
                    draft.Channel, by, now, priority, schedule, about?.Id),
            };

            if (filer.IsDesk && request.Status == RequestStatus.Submitted)
            {
                // The clerk has just read it back to the resident: registering is accepting.
                request.Accept(by, now, priority, note: null, draft.Category, schedule);
                if (request.Type == RequestType.Complaint && await DispatchDesk.ButlerOfAsync(db, location.BuildingId, ct) is { } butler)
                {
                    request.RouteTo(by, now, butler.Id, butler.Name);
                }
            }

            if (about is { IsSettled: false })
            {
                about.RaisePriority(by.IsStaff ? by : Actor.System, now, number, schedule);
            }
        }
        catch (DomainException rule)
        {
            return (Outcome<FiledRequest>.Fail(rule.Code, [.. rule.Args]), []);
        }

        db.ServiceRequests.Add(request);
        await db.SaveChangesAsync(ct);
        await feed.PublishAsync(RequestChanged.From(request), ct);
        if (about is { IsSettled: false })
        {
            await feed.PublishAsync(RequestChanged.From(about), ct);
        }

        return (Outcome<FiledRequest>.Ok(FiledRequest.Of(request, home.TimeZoneId)), []);
    }
}
