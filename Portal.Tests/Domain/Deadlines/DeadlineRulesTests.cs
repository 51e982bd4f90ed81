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
    [InlineData(Priority.Urgent, 4)]
    [InlineData(Priority.High, 24)]
    [InlineData(Priority.Normal, 72)]
    [InlineData(Priority.Low, 7 * 24)]
    public void Repairs_keep_the_resolution_times_they_had_round_the_clock(Priority priority, int hours)
    {
        var (_, resolve, counting) = DeadlineRules.Default(RequestType.Repair, priority);

        Assert.Equal(TimeSpan.FromHours(hours), resolve);
        Assert.Equal(DeadlineCounting.CalendarHours, counting);
    }

    [Theory]
    [InlineData(RequestType.Repair, Priority.Urgent, 30, 4 * 60, DeadlineCounting.CalendarHours)]
    [InlineData(RequestType.Repair, Priority.High, 60, 24 * 60, DeadlineCounting.CalendarHours)]
    [InlineData(RequestType.Repair, Priority.Normal, 120, 72 * 60, DeadlineCounting.CalendarHours)]
    [InlineData(RequestType.Repair, Priority.Low, 240, 7 * 24 * 60, DeadlineCounting.CalendarHours)]
    [InlineData(RequestType.Complaint, Priority.Urgent, 120, 24 * 60, DeadlineCounting.CalendarHours)]
    [InlineData(RequestType.Complaint, Priority.High, 240, 24 * 60, DeadlineCounting.CalendarHours)]
    [InlineData(RequestType.Complaint, Priority.Normal, 240, 48 * 60, DeadlineCounting.CalendarHours)]
    [InlineData(RequestType.Complaint, Priority.Low, 240, 72 * 60, DeadlineCounting.CalendarHours)]
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
