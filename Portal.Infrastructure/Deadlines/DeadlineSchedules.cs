using Microsoft.EntityFrameworkCore;
using Portal.Domain.Deadlines;
using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.Deadlines;

/// <summary>
/// Builds an estate's <see cref="IDeadlineSchedule"/> from what its administrator set: the time-limit
/// rows, the desk's opening hours and the holidays. Read per operation — three small indexed reads —
/// so a change to the rules applies to the next request at once, on every node.
/// </summary>
public static class DeadlineSchedules
{
    public static async Task<IDeadlineSchedule> ForEstateAsync(PortalDbContext db, int estateId, CancellationToken ct)
    {
        var estate = await db.Estates.AsNoTracking()
            .Where(e => e.Id == estateId)
            .Select(e => new { e.TimeZoneId, e.BusinessHoursText })
            .SingleAsync(ct);
        var holidays = await db.EstateHolidays.AsNoTracking()
            .Where(h => h.EstateId == estateId)
            .Select(h => h.Date)
            .ToListAsync(ct);
        var rules = await db.DeadlineRules.AsNoTracking()
            .Where(r => r.EstateId == estateId)
            .ToListAsync(ct);

        var calendar = new BusinessCalendar(
            TimeZoneInfo.FindSystemTimeZoneById(estate.TimeZoneId),
            BusinessHours.Parse(estate.BusinessHoursText),
            holidays);
        return new DeadlineSchedule(calendar, rules.Select(r => (r.Type, r.Priority, r.RespondWithin, r.ResolveWithin, r.Counting)));
    }
}
