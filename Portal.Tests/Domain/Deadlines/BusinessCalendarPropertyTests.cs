using Portal.Domain.Deadlines;
using static Portal.Tests.Domain.Deadlines.Instants;

namespace Portal.Tests.Domain.Deadlines;

/// <summary>
/// Properties over many seeded random starts and spans in zones with and without daylight saving, checked
/// against a plain minute-by-minute count of <see cref="BusinessCalendar.IsOpen"/>. Every opening, closing and
/// clock change here falls on a whole minute, so counting minutes is exact.
/// </summary>
public sealed class BusinessCalendarPropertyTests
{
    public static TheoryData<string> Calendars => new() { "office-new-york", "nights-new-york", "repeated-hour-london", "default-shanghai", "mixed-london" };

    private static BusinessCalendar Calendar(string name) => name switch
    {
        "office-new-york" => new(NewYork, BusinessHours.Weekdays(T(9), T(17)), [new DateOnly(2026, 7, 3), new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 2)]),
        "nights-new-york" => new(NewYork, BusinessHours.EveryDay(T(0, 30), T(3, 30)), []),
        "repeated-hour-london" => new(London, BusinessHours.EveryDay(T(1), T(1, 30)), []),
        "default-shanghai" => new(Shanghai, BusinessHours.Default, [new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 2)]),
        "mixed-london" => new(London, BusinessHours.Parse("Mon-Fri 08:30-17:30;Sat 00:15-02:45;Sun 01:00-01:45"), [new DateOnly(2026, 3, 30)]),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>A minute of 2026, one time in three within a day of a clock change.</summary>
    private static DateTimeOffset RandomStart(Random random)
    {
        DateTimeOffset[] changes = [Utc(2026, 3, 8, 7, 0), Utc(2026, 11, 1, 6, 0), Utc(2026, 3, 29, 1, 0), Utc(2026, 10, 25, 1, 0)];
        return random.Next(3) == 0
            ? changes[random.Next(changes.Length)].AddMinutes(random.Next(-36 * 60, 36 * 60))
            : Utc(2026, 1, 1, 0, 0).AddMinutes(random.Next(0, 364 * 24 * 60));
    }

    private static TimeSpan CountOpenMinutes(BusinessCalendar calendar, DateTimeOffset from, DateTimeOffset to)
    {
        var minutes = 0;
        for (var at = from; at < to; at = at.AddMinutes(1))
        {
            if (calendar.IsOpen(at))
            {
                minutes++;
            }
        }

        return TimeSpan.FromMinutes(minutes);
    }

    [Theory]
    [MemberData(nameof(Calendars))]
    public void Working_time_between_agrees_with_counting_open_minutes(string name)
    {
        var calendar = Calendar(name);
        var random = new Random(20260308);
        for (var i = 0; i < 60; i++)
        {
            var from = RandomStart(random);
            var to = from.AddMinutes(random.Next(0, 4 * 24 * 60));

            Assert.Equal(CountOpenMinutes(calendar, from, to), calendar.WorkingTimeBetween(from, to));
        }
    }

    [Theory]
    [MemberData(nameof(Calendars))]
    public void Adding_working_time_ends_where_exactly_that_much_open_time_has_gone_by(string name)
    {
        var calendar = Calendar(name);
        var random = new Random(20261101);
        for (var i = 0; i < 60; i++)
        {
            var start = RandomStart(random);
            var span = TimeSpan.FromMinutes(random.Next(1, 12 * 60));

            var end = calendar.AddWorkingTime(start, span);

            Assert.Equal(span, CountOpenMinutes(calendar, start, end));
            Assert.True(calendar.IsOpen(end.AddMinutes(-1)), $"The last minute before {end:O} should have counted.");
        }
    }

    [Theory]
    [MemberData(nameof(Calendars))]
    public void Working_time_between_is_the_inverse_of_adding_it(string name)
    {
        var calendar = Calendar(name);
        var random = new Random(20260329);
        for (var i = 0; i < 400; i++)
        {
            var start = RandomStart(random).AddTicks(random.NextInt64(0, TimeSpan.TicksPerMinute));
            var span = TimeSpan.FromTicks(random.NextInt64(1, TimeSpan.FromHours(200).Ticks));

            var end = calendar.AddWorkingTime(start, span);

            Assert.Equal(span, calendar.WorkingTimeBetween(start, end));
            Assert.True(end > start);
        }
    }

    [Theory]
    [MemberData(nameof(Calendars))]
    public void Adding_in_two_steps_is_adding_once(string name)
    {
        var calendar = Calendar(name);
        var random = new Random(20261025);
        for (var i = 0; i < 200; i++)
        {
            var start = RandomStart(random);
            var first = TimeSpan.FromMinutes(random.Next(1, 40 * 60));
            var second = TimeSpan.FromMinutes(random.Next(1, 40 * 60));

            var once = calendar.AddWorkingTime(start, first + second);

            Assert.Equal(once, calendar.AddWorkingTime(calendar.AddWorkingTime(start, first), second));
            Assert.True(calendar.AddWorkingTime(start, first) <= once);
        }
    }

    [Theory]
    [MemberData(nameof(Calendars))]
    public void The_next_opening_is_open_and_nothing_before_it_is(string name)
    {
        var calendar = Calendar(name);
        var random = new Random(20260101);
        for (var i = 0; i < 100; i++)
        {
            var at = RandomStart(random);

            var next = calendar.NextOpening(at);

            Assert.True(calendar.IsOpen(next));
            Assert.True(next >= at);
            Assert.Equal(TimeSpan.Zero, calendar.WorkingTimeBetween(at, next));
            Assert.Equal(TimeSpan.FromMinutes(1), calendar.WorkingTimeBetween(at, next.AddMinutes(1)));
            Assert.Equal(calendar.IsOpen(at), next == at);
        }
    }
}
