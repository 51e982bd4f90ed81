using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Estates;

public sealed record FollowUpRules(int EstateId, string EstateName, TimeOnly CallingFrom, TimeOnly CallingTo, int DueHours, int MaxFailedAttempts, int RatingWindowDays);

/// <summary>Each estate's follow-up rules, kept by its supervisor or an administrator.</summary>
public sealed class EstateSettings(IDbContextFactory<PortalDbContext> factory)
{
    public async Task<IReadOnlyList<FollowUpRules>> ListAsync(CurrentUser user, CancellationToken ct = default)
    {
        if (!MayEdit(user))
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.StaffEstateIdsAsync(user, ct);
        var rows = await db.Estates.AsNoTracking().Where(e => estates.Contains(e.Id)).OrderBy(e => e.Name).ToListAsync(ct);
        return rows.Select(e => new FollowUpRules(e.Id, e.Name, e.CallingFrom, e.CallingTo, e.FollowUpDueHours, e.MaxFailedCallAttempts, e.RatingWindowDays)).ToList();
    }

    public async Task<Outcome> SaveAsync(CurrentUser user, FollowUpRules rules, CancellationToken ct = default)
    {
        if (!MayEdit(user))
        {
            return Outcome.NotFound;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.StaffEstateIdsAsync(user, ct);
        var estate = await db.Estates.FirstOrDefaultAsync(e => e.Id == rules.EstateId && estates.Contains(e.Id), ct);
        if (estate is null)
        {
            return Outcome.NotFound;
        }

        try
        {
            estate.SetFollowUpRules(rules.CallingFrom, rules.CallingTo, rules.DueHours, rules.MaxFailedAttempts, rules.RatingWindowDays);
        }
        catch (DomainException rule)
        {
            return Outcome.Fail(rule.Code, [.. rule.Args]);
        }

        await db.SaveChangesAsync(ct);
        return Outcome.Success;
    }

    private static bool MayEdit(CurrentUser user) => user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Manager) || user.IsInRole(Roles.Admin);
}
