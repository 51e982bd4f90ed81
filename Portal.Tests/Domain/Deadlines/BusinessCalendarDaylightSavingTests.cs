using Portal.Domain.Deadlines;
using static Portal.Tests.Domain.Deadlines.Instants;

namespace Portal.Tests.Domain.Deadlines;

/// <summary>
/// Opening hours on the days the clocks change. An instant is open when the local clocks show an opening
/// hour: a skipped local time is never open, a repeated one is open both times.
/// New York 2026: forward on 8 March at 02:00 EST (07:00 UTC), back on 1 November at 02:00 EDT (06:00 UTC).
/// London 2026: forward on 29 March at 01:00 GMT (01:00 UTC), back on 25 October at 02:00 BST (01:00 UTC).
/// </summary>
public sealed class BusinessCalendarDaylightSavingTests
{
    private static BusinessCalendar EveryNight(TimeZoneInfo zone, TimeOnly opens, TimeOnly closes) =>
        new(zone, BusinessHours.EveryDay(opens, closes), []);

    private static TimeSpan Day(BusinessCalendar calendar, int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);
        var next = date.AddDays(1);
        return calendar.WorkingTimeBetween(
            Local(calendar.Zone, date.Year, date.Month, date.Day, 0, 0),
            Local(calendar.Zone, next.Year, next.Month, next.Day, 0, 0));
    }

    [Fact]
    public void New_york_spring_forward_the_night_hours_lose_an_hour()
    {
        var calendar = EveryNight(NewYork, T(0, 30), T(3, 30));

        Assert.Equal(TimeSpan.FromHours(3), Day(calendar, 2026, 3, 7));
        Assert.Equal(TimeSpan.FromHours(2), Day(calendar, 2026, 3, 8));
        Assert.Equal(TimeSpan.FromHours(3), Day(calendar, 2026, 3, 9));

        var opening = Utc(2026, 3, 8, 5, 30); // 00:30 EST
        Assert.Equal(opening, calendar.NextOpening(Utc(2026, 3, 8, 5, 0)));
        Assert.Equal(Utc(2026, 3, 8, 7, 0), calendar.AddWorkingTime(opening, TimeSpan.FromMinutes(90))); // 03:00 EDT, the jump
        Assert.Equal(Utc(2026, 3, 8, 7, 30), calendar.AddWorkingTime(opening, TimeSpan.FromHours(2)));   // 03:30 EDT, closing
        Assert.Equal(Utc(2026, 3, 9, 5, 0), calendar.AddWorkingTime(opening, TimeSpan.FromHours(2.5)));  // 01:00 EDT next day
        Assert.True(calendar.IsOpen(Utc(2026, 3, 8, 6, 59)));  // 01:59 EST
        Assert.True(calendar.IsOpen(Utc(2026, 3, 8, 7, 0)));   // 03:00 EDT
        Assert.False(calendar.IsOpen(Utc(2026, 3, 8, 7, 30))); // 03:30 EDT
    }

    [Fact]
    public void New_york_spring_forward_a_span_starting_in_the_gap_opens_at_the_jump()
    {
        var calendar = EveryNight(NewYork, T(2), T(4));

        Assert.Equal(Utc(2026, 3, 8, 7, 0), calendar.NextOpening(Utc(2026, 3, 8, 6, 0))); // 01:00 EST → 03:00 EDT
        Assert.False(calendar.IsOpen(Utc(2026, 3, 8, 6, 59)));
        Assert.Equal(TimeSpan.FromHours(1), Day(calendar, 2026, 3, 8));
        Assert.Equal(Utc(2026, 3, 9, 6, 30), calendar.AddWorkingTime(Utc(2026, 3, 8, 6, 0), TimeSpan.FromHours(1.5))); // 02:30 EDT on the 9th
    }

    [Fact]
    public void New_york_spring_forward_a_span_inside_the_gap_is_closed_that_day()
    {
        var calendar = EveryNight(NewYork, T(2, 15), T(2, 45));

        Assert.Equal(TimeSpan.Zero, Day(calendar, 2026, 3, 8));
        Assert.Equal(TimeSpan.FromMinutes(30), Day(calendar, 2026, 3, 9));
        Assert.Equal(Utc(2026, 3, 9, 6, 15), calendar.NextOpening(Utc(2026, 3, 8, 6, 0))); // 02:15 EDT on the 9th
    }

    [Fact]
    public void New_york_fall_back_the_night_hours_gain_the_repeated_hour()
    {
        var calendar = EveryNight(NewYork, T(0, 30), T(3, 30));

        Assert.Equal(TimeSpan.FromHours(3), Day(calendar, 2026, 10, 31));
        Assert.Equal(TimeSpan.FromHours(4), Day(calendar, 2026, 11, 1));
        Assert.Equal(TimeSpan.FromHours(3), Day(calendar, 2026, 11, 2));

        var opening = Utc(2026, 11, 1, 4, 30); // 00:30 EDT
        Assert.Equal(opening, calendar.NextOpening(Utc(2026, 11, 1, 4, 0)));
        Assert.Equal(Utc(2026, 11, 1, 6, 0), calendar.AddWorkingTime(opening, TimeSpan.FromMinutes(90))); // 01:00 EST, the second time
        Assert.Equal(Utc(2026, 11, 1, 7, 30), calendar.AddWorkingTime(opening, TimeSpan.FromHours(3)));   // 02:30 EST
        Assert.Equal(Utc(2026, 11, 1, 8, 30), calendar.AddWorkingTime(opening, TimeSpan.FromHours(4)));   // 03:30 EST, closing
        Assert.True(calendar.IsOpen(Utc(2026, 11, 1, 8, 29)));
        Assert.False(calendar.IsOpen(Utc(2026, 11, 1, 8, 30)));
    }

    [Fact]
    public void New_york_fall_back_a_span_inside_the_repeated_hour_is_open_both_times()
    {
        var calendar = EveryNight(NewYork, T(1), T(1, 30));

        Assert.Equal(TimeSpan.FromHours(1), Day(calendar, 2026, 11, 1));
        Assert.True(calendar.IsOpen(Utc(2026, 11, 1, 5, 10)));  // 01:10 EDT
        Assert.False(calendar.IsOpen(Utc(2026, 11, 1, 5, 45))); // 01:45 EDT
        Assert.True(calendar.IsOpen(Utc(2026, 11, 1, 6, 10)));  // 01:10 EST
        Assert.Equal(Utc(2026, 11, 1, 6, 0), calendar.NextOpening(Utc(2026, 11, 1, 5, 30)));
        Assert.Equal(Utc(2026, 11, 1, 6, 15), calendar.AddWorkingTime(Utc(2026, 11, 1, 5, 0), TimeSpan.FromMinutes(45)));
        Assert.Equal(TimeSpan.FromMinutes(45), calendar.WorkingTimeBetween(Utc(2026, 11, 1, 5, 0), Utc(2026, 11, 1, 6, 15)));
    }

    [Fact]
    public void New_york_fall_back_a_span_closing_in_the_repeated_hour_reopens_for_its_second_showing()
    {
        var calendar = EveryNight(NewYork, T(0, 30), T(1, 30));

        // 00:30–01:30 EDT, then 01:00–01:30 EST.
        Assert.Equal(TimeSpan.FromHours(1.5), Day(calendar, 2026, 11, 1));
        Assert.Equal(Utc(2026, 11, 1, 6, 15), calendar.AddWorkingTime(Utc(2026, 11, 1, 4, 30), TimeSpan.FromMinutes(75)));
    }

    [Fact]
    public void New_york_office_hours_over_the_weekend_the_clocks_change_keep_their_local_times()
    {
        var calendar = new BusinessCalendar(NewYork, BusinessHours.Weekdays(T(9), T(17)), []);

        var friday = Local(NewYork, 2026, 3, 6, 9, 0);    // 14:00 UTC
        var due = calendar.AddWorkingTime(friday, TimeSpan.FromHours(16));

        Assert.Equal(Local(NewYork, 2026, 3, 9, 17, 0), due); // Monday 17:00 EDT
        Assert.Equal(Utc(2026, 3, 9, 21, 0), due);
        Assert.Equal(Utc(2026, 3, 9, 13, 0), calendar.NextOpening(Local(NewYork, 2026, 3, 6, 17, 0)));
    }

    [Fact]
    public void London_spring_forward_the_night_hours_lose_an_hour()
    {
        var calendar = EveryNight(London, T(0, 30), T(3, 30));

        // 00:30–01:00 GMT, then 02:00–03:30 BST.
        Assert.Equal(TimeSpan.FromHours(2), Day(calendar, 2026, 3, 29));
        Assert.Equal(Utc(2026, 3, 29, 1, 0), calendar.AddWorkingTime(Utc(2026, 3, 29, 0, 30), TimeSpan.FromMinutes(30)));
        Assert.Equal(Utc(2026, 3, 29, 2, 30), calendar.AddWorkingTime(Utc(2026, 3, 29, 0, 30), TimeSpan.FromHours(2)));
        Assert.Equal(Utc(2026, 3, 29, 23, 45), calendar.AddWorkingTime(Utc(2026, 3, 29, 0, 30), TimeSpan.FromHours(2.25))); // 00:45 BST on the 30th
    }

    [Fact]
    public void London_fall_back_the_night_hours_gain_the_repeated_hour()
    {
        var calendar = EveryNight(London, T(0, 30), T(3, 30));

        // 00:30 BST (23:30 UTC the day before) to 03:30 GMT.
        Assert.Equal(TimeSpan.FromHours(4), Day(calendar, 2026, 10, 25));
        Assert.Equal(Utc(2026, 10, 24, 23, 30), calendar.NextOpening(Utc(2026, 10, 24, 22, 0)));
        Assert.Equal(Utc(2026, 10, 25, 3, 30), calendar.AddWorkingTime(Utc(2026, 10, 24, 23, 30), TimeSpan.FromHours(4)));

        var repeated = EveryNight(London, T(1), T(2));
        Assert.Equal(TimeSpan.FromHours(2), Day(repeated, 2026, 10, 25)); // 01:00–02:00 BST and again GMT
        Assert.Equal(Utc(2026, 10, 25, 1, 30), repeated.AddWorkingTime(Utc(2026, 10, 25, 0, 0), TimeSpan.FromMinutes(90)));
    }

    [Fact]
    public void London_default_hours_over_a_change_weekend_are_twelve_hours_a_day()
    {
        var calendar = new BusinessCalendar(London, BusinessHours.Default, []);

        Assert.Equal(TimeSpan.FromHours(24), calendar.WorkingTimeBetween(Local(London, 2026, 3, 28, 0, 0), Local(London, 2026, 3, 30, 0, 0)));
        Assert.Equal(TimeSpan.FromHours(24), calendar.WorkingTimeBetween(Local(London, 2026, 10, 24, 0, 0), Local(London, 2026, 10, 26, 0, 0)));

        // Saturday 08:00 GMT + 13 h: all of Saturday, then Sunday 08:00–09:00 BST.
        Assert.Equal(Utc(2026, 3, 29, 8, 0), calendar.AddWorkingTime(Utc(2026, 3, 28, 8, 0), TimeSpan.FromHours(13)));
        // Saturday 08:00 BST + 13 h: all of Saturday, then Sunday 08:00–09:00 GMT.
        Assert.Equal(Utc(2026, 10, 25, 9, 0), calendar.AddWorkingTime(Utc(2026, 10, 24, 7, 0), TimeSpan.FromHours(13)));
    }

    [Fact]
    public void Shanghai_has_no_change_and_every_day_is_the_same_length()
    {
        var calendar = EveryNight(Shanghai, T(0, 30), T(3, 30));

        Assert.Equal(TimeSpan.FromHours(3), Day(calendar, 2026, 3, 8));
        Assert.Equal(TimeSpan.FromHours(3), Day(calendar, 2026, 11, 1));
        Assert.Equal(TimeSpan.FromHours(3 * 365), calendar.WorkingTimeBetween(Local(Shanghai, 2026, 1, 1, 0, 0), Local(Shanghai, 2027, 1, 1, 0, 0)));
    }

    [Fact]
    public void A_year_of_new_york_nights_counts_the_lost_and_the_gained_hour()
    {
        var calendar = EveryNight(NewYork, T(0, 30), T(3, 30));

        Assert.Equal(TimeSpan.FromHours(3 * 365), calendar.WorkingTimeBetween(Local(NewYork, 2026, 1, 1, 0, 0), Local(NewYork, 2027, 1, 1, 0, 0)));
        // 1 January to 1 October (273 nights) holds the short night, 1 October to 1 January (92) the long one.
        Assert.Equal(TimeSpan.FromHours((3 * 273) - 1), calendar.WorkingTimeBetween(Local(NewYork, 2026, 1, 1, 0, 0), Local(NewYork, 2026, 10, 1, 0, 0)));
        Assert.Equal(TimeSpan.FromHours((3 * 92) + 1), calendar.WorkingTimeBetween(Local(NewYork, 2026, 10, 1, 0, 0), Local(NewYork, 2027, 1, 1, 0, 0)));
    }
}
