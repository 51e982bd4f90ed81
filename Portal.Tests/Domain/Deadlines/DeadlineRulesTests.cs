using Portal.Domain.Deadlines;
using Portal.Domain.Requests;
using static Portal.Tests.Domain.Deadlines.Instants;

namespace Portal.Tests.Domain.Deadlines;

/// <summary>The default policy for every request type and priority, used until an estate sets its own.</summary>
public sealed class DeadlineRulesTests
{
    [Fact]
    public void All_lists_the_twenty_combinations_once()
    {
        var all = DeadlineRules.All.ToList();

        Assert.Equal(20, all.Count);
        Assert.Equal(20, all.Distinct().Count());
        foreach (var type in Enum.GetValues<RequestType>())
        {
            foreach (var priority in Enum.GetValues<Priority>())
            {
                Assert.Contains((type, priority), all);
            }
        }
    }

    [Fact]
    public void Every_default_can_be_kept_and_makes_valid_terms()
    {
        var calendar = new BusinessCalendar(Shanghai, BusinessHours.Default, []);
        foreach (var (type, priority) in DeadlineRules.All)
        {
            var (respond, resolve, counting) = DeadlineRules.Default(type, priority);

            Assert.True(respond > TimeSpan.Zero, $"{type}/{priority} responds within {respond}.");
            Assert.True(resolve >= respond, $"{type}/{priority} resolves within {resolve}, before its response {respond}.");
            Assert.True(Enum.IsDefined(counting));

            var terms = new DeadlineTerms(respond, resolve, counting, calendar);
            var filed = Utc(2026, 11, 23, 2, 0);
            Assert.True(terms.ResolveBy(filed) >= terms.RespondBy(filed));
        }
    }

    [Theory]
    [InlineData(Priority.Urgent, DeadlineCounting.CalendarHours)]
    [InlineData(Priority.High, DeadlineCounting.CalendarHours)]
    [InlineData(Priority.Normal, DeadlineCounting.BusinessHours)]
    [InlineData(Priority.Low, DeadlineCounting.BusinessHours)]
    public void Emergencies_run_round_the_clock_and_ordinary_repairs_in_opening_hours(Priority priority, DeadlineCounting expected)
    {
        Assert.Equal(expected, DeadlineRules.Default(RequestType.Repair, priority).Counting);
    }

    [Fact]
    public void An_ordinary_repair_filed_at_night_is_promised_for_the_morning_not_the_small_hours()
    {
        // Filed 23:00 in Shanghai on a Tuesday; the desk opens at 08:00 (the default hours).
        var calendar = new BusinessCalendar(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), BusinessHours.Default, []);
        var (respond, resolve, counting) = DeadlineRules.Default(RequestType.Repair, Priority.Normal);
        var terms = new DeadlineTerms(respond, resolve, counting, calendar);
        var filed = new DateTimeOffset(2026, 11, 24, 23, 0, 0, TimeSpan.FromHours(8));

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8)), terms.RespondBy(filed));
    }

    [Theory]
    [InlineData(RequestType.Repair, Priority.Urgent, 30, 4 * 60, DeadlineCounting.CalendarHours)]
    [InlineData(RequestType.Repair, Priority.High, 60, 24 * 60, DeadlineCounting.CalendarHours)]
    [InlineData(RequestType.Repair, Priority.Normal, 60, 36 * 60, DeadlineCounting.BusinessHours)]
    [InlineData(RequestType.Repair, Priority.Low, 120, 84 * 60, DeadlineCounting.BusinessHours)]
    [InlineData(RequestType.Complaint, Priority.Urgent, 120, 24 * 60, DeadlineCounting.CalendarHours)]
    [InlineData(RequestType.Complaint, Priority.High, 240, 24 * 60, DeadlineCounting.CalendarHours)]
    [InlineData(RequestType.Complaint, Priority.Normal, 240, 24 * 60, DeadlineCounting.BusinessHours)]
    [InlineData(RequestType.Complaint, Priority.Low, 240, 36 * 60, DeadlineCounting.BusinessHours)]
    [InlineData(RequestType.Inquiry, Priority.Urgent, 30, 4 * 60, DeadlineCounting.CalendarHours)]
    [InlineData(RequestType.Inquiry, Priority.High, 60, 8 * 60, DeadlineCounting.BusinessHours)]
    [InlineData(RequestType.Inquiry, Priority.Normal, 120, 24 * 60, DeadlineCounting.BusinessHours)]
    [InlineData(RequestType.Inquiry, Priority.Low, 240, 24 * 60, DeadlineCounting.BusinessHours)]
    [InlineData(RequestType.Suggestion, Priority.Urgent, 240, 24 * 60, DeadlineCounting.BusinessHours)]
    [InlineData(RequestType.Suggestion, Priority.High, 480, 40 * 60, DeadlineCounting.BusinessHours)]
    [InlineData(RequestType.Suggestion, Priority.Normal, 480, 40 * 60, DeadlineCounting.BusinessHours)]
    [InlineData(RequestType.Suggestion, Priority.Low, 480, 40 * 60, DeadlineCounting.BusinessHours)]
    [InlineData(RequestType.Praise, Priority.Urgent, 480, 24 * 60, DeadlineCounting.BusinessHours)]
    [InlineData(RequestType.Praise, Priority.High, 480, 24 * 60, DeadlineCounting.BusinessHours)]
    [InlineData(RequestType.Praise, Priority.Normal, 480, 24 * 60, DeadlineCounting.BusinessHours)]
    [InlineData(RequestType.Praise, Priority.Low, 480, 24 * 60, DeadlineCounting.BusinessHours)]
    public void The_default_table(RequestType type, Priority priority, int respondMinutes, int resolveMinutes, DeadlineCounting counting)
    {
        Assert.Equal(
            (TimeSpan.FromMinutes(respondMinutes), TimeSpan.FromMinutes(resolveMinutes), counting),
            DeadlineRules.Default(type, priority));
    }

    [Fact]
    public void Complaints_get_the_butlers_answer_within_four_hours_or_sooner()
    {
        Assert.All(
            Enum.GetValues<Priority>(),
            p => Assert.True(DeadlineRules.Default(RequestType.Complaint, p).RespondWithin <= TimeSpan.FromHours(4)));
    }

    [Fact]
    public void A_more_urgent_request_is_never_given_longer()
    {
        foreach (var type in Enum.GetValues<RequestType>())
        {
            var byPriority = Enum.GetValues<Priority>().Select(p => DeadlineRules.Default(type, p)).ToList();
            for (var i = 1; i < byPriority.Count; i++)
            {
                Assert.True(byPriority[i].RespondWithin <= byPriority[i - 1].RespondWithin, $"{type} response at {(Priority)i}");
                Assert.True(byPriority[i].ResolveWithin <= byPriority[i - 1].ResolveWithin, $"{type} resolution at {(Priority)i}");
            }
        }
    }

    [Fact]
    public void An_unknown_type_or_priority_has_no_default()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DeadlineRules.Default((RequestType)99, Priority.Normal));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeadlineRules.Default(RequestType.Praise, (Priority)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeadlineRules.Default(RequestType.Suggestion, (Priority)(-1)));
    }
}
