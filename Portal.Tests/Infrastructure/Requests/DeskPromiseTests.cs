using Portal.Infrastructure.Requests;

namespace Portal.Tests.Infrastructure.Requests;

/// <summary>The resident is told a concrete time, never "soon": these are the rules behind it.</summary>
public sealed class DeskPromiseTests
{
    private static readonly DeskOptions Desk = new() { Opens = new(8, 0), Closes = new(20, 0), AcknowledgeWithinMinutes = 30 };

    [Theory]
    [InlineData("2026-11-23 10:00", "2026-11-23 10:30")] // desk open: within 30 minutes
    [InlineData("2026-11-23 19:50", "2026-11-24 08:20")] // the rest runs on next morning
    [InlineData("2026-11-23 22:15", "2026-11-24 08:30")] // filed at night
    [InlineData("2026-11-24 06:00", "2026-11-24 08:30")] // filed before opening
    [InlineData("2026-11-23 19:30", "2026-11-23 20:00")] // exactly at closing
    [InlineData("2026-11-23 10:07", "2026-11-23 10:40")] // rounded up to five minutes
    [InlineData("2026-11-23 19:49", "2026-11-24 08:20")]
    public void Acknowledge_by(string filed, string expected) =>
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Desk.AcknowledgeBy(DateTime.Parse(filed, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_slot_is_the_estates_wall_clock_hours_in_utc()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var window = PreferredSlot.Afternoon.ToWindow(new DateOnly(2026, 11, 24), shanghai);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), window.End);
    }

    [Fact]
    public void A_slot_follows_daylight_saving_where_the_estate_has_it()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero), PreferredSlot.Morning.ToWindow(new DateOnly(2026, 7, 1), london).Start);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), PreferredSlot.Morning.ToWindow(new DateOnly(2026, 12, 1), london).Start);
    }
}
