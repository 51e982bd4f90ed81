using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Deadlines;
using static Portal.Tests.Domain.Deadlines.Instants;

namespace Portal.Tests.Domain.Deadlines;

/// <summary>
/// The automatic steps of a deadline: warn at 0.75, the supervisor at 1, the manager at 1.5, one step per
/// call, the most severe one due first.
/// </summary>
public sealed class EscalationPolicyTests
{
    [Fact]
    public void The_thresholds_are_three_quarters_the_deadline_and_half_again()
    {
        Assert.Equal(0.75, EscalationPolicy.WarnAt);
        Assert.Equal(1.0, EscalationPolicy.SupervisorAt);
        Assert.Equal(1.5, EscalationPolicy.ManagerAt);
    }

    [Theory]
    // Nobody told, not warned.
    [InlineData(0.0, false, EscalationLevel.None, DeadlineStep.None)]
    [InlineData(0.5, false, EscalationLevel.None, DeadlineStep.None)]
    [InlineData(0.7499, false, EscalationLevel.None, DeadlineStep.None)]
    [InlineData(0.75, false, EscalationLevel.None, DeadlineStep.Warn)]
    [InlineData(0.9999, false, EscalationLevel.None, DeadlineStep.Warn)]
    [InlineData(1.0, false, EscalationLevel.None, DeadlineStep.EscalateToSupervisor)]
    [InlineData(1.4999, false, EscalationLevel.None, DeadlineStep.EscalateToSupervisor)]
    [InlineData(1.5, false, EscalationLevel.None, DeadlineStep.EscalateToSupervisor)]
    [InlineData(1.6, false, EscalationLevel.None, DeadlineStep.EscalateToSupervisor)]
    [InlineData(10.0, false, EscalationLevel.None, DeadlineStep.EscalateToSupervisor)]
    // Nobody told, already warned.
    [InlineData(0.5, true, EscalationLevel.None, DeadlineStep.None)]
    [InlineData(0.75, true, EscalationLevel.None, DeadlineStep.None)]
    [InlineData(0.9999, true, EscalationLevel.None, DeadlineStep.None)]
    [InlineData(1.0, true, EscalationLevel.None, DeadlineStep.EscalateToSupervisor)]
    [InlineData(1.6, true, EscalationLevel.None, DeadlineStep.EscalateToSupervisor)]
    // With the supervisor (automatically or by hand), warned or not.
    [InlineData(0.0, false, EscalationLevel.Supervisor, DeadlineStep.None)]
    [InlineData(0.8, false, EscalationLevel.Supervisor, DeadlineStep.None)]
    [InlineData(0.8, true, EscalationLevel.Supervisor, DeadlineStep.None)]
    [InlineData(1.2, false, EscalationLevel.Supervisor, DeadlineStep.None)]
    [InlineData(1.4999, true, EscalationLevel.Supervisor, DeadlineStep.None)]
    [InlineData(1.5, false, EscalationLevel.Supervisor, DeadlineStep.EscalateToManager)]
    [InlineData(1.5, true, EscalationLevel.Supervisor, DeadlineStep.EscalateToManager)]
    [InlineData(1.6, true, EscalationLevel.Supervisor, DeadlineStep.EscalateToManager)]
    [InlineData(10.0, false, EscalationLevel.Supervisor, DeadlineStep.EscalateToManager)]
    // With the manager: nothing more to do.
    [InlineData(0.0, false, EscalationLevel.Manager, DeadlineStep.None)]
    [InlineData(0.8, false, EscalationLevel.Manager, DeadlineStep.None)]
    [InlineData(1.0, false, EscalationLevel.Manager, DeadlineStep.None)]
    [InlineData(1.6, false, EscalationLevel.Manager, DeadlineStep.None)]
    [InlineData(10.0, true, EscalationLevel.Manager, DeadlineStep.None)]
    // Before the start.
    [InlineData(-1.0, false, EscalationLevel.None, DeadlineStep.None)]
    public void The_step_due_depends_on_the_fraction_used_the_warning_and_the_level(double used, bool warned, EscalationLevel level, DeadlineStep expected)
    {
        Assert.Equal(expected, EscalationPolicy.Next(used, warned, level));
    }

    [Fact]
    public void A_job_that_finds_an_item_long_overdue_escalates_one_level_per_call()
    {
        var level = EscalationLevel.None;
        var steps = new List<DeadlineStep>();
        for (var step = EscalationPolicy.Next(1.6, false, level); step != DeadlineStep.None; step = EscalationPolicy.Next(1.6, false, level))
        {
            steps.Add(step);
            level = step == DeadlineStep.EscalateToSupervisor ? EscalationLevel.Supervisor : EscalationLevel.Manager;
        }

        Assert.Equal([DeadlineStep.EscalateToSupervisor, DeadlineStep.EscalateToManager], steps);
        Assert.Equal(EscalationLevel.Manager, level);
    }

    [Fact]
    public void An_item_escalated_by_hand_to_the_supervisor_is_neither_warned_nor_escalated_again_before_one_and_a_half()
    {
        Assert.Equal(DeadlineStep.None, EscalationPolicy.Next(0.8, false, EscalationLevel.Supervisor));
        Assert.Equal(DeadlineStep.None, EscalationPolicy.Next(1.0, false, EscalationLevel.Supervisor));
        Assert.Equal(DeadlineStep.EscalateToManager, EscalationPolicy.Next(1.5, false, EscalationLevel.Supervisor));
    }

    [Fact]
    public void Levels_are_ordered_upwards()
    {
        Assert.True(EscalationLevel.None < EscalationLevel.Supervisor);
        Assert.True(EscalationLevel.Supervisor < EscalationLevel.Manager);
    }

    [Fact]
    public void Nonsense_input_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EscalationPolicy.Next(double.NaN, false, EscalationLevel.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => EscalationPolicy.Next(0.5, false, (EscalationLevel)3));
    }

    [Fact]
    public void A_fake_clock_walking_past_an_urgent_repair_warns_then_escalates_twice()
    {
        var terms = DeadlineTerms.RoundTheClock(TimeSpan.FromMinutes(30), TimeSpan.FromHours(4));
        var filed = Utc(2026, 11, 23, 2, 0);
        var clock = new FakeTimeProvider(filed);

        var taken = Walk(clock, terms, filed, terms.ResolveBy(filed), TimeSpan.FromMinutes(15), TimeSpan.FromHours(8));

        Assert.Equal(
            [
                (DeadlineStep.Warn, filed.AddHours(3)),
                (DeadlineStep.EscalateToSupervisor, filed.AddHours(4)),
                (DeadlineStep.EscalateToManager, filed.AddHours(6)),
            ],
            taken);
    }

    [Fact]
    public void A_fake_clock_walking_past_a_business_hour_suggestion_only_moves_while_the_office_is_open()
    {
        var office = new BusinessCalendar(Shanghai, BusinessHours.Weekdays(T(8, 30), T(17, 30)), []);
        var terms = DeadlineTerms.InBusinessHours(TimeSpan.FromHours(8), TimeSpan.FromHours(40), office);
        var filed = Local(Shanghai, 2026, 11, 23, 8, 30); // Monday
        var due = terms.ResolveBy(filed);
        var clock = new FakeTimeProvider(filed);

        var taken = Walk(clock, terms, filed, due, TimeSpan.FromMinutes(30), TimeSpan.FromDays(14));

        Assert.Equal(Local(Shanghai, 2026, 11, 27, 12, 30), due); // four days of 9 h and 4 h on Friday
        Assert.Equal(
            [
                (DeadlineStep.Warn, Local(Shanghai, 2026, 11, 26, 11, 30)),                // 30 h: Thursday
                (DeadlineStep.EscalateToSupervisor, Local(Shanghai, 2026, 11, 27, 12, 30)), // 40 h: Friday
                (DeadlineStep.EscalateToManager, Local(Shanghai, 2026, 12, 1, 14, 30)),     // 60 h: the next Tuesday
            ],
            taken);
    }

    /// <summary>Runs the hourly job's decision at every tick of a fake clock and records what it does and when.</summary>
    private static List<(DeadlineStep Step, DateTimeOffset At)> Walk(
        FakeTimeProvider clock, DeadlineTerms terms, DateTimeOffset start, DateTimeOffset due, TimeSpan tick, TimeSpan length)
    {
        var taken = new List<(DeadlineStep, DateTimeOffset)>();
        var warned = false;
        var level = EscalationLevel.None;
        var end = clock.GetUtcNow() + length;
        while (clock.GetUtcNow() <= end)
        {
            var now = clock.GetUtcNow();
            var step = EscalationPolicy.Next(terms.Used(start, due, now), warned, level);
            switch (step)
            {
                case DeadlineStep.Warn:
                    warned = true;
                    break;
                case DeadlineStep.EscalateToSupervisor:
                    level = EscalationLevel.Supervisor;
                    break;
                case DeadlineStep.EscalateToManager:
                    level = EscalationLevel.Manager;
                    break;
                case DeadlineStep.None:
                    clock.Advance(tick);
                    continue;
            }

            taken.Add((step, now));
        }

        return taken;
    }
}
