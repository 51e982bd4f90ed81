using Portal.Domain.Common;

namespace Portal.Domain.Deadlines;

/// <summary>
/// What one row of a deadline policy promises (时限承诺): a first response within
/// <see cref="RespondWithin"/> and a resolution within <see cref="ResolveWithin"/>, both counted the
/// <see cref="Counting"/> way. Every deadline calculation goes through <see cref="Add"/> and
/// <see cref="Between"/>, so round-the-clock and business-hour terms are used alike.
/// </summary>
/// <remarks>
/// Round-the-clock terms never consult a calendar, and a desk open all day cannot be written as opening
/// hours anyway, so <see cref="Calendar"/> is null for them: a calendar passed in is dropped, which lets a
/// caller pass the estate's calendar for every row without looking at the counting. Business-hour terms
/// require one.
/// </remarks>
public sealed class DeadlineTerms
{
    public DeadlineTerms(TimeSpan respondWithin, TimeSpan resolveWithin, DeadlineCounting counting, BusinessCalendar? calendar = null)
    {
        if (respondWithin <= TimeSpan.Zero
            || resolveWithin < respondWithin
            || !Enum.IsDefined(counting)
            || (counting == DeadlineCounting.BusinessHours && calendar is null))
        {
            throw new DomainException("Deadline.TermsInvalid", respondWithin, resolveWithin, counting);
        }

        RespondWithin = respondWithin;
        ResolveWithin = resolveWithin;
        Counting = counting;
        Calendar = counting == DeadlineCounting.BusinessHours ? calendar : null;
    }

    /// <summary>Time allowed until the first response: the desk's or the butler's answer to the resident.</summary>
    public TimeSpan RespondWithin { get; }

    /// <summary>Time allowed until the item is resolved; never shorter than <see cref="RespondWithin"/>.</summary>
    public TimeSpan ResolveWithin { get; }

    public DeadlineCounting Counting { get; }

    /// <summary>The estate's calendar for business-hour terms; null for round-the-clock terms.</summary>
    public BusinessCalendar? Calendar { get; }

    /// <summary>Terms counted round the clock, which need no calendar.</summary>
    public static DeadlineTerms RoundTheClock(TimeSpan respond, TimeSpan resolve) =>
        new(respond, resolve, DeadlineCounting.CalendarHours);

    /// <summary>Terms counted in the opening hours of <paramref name="calendar"/>.</summary>
    public static DeadlineTerms InBusinessHours(TimeSpan respond, TimeSpan resolve, BusinessCalendar calendar) =>
        new(respond, resolve, DeadlineCounting.BusinessHours, calendar ?? throw new ArgumentNullException(nameof(calendar)));

    /// <summary>
    /// The instant <paramref name="span"/> of counted time after <paramref name="start"/>: plain addition round
    /// the clock, <see cref="BusinessCalendar.AddWorkingTime"/> in business hours. Zero returns the start.
    /// </summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan span)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(span, TimeSpan.Zero);
        return Calendar is null ? start + span : Calendar.AddWorkingTime(start, span);
    }

    /// <summary>The counted time from <paramref name="from"/> to <paramref name="to"/>; zero when to is not after from.</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        return Calendar is null ? to - from : Calendar.WorkingTimeBetween(from, to);
    }

    /// <summary>When the first response is due for an item filed at <paramref name="filedAt"/>.</summary>
    public DateTimeOffset RespondBy(DateTimeOffset filedAt) => Add(filedAt, RespondWithin);

    /// <summary>When the resolution is due for an item filed at <paramref name="filedAt"/>.</summary>
    public DateTimeOffset ResolveBy(DateTimeOffset filedAt) => Add(filedAt, ResolveWithin);

    /// <summary>
    /// The due time after the clock stopped from <paramref name="pausedFrom"/> to <paramref name="pausedTo"/>
    /// while the ball was with the resident: later by the counted time of the pause, so a pause over a night
    /// or a weekend moves a business-hour deadline only by the open time it covered.
    /// </summary>
    public DateTimeOffset Shift(DateTimeOffset due, DateTimeOffset pausedFrom, DateTimeOffset pausedTo) =>
        Add(due, Between(pausedFrom, pausedTo));

    /// <summary>
    /// The fraction of the window from <paramref name="startedAt"/> to <paramref name="due"/> already used at
    /// <paramref name="now"/>, in counted time: 0 at the start (and before it), 1 at the due time, above 1
    /// once late. A window with no counted time in it (due not after the start, or both in closed hours)
    /// is all or nothing: 1 from the due time on, 0 before. Feeds <see cref="EscalationPolicy.Next"/>.
    /// </summary>
    public double Used(DateTimeOffset startedAt, DateTimeOffset due, DateTimeOffset now)
    {
        var window = Between(startedAt, due);
        if (window <= TimeSpan.Zero)
        {
            return now >= due ? 1.0 : 0.0;
        }

        return (double)Between(startedAt, now).Ticks / window.Ticks;
    }
}
