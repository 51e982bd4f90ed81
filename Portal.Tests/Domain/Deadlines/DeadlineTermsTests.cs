using Portal.Domain.Common;
using Portal.Domain.Deadlines;
using static Portal.Tests.Domain.Deadlines.Instants;

namespace Portal.Tests.Domain.Deadlines;

/// <summary>
/// One policy row's promise: due times counted round the clock or in opening hours, pauses that move
/// them, and the fraction of the window used. Shanghai office hours, Monday to Friday 08:30–17:30;
/// 20 November 2026 is a Friday.
/// </summary>
public sealed class DeadlineTermsTests
{
    private static readonly BusinessCalendar Office = new(Shanghai, BusinessHours.Weekdays(T(8, 30), T(17, 30)), []);

    private static readonly DeadlineTerms RoundTheClock = DeadlineTerms.RoundTheClock(TimeSpan.FromMinutes(30), TimeSpan.FromHours(4));

    private static readonly DeadlineTerms InOfficeHours = DeadlineTerms.InBusinessHours(TimeSpan.FromHours(1), TimeSpan.FromHours(8), Office);

    private static DateTimeOffset Sh(int month, int day, int hour, int minute = 0) => Local(Shanghai, 2026, month, day, hour, minute);

    [Fact]
    public void Round_the_clock_terms_run_through_the_night()
    {
        var filed = Sh(11, 20, 22);

        Assert.Equal(Sh(11, 20, 22, 30), RoundTheClock.RespondBy(filed));
        Assert.Equal(Sh(11, 21, 2), RoundTheClock.ResolveBy(filed));
        Assert.Equal(DeadlineCounting.CalendarHours, RoundTheClock.Counting);
        Assert.Null(RoundTheClock.Calendar);
    }

    [Fact]
    public void Business_hour_terms_wait_for_the_desk_to_open()
    {
        var filed = Sh(11, 20, 16);

        Assert.Equal(Sh(11, 20, 17), InOfficeHours.RespondBy(filed));
        Assert.Equal(Sh(11, 23, 15), InOfficeHours.ResolveBy(filed)); // Friday 1.5 h, Monday 6.5 h
        Assert.Equal(Sh(11, 23, 9, 30), InOfficeHours.RespondBy(Sh(11, 21, 11))); // filed on Saturday
        Assert.Equal(DeadlineCounting.BusinessHours, InOfficeHours.Counting);
        Assert.Same(Office, InOfficeHours.Calendar);
    }

    [Fact]
    public void Add_and_between_count_the_terms_way()
    {
        var friday = Sh(11, 20, 16);
        var monday = Sh(11, 23, 10);

        Assert.Equal(friday.AddHours(3), RoundTheClock.Add(friday, TimeSpan.FromHours(3)));
        Assert.Equal(Sh(11, 23, 10), InOfficeHours.Add(friday, TimeSpan.FromHours(3)));
        Assert.Equal(TimeSpan.FromHours(66), RoundTheClock.Between(friday, monday));
        Assert.Equal(TimeSpan.FromHours(3), InOfficeHours.Between(friday, monday));
        Assert.Equal(TimeSpan.Zero, RoundTheClock.Between(monday, friday));
        Assert.Equal(TimeSpan.Zero, InOfficeHours.Between(monday, friday));
        Assert.Equal(friday, InOfficeHours.Add(friday, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => RoundTheClock.Add(friday, TimeSpan.FromMinutes(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => InOfficeHours.Add(friday, TimeSpan.FromMinutes(-1)));
    }

    [Fact]
    public void Round_the_clock_a_pause_moves_the_due_time_by_its_whole_length()
    {
        var due = Sh(11, 23, 12);

        Assert.Equal(Sh(11, 23, 16), RoundTheClock.Shift(due, Sh(11, 21, 10), Sh(11, 21, 14)));
        Assert.Equal(Sh(11, 24, 4), RoundTheClock.Shift(due, Sh(11, 20, 17), Sh(11, 21, 9)));
    }

    [Fact]
    public void In_business_hours_a_pause_inside_the_hours_moves_the_due_time_by_its_length()
    {
        Assert.Equal(Sh(11, 24, 17), InOfficeHours.Shift(Sh(11, 24, 15), Sh(11, 23, 10), Sh(11, 23, 12)));
    }

    [Fact]
    public void In_business_hours_a_pause_that_pushes_past_closing_lands_the_next_morning()
    {
        Assert.Equal(Sh(11, 25, 9, 30), InOfficeHours.Shift(Sh(11, 24, 16, 30), Sh(11, 23, 10), Sh(11, 23, 12)));
    }

    [Fact]
    public void In_business_hours_a_pause_outside_the_hours_moves_nothing()
    {
        var due = Sh(11, 24, 15);

        Assert.Equal(due, InOfficeHours.Shift(due, Sh(11, 21, 9), Sh(11, 22, 18)));  // the weekend
        Assert.Equal(due, InOfficeHours.Shift(due, Sh(11, 23, 18), Sh(11, 24, 8)));  // a night
        Assert.Equal(Sh(11, 23, 17, 30), InOfficeHours.Shift(Sh(11, 23, 17, 30), Sh(11, 21, 9), Sh(11, 21, 12))); // due at closing stays
    }

    [Fact]
    public void In_business_hours_a_pause_over_a_night_moves_the_due_time_by_the_open_time_it_covered()
    {
        // Monday 17:00 to Tuesday 09:00: 30 minutes before closing, 30 after opening.
        Assert.Equal(Sh(11, 24, 16), InOfficeHours.Shift(Sh(11, 24, 15), Sh(11, 23, 17), Sh(11, 24, 9)));
    }

    [Fact]
    public void An_empty_or_reversed_pause_moves_nothing()
    {
        var due = Sh(11, 24, 15);

        Assert.Equal(due, RoundTheClock.Shift(due, Sh(11, 23, 10), Sh(11, 23, 10)));
        Assert.Equal(due, RoundTheClock.Shift(due, Sh(11, 23, 12), Sh(11, 23, 10)));
        Assert.Equal(due, InOfficeHours.Shift(due, Sh(11, 23, 12), Sh(11, 23, 10)));
    }

    [Theory]
    [InlineData(-60, 0.0)]
    [InlineData(0, 0.0)]
    [InlineData(60, 0.25)]
    [InlineData(120, 0.5)]
    [InlineData(180, 0.75)]
    [InlineData(240, 1.0)]
    [InlineData(360, 1.5)]
    [InlineData(480, 2.0)]
    public void Round_the_clock_used_is_elapsed_time_over_the_window(int minutesAfterStart, double expected)
    {
        var start = Sh(11, 20, 22);
        var due = RoundTheClock.ResolveBy(start);

        Assert.Equal(expected, RoundTheClock.Used(start, due, start.AddMinutes(minutesAfterStart)), 10);
    }

    [Fact]
    public void In_business_hours_used_stands_still_while_the_desk_is_closed()
    {
        var start = Sh(11, 20, 16);
        var due = InOfficeHours.ResolveBy(start); // Monday 15:00, 8 working hours

        Assert.Equal(0.0, InOfficeHours.Used(start, due, start));
        Assert.Equal(1.5 / 8, InOfficeHours.Used(start, due, Sh(11, 20, 17, 30)), 10);
        Assert.Equal(1.5 / 8, InOfficeHours.Used(start, due, Sh(11, 22, 12)), 10);     // Sunday
        Assert.Equal(3.5 / 8, InOfficeHours.Used(start, due, Sh(11, 23, 10, 30)), 10);
        Assert.Equal(1.0, InOfficeHours.Used(start, due, due), 10);
        Assert.Equal(11.5 / 8, InOfficeHours.Used(start, due, Sh(11, 24, 9, 30)), 10);  // Monday 2.5 h, Tuesday 1 h late
    }

    [Fact]
    public void A_due_time_at_closing_is_reached_at_closing_and_stays_reached_overnight()
    {
        var start = Sh(11, 23, 9, 30);
        var due = InOfficeHours.ResolveBy(start);

        Assert.Equal(Sh(11, 23, 17, 30), due);
        Assert.Equal(1.0, InOfficeHours.Used(start, due, Sh(11, 23, 17, 30)), 10);
        Assert.Equal(1.0, InOfficeHours.Used(start, due, Sh(11, 23, 23)), 10);
    }

    [Fact]
    public void A_window_with_no_counted_time_is_all_or_nothing()
    {
        var start = Sh(11, 23, 12);

        Assert.Equal(0.0, RoundTheClock.Used(start, start, start.AddMinutes(-1)));
        Assert.Equal(1.0, RoundTheClock.Used(start, start, start));
        Assert.Equal(1.0, RoundTheClock.Used(start, start.AddHours(-1), start));
        Assert.Equal(1.0, RoundTheClock.Used(start, start, start.AddDays(2)));

        // Saturday 10:00 to 12:00 holds no office time.
        Assert.Equal(0.0, InOfficeHours.Used(Sh(11, 21, 10), Sh(11, 21, 12), Sh(11, 21, 11)));
        Assert.Equal(1.0, InOfficeHours.Used(Sh(11, 21, 10), Sh(11, 21, 12), Sh(11, 21, 12)));
        Assert.Equal(1.0, InOfficeHours.Used(Sh(11, 21, 10), Sh(11, 21, 12), Sh(11, 23, 12)));
    }

    [Fact]
    public void Response_and_resolution_may_be_equal()
    {
        var terms = DeadlineTerms.RoundTheClock(TimeSpan.FromHours(4), TimeSpan.FromHours(4));

        Assert.Equal(terms.RespondBy(Sh(11, 23, 12)), terms.ResolveBy(Sh(11, 23, 12)));
        Assert.Equal(TimeSpan.FromHours(4), terms.RespondWithin);
        Assert.Equal(TimeSpan.FromHours(4), terms.ResolveWithin);
    }

    public static TheoryData<TimeSpan, TimeSpan, DeadlineCounting, bool> InvalidTerms => new()
    {
        { TimeSpan.Zero, TimeSpan.FromHours(4), DeadlineCounting.CalendarHours, false },
        { TimeSpan.FromMinutes(-30), TimeSpan.FromHours(4), DeadlineCounting.CalendarHours, false },
        { TimeSpan.FromHours(5), TimeSpan.FromHours(4), DeadlineCounting.CalendarHours, false },
        { TimeSpan.FromHours(5), TimeSpan.FromHours(4), DeadlineCounting.BusinessHours, true },
        { TimeSpan.FromHours(1), TimeSpan.FromHours(4), DeadlineCounting.BusinessHours, false },
        { TimeSpan.FromHours(1), TimeSpan.FromHours(4), (DeadlineCounting)2, true },
    };

    [Theory]
    [MemberData(nameof(InvalidTerms))]
    public void Terms_that_could_not_be_kept_are_refused(TimeSpan respond, TimeSpan resolve, DeadlineCounting counting, bool withCalendar)
    {
        var ex = Assert.Throws<DomainException>(() => new DeadlineTerms(respond, resolve, counting, withCalendar ? Office : null));

        Assert.Equal("Deadline.TermsInvalid", ex.Code);
    }

    [Fact]
    public void Round_the_clock_terms_drop_a_calendar_they_would_never_use()
    {
        var terms = new DeadlineTerms(TimeSpan.FromHours(1), TimeSpan.FromHours(4), DeadlineCounting.CalendarHours, Office);

        Assert.Null(terms.Calendar);
        Assert.Equal(Sh(11, 21, 11), terms.RespondBy(Sh(11, 21, 10))); // Saturday counts
    }

    [Fact]
    public void Business_hour_terms_need_a_calendar()
    {
        Assert.Throws<ArgumentNullException>(() => DeadlineTerms.InBusinessHours(TimeSpan.FromHours(1), TimeSpan.FromHours(8), null!));
        Assert.Equal(
            "Deadline.TermsInvalid",
            Assert.Throws<DomainException>(() => new DeadlineTerms(TimeSpan.FromHours(1), TimeSpan.FromHours(8), DeadlineCounting.BusinessHours)).Code);
    }
}
