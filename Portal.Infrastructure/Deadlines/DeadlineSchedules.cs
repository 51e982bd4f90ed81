using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Deadlines;
using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.Deadlines;

/// <summary>
/// Builds an estate's <see cref="IDeadlineSchedule"/> from what its administrator set: the time-limit
/// rows, the desk's opening hours and the holidays. Kept for <see cref="Lifetime"/> per database and
/// estate, since every filing and many moves need it (three reads each time cost a sixth of an intake
/// call); a change through <see cref="DeadlineSettings"/> clears it at once on its node, and reaches
/// the other nodes within <see cref="Lifetime"/>.
/// </summary>
public static class DeadlineSchedules
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<(string Database, int EstateId), (long Expires, IDeadlineSchedule Schedule)> Cache = new();

    public static async Task<IDeadlineSchedule> ForEstateAsync(PortalDbContext db, int estateId, CancellationToken ct)
    {
        var key = (db.Database.GetConnectionString() ?? "", estateId);
        var now = Environment.TickCount64;
        if (Cache.TryGetValue(key, out var cached) && cached.Expires > now)
        {
            return cached.Schedule;
        }

        var schedule = await LoadAsync(db, estateId, ct);
        Cache[key] = (now + (long)Lifetime.TotalMilliseconds, schedule);
        return schedule;
    }

    /// <summary>The estate's rules changed: the next caller reads them afresh.</summary>
    public static void Forget(int estateId)
    {
        foreach (var key in Cache.Keys.Where(k => k.EstateId == estateId))
        {
            Cache.TryRemove(key, out _);
        }
    }

    private static async Task<IDeadlineSchedule> LoadAsync(PortalDbContext db, int estateId, CancellationToken ct)
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
