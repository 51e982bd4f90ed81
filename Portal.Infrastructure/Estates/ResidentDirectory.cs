using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Dispatch;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Estates;

public sealed record ResidentMatch(string UserId, string Name, string? Phone, IReadOnlyList<HomeView> Homes);

/// <summary>
/// How the desk finds the resident on the phone or at the counter: by unit ("3-1304"), phone or
/// name, only among the residents of the clerk's own estates.
/// </summary>
public sealed class ResidentDirectory(IDbContextFactory<PortalDbContext> factory)
{
    public async Task<IReadOnlyList<ResidentMatch>> SearchAsync(CurrentUser staff, string? term, CancellationToken ct = default)
    {
        term = term?.Trim().Replace(" ", "", StringComparison.Ordinal);
        if (!staff.MayDispatch() || string.IsNullOrEmpty(term) || term.Length < 2)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.StaffEstateIdsAsync(staff, ct);
        var parts = term.Split('-', 2);
        var (building, unit) = parts.Length == 2 ? (parts[0], parts[1]) : ((string?)null, term);

        var ids = await (
            from r in db.Residencies
            join u in db.Units on r.UnitId equals u.Id
            join b in db.Buildings on u.BuildingId equals b.Id
            join person in db.Users on r.UserId equals person.Id
            where estates.Contains(b.EstateId)
                  && ((u.Number == unit && (building == null || b.Name == building))
                      || (person.PhoneNumber != null && person.PhoneNumber.Contains(term))
                      || person.DisplayName.Contains(term))
            select person.Id).Distinct().Take(20).ToListAsync(ct);

        var people = await db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.PhoneNumber }).ToListAsync(ct);
        var matches = new List<ResidentMatch>();
        foreach (var person in people.OrderBy(p => p.DisplayName))
        {
            var homes = (await ResidentHomes.HomesOfAsync(db, person.Id, ct)).Where(h => estates.Contains(h.EstateId)).ToList();
            matches.Add(new ResidentMatch(person.Id, person.DisplayName, person.PhoneNumber, homes));
        }

        return matches;
    }
}
