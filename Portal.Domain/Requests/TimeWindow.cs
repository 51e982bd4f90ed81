using Portal.Domain.Common;

namespace Portal.Domain.Requests;

/// <summary>
/// The resident's preferred time for the visit (预约时间段). A value object; End must be after Start.
/// </summary>
public sealed class TimeWindow : IEquatable<TimeWindow>
{
    public TimeWindow(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
        {
            throw new DomainException("TimeWindow.EndBeforeStart");
        }

        Start = start;
        End = end;
    }

    // For EF Core.
    private TimeWindow()
    {
    }

    public DateTimeOffset Start { get; private set; }

    public DateTimeOffset End { get; private set; }

    // DateTimeOffset equality compares instants, so the same window written in two offsets is equal.
    public bool Equals(TimeWindow? other) => other is not null && Start == other.Start && End == other.End;

    public override bool Equals(object? obj) => Equals(obj as TimeWindow);

    public override int GetHashCode() => HashCode.Combine(Start.UtcDateTime, End.UtcDateTime);

    public static bool operator ==(TimeWindow? left, TimeWindow? right) => Equals(left, right);

    public static bool operator !=(TimeWindow? left, TimeWindow? right) => !Equals(left, right);
}
