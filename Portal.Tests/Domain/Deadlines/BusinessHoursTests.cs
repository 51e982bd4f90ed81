using Portal.Domain.Common;
using Portal.Domain.Deadlines;
using static Portal.Tests.Domain.Deadlines.Instants;

namespace Portal.Tests.Domain.Deadlines;

/// <summary>Opening hours per weekday: what may be built, equality, and the one-column text form.</summary>
public sealed class BusinessHoursTests
{
    [Fact]
    public void The_default_is_every_day_eight_to_eight()
    {
        Assert.Equal(7, BusinessHours.Default.Days.Count);
        Assert.All(BusinessHours.Default.Days, d => Assert.Equal((T(8), T(20)), (d.Opens, d.Closes)));
        Assert.Equal(BusinessHours.EveryDay(T(8), T(20)), BusinessHours.Default);
        Assert.Equal((T(8), T(20)), BusinessHours.Default.On(DayOfWeek.Sunday));
    }

    [Fact]
    public void Weekdays_closes_saturday_and_sunday()
    {
        var hours = BusinessHours.Weekdays(T(8, 30), T(17, 30));

        Assert.Equal(
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
            hours.Days.Select(d => d.Day));
        Assert.Null(hours.On(DayOfWeek.Saturday));
        Assert.Null(hours.On(DayOfWeek.Sunday));
        Assert.Equal((T(8, 30), T(17, 30)), hours.On(DayOfWeek.Wednesday));
    }

    [Fact]
    public void Days_are_listed_monday_first_whatever_order_they_were_given_in()
    {
        var hours = new BusinessHours(
        [
            (DayOfWeek.Sunday, T(10), T(16)),
            (DayOfWeek.Wednesday, T(9), T(18)),
            (DayOfWeek.Monday, T(8), T(17)),
        ]);

        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Sunday], hours.Days.Select(d => d.Day));
        Assert.Equal((DayOfWeek.Sunday, T(10), T(16)), hours.Days[2]);
        Assert.Null(hours.On(DayOfWeek.Tuesday));
    }

    [Theory]
    [InlineData(9, 0, 9, 0)]
    [InlineData(18, 0, 9, 0)]
    [InlineData(0, 1, 0, 0)]
    public void Opening_must_be_before_closing(int opensHour, int opensMinute, int closesHour, int closesMinute)
    {
        var ex = Assert.Throws<DomainException>(() =>
            new BusinessHours([(DayOfWeek.Monday, T(opensHour, opensMinute), T(closesHour, closesMinute))]));

        Assert.Equal("Deadline.HoursInvalid", ex.Code);
    }

    [Fact]
    public void A_day_has_at_most_one_span()
    {
        var ex = Assert.Throws<DomainException>(() =>
            new BusinessHours([(DayOfWeek.Monday, T(8), T(12)), (DayOfWeek.Monday, T(13), T(17))]));

        Assert.Equal("Deadline.HoursInvalid", ex.Code);
    }

    [Fact]
    public void An_unknown_day_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => new BusinessHours([((DayOfWeek)7, T(8), T(12))]));

        Assert.Equal("Deadline.HoursInvalid", ex.Code);
    }

    [Fact]
    public void At_least_one_day_must_be_open()
    {
        var ex = Assert.Throws<DomainException>(() => new BusinessHours([]));

        Assert.Equal("Deadline.NoOpenDay", ex.Code);
    }

    [Fact]
    public void Hours_are_equal_by_value()
    {
        var a = new BusinessHours([(DayOfWeek.Friday, T(9), T(17)), (DayOfWeek.Monday, T(8), T(17))]);
        var b = new BusinessHours([(DayOfWeek.Monday, T(8), T(17)), (DayOfWeek.Friday, T(9), T(17))]);
        var c = new BusinessHours([(DayOfWeek.Monday, T(8), T(17)), (DayOfWeek.Friday, T(9), T(18))]);

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.True(a != c);
        Assert.False(a.Equals(null));
        Assert.NotEqual(BusinessHours.Weekdays(T(8), T(20)), BusinessHours.Default);
    }

    [Fact]
    public void To_string_lists_every_open_day()
    {
        var hours = new BusinessHours([(DayOfWeek.Tuesday, T(9), T(12)), (DayOfWeek.Monday, T(8), T(20))]);

        Assert.Equal("Mon 08:00–20:00, Tue 09:00–12:00", hours.ToString());
    }

    [Fact]
    public void Format_writes_runs_of_days_with_the_same_hours()
    {
        var hours = new BusinessHours(
        [
            .. BusinessHours.Weekdays(T(8, 30), T(17, 30)).Days,
            (DayOfWeek.Saturday, T(9), T(12)),
        ]);

        Assert.Equal("Mon-Fri 08:30-17:30;Sat 09:00-12:00", hours.Format());
        Assert.Equal("Mon-Sun 08:00-20:00", BusinessHours.Default.Format());
        Assert.Equal(
            "Mon 08:00-12:00;Wed 08:00-12:00;Sun 10:00-16:00",
            new BusinessHours([(DayOfWeek.Monday, T(8), T(12)), (DayOfWeek.Wednesday, T(8), T(12)), (DayOfWeek.Sunday, T(10), T(16))]).Format());
    }

    [Fact]
    public void Parse_reads_what_format_writes()
    {
        var hours = BusinessHours.Parse("Mon-Fri 08:30-17:30;Sat 09:00-12:00");

        Assert.Equal(6, hours.Days.Count);
        Assert.Equal((T(8, 30), T(17, 30)), hours.On(DayOfWeek.Thursday));
        Assert.Equal((T(9), T(12)), hours.On(DayOfWeek.Saturday));
        Assert.Null(hours.On(DayOfWeek.Sunday));
    }

    public static TheoryData<string> RoundTrips => new()
    {
        "Mon-Sun 08:00-20:00",
        "Mon-Fri 08:30-17:30;Sat 09:00-12:00",
        "Mon 00:00-23:59",
        "Sun 10:00-16:00",
        "Mon-Tue 08:00-12:00;Wed 13:00-17:00;Thu-Fri 08:00-12:00;Sun 09:00-10:00",
        "Tue 08:00:30-17:00:00.5",
    };

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void Format_and_parse_round_trip(string text)
    {
        var hours = BusinessHours.Parse(text);

        Assert.Equal(hours, BusinessHours.Parse(hours.Format()));
        Assert.Equal(hours.Format(), BusinessHours.Parse(hours.Format()).Format());
    }

    [Fact]
    public void Seconds_are_written_only_when_the_hours_carry_them()
    {
        var hours = new BusinessHours([(DayOfWeek.Tuesday, new TimeOnly(8, 0, 30), new TimeOnly(17, 0, 0, 500))]);

        Assert.Equal("Tue 08:00:30-17:00:00.5", hours.Format());
        Assert.Equal(hours, BusinessHours.Parse(hours.Format()));
    }

    [Fact]
    public void Every_generated_combination_round_trips()
    {
        var random = new Random(20260329);
        for (var i = 0; i < 200; i++)
        {
            var days = Enum.GetValues<DayOfWeek>()
                .Where(_ => random.Next(3) > 0)
                .Select(d =>
                {
                    var opens = random.Next(0, 23 * 60);
                    var closes = random.Next(opens + 1, 24 * 60);
                    return (d, new TimeOnly(opens / 60, opens % 60), new TimeOnly(closes / 60, closes % 60));
                })
                .ToList();
            if (days.Count == 0)
            {
                continue;
            }

            var hours = new BusinessHours(days);

            Assert.Equal(hours, BusinessHours.Parse(hours.Format()));
        }
    }

    [Fact]
    public void Parse_accepts_lists_of_days_any_case_and_surrounding_spaces()
    {
        var hours = BusinessHours.Parse("  mon,WED,Fri-sun   09:00-18:00 ;  tue 10:00-11:00 ");

        Assert.Equal(
            new BusinessHours(
            [
                (DayOfWeek.Monday, T(9), T(18)),
                (DayOfWeek.Tuesday, T(10), T(11)),
                (DayOfWeek.Wednesday, T(9), T(18)),
                (DayOfWeek.Friday, T(9), T(18)),
                (DayOfWeek.Saturday, T(9), T(18)),
                (DayOfWeek.Sunday, T(9), T(18)),
            ]),
            hours);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(";")]
    [InlineData("Mon-Fri 08:30-17:30;")]
    [InlineData("Mon-Fri")]
    [InlineData("08:30-17:30")]
    [InlineData("Mon-Fri 08:30")]
    [InlineData("Mon-Fri 08:30-")]
    [InlineData("Mon-Fri 8:30-17:30")]
    [InlineData("Mon-Fri 08:30-24:00")]
    [InlineData("Mon-Fri 08.30-17.30")]
    [InlineData("Mon-Fri 08:30–17:30")]
    [InlineData("Mon-Fri 17:30-08:30")]
    [InlineData("Mon-Fri 08:30-08:30")]
    [InlineData("Fri-Mon 08:30-17:30")]
    [InlineData("Monday 08:30-17:30")]
    [InlineData("Mo 08:30-17:30")]
    [InlineData("Mon-Tue-Wed 08:30-17:30")]
    [InlineData("Mon,,Tue 08:30-17:30")]
    [InlineData("Mon, Tue 08:30-17:30")]
    [InlineData("Mon 08:30-12:00;Mon 13:00-17:30")]
    [InlineData("Mon-Fri 08:30-17:30;Fri 09:00-12:00")]
    [InlineData("Mon-Fri 08:30-17:30 extra")]
    public void Bad_text_is_refused(string text)
    {
        var ex = Assert.Throws<DomainException>(() => BusinessHours.Parse(text));

        Assert.Equal("Deadline.HoursInvalid", ex.Code);
    }

    [Fact]
    public void Parse_of_null_is_a_programming_error()
    {
        Assert.Throws<ArgumentNullException>(() => BusinessHours.Parse(null!));
    }
}
