using Portal.Domain.Requests;

namespace Portal.Infrastructure.Requests;

/// <summary>The visit windows a resident can pick on the phone, in the estate's local time.</summary>
public enum PreferredSlot
{
    AnyTime,
    Morning,
    Afternoon,
    Evening,
}

public static class PreferredSlots
{
    public static (TimeOnly From, TimeOnly To) Hours(this PreferredSlot slot) => slot switch
    {
        PreferredSlot.Morning => (new TimeOnly(9, 0), new TimeOnly(12, 0)),
        PreferredSlot.Afternoon => (new TimeOnly(14, 0), new TimeOnly(18, 0)),
        PreferredSlot.Evening => (new TimeOnly(18, 0), new TimeOnly(21, 0)),
        _ => (new TimeOnly(9, 0), new TimeOnly(21, 0)),
    };

    /// <summary>The window as instants: the estate's wall-clock hours on that date, in UTC.</summary>
    public static TimeWindow ToWindow(this PreferredSlot slot, DateOnly date, TimeZoneInfo zone)
    {
        var (from, to) = slot.Hours();
        return new TimeWindow(ToUtc(date.ToDateTime(from), zone), ToUtc(date.ToDateTime(to), zone));
    }

    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone), TimeSpan.Zero);
}
