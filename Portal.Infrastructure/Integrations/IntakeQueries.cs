using Microsoft.EntityFrameworkCore;
using Portal.Domain.Requests;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Estates;

namespace Portal.Infrastructure.Integrations;

/// <summary>One line of the history an integration may see: when and what, never who.</summary>
public sealed record IntakeEvent(DateTimeOffset At, TimelineEvent Event);

/// <summary>Where a request stands, as told to another channel: no names, phones or notes.</summary>
public sealed record IntakeStatus(
    int Id, string Number, RequestType Type, RequestStatus Status, DateTimeOffset SubmittedAt,
    DateTimeOffset? RespondBy, DateTimeOffset ResolveBy, DateTimeOffset? AnsweredAt, DateTimeOffset? CompletedAt, DateTimeOffset? ClosedAt,
    string TimeZoneId, IReadOnlyList<IntakeEvent> Timeline);

/// <summary>The resident an integration registers for, and the home or building it names.</summary>
public sealed record IntakeParty(string ResidentId, string ResidentName, string? ResidentPhone, int? UnitId, int? BuildingId)
{
    /// <summary>The resident's homes in the key's estate, as just read: the registration need not read them again.</summary>
    public IReadOnlyList<HomeView> Homes { get; init; } = [];
}

/// <summary>
/// The read side of the intake API, always within the calling key's estate: a number of another
/// estate is "not found", exactly like one that does not exist.
/// </summary>
public sealed class IntakeQueries(IDbContextFactory<PortalDbContext> factory)
{
    public async Task<IntakeStatus?> GetAsync(int estateId, string number, CancellationToken ct = default)
    {
        number = number.Trim().ToUpperInvariant();
        await using var db = await factory.CreateDbContextAsync(ct);
        var request = await db.ServiceRequests.AsNoTracking()
            .Include(r => r.Timeline)
            .FirstOrDefaultAsync(r => r.Number == number && r.Location.EstateId == estateId, ct);
        if (request is null)
        {
            return null;
        }

        var zone = await db.Estates.Where(e => e.Id == estateId).Select(e => e.TimeZoneId).FirstAsync(ct);
        // The first-response promise is shown while it is still owed.
        return new IntakeStatus(
            request.Id, request.Number, request.Type, request.Status, request.SubmittedAt,
            request.RespondedAt is null ? request.RespondBy : null, request.DueAt, request.AnsweredAt, request.CompletedAt, request.ClosedAt, zone,
            request.Timeline.OrderBy(t => t.At).ThenBy(t => t.Id).Select(t => new IntakeEvent(t.At, t.Event)).ToList());
    }

    /// <summary>
    /// Finds the resident of the estate with this phone and the place named: a building and unit,
    /// a building alone (for a public spot), or nothing, which means the resident's one home here.
    /// Field errors name <c>ResidentPhone</c>, <c>Building</c> or <c>Unit</c>.
    /// </summary>
    public async Task<(IntakeParty? Party, IReadOnlyList<FieldError> Errors)> ResolveAsync(
        int estateId, string residentPhone, string? building, string? unit, bool publicArea, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);

        // Stored numbers keep whatever dashes the person typed; callers may add the country code.
        var compact = PhoneNumber.Normalize(residentPhone).Replace("-", "", StringComparison.Ordinal);
        var national = compact.StartsWith("+86", StringComparison.Ordinal) ? compact[3..] : compact;
        var residents = new List<(string Id, string Name, string? Phone, List<HomeView> Homes)>();
        await foreach (var person in PeopleByPhone(db, national, "+86" + national).WithCancellation(ct))
        {
            var homes = (await ResidentHomes.HomesOfAsync(db, person.Id, ct)).Where(h => h.EstateId == estateId).ToList();
            if (homes.Count > 0)
            {
                residents.Add((person.Id, person.DisplayName, person.PhoneNumber, homes));
            }
        }

        int? buildingId = null;
        int? unitId = null;
        if (building is not null)
        {
            // Usually a home of the person found is the place named, and the estate's buildings and
            // units need not be read; otherwise they are, to tell the caller exactly what is wrong.
            var named = residents.SelectMany(r => r.Homes).FirstOrDefault(h =>
                string.Equals(h.BuildingName, building, StringComparison.OrdinalIgnoreCase) && (unit is null || h.UnitNumber == unit));
            if (named is not null)
            {
                buildingId = named.BuildingId;
                unitId = unit is null ? null : named.UnitId;
            }
            else
            {
                // A handful of buildings per estate: compare in memory, ignoring case, on every provider.
                var buildings = await db.Buildings.Where(b => b.EstateId == estateId).Select(b => new { b.Id, b.Name }).ToListAsync(ct);
                buildingId = buildings.FirstOrDefault(b => string.Equals(b.Name, building, StringComparison.OrdinalIgnoreCase))?.Id;
                if (buildingId is null)
                {
                    return (null, [new FieldError("Building", "Api.BuildingUnknown")]);
                }

                if (unit is not null)
                {
                    unitId = await db.Units.Where(u => u.BuildingId == buildingId && u.Number == unit).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
                    if (unitId is null)
                    {
                        return (null, [new FieldError("Unit", "Api.UnitUnknown")]);
                    }
                }
            }
        }

        if (residents.Count == 0)
        {
            return (null, [new FieldError("ResidentPhone", "Api.ResidentUnknown")]);
        }

        if (unitId is not null)
        {
            residents = residents.Where(r => r.Homes.Any(h => h.UnitId == unitId)).ToList();
            if (residents.Count == 0)
            {
                return (null, [new FieldError("Unit", "Api.ResidentNotAtUnit")]);
            }
        }

        if (residents.Count > 1)
        {
            return (null, [new FieldError("ResidentPhone", "Api.ResidentAmbiguous")]);
        }

        var resident = residents[0];
        if (!publicArea && unitId is null)
        {
            if (resident.Homes.Count > 1)
            {
                return (null, [new FieldError("Unit", "Api.HomeAmbiguous")]);
            }

            unitId = resident.Homes[0].UnitId;
            buildingId = resident.Homes[0].BuildingId;
        }

        return (new IntakeParty(resident.Id, resident.Name, resident.Phone, publicArea ? null : unitId, buildingId) { Homes = resident.Homes }, []);
    }

    private sealed record Person(string Id, string DisplayName, string? PhoneNumber);

    private static readonly Func<PortalDbContext, string, string, IAsyncEnumerable<Person>> PeopleByPhone = EF.CompileAsyncQuery(
        (PortalDbContext db, string national, string international) => db.Users
            .Where(u => u.PhoneNumber != null)
            .Where(u => u.PhoneNumber!.Replace(" ", "").Replace("-", "") == national || u.PhoneNumber!.Replace(" ", "").Replace("-", "") == international)
            .Select(u => new Person(u.Id, u.DisplayName, u.PhoneNumber)));
}
