using Portal.Domain.Common;

namespace Portal.Domain.Deadlines;

/// <summary>
/// When an estate's desk is open (工作日历): its <see cref="BusinessHours"/> read in its time zone, with whole
/// local days off for holidays. Business-hour deadlines are counted with it.
/// </summary>
/// <remarks>
/// <para>
/// An instant is open when the estate's clocks then show an open weekday that is not a holiday and a time of
/// day in that day's span. Every method derives from that one rule, so they agree with each other on the
/// days the clocks change: a local time the clocks skip is never open (a span starting in the gap opens at
/// the moment of the jump), and a local time the clocks show twice is open both times (a span over the
/// repeated hour lasts an hour longer in real time).
/// </para>
/// <para>
/// Results carry the offset of the instant passed in, so a caller working in UTC gets UTC back. Compare
/// them as instants.
/// </para>
/// </remarks>
public sealed class BusinessCalendar
{
    /// <summary>How far ahead an opening is searched for before the calendar is declared never open.</summary>
    public const int SearchYears = 3;

    private readonly HashSet<DateOnly> _holidays;

    public BusinessCalendar(TimeZoneInfo zone, BusinessHours hours, IEnumerable<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(holidays);

        Zone = zone;
        Hours = hours;
        _holidays = [.. holidays];
        Holidays = [.. _holidays.Order()];
    }

    /// <summary>The estate's time zone, in which the hours and the holidays are read.</summary>
    public TimeZoneInfo Zone { get; }

    public BusinessHours Hours { get; }

    /// <summary>Local dates on which the desk is closed all day, in order.</summary>
    public IReadOnlyList<DateOnly> Holidays { get; }

    /// <summary>True when the desk is open at <paramref name="at"/>.</summary>
    public bool IsOpen(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Zone).DateTime;
        var span = SpanOn(DateOnly.FromDateTime(local));
        var time = TimeOnly.FromDateTime(local);
        return span is { } s && s.Opens <= time && time < s.Closes;
    }

    /// <summary><paramref name="at"/> itself when the desk is open then, otherwise the moment it next opens.</summary>
    /// <exception cref="DomainException"><c>Deadline.NoOpenDay</c> when it does not open within <see cref="SearchYears"/> years.</exception>
    public DateTimeOffset NextOpening(DateTimeOffset at)
    {
        var open = NextOpenInterval(at.UtcTicks, SearchLimit(at)) ?? throw new DomainException("Deadline.NoOpenDay");
        return Instant(open.From, at.Offset);
    }

    /// <summary>
    /// The instant at which <paramref name="workingTime"/> of open time has gone by since
    /// <paramref name="start"/>. Counting begins at the next opening when the desk is closed at the start,
    /// and the result is the moment the last of the time elapses, which may be a closing time rather than the
    /// next opening. Zero returns <paramref name="start"/> unchanged, open or not, so that moving a deadline
    /// by a pause that counted nothing leaves it where it was.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workingTime"/> is negative.</exception>
    /// <exception cref="DomainException"><c>Deadline.NoOpenDay</c> when an opening is not found within <see cref="SearchYears"/> years.</exception>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan workingTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingTime, TimeSpan.Zero);
        if (workingTime == TimeSpan.Zero)
        {
            return start;
        }

        var remaining = workingTime.Ticks;
        var cursor = start.UtcTicks;
        while (true)
        {
            var open = NextOpenInterval(cursor, SearchLimit(new DateTimeOffset(cursor, TimeSpan.Zero)))
                ?? throw new DomainException("Deadline.NoOpenDay");
            var available = open.To - open.From;
            if (remaining <= available)
            {
                return Instant(open.From + remaining, start.Offset);
            }

            remaining -= available;
            cursor = open.To;
        }
    }

    /// <summary>
    /// The open time from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive); zero when
    /// <paramref name="to"/> is not after <paramref name="from"/>. The inverse of
    /// <see cref="AddWorkingTime"/>: <c>WorkingTimeBetween(s, AddWorkingTime(s, d)) == d</c>.
    /// </summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var end = to.UtcTicks;
        var cursor = from.UtcTicks;
        var total = 0L;
        while (cursor < end && NextOpenInterval(cursor, end) is { } open)
        {
            total += Math.Min(open.To, end) - open.From;
            cursor = open.To;
        }

        return TimeSpan.FromTicks(total);
    }

    private (TimeOnly Opens, TimeOnly Closes)? SpanOn(DateOnly date) =>
        _holidays.Contains(date) ? null : Hours.On(date.DayOfWeek);

    private static long SearchLimit(DateTimeOffset from) => from.UtcDateTime.AddYears(SearchYears).Ticks;

    private static DateTimeOffset Instant(long utcTicks, TimeSpan offset) =>
        new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(offset);

    private long OffsetAt(long utcTicks) => Zone.GetUtcOffset(new DateTimeOffset(utcTicks, TimeSpan.Zero)).Ticks;

    /// <summary>
    /// The first stretch of open time [From, To) in UTC ticks that ends after <paramref name="cursor"/>,
    /// clipped to begin no earlier than it, and beginning before <paramref name="limit"/>; null when there is
    /// none. Stretches end where the zone's offset changes, so two may touch.
    /// </summary>
    private (long From, long To)? NextOpenInterval(long cursor, long limit)
    {
        while (cursor < limit)
        {
            // While the offset stays the same, local time is UTC plus that offset: the opening hours of each
            // local date are one stretch. Look for the first of them, then check that the offset does hold.
            var offset = OffsetAt(cursor);
            var candidate = FirstStretchWithOffset(cursor, limit, offset);
            var change = FirstOffsetChange(cursor, candidate?.To ?? limit, offset);
            if (change is null)
            {
                return candidate;
            }

            if (candidate is { } stretch && stretch.From < change.Value)
            {
                return (stretch.From, change.Value);
            }

            cursor = change.Value;
        }

        return null;
    }

    /// <summary>The first open stretch after <paramref name="cursor"/> if the zone kept <paramref name="offset"/>.</summary>
    private (long From, long To)? FirstStretchWithOffset(long cursor, long limit, long offset)
    {
        for (var date = DateOnly.FromDateTime(new DateTime(cursor + offset)); ; date = date.AddDays(1))
        {
            var midnight = (date.DayNumber * TimeSpan.TicksPerDay) - offset;
            if (midnight >= limit)
            {
                return null;
            }

            if (SpanOn(date) is not { } span)
            {
                continue;
            }

            var opens = Math.Max(midnight + span.Opens.Ticks, cursor);
            var closes = midnight + span.Closes.Ticks;
            if (opens >= limit)
            {
                return null;
            }

            if (closes > opens)
            {
                return (opens, closes);
            }
        }
    }

    /// <summary>
    /// The first instant in (<paramref name="from"/>, <paramref name="to"/>] at which the zone's offset is no
    /// longer <paramref name="offset"/>, or null. Probes a day at a time (zones change their offset at most a
    /// few times a year) and bisects to the tick inside the day where it changed.
    /// </summary>
    private long? FirstOffsetChange(long from, long to, long offset)
    {
        var before = from;
        while (before < to)
        {
            var probe = Math.Min(before + TimeSpan.TicksPerDay, to);
            if (OffsetAt(probe) != offset)
            {
                var low = before + 1;
                var high = probe;
                while (low < high)
                {
                    var mid = low + ((high - low) / 2);
                    if (OffsetAt(mid) != offset)
                    {
                        high = mid;
                    }
                    else
                    {
                        low = mid + 1;
                    }
                }

                return low;
            }

            before = probe;
        }

        return null;
    }
}
