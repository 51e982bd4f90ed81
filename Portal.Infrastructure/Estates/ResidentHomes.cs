using Microsoft.EntityFrameworkCore;
using Portal.Domain.Estates;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Estates;

/// <summary>A unit a resident is bound to, with what a page needs to name it.</summary>
public sealed record HomeView(int UnitId, int BuildingId, int EstateId, string EstateName, string BuildingName, string UnitNumber, string TimeZoneId);

/// <summary>
/// Binding a resident to a unit with the invitation code from the move-in pack; only a bound
/// resident can file for a unit.
/// </summary>
public sealed class ResidentHomes(IDbContextFactory<PortalDbContext> factory, InvitationAttempts attempts, TimeProvider clock)
{
    public async Task<IReadOnlyList<HomeView>> ListAsync(CurrentUser user, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await HomesOfAsync(db, user.UserId, ct);
    }

    /// <summary>The buildings of the estates the resident lives in, for naming a public spot.</summary>
    public async Task<IReadOnlyList<(int Id, int EstateId, string Name)>> BuildingsAsync(CurrentUser user, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.ResidentEstateIdsAsync(user, ct);
        var rows = await db.Buildings.Where(b => estates.Contains(b.EstateId)).OrderBy(b => b.SortOrder)
            .Select(b => new { b.Id, b.EstateId, b.Name }).ToListAsync(ct);
        return rows.Select(b => (b.Id, b.EstateId, b.Name)).ToList();
    }

    /// <summary>Name and phone to pre-fill a form with.</summary>
    public async Task<(string Name, string? Phone)> ContactOfAsync(CurrentUser user, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var phone = await db.Users.Where(u => u.Id == user.UserId).Select(u => u.PhoneNumber).FirstOrDefaultAsync(ct);
        return (user.DisplayName, phone);
    }

    /// <summary>Checks a code before an account is created for it, so a typo loses nothing.</summary>
    public async Task<Outcome> CheckCodeAsync(string? code, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return Outcome.Fail("Invitation.Required");
        }

        if (!InvitationCode.IsWellFormed(code))
        {
            return Outcome.Fail("Invitation.Malformed");
        }

        var normalized = InvitationCode.Normalize(code);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Units.AnyAsync(u => u.InvitationCode == normalized, ct) ? Outcome.Success : Outcome.Fail("Invitation.Unknown");
    }

    public async Task<Outcome<HomeView>> BindAsync(string userId, string? code, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return Outcome<HomeView>.Fail("Invitation.Required");
        }

        if (!InvitationCode.IsWellFormed(code))
        {
            return Outcome<HomeView>.Fail("Invitation.Malformed");
        }

        if (!attempts.TryTake(userId))
        {
            return Outcome<HomeView>.Fail("Invitation.TooManyAttempts", InvitationAttempts.PerHour);
        }

        var normalized = InvitationCode.Normalize(code);
        await using var db = await factory.CreateDbContextAsync(ct);
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.InvitationCode == normalized, ct);
        if (unit is null)
        {
            return Outcome<HomeView>.Fail("Invitation.Unknown");
        }

        if (await db.Residencies.AnyAsync(r => r.UserId == userId && r.UnitId == unit.Id, ct))
        {
            return Outcome<HomeView>.Fail("Invitation.AlreadyBound");
        }

        db.Residencies.Add(new Residency(userId, unit.Id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        var home = (await HomesOfAsync(db, userId, ct)).First(h => h.UnitId == unit.Id);
        return Outcome<HomeView>.Ok(home);
    }

    /// <summary>
    /// The resident's homes, by estate, building and unit. A compiled query: every filing asks it, and
    /// building and matching the LINQ tree again each time was a twentieth of an intake call's CPU.
    /// </summary>
    internal static async Task<List<HomeView>> HomesOfAsync(PortalDbContext db, string userId, CancellationToken ct)
    {
        var homes = new List<HomeView>();
        await foreach (var home in CompiledHomesOf(db, userId).WithCancellation(ct))
        {
            homes.Add(home);
        }

        return homes;
    }

    private static readonly Func<PortalDbContext, string, IAsyncEnumerable<HomeView>> CompiledHomesOf = EF.CompileAsyncQuery(
        (PortalDbContext db, string userId) =>
            from r in db.Residencies
            where r.UserId == userId
            join u in db.Units on r.UnitId equals u.Id
            join b in db.Buildings on u.BuildingId equals b.Id
            join e in db.Estates on b.EstateId equals e.Id
            orderby e.Name, b.SortOrder, u.Number
            select new HomeView(u.Id, b.Id, e.Id, e.Name, b.Name, u.Number, e.TimeZoneId));
}
