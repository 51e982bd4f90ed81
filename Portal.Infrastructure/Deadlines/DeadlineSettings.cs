using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Deadlines;
using Portal.Domain.Estates;
using Portal.Domain.Requests;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Deadlines;

/// <summary>One type × priority row as the settings page shows it; <c>IsDefault</c> when the estate has not changed it.</summary>
public sealed record DeadlineRuleView(RequestType Type, Priority Priority, int RespondMinutes, int ResolveMinutes, DeadlineCounting Counting, bool IsDefault);

public sealed record HolidayView(DateOnly Date, string? Name);

public sealed record EstateDeadlines(int EstateId, string EstateName, string BusinessHours, IReadOnlyList<DeadlineRuleView> Rules, IReadOnlyList<HolidayView> Holidays);

/// <summary>
/// The estate's time limits (处理时限), opening hours and holidays, kept by its supervisors, managers
/// and administrators. Changes apply to requests filed or moved from then on; promises already made
/// keep their time.
/// </summary>
public sealed class DeadlineSettings(IDbContextFactory<PortalDbContext> factory)
{
    public static bool MayEdit(CurrentUser user) =>
        user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Manager) || user.IsInRole(Roles.Admin);

    public async Task<IReadOnlyList<EstateDeadlines>> ListAsync(CurrentUser user, CancellationToken ct = default)
    {
        if (!MayEdit(user))
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.StaffEstateIdsAsync(user, ct);
        var rows = await db.Estates.AsNoTracking().Where(e => estates.Contains(e.Id)).OrderBy(e => e.Name).ToListAsync(ct);
        var rules = await db.DeadlineRules.AsNoTracking().Where(r => estates.Contains(r.EstateId)).ToListAsync(ct);
        var holidays = await db.EstateHolidays.AsNoTracking().Where(h => estates.Contains(h.EstateId)).OrderBy(h => h.Date).ToListAsync(ct);
        return rows.Select(e => new EstateDeadlines(
            e.Id,
            e.Name,
            e.BusinessHoursText,
            DeadlineRules.All.Select(tp =>
            {
                var set = rules.FirstOrDefault(r => r.EstateId == e.Id && r.Type == tp.Item1 && r.Priority == tp.Item2);
                if (set is not null)
                {
                    return new DeadlineRuleView(set.Type, set.Priority, set.RespondWithinMinutes, set.ResolveWithinMinutes, set.Counting, false);
                }

                var (respond, resolve, counting) = DeadlineRules.Default(tp.Item1, tp.Item2);
                return new DeadlineRuleView(tp.Item1, tp.Item2, (int)respond.TotalMinutes, (int)resolve.TotalMinutes, counting, true);
            }).ToList(),
            holidays.Where(h => h.EstateId == e.Id).Select(h => new HolidayView(h.Date, h.Name)).ToList())).ToList();
    }

    public Task<Outcome> SaveRuleAsync(CurrentUser user, int estateId, DeadlineRuleView rule, CancellationToken ct = default) =>
        EditAsync(user, estateId, async (db, estate) =>
        {
            var existing = await db.DeadlineRules.FirstOrDefaultAsync(r => r.EstateId == estateId && r.Type == rule.Type && r.Priority == rule.Priority, ct);
            var respond = TimeSpan.FromMinutes(rule.RespondMinutes);
            var resolve = TimeSpan.FromMinutes(rule.ResolveMinutes);
            if (existing is null)
            {
                db.DeadlineRules.Add(new DeadlineRule(estateId, rule.Type, rule.Priority, respond, resolve, rule.Counting));
            }
            else
            {
                existing.Change(respond, resolve, rule.Counting);
            }
        }, ct);

    /// <summary>Opening hours in the compact form, e.g. "Mon-Fri 08:30-17:30;Sat 09:00-12:00".</summary>
    public Task<Outcome> SaveBusinessHoursAsync(CurrentUser user, int estateId, string? hours, CancellationToken ct = default) =>
        EditAsync(user, estateId, (_, estate) =>
        {
            estate.SetBusinessHours(BusinessHours.Parse(hours ?? ""));
            return Task.CompletedTask;
        }, ct);

    public Task<Outcome> AddHolidayAsync(CurrentUser user, int estateId, DateOnly date, string? name, CancellationToken ct = default) =>
        EditAsync(user, estateId, async (db, _) =>
        {
            if (await db.EstateHolidays.AnyAsync(h => h.EstateId == estateId && h.Date == date, ct))
            {
                throw new DomainException("Deadline.HolidayExists", date);
            }

            db.EstateHolidays.Add(new EstateHoliday(estateId, date, name));
        }, ct);

    public Task<Outcome> RemoveHolidayAsync(CurrentUser user, int estateId, DateOnly date, CancellationToken ct = default) =>
        EditAsync(user, estateId, async (db, _) =>
        {
            var holiday = await db.EstateHolidays.FirstOrDefaultAsync(h => h.EstateId == estateId && h.Date == date, ct);
            if (holiday is not null)
            {
                db.EstateHolidays.Remove(holiday);
            }
        }, ct);

    private async Task<Outcome> EditAsync(CurrentUser user, int estateId, Func<PortalDbContext, Estate, Task> edit, CancellationToken ct)
    {
        if (!MayEdit(user))
        {
            return Outcome.NotFound;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.StaffEstateIdsAsync(user, ct);
        var estate = await db.Estates.FirstOrDefaultAsync(e => e.Id == estateId && estates.Contains(e.Id), ct);
        if (estate is null)
        {
            return Outcome.NotFound;
        }

        try
        {
            await edit(db, estate);
        }
        catch (DomainException rule)
        {
            return Outcome.Fail(rule.Code, [.. rule.Args]);
        }

        await db.SaveChangesAsync(ct);
        DeadlineSchedules.Forget(estateId);
        return Outcome.Success;
    }
}
