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
            ? TryRegisterAsync(new Filer(user.ToActor(), null, IsDesk: false), user.UserId, draft, ct)
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

        return await TryRegisterAsync(new Filer(staff.ToActor(), estates, IsDesk: true), residentId, draft, ct);
    }

    /// <summary>
    /// Another system registers for a resident of the one estate its API key serves. The item waits on
    /// the board for the desk like one filed in the portal; the timeline names the integration. The
    /// receipt (the Idempotency-Key and its answer) is saved in the same transaction as the request.
    /// </summary>
    public Task<(Outcome<FiledRequest> Outcome, IReadOnlyList<FieldError> Errors)> RegisterForIntegrationAsync(
        int estateId, string integrationName, int apiKeyId, string residentId, RegisterDraft draft, IFilingReceipt? receipt = null,
        IReadOnlyList<HomeView>? homesJustRead = null, CancellationToken ct = default)
    {
        var actor = new Actor($"api:{apiKeyId}", integrationName, ActorRole.System);
        return TryRegisterAsync(new Filer(actor, [estateId], IsDesk: false), residentId, draft, ct, receipt, homesJustRead);
    }

    /// <summary>The code of the outcome when the receipt stopped the filing.</summary>
    public const string StoppedByReceipt = "Request.StoppedByReceipt";

    private sealed record Filer(Actor Actor, IReadOnlyList<int>? Estates, bool IsDesk)
    {
        public bool IsResident => Actor.Role == ActorRole.Resident;
    }

    /// <summary>What the checks found, for the write section to use without reading again.</summary>
    private sealed record Checked(HomeView Home, Location Location, IDeadlineSchedule Schedule, (string Id, string Name)? Butler);

    private async Task<(Outcome<FiledRequest>, IReadOnlyList<FieldError>)> TryRegisterAsync(
        Filer filer, string residentId, RegisterDraft draft, CancellationToken ct, IFilingReceipt? receipt = null, IReadOnlyList<HomeView>? homesJustRead = null)
    {
        // Everything that only reads happens before the write section, so other filings wait less.
        Checked found;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var (refusal, errors, ok) = await CheckAsync(db, filer, residentId, draft, homesJustRead, ct);
            if (ok is null)
            {
                return (refusal!, errors);
            }

            found = ok;
        }

        var draftPriority = draft.Urgent ? Priority.Urgent : Priority.Normal;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(found.Home.TimeZoneId);
        var (outcome, saved, about) = await numbers.FileAsync(async db =>
        {
            if (receipt is not null && !await receipt.MayFileAsync(db, ct))
            {
                return (Outcome<FiledRequest>.Fail(StoppedByReceipt), (ServiceRequest?)null, (ServiceRequest?)null);
            }

            var now = clock.GetUtcNow();
            var number = await numbers.NextAsync(db, draft.Type, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime), ct);
            var about = draft.AboutRequestId is { } aboutId && draft.Type == RequestType.Complaint
                ? await db.ServiceRequests.FirstOrDefaultAsync(r => r.Id == aboutId, ct)
                : null;
            ServiceRequest request;
            try
            {
                request = Build(filer, residentId, draft, found, number, now, draftPriority, about);
            }
            catch (DomainException rule)
            {
                return (Outcome<FiledRequest>.Fail(rule.Code, [.. rule.Args]), null, null);
            }

            db.ServiceRequests.Add(request);
            if (receipt is null)
            {
                await db.SaveChangesAsync(ct);
            }
            else
            {
                // The request and the answer a retry of the call gets back: both or neither.
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.SaveChangesAsync(ct);
                receipt.Record(db, FiledRequest.Of(request, found.Home.TimeZoneId));
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }

            return (Outcome<FiledRequest>.Ok(FiledRequest.Of(request, found.Home.TimeZoneId)), request, about);
        }, ct);

        // Published after the write section: the boards' reloads never hold up the next filing.
        if (saved is not null)
        {
            await feed.PublishAsync(RequestChanged.From(saved), ct);
            if (about is { IsSettled: false })
            {
                await feed.PublishAsync(RequestChanged.From(about), ct);
            }
        }

        return (outcome, []);
    }

    private static async Task<(Outcome<FiledRequest>? Refusal, IReadOnlyList<FieldError> Errors, Checked? Ok)> CheckAsync(
        PortalDbContext db, Filer filer, string residentId, RegisterDraft draft, IReadOnlyList<HomeView>? homesJustRead, CancellationToken ct)
    {
        var homes = homesJustRead?.ToList() ?? await ResidentHomes.HomesOfAsync(db, residentId, ct);
        if (filer.Estates is { } allowed)
        {
            homes = homes.Where(h => allowed.Contains(h.EstateId)).ToList();
        }

        if (homes.Count == 0)
        {
            // Not a resident the filer may act for: the same answer as for a resident who does not exist.
            return (filer.IsResident ? Outcome<FiledRequest>.Fail("Request.NoHome") : Outcome<FiledRequest>.NotFound, [], null);
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

        if (draft.AboutRequestId is { } aboutId && draft.Type == RequestType.Complaint
            && !await db.ServiceRequests.AnyAsync(r => r.Id == aboutId && r.ResidentId == residentId && r.Location.EstateId == home.EstateId, ct))
        {
            // Only the resident's own earlier request, in the same estate, can be complained about here.
            errors.Add(new(nameof(RegisterDraft.AboutRequestId), "AboutNotFound"));
        }

        if (errors.Count > 0)
        {
            return (Outcome<FiledRequest>.Fail("Validation.Failed"), errors, null);
        }

        var location = draft.InPublicArea
            ? Location.PublicArea(home.EstateId, draft.PublicBuildingId, draft.Spot!.Trim())
            : Location.InUnit(home.EstateId, home.BuildingId, home.UnitId);
        var schedule = await DeadlineSchedules.ForEstateAsync(db, home.EstateId, ct);
        var butler = filer.IsDesk && draft.Type == RequestType.Complaint && !draft.ClosesOnTheSpot
            ? await DispatchDesk.ButlerOfAsync(db, location.BuildingId, ct)
            : null;
        return (null, [], new Checked(home, location, schedule, butler));
    }

    private static ServiceRequest Build(
        Filer filer, string residentId, RegisterDraft draft, Checked found, string number, DateTimeOffset now, Priority priority, ServiceRequest? about)
    {
        var by = filer.Actor;
        var schedule = found.Schedule;
        var description = draft.Description!.Trim();
        var name = draft.ContactName!.Trim();
        var phone = PhoneNumber.Normalize(draft.ContactPhone!);
        var request = draft switch
        {
            { ClosesOnTheSpot: true } => ServiceRequest.RegisterAnswered(
                number, residentId, draft.Type, found.Location, description, name, phone, draft.Channel, by, now, draft.AnswerOnTheSpot!, schedule),
            { Type: RequestType.Repair } => ServiceRequest.FileRepair(
                number, residentId, draft.Category!.Value, found.Location, description, preferredWindow: null, name, phone,
                draft.Channel, [], by, now, priority, schedule),
            _ => ServiceRequest.Register(
                number, residentId, draft.Type, draft.ComplaintKind, found.Location, description, name, phone,
                draft.Channel, by, now, priority, schedule, about?.Id),
        };

        if (filer.IsDesk && request.Status == RequestStatus.Submitted)
        {
            // The clerk has just read it back to the resident: registering is accepting.
            request.Accept(by, now, priority, note: null, draft.Category, schedule);
            if (request.Type == RequestType.Complaint && found.Butler is { } butler)
            {
                request.RouteTo(by, now, butler.Id, butler.Name);
            }
        }

        if (about is { IsSettled: false })
        {
            about.RaisePriority(by.IsStaff ? by : Actor.System, now, number, schedule);
        }

        return request;
    }
}
