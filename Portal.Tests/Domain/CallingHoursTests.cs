using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Common;
using Portal.Domain.FollowUps;

namespace Portal.Tests.Domain;

/// <summary>
/// Never at night: the estate's calling hours, read in its own time zone, across the day boundary and
/// the days the clocks change. Instants come from a fake clock set to a fixed UTC time, the way the
/// use cases pass TimeProvider's "now" in.
/// </summary>
public sealed class CallingHoursTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) =>
        new FakeTimeProvider(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero)).GetUtcNow();

    [Fact]
    public void The_default_is_nine_to_nine()
    {
        Assert.Equal(new TimeOnly(9, 0), CallingHours.Default.From);
        Assert.Equal(new TimeOnly(21, 0), CallingHours.Default.To);
        Assert.Equal(new CallingHours(new TimeOnly(9, 0), new TimeOnly(21, 0)), CallingHours.Default);
        Assert.NotEqual(new CallingHours(new TimeOnly(8, 0), new TimeOnly(21, 0)), CallingHours.Default);
    }

    [Theory]
    [InlineData(9, 9)]
    [InlineData(21, 9)]
    public void From_must_be_before_to(int from, int to)
    {
        var ex = Assert.Throws<DomainException>(() => new CallingHours(new TimeOnly(from, 0), new TimeOnly(to, 0)));

        Assert.Equal("CallingHours.Invalid", ex.Code);
    }

    // Shanghai is UTC+8 all year: 09:00 local is 01:00 UTC, 21:00 local is 13:00 UTC.
    [Theory]
    [InlineData(0, 59, false)]  // 08:59
    [InlineData(1, 0, true)]    // 09:00
    [InlineData(6, 30, true)]   // 14:30
    [InlineData(12, 59, true)]  // 20:59
    [InlineData(13, 0, false)]  // 21:00
    [InlineData(15, 30, false)] // 23:30
    [InlineData(16, 30, false)] // 00:30 the next day
    public void Calling_is_allowed_from_nine_until_just_before_nine_in_the_evening(int utcHour, int utcMinute, bool allowed)
    {
        var instant = Utc(2026, 11, 23, utcHour, utcMinute);

        Assert.Equal(allowed, CallingHours.Default.Allows(instant, Shanghai));
    }

    [Fact]
    public void The_same_instant_is_read_in_the_estates_zone_whatever_offset_it_carries()
    {
        var at2059 = new DateTimeOffset(2026, 11, 23, 20, 59, 0, TimeSpan.FromHours(8));
        var at2100 = new DateTimeOffset(2026, 11, 23, 21, 0, 0, TimeSpan.FromHours(8));

        Assert.True(CallingHours.Default.Allows(at2059.ToOffset(TimeSpan.FromHours(-5)), Shanghai));
        Assert.False(CallingHours.Default.Allows(at2100.ToUniversalTime(), Shanghai));
        Assert.Equal(at2059, CallingHours.Default.NextAllowed(at2059, Shanghai));
    }

    [Fact]
    public void Within_the_hours_the_next_allowed_time_is_now()
    {
        var now = Utc(2026, 11, 23, 6, 30);

        Assert.Equal(now, CallingHours.Default.NextAllowed(now, Shanghai));
    }

    [Fact]
    public void Early_in_the_morning_the_next_allowed_time_is_nine_the_same_day()
    {
        var at0859 = Utc(2026, 11, 23, 0, 59);

        var next = CallingHours.Default.NextAllowed(at0859, Shanghai);

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8)), next);
        Assert.Equal(TimeSpan.Zero, next.Offset);
    }

    [Theory]
    [InlineData(13, 0)]  // 21:00
    [InlineData(15, 30)] // 23:30
    public void In_the_evening_the_next_allowed_time_is_nine_the_next_day(int utcHour, int utcMinute)
    {
        var evening = Utc(2026, 11, 23, utcHour, utcMinute);

        var next = CallingHours.Default.NextAllowed(evening, Shanghai);

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(8)), next);
    }

    [Fact]
    public void After_midnight_local_the_next_day_is_already_today()
    {
        // 16:30 UTC on the 23rd is 00:30 on the 24th in Shanghai: nine o'clock is the same local day.
        var afterMidnight = Utc(2026, 11, 23, 16, 30);

        Assert.Equal(
            new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(8)),
            CallingHours.Default.NextAllowed(afterMidnight, Shanghai));
    }

    [Fact]
    public void A_fake_clock_walking_through_a_shanghai_day_sees_the_hours_open_and_close()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 16, 0, 0, TimeSpan.Zero)); // 00:00 local
        var open = new List<int>();
        for (var hour = 0; hour < 24; hour++)
        {
            if (CallingHours.Default.Allows(clock.GetUtcNow(), Shanghai))
            {
                open.Add(hour);
            }

            clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal(Enumerable.Range(9, 12), open);
    }

    // Europe/London, 29 March 2026: the clocks go forward at 01:00 GMT to 02:00 BST (UTC+1).
    [Fact]
    public void London_on_the_day_the_clocks_go_forward_opens_at_nine_summer_time()
    {
        var saturdayNight = Utc(2026, 3, 28, 21, 30);  // 21:30 GMT
        var beforeTheChange = Utc(2026, 3, 29, 0, 30); // 00:30 GMT
        var nineBst = new DateTimeOffset(2026, 3, 29, 9, 0, 0, TimeSpan.FromHours(1));

        Assert.Equal(nineBst, CallingHours.Default.NextAllowed(saturdayNight, London));
        Assert.Equal(nineBst, CallingHours.Default.NextAllowed(beforeTheChange, London));
        Assert.Equal(Utc(2026, 3, 29, 8, 0), nineBst);
        Assert.False(CallingHours.Default.Allows(Utc(2026, 3, 29, 7, 59), London)); // 08:59 BST
        Assert.True(CallingHours.Default.Allows(Utc(2026, 3, 29, 8, 0), London));   // 09:00 BST
        Assert.True(CallingHours.Default.Allows(Utc(2026, 3, 29, 19, 59), London));  // 20:59 BST
        Assert.False(CallingHours.Default.Allows(Utc(2026, 3, 29, 20, 0), London));  // 21:00 BST
    }

    // Europe/London, 25 October 2026: the clocks go back at 02:00 BST to 01:00 GMT.
    [Fact]
    public void London_on_the_day_the_clocks_go_back_opens_at_nine_winter_time()
    {
        var saturdayLate = Utc(2026, 10, 24, 21, 0); // 22:00 BST

        Assert.Equal(Utc(2026, 10, 25, 9, 0), CallingHours.Default.NextAllowed(saturdayLate, London));
        Assert.False(CallingHours.Default.Allows(Utc(2026, 10, 25, 8, 59), London)); // 08:59 GMT
        Assert.True(CallingHours.Default.Allows(Utc(2026, 10, 25, 20, 59), London)); // 20:59 GMT
        Assert.False(CallingHours.Default.Allows(Utc(2026, 10, 25, 21, 0), London)); // 21:00 GMT
    }

    [Fact]
    public void New_york_reads_the_hours_in_its_own_offset_in_winter_and_summer()
    {
        // 23 November: EST, UTC-5. 13:59 UTC is 08:59 there.
        Assert.False(CallingHours.Default.Allows(Utc(2026, 11, 23, 13, 59), NewYork));
        Assert.Equal(Utc(2026, 11, 23, 14, 0), CallingHours.Default.NextAllowed(Utc(2026, 11, 23, 13, 59), NewYork));
        Assert.True(CallingHours.Default.Allows(Utc(2026, 11, 24, 1, 59), NewYork));  // 20:59 on the 23rd
        Assert.Equal(Utc(2026, 11, 24, 14, 0), CallingHours.Default.NextAllowed(Utc(2026, 11, 24, 2, 0), NewYork));

        // 8 March 2026: at 02:00 EST the clocks go forward to 03:00 EDT, UTC-4.
        Assert.Equal(Utc(2026, 3, 8, 13, 0), CallingHours.Default.NextAllowed(Utc(2026, 3, 8, 6, 0), NewYork));
    }

    [Fact]
    public void A_start_the_clocks_skip_opens_at_the_moment_of_the_jump()
    {
        // 02:30 does not exist in New York on 8 March 2026: 01:59:59 EST is followed by 03:00 EDT.
        var hours = new CallingHours(new TimeOnly(2, 30), new TimeOnly(21, 0));

        var next = hours.NextAllowed(Utc(2026, 3, 8, 6, 30), NewYork); // 01:30 EST

        Assert.Equal(Utc(2026, 3, 8, 7, 0), next); // 03:00 EDT
        Assert.True(hours.Allows(next, NewYork));
        Assert.False(hours.Allows(next.AddTicks(-1), NewYork));
    }

    [Fact]
    public void A_start_the_clocks_show_twice_opens_at_its_first_occurrence()
    {
        // 1 November 2026 in New York: 01:00–02:00 EDT is followed by 01:00–02:00 EST.
        var hours = new CallingHours(new TimeOnly(1, 30), new TimeOnly(21, 0));

        var next = hours.NextAllowed(Utc(2026, 11, 1, 4, 0), NewYork); // 00:00 EDT

        Assert.Equal(Utc(2026, 11, 1, 5, 30), next); // 01:30 EDT

        // Once the clocks are back at 01:00 EST, 01:30 comes round again, half an hour on.
        Assert.Equal(Utc(2026, 11, 1, 6, 30), hours.NextAllowed(Utc(2026, 11, 1, 6, 10), NewYork));
    }

    [Fact]
    public void The_default_policy_is_nine_to_nine_due_in_48_hours_three_calls_and_a_week_to_rate()
    {
        var policy = FollowUpPolicy.Default(Shanghai);

        Assert.Equal(CallingHours.Default, policy.CallingHours);
        Assert.Equal(TimeSpan.FromHours(48), policy.DueAfterCompletion);
        Assert.Equal(3, policy.MaxFailedAttempts);
        Assert.Equal(TimeSpan.FromDays(7), policy.RatingWindow);
        Assert.Same(Shanghai, policy.Zone);
    }

    [Fact]
    public void A_policy_that_could_never_work_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FollowUpPolicy(CallingHours.Default, TimeSpan.Zero, 3, TimeSpan.FromDays(7), Shanghai));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FollowUpPolicy(CallingHours.Default, TimeSpan.FromHours(48), 0, TimeSpan.FromDays(7), Shanghai));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FollowUpPolicy(CallingHours.Default, TimeSpan.FromHours(48), 3, TimeSpan.Zero, Shanghai));
        Assert.Throws<ArgumentNullException>(() => new FollowUpPolicy(CallingHours.Default, TimeSpan.FromHours(48), 3, TimeSpan.FromDays(7), null!));
    }
}
