using System.Globalization;
using Portal.Domain.Common;

namespace Portal.Domain.FollowUps;

/// <summary>
/// When the desk may phone a resident (回访时段), in the estate's local time: from <see cref="From"/>
/// (inclusive) to <see cref="To"/> (exclusive). Never at night. A value object; From must be before
/// To, so a span never crosses midnight.
/// </summary>
/// <remarks>
/// The instants are converted to the estate's zone each time, so a day with a daylight-saving change
/// has the same local calling hours as any other.
/// </remarks>
public sealed class CallingHours : IEquatable<CallingHours>
{
    public CallingHours(TimeOnly from, TimeOnly to)
    {
        if (from >= to)
        {
            throw new DomainException("CallingHours.Invalid");
        }

        From = from;
        To = to;
    }

    /// <summary>09:00–21:00.</summary>
    public static CallingHours Default { get; } = new(new TimeOnly(9, 0), new TimeOnly(21, 0));

    public TimeOnly From { get; }

    public TimeOnly To { get; }

    /// <summary>True when the local time of <paramref name="instant"/> in <paramref name="zone"/> is in [From, To).</summary>
    public bool Allows(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeOnly.FromTimeSpan(TimeZoneInfo.ConvertTime(instant, zone).TimeOfDay);
        return From <= local && local < To;
    }

    /// <summary>
    /// <paramref name="instant"/> itself when calling is allowed then; otherwise the next local
    /// <see cref="From"/>: the same day when it is still early, the next day when it is late. Returned
    /// in UTC.
    /// </summary>
    public DateTimeOffset NextAllowed(DateTimeOffset instant, TimeZoneInfo zone)
    {
        if (Allows(instant, zone))
        {
            return instant;
        }

        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (TimeOnly.FromTimeSpan(local.TimeOfDay) >= To)
        {
            day = day.AddDays(1);
        }

        return FirstInstantShowing(day.ToDateTime(From, DateTimeKind.Unspecified), zone, instant).ToUniversalTime();
    }

    public bool Equals(CallingHours? other) => other is not null && From == other.From && To == other.To;

    public override bool Equals(object? obj) => Equals(obj as CallingHours);

    public override int GetHashCode() => HashCode.Combine(From, To);

    public override string ToString() =>
        $"{From.ToString("HH:mm", CultureInfo.InvariantCulture)}–{To.ToString("HH:mm", CultureInfo.InvariantCulture)}";

    public static bool operator ==(CallingHours? left, CallingHours? right) => Equals(left, right);

    public static bool operator !=(CallingHours? left, CallingHours? right) => !Equals(left, right);

    /// <summary>
    /// The first instant after <paramref name="notBefore"/> at which the clocks of <paramref name="zone"/>
    /// show <paramref name="wall"/> or later: for a time repeated when the clocks go back, its first
    /// occurrence still to come; for a time skipped when they go forward, the moment of the jump.
    /// </summary>
    private static DateTimeOffset FirstInstantShowing(DateTime wall, TimeZoneInfo zone, DateTimeOffset notBefore)
    {
        if (zone.IsAmbiguousTime(wall))
        {
            var occurrences = zone.GetAmbiguousTimeOffsets(wall).Select(offset => new DateTimeOffset(wall, offset)).Order().ToList();
            return occurrences.FirstOrDefault(o => o > notBefore, occurrences[^1]);
        }

        if (!zone.IsInvalidTime(wall))
        {
            return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
        }

        // Skipped: read with the offset after the jump it lies before the jump, read with the offset
        // before the jump it lies after it. The jump itself is the first instant whose offset is the
        // later one; search for it between the two.
        var before = zone.GetUtcOffset(wall.AddDays(-1));
        var after = zone.GetUtcOffset(wall.AddDays(1));
        var low = new DateTimeOffset(wall - after, TimeSpan.Zero).UtcTicks;
        var high = new DateTimeOffset(wall - before, TimeSpan.Zero).UtcTicks;
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (zone.GetUtcOffset(new DateTimeOffset(mid, TimeSpan.Zero)) == after)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return new DateTimeOffset(low, TimeSpan.Zero);
    }
}
