// TEMPORARY STAND-IN (branch "api"). The real RegisterRequest and RegisterDraft are written on main
// and replace this whole file on merge; the public surface below is exactly theirs. This one only
// files what the intake API needs for its tests: every type becomes a repair through
// ServiceRequest.FileRepair (category Other when none), with the draft's channel.
// MERGE: take main's RegisterRequest.cs as it is and drop this one (and its AddScoped<RegisterRequest>
// in IntegrationsServiceCollectionExtensions if main registers it elsewhere). The intake endpoint
// calls only RegisterForIntegrationAsync and reads field errors by RegisterDraft property names.
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Common;
using Portal.Domain.Requests;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Live;

namespace Portal.Infrastructure.Requests;

/// <summary>What a clerk or an integration registers: any type of item.</summary>
public sealed class RegisterDraft
{
    public RequestType Type { get; set; } = RequestType.Complaint;
    public ComplaintKind? ComplaintKind { get; set; }
    public RepairCategory? Category { get; set; }
    public bool InPublicArea { get; set; }
    public int? UnitId { get; set; }
    public int? EstateId { get; set; }
    public int? PublicBuildingId { get; set; }
    public string? Spot { get; set; }
    public string? Description { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public Channel Channel { get; set; } = Channel.Phone;
    public bool Urgent { get; set; }
    public string? AnswerOnTheSpot { get; set; }
    public int? AboutRequestId { get; set; }
}

/// <summary>Registers items from every channel in the one register (归口). Stand-in; see the file header.</summary>
public sealed class RegisterRequest(
    IDbContextFactory<PortalDbContext> factory, RequestNumbers numbers, IOptions<DeskOptions> desk, IRequestFeed feed, TimeProvider clock)
{
    public async Task<(Outcome<FiledRequest> Outcome, IReadOnlyList<FieldError> Errors)> RegisterForIntegrationAsync(
        int estateId, string integrationName, int apiKeyId, string residentId, RegisterDraft draft, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryRegisterAsync(estateId, integrationName, apiKeyId, residentId, draft, ct);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Two filings raced for the same day's number; the loser takes the next one.
            }
        }
    }

    private async Task<(Outcome<FiledRequest>, IReadOnlyList<FieldError>)> TryRegisterAsync(
        int estateId, string integrationName, int apiKeyId, string residentId, RegisterDraft draft, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var homes = (await ResidentHomes.HomesOf(db, residentId).ToListAsync(ct)).Where(h => h.EstateId == estateId).ToList();
        if (homes.Count == 0)
        {
            return (Outcome<FiledRequest>.NotFound, []);
        }

        var errors = new List<FieldError>();
        if (!draft.InPublicArea && homes.All(h => h.UnitId != draft.UnitId))
        {
            errors.Add(new(nameof(RegisterDraft.UnitId), "UnitNotYours"));
        }

        if (draft.InPublicArea && draft.PublicBuildingId is { } buildingId
            && !await db.Buildings.AnyAsync(b => b.Id == buildingId && b.EstateId == estateId, ct))
        {
            errors.Add(new(nameof(RegisterDraft.PublicBuildingId), "BuildingNotInEstate"));
        }

        if (errors.Count > 0)
        {
            return (Outcome<FiledRequest>.Fail("Validation.Failed"), errors);
        }

        var home = homes.FirstOrDefault(h => h.UnitId == draft.UnitId) ?? homes[0];
        var zone = TimeZoneInfo.FindSystemTimeZoneById(home.TimeZoneId);
        var now = clock.GetUtcNow();
        var nowLocal = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var actor = new Actor($"api-key:{apiKeyId}", integrationName, ActorRole.System);
        var number = await numbers.NextAsync(db, RequestType.Repair, DateOnly.FromDateTime(nowLocal), ct);
        ServiceRequest request;
        try
        {
            var location = draft.InPublicArea
                ? Location.PublicArea(estateId, draft.PublicBuildingId, draft.Spot!)
                : Location.InUnit(estateId, home.BuildingId, home.UnitId);
            request = ServiceRequest.FileRepair(
                number, residentId, draft.Category ?? RepairCategory.Other, location, draft.Description!, null,
                draft.ContactName!, draft.ContactPhone!, draft.Channel, [], actor, now, draft.Urgent ? Priority.Urgent : Priority.Normal);
        }
        catch (DomainException rule)
        {
            return (Outcome<FiledRequest>.Fail(rule.Code, [.. rule.Args]), []);
        }

        db.ServiceRequests.Add(request);
        await db.SaveChangesAsync(ct);
        await feed.PublishAsync(RequestChanged.From(request), ct);
        return (Outcome<FiledRequest>.Ok(new FiledRequest(request.Id, request.Number, desk.Value.AcknowledgeBy(nowLocal), home.TimeZoneId)), []);
    }
}
