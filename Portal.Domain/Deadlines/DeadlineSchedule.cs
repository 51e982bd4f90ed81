using Portal.Domain.Requests;

namespace Portal.Domain.Deadlines;

/// <summary>
/// An estate's promises (处理时限): the <see cref="DeadlineTerms"/> for each request type and
/// priority. The aggregate asks it whenever a deadline is set or moved.
/// </summary>
public interface IDeadlineSchedule
{
    DeadlineTerms For(RequestType type, Priority priority);
}

/// <summary>
/// The built-in schedule: <see cref="DeadlineRules"/> for every type and priority, with any rows an
/// administrator changed for the estate taking their place, counted on the estate's calendar.
/// </summary>
public sealed class DeadlineSchedule : IDeadlineSchedule
{
    private readonly BusinessCalendar? _calendar;
    private readonly Dictionary<(RequestType, Priority), (TimeSpan Respond, TimeSpan Resolve, DeadlineCounting Counting)> _rows = [];

    public DeadlineSchedule(
        BusinessCalendar? calendar,
        IEnumerable<(RequestType Type, Priority Priority, TimeSpan Respond, TimeSpan Resolve, DeadlineCounting Counting)>? overrides = null)
    {
        _calendar = calendar;
        foreach (var row in overrides ?? [])
        {
            _rows[(row.Type, row.Priority)] = (row.Respond, row.Resolve, row.Counting);
        }
    }

    /// <summary>
    /// The defaults counted round the clock: for code that has no estate calendar at hand (tests,
    /// seed data). Business-hour rows are counted as calendar hours here, which only ever makes a
    /// deadline earlier, never a promise later than the estate's.
    /// </summary>
    public static DeadlineSchedule RoundTheClock { get; } = new(calendar: null);

    public DeadlineTerms For(RequestType type, Priority priority)
    {
        var (respond, resolve, counting) = _rows.TryGetValue((type, priority), out var row)
            ? row
            : DeadlineRules.Default(type, priority);
        return _calendar is null || counting == DeadlineCounting.CalendarHours
            ? DeadlineTerms.RoundTheClock(respond, resolve)
            : new DeadlineTerms(respond, resolve, counting, _calendar);
    }
}
