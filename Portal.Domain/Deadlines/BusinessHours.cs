using System.Globalization;
using System.Text;
using Portal.Domain.Common;

namespace Portal.Domain.Deadlines;

/// <summary>
/// An estate's opening hours per weekday (营业时间), in local time: on each open day one span from
/// <c>Opens</c> (inclusive) to <c>Closes</c> (exclusive); a day that is not listed is closed. Business-hour
/// deadlines count only this time. A value object.
/// </summary>
/// <remarks>
/// A span never crosses midnight (Opens must be before Closes), so a desk open round the clock cannot be
/// expressed: round-the-clock deadlines use <see cref="DeadlineCounting.CalendarHours"/> instead.
/// </remarks>
public sealed class BusinessHours : IEquatable<BusinessHours>
{
    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    private static readonly string[] TimeFormats = ["HH:mm", "HH:mm:ss", "HH:mm:ss.FFFFFFF"];

    // Indexed by (int)DayOfWeek; null = closed.
    private readonly (TimeOnly Opens, TimeOnly Closes)?[] _spans = new (TimeOnly, TimeOnly)?[7];

    public BusinessHours(IEnumerable<(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes)> days)
    {
        ArgumentNullException.ThrowIfNull(days);

        foreach (var (day, opens, closes) in days)
        {
            if (!Enum.IsDefined(day) || opens >= closes || _spans[(int)day] is not null)
            {
                throw new DomainException("Deadline.HoursInvalid", day, opens, closes);
            }

            _spans[(int)day] = (opens, closes);
        }

        Days = [.. MondayFirst().Where(d => _spans[(int)d] is not null).Select(d => (d, _spans[(int)d]!.Value.Opens, _spans[(int)d]!.Value.Closes))];
        if (Days.Count == 0)
        {
            throw new DomainException("Deadline.NoOpenDay");
        }
    }

    /// <summary>Every day 08:00–20:00: a property desk is open at weekends too.</summary>
    public static BusinessHours Default { get; } = EveryDay(new TimeOnly(8, 0), new TimeOnly(20, 0));

    /// <summary>The open days, Monday first, for storage and display.</summary>
    public IReadOnlyList<(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes)> Days { get; }

    /// <summary>Monday to Friday with the same hours; Saturday and Sunday closed.</summary>
    public static BusinessHours Weekdays(TimeOnly opens, TimeOnly closes) =>
        new(MondayFirst().Take(5).Select(d => (d, opens, closes)));

    /// <summary>All seven days with the same hours.</summary>
    public static BusinessHours EveryDay(TimeOnly opens, TimeOnly closes) =>
        new(MondayFirst().Select(d => (d, opens, closes)));

    /// <summary>The span of <paramref name="day"/>, or null when the desk is closed that weekday.</summary>
    public (TimeOnly Opens, TimeOnly Closes)? On(DayOfWeek day) =>
        Enum.IsDefined(day) ? _spans[(int)day] : throw new ArgumentOutOfRangeException(nameof(day), day, "Unknown day.");

    /// <summary>
    /// Reads the one-column form written by <see cref="Format"/>: entries separated by <c>;</c>, each a day
    /// list and a span, e.g. <c>Mon-Fri 08:30-17:30;Sat 09:00-12:00</c>. A day list is days or ranges of days
    /// (Monday to Sunday) separated by commas. Day names are the English three-letter ones, in any case.
    /// </summary>
    public static BusinessHours Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        var days = new List<(DayOfWeek, TimeOnly, TimeOnly)>();
        foreach (var entry in text.Split(';'))
        {
            var parts = entry.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                throw Invalid(text);
            }

            var span = parts[1].Split('-');
            if (span.Length != 2
                || !TimeOnly.TryParseExact(span[0], TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var opens)
                || !TimeOnly.TryParseExact(span[1], TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var closes))
            {
                throw Invalid(text);
            }

            foreach (var item in parts[0].Split(','))
            {
                var range = item.Split('-');
                if (range.Length > 2 || !TryParseDay(range[0], out var first) || !TryParseDay(range[^1], out var last)
                    || MondayIndex(first) > MondayIndex(last))
                {
                    throw Invalid(text);
                }

                for (var i = MondayIndex(first); i <= MondayIndex(last); i++)
                {
                    days.Add((MondayFirst()[i], opens, closes));
                }
            }
        }

        return new BusinessHours(days);
    }

    /// <summary>
    /// The compact invariant one-column form that <see cref="Parse"/> reads: runs of consecutive days with the
    /// same span, Monday first, e.g. <c>Mon-Fri 08:30-17:30;Sat 09:00-12:00</c>.
    /// </summary>
    public string Format()
    {
        var text = new StringBuilder();
        var i = 0;
        while (i < Days.Count)
        {
            var j = i;
            while (j + 1 < Days.Count
                && MondayIndex(Days[j + 1].Day) == MondayIndex(Days[j].Day) + 1
                && Days[j + 1].Opens == Days[i].Opens
                && Days[j + 1].Closes == Days[i].Closes)
            {
                j++;
            }

            if (text.Length > 0)
            {
                text.Append(';');
            }

            text.Append(DayNames[(int)Days[i].Day]);
            if (j > i)
            {
                text.Append('-').Append(DayNames[(int)Days[j].Day]);
            }

            text.Append(' ').Append(FormatTime(Days[i].Opens)).Append('-').Append(FormatTime(Days[i].Closes));
            i = j + 1;
        }

        return text.ToString();
    }

    public bool Equals(BusinessHours? other) => other is not null && _spans.SequenceEqual(other._spans);

    public override bool Equals(object? obj) => Equals(obj as BusinessHours);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var span in _spans)
        {
            hash.Add(span);
        }

        return hash.ToHashCode();
    }

    /// <summary>For logs: every open day, e.g. <c>Mon 08:00–20:00, Tue 08:00–20:00</c>.</summary>
    public override string ToString() =>
        string.Join(", ", Days.Select(d => $"{DayNames[(int)d.Day]} {FormatTime(d.Opens)}–{FormatTime(d.Closes)}"));

    public static bool operator ==(BusinessHours? left, BusinessHours? right) => Equals(left, right);

    public static bool operator !=(BusinessHours? left, BusinessHours? right) => !Equals(left, right);

    private static DayOfWeek[] MondayFirst() =>
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private static int MondayIndex(DayOfWeek day) => ((int)day + 6) % 7;

    private static bool TryParseDay(string text, out DayOfWeek day)
    {
        var index = Array.FindIndex(DayNames, name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase));
        day = (DayOfWeek)Math.Max(index, 0);
        return index >= 0;
    }

    // Whole minutes are written as HH:mm; seconds and fractions only when the hours carry them, so that
    // Format and Parse round-trip every value.
    private static string FormatTime(TimeOnly time) =>
        time.ToString(
            time.Ticks % TimeSpan.TicksPerMinute == 0 ? "HH:mm"
            : time.Ticks % TimeSpan.TicksPerSecond == 0 ? "HH:mm:ss"
            : "HH:mm:ss.FFFFFFF",
            CultureInfo.InvariantCulture);

    private static DomainException Invalid(string text) => new("Deadline.HoursInvalid", text);
}
