using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Common;
using Portal.Domain.Deadlines;
using static Portal.Tests.Domain.Deadlines.Instants;

namespace Portal.Tests.Domain.Deadlines;

/// <summary>
/// Counting opening hours in Shanghai (UTC+8 all year): starts inside and outside the hours, closed days,
/// holidays, long spans, and a calendar that never opens. 23 November 2026 is a Monday.
/// </summary>
public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar OfficeHours = Office();

    private static BusinessCalendar Office(params DateOnly[] holidays) =>
        new(Shanghai, BusinessHours.Weekdays(T(8, 30), T(17, 30)), holidays);

    private static DateTimeOffset Sh(int month, int day, int hour, int minute = 0) => Local(Shanghai, 2026, month, day, hour, minute);

    [Fact]
    public void Starting_inside_the_hours_adds_straight_on()
    {
        Assert.Equal(Sh(11, 23, 12), OfficeHours.AddWorkingTime(Sh(11, 23, 10), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Starting_before_opening_counts_from_the_opening()
    {
        Assert.Equal(Sh(11, 23, 9, 30), OfficeHours.AddWorkingTime(Sh(11, 23, 7), TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData(17, 30)]
    [InlineData(18, 0)]
    [InlineData(23, 59)]
    public void Starting_after_closing_counts_from_the_next_morning(int hour, int minute)
    {
        Assert.Equal(Sh(11, 24, 9, 30), OfficeHours.AddWorkingTime(Sh(11, 23, hour, minute), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Time_left_at_closing_carries_over_to_the_next_opening()
    {
        Assert.Equal(Sh(11, 24, 9), OfficeHours.AddWorkingTime(Sh(11, 23, 17), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Time_that_runs_out_exactly_at_closing_is_due_at_closing_not_the_next_morning()
    {
        var due = OfficeHours.AddWorkingTime(Sh(11, 23, 16, 30), TimeSpan.FromHours(1));

        Assert.Equal(Sh(11, 23, 17, 30), due);
        Assert.False(OfficeHours.IsOpen(due));
    }

    [Fact]
    public void Starting_on_a_closed_weekday_counts_from_monday()
    {
        Assert.Equal(Sh(11, 23, 9, 30), OfficeHours.AddWorkingTime(Sh(11, 21, 10), TimeSpan.FromHours(1)));  // Saturday
        Assert.Equal(Sh(11, 23, 9, 30), OfficeHours.AddWorkingTime(Sh(11, 20, 19), TimeSpan.FromHours(1)));  // Friday night
    }

    [Fact]
    public void A_holiday_is_closed_all_day()
    {
        var calendar = Office(new DateOnly(2026, 11, 24)); // a Tuesday

        Assert.False(calendar.IsOpen(Sh(11, 24, 12)));
        Assert.True(calendar.IsOpen(Sh(11, 25, 12)));
        Assert.Equal(Sh(11, 25, 9), calendar.AddWorkingTime(Sh(11, 23, 17), TimeSpan.FromHours(1)));
        Assert.Equal(Sh(11, 25, 9, 30), calendar.AddWorkingTime(Sh(11, 24, 10), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Several_days_skip_the_weekend_and_a_holiday_monday()
    {
        var calendar = Office(new DateOnly(2026, 11, 23));

        // Friday 16:30–17:30 (1 h), Monday off, Tuesday and Wednesday (18 h), Thursday 08:30–09:30 (1 h).
        var due = calendar.AddWorkingTime(Sh(11, 20, 16, 30), TimeSpan.FromHours(20));

        Assert.Equal(Sh(11, 26, 9, 30), due);
        Assert.Equal(TimeSpan.FromHours(20), calendar.WorkingTimeBetween(Sh(11, 20, 16, 30), due));
    }

    [Fact]
    public void Two_hundred_working_hours_of_every_day_eight_to_eight()
    {
        var calendar = new BusinessCalendar(Shanghai, BusinessHours.Default, []);

        // 200 h = 16 days of 12 h and 8 h more.
        Assert.Equal(Sh(12, 9, 16), calendar.AddWorkingTime(Sh(11, 23, 8), TimeSpan.FromHours(200)));
    }

    [Fact]
    public void Two_hundred_working_hours_of_office_days()
    {
        // 200 h = 22 days of 9 h and 2 h more: four weeks and two days, then Wednesday 23 December.
        Assert.Equal(Sh(12, 23, 10, 30), OfficeHours.AddWorkingTime(Sh(11, 23, 8, 30), TimeSpan.FromHours(200)));
    }

    [Fact]
    public void Counting_crosses_local_midnight_by_the_estates_date_not_the_utc_date()
    {
        var calendar = new BusinessCalendar(Shanghai, BusinessHours.Default, []);

        // 16:30 UTC on Monday is 00:30 on Tuesday in Shanghai: Tuesday's 08:00 is the next opening.
        Assert.Equal(Sh(11, 24, 8), calendar.NextOpening(Utc(2026, 11, 23, 16, 30)));
        Assert.Equal(Sh(11, 24, 10), calendar.AddWorkingTime(Sh(11, 23, 19), TimeSpan.FromHours(3)));
        Assert.Equal(TimeSpan.FromHours(3), calendar.WorkingTimeBetween(Sh(11, 23, 19), Sh(11, 24, 10)));
    }

    [Fact]
    public void Is_open_from_opening_until_just_before_closing()
    {
        Assert.False(OfficeHours.IsOpen(Sh(11, 23, 8, 29)));
        Assert.True(OfficeHours.IsOpen(Sh(11, 23, 8, 30)));
        Assert.True(OfficeHours.IsOpen(Sh(11, 23, 17, 30).AddTicks(-1)));
        Assert.False(OfficeHours.IsOpen(Sh(11, 23, 17, 30)));
        Assert.False(OfficeHours.IsOpen(Sh(11, 22, 12))); // Sunday
    }

    [Fact]
    public void The_same_instant_is_read_in_the_estates_zone_whatever_offset_it_carries()
    {
        var nineThirty = Sh(11, 23, 9, 30);

        Assert.True(OfficeHours.IsOpen(nineThirty.ToOffset(TimeSpan.FromHours(-5))));
        Assert.Equal(
            nineThirty.AddHours(1),
            OfficeHours.AddWorkingTime(nineThirty.ToOffset(TimeSpan.FromHours(-5)), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Results_carry_the_offset_of_the_instant_passed_in()
    {
        var utcStart = Utc(2026, 11, 23, 0, 0); // 08:00 in Shanghai
        var localStart = utcStart.ToOffset(TimeSpan.FromHours(8));

        Assert.Equal(TimeSpan.Zero, OfficeHours.AddWorkingTime(utcStart, TimeSpan.FromHours(1)).Offset);
        Assert.Equal(TimeSpan.FromHours(8), OfficeHours.AddWorkingTime(localStart, TimeSpan.FromHours(1)).Offset);
        Assert.Equal(TimeSpan.Zero, OfficeHours.NextOpening(utcStart).Offset);
        Assert.Equal(TimeSpan.FromHours(8), OfficeHours.NextOpening(localStart).Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.FromHours(8)), OfficeHours.AddWorkingTime(localStart, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void The_next_opening_is_now_when_open_and_the_coming_opening_otherwise()
    {
        var calendar = Office(new DateOnly(2026, 11, 23));

        Assert.Equal(Sh(11, 24, 10), calendar.NextOpening(Sh(11, 24, 10)));
        Assert.Equal(Sh(11, 24, 8, 30), calendar.NextOpening(Sh(11, 24, 6)));
        Assert.Equal(Sh(11, 25, 8, 30), calendar.NextOpening(Sh(11, 24, 17, 30)));
        Assert.Equal(Sh(11, 24, 8, 30), calendar.NextOpening(Sh(11, 20, 18))); // Friday night, Monday a holiday
    }

    [Fact]
    public void Working_time_between_counts_only_open_time()
    {
        // Monday 08:30–17:30 (9 h), Tuesday (9 h), Wednesday 08:30–12:00 (3.5 h).
        Assert.Equal(TimeSpan.FromHours(21.5), OfficeHours.WorkingTimeBetween(Sh(11, 23, 7), Sh(11, 25, 12)));
        Assert.Equal(TimeSpan.FromHours(45), OfficeHours.WorkingTimeBetween(Sh(11, 21, 0), Sh(11, 28, 0)));
        Assert.Equal(TimeSpan.FromMinutes(30), OfficeHours.WorkingTimeBetween(Sh(11, 23, 17), Sh(11, 23, 22)));
        Assert.Equal(TimeSpan.Zero, OfficeHours.WorkingTimeBetween(Sh(11, 21, 0), Sh(11, 23, 8, 30))); // the weekend
    }

    [Fact]
    public void Working_time_between_is_zero_when_the_end_is_not_after_the_start()
    {
        Assert.Equal(TimeSpan.Zero, OfficeHours.WorkingTimeBetween(Sh(11, 23, 12), Sh(11, 23, 12)));
        Assert.Equal(TimeSpan.Zero, OfficeHours.WorkingTimeBetween(Sh(11, 23, 12), Sh(11, 23, 10)));
    }

    [Fact]
    public void Zero_working_time_returns_the_start_unchanged_open_or_not()
    {
        Assert.Equal(Sh(11, 23, 12), OfficeHours.AddWorkingTime(Sh(11, 23, 12), TimeSpan.Zero));
        Assert.Equal(Sh(11, 21, 10), OfficeHours.AddWorkingTime(Sh(11, 21, 10), TimeSpan.Zero)); // Saturday
        Assert.Equal(Sh(11, 23, 17, 30), OfficeHours.AddWorkingTime(Sh(11, 23, 17, 30), TimeSpan.Zero)); // closing
    }

    [Fact]
    public void Negative_working_time_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OfficeHours.AddWorkingTime(Sh(11, 23, 12), TimeSpan.FromTicks(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => OfficeHours.AddWorkingTime(Sh(11, 23, 12), TimeSpan.FromHours(-2)));
    }

    [Fact]
    public void A_calendar_of_holidays_only_gives_up_after_three_years_instead_of_looping()
    {
        var start = new DateOnly(2026, 11, 23);
        var calendar = Office([.. Enumerable.Range(0, 5 * 366).Select(start.AddDays)]);

        var add = Assert.Throws<DomainException>(() => calendar.AddWorkingTime(Sh(11, 23, 9), TimeSpan.FromHours(1)));
        var next = Assert.Throws<DomainException>(() => calendar.NextOpening(Sh(11, 23, 9)));

        Assert.Equal("Deadline.NoOpenDay", add.Code);
        Assert.Equal("Deadline.NoOpenDay", next.Code);
        Assert.Equal(TimeSpan.Zero, calendar.WorkingTimeBetween(Sh(11, 23, 9), Sh(11, 23, 9).AddYears(4)));
    }

    [Fact]
    public void A_calendar_that_runs_out_of_openings_part_way_gives_up_too()
    {
        // Open on Monday 23 November only; every later day is a holiday for five years.
        var first = new DateOnly(2026, 11, 24);
        var calendar = Office([.. Enumerable.Range(0, 5 * 366).Select(first.AddDays)]);

        Assert.Equal(Sh(11, 23, 17, 30), calendar.AddWorkingTime(Sh(11, 23, 8, 30), TimeSpan.FromHours(9)));
        var ex = Assert.Throws<DomainException>(() => calendar.AddWorkingTime(Sh(11, 23, 8, 30), TimeSpan.FromHours(10)));
        Assert.Equal("Deadline.NoOpenDay", ex.Code);
    }

    [Fact]
    public void A_long_closure_shorter_than_three_years_is_waited_out()
    {
        var start = new DateOnly(2026, 11, 23);
        var calendar = Office([.. Enumerable.Range(0, 2 * 365).Select(start.AddDays)]);
        var reopening = start.AddDays(2 * 365); // Wednesday 22 November 2028

        Assert.Equal(DayOfWeek.Wednesday, reopening.DayOfWeek);
        Assert.Equal(Local(Shanghai, 2028, 11, 22, 8, 30), calendar.NextOpening(Sh(11, 23, 9)));
        Assert.Equal(Local(Shanghai, 2028, 11, 22, 9, 30), calendar.AddWorkingTime(Sh(11, 23, 9), TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.FromHours(1), calendar.WorkingTimeBetween(Sh(11, 23, 9), Local(Shanghai, 2028, 11, 22, 9, 30)));
    }

    [Fact]
    public void Holidays_are_kept_once_and_in_order()
    {
        var calendar = Office(new DateOnly(2026, 10, 2), new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 2));

        Assert.Equal([new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 2)], calendar.Holidays);
        Assert.Same(Shanghai, calendar.Zone);
        Assert.Equal(BusinessHours.Weekdays(T(8, 30), T(17, 30)), calendar.Hours);
    }

    [Fact]
    public void Missing_parts_are_a_programming_error()
    {
        Assert.Throws<ArgumentNullException>(() => new BusinessCalendar(null!, BusinessHours.Default, []));
        Assert.Throws<ArgumentNullException>(() => new BusinessCalendar(Shanghai, null!, []));
        Assert.Throws<ArgumentNullException>(() => new BusinessCalendar(Shanghai, BusinessHours.Default, null!));
    }

    [Fact]
    public void A_fake_clock_walking_through_a_week_sees_the_hours_open_and_close()
    {
        var clock = new FakeTimeProvider(Sh(11, 22, 0)); // Sunday 00:00
        var open = TimeSpan.Zero;
        var openings = new List<DateTimeOffset>();
        var wasOpen = false;
        for (var minute = 0; minute < 7 * 24 * 60; minute += 30)
        {
            var now = clock.GetUtcNow();
            var isOpen = OfficeHours.IsOpen(now);
            if (isOpen)
            {
                open += TimeSpan.FromMinutes(30);
            }

            if (isOpen && !wasOpen)
            {
                openings.Add(now);
                Assert.Equal(now, OfficeHours.NextOpening(now.AddMinutes(-30)));
            }

            wasOpen = isOpen;
            clock.Advance(TimeSpan.FromMinutes(30));
        }

        Assert.Equal(TimeSpan.FromHours(45), open);
        Assert.Equal(open, OfficeHours.WorkingTimeBetween(Sh(11, 22, 0), clock.GetUtcNow()));
        Assert.Equal([Sh(11, 23, 8, 30), Sh(11, 24, 8, 30), Sh(11, 25, 8, 30), Sh(11, 26, 8, 30), Sh(11, 27, 8, 30)], openings);
    }
}
