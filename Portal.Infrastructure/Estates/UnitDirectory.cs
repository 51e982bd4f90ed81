using Microsoft.EntityFrameworkCore;
using Portal.Domain.Estates;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Estates;

public sealed record UnitRow(int UnitId, int EstateId, string EstateName, string BuildingName, string UnitNumber, int Floor, string InvitationCode, DateTimeOffset IssuedAt, string TimeZoneId, int Residents);

/// <summary>Staff view of the units of their estates and the invitation codes for move-in packs.</summary>
public sealed class UnitDirectory(IDbContextFactory<PortalDbContext> factory, TimeProvider clock)
{
    public async Task<IReadOnlyList<UnitRow>> ListAsync(CurrentUser user, CancellationToken ct = default)
    {
        if (!MayIssue(user))
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.StaffEstateIdsAsync(user, ct);
        return await (
            from u in db.Units
            join b in db.Buildings on u.BuildingId equals b.Id
            join e in db.Estates on b.EstateId equals e.Id
            where estates.Contains(e.Id)
            orderby e.Name, b.SortOrder, u.Floor, u.Number
            select new UnitRow(u.Id, e.Id, e.Name, b.Name, u.Number, u.Floor, u.InvitationCode, u.InvitationIssuedAt, e.TimeZoneId,
                db.Residencies.Count(r => r.UnitId == u.Id))).ToListAsync(ct);
    }

    /// <summary>Issues a fresh code (the old one stops working), e.g. when a unit changes hands.</summary>
    public async Task<Outcome<string>> ReissueCodeAsync(CurrentUser user, int unitId, CancellationToken ct = default)
    {
        if (!MayIssue(user))
        {
            return Outcome<string>.NotFound;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.StaffEstateIdsAsync(user, ct);
        var unit = await (
            from u in db.Units
            join b in db.Buildings on u.BuildingId equals b.Id
            where u.Id == unitId && estates.Contains(b.EstateId)
            select u).FirstOrDefaultAsync(ct);
        if (unit is null)
        {
            return Outcome<string>.NotFound;
        }

        unit.IssueInvitationCode(InvitationCode.Generate(), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Outcome<string>.Ok(unit.InvitationCode);
    }

    private static bool MayIssue(CurrentUser user) => user.IsInAnyRole(Roles.InvitationIssuers);
}
