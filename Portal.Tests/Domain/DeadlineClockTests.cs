using Portal.Domain.Common;
using Portal.Domain.Deadlines;
using Portal.Domain.FollowUps;
using Portal.Domain.Requests;

namespace Portal.Tests.Domain;

/// <summary>
/// The two promises a request carries (首次响应 and 处理时限) as the aggregate keeps them: set at filing
/// from the estate's schedule, recomputed when the desk confirms the priority, stopped while the ball is
/// with the resident and moved later by the counted length of the stop, restarted for rework, and the
/// warning and escalations that follow a deadline.
/// </summary>
/// <remarks>
/// Where an expected time is worked out by hand in the estate calendar below from a default row
/// (<see cref="DeadlineRules.Default"/>), that row is pinned in <see cref="The_defaults_these_tests_rely_on"/>;
/// everywhere else the expected value is derived from <see cref="DeadlineRules.Default"/> in the test.
/// </remarks>
public sealed class DeadlineClockTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    /// <summary>The estate's day off: Monday 23 November 2026.</summary>
    private static readonly DateOnly DayOff = new(2026, 11, 23);

    /// <summary>Shanghai, Monday to Friday 09:00–18:00 (9 open hours a day), closed on <see cref="DayOff"/>.</summary>
    private static readonly BusinessCalendar Calendar = new(
        ServiceRequestBuilder.Shanghai,
        BusinessHours.Weekdays(new TimeOnly(9, 0), new TimeOnly(18, 0)),
        [DayOff]);

    /// <summary>
    /// The estate's rows: a normal repair answered within 1 and resolved within 16 opening hours, and a
    /// normal complaint answered within 3 and resolved within 30 hours round the clock. Every other row is
    /// the default.
    /// </summary>
    private static readonly DeadlineSchedule Schedule = new(
        Calendar,
        [
            (RequestType.Repair, Priority.Normal, TimeSpan.FromHours(1), TimeSpan.FromHours(16), DeadlineCounting.BusinessHours),
            (RequestType.Complaint, Priority.Normal, TimeSpan.FromHours(3), TimeSpan.FromHours(30), DeadlineCounting.CalendarHours),
        ]);

    private static readonly FollowUpPolicy Policy = ServiceRequestBuilder.Policy;

    private static readonly Actor Manager = new("manager-1", "Manager", ActorRole.Manager);

    private static readonly Location Unit1304 = Location.InUnit(estateId: 1, buildingId: 3, unitId: 1304);

    /// <summary>A time in November 2026, Shanghai local: 20 Fri, 21 Sat, 22 Sun, 23 Mon (day off), 24 Tue, 25 Wed, 26 Thu, 27 Fri.</summary>
    private static DateTimeOffset Nov(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, Shanghai);

    private static ServiceRequest File(RequestType type, Priority priority, DateTimeOffset at, IDeadlineSchedule? schedule = null)
    {
        var number = RequestNumber.Create(type, DateOnly.FromDateTime(at.DateTime), 1);
        return type == RequestType.Repair
            ? ServiceRequest.FileRepair(
                number, Actors.Resident.UserId, RepairCategory.Plumbing, Unit1304, "Kitchen tap leaks under the sink", preferredWindow: null,
                "Resident of 1304", "13812345678", Channel.Phone, [], Actors.Desk, at, priority, schedule)
            : ServiceRequest.Register(
                number, Actors.Resident.UserId, type, type == RequestType.Complaint ? ComplaintKind.PropertyManagement : null, Unit1304,
                "The corridor lights on floor 13 are off", "Resident of 1304", "13812345678", Channel.Phone, Actors.Desk, at, priority, schedule);
    }

    /// <summary>A normal repair filed on the estate's schedule, accepted, dispatched and started by 09:40.</summary>
    private static ServiceRequest RepairInProgress(DateTimeOffset filedAt)
    {
        var repair = File(RequestType.Repair, Priority.Normal, filedAt, Schedule);
        repair.Accept(Actors.Desk, filedAt.AddMinutes(10), Priority.Normal, note: null, schedule: Schedule);
        repair.Dispatch(Actors.Desk, filedAt.AddMinutes(20), Actors.TechnicianAssignee, note: null);
        repair.Start(Actors.Technician, filedAt.AddMinutes(40));
        return repair;
    }

    private static ServiceRequest AcceptedComplaint(DateTimeOffset filedAt)
    {
        var complaint = File(RequestType.Complaint, Priority.Normal, filedAt);
        complaint.Accept(Actors.Desk, filedAt.AddMinutes(5), Priority.Normal, note: null);
        return complaint;
    }

    /// <summary>The default rows whose numbers the hand-worked calendar times below depend on.</summary>
    [Fact]
    public void The_defaults_these_tests_rely_on()
    {
        Assert.Equal((TimeSpan.FromHours(2), TimeSpan.FromHours(24), DeadlineCounting.BusinessHours), DeadlineRules.Default(RequestType.Inquiry, Priority.Normal));
        Assert.Equal((TimeSpan.FromHours(1), TimeSpan.FromHours(8), DeadlineCounting.BusinessHours), DeadlineRules.Default(RequestType.Inquiry, Priority.High));
        Assert.Equal((TimeSpan.FromMinutes(30), TimeSpan.FromHours(4), DeadlineCounting.CalendarHours), DeadlineRules.Default(RequestType.Repair, Priority.Urgent));
    }

    // ---- set at filing --------------------------------------------------------------------------

    /// <summary>Filed on Friday 20 November at 19:00, after closing, before a weekend and the Monday day off.</summary>
    [Theory]
    // Override row, opening hours (1 h / 16 h): nothing counts until Tuesday 09:00; 16 h = Tue 9 h + Wed 7 h.
    [InlineData(RequestType.Repair, Priority.Normal, 24, 10, 0, 25, 16, 0)]
    // Default row, opening hours (2 h / 24 h): from Tuesday 09:00; 24 h = Tue 9 h + Wed 9 h + Thu 6 h.
    [InlineData(RequestType.Inquiry, Priority.Normal, 24, 11, 0, 26, 15, 0)]
    // Default row, opening hours (1 h / 8 h): Tuesday 10:00 and 17:00.
    [InlineData(RequestType.Inquiry, Priority.High, 24, 10, 0, 24, 17, 0)]
    // Override row, round the clock (3 h / 30 h): the calendar does not matter; Fri 22:00, Sun 01:00.
    [InlineData(RequestType.Complaint, Priority.Normal, 20, 22, 0, 22, 1, 0)]
    // Default row, round the clock (30 min / 4 h): Fri 19:30, Fri 23:00.
    [InlineData(RequestType.Repair, Priority.Urgent, 20, 19, 30, 20, 23, 0)]
    public void Filing_sets_both_deadlines_from_the_estates_schedule(
        RequestType type, Priority priority, int respondDay, int respondHour, int respondMinute, int dueDay, int dueHour, int dueMinute)
    {
        var filedAt = Nov(20, 19);

        var request = File(type, priority, filedAt, Schedule);

        Assert.Equal(Nov(respondDay, respondHour, respondMinute), request.RespondBy);
        Assert.Equal(Nov(dueDay, dueHour, dueMinute), request.DueAt);
        Assert.Equal(filedAt, request.ClockStartedAt);
        Assert.Null(request.RespondedAt);
        Assert.Null(request.ClockPausedSince);
        Assert.Null(request.WarnedAt);
        Assert.Equal(EscalationLevel.None, request.Escalation);
    }

    [Fact]
    public void Without_a_schedule_the_defaults_run_round_the_clock()
    {
        var filedAt = Nov(20, 19);
        var (respond, resolve, _) = DeadlineRules.Default(RequestType.Inquiry, Priority.Normal);

        var inquiry = File(RequestType.Inquiry, Priority.Normal, filedAt);

        Assert.Equal(filedAt + respond, inquiry.RespondBy);
        Assert.Equal(filedAt + resolve, inquiry.DueAt);
    }

    // ---- recomputed when the desk confirms the priority -----------------------------------------

    [Theory]
    [InlineData(RequestType.Repair, Priority.Urgent)]
    [InlineData(RequestType.Repair, Priority.Low)]
    [InlineData(RequestType.Complaint, Priority.High)]
    [InlineData(RequestType.Complaint, Priority.Urgent)]
    [InlineData(RequestType.Suggestion, Priority.Urgent)]
    public void Accepting_at_another_priority_recomputes_both_deadlines_from_filing(RequestType type, Priority confirmed)
    {
        var filedAt = Nov(24, 10);
        var request = File(type, Priority.Normal, filedAt);
        var (respond, resolve, _) = DeadlineRules.Default(type, confirmed);

        request.Accept(Actors.Desk, filedAt.AddHours(1), confirmed, note: null);

        Assert.Equal(confirmed, request.Priority);
        Assert.Equal(filedAt, request.ClockStartedAt);
        Assert.Equal(filedAt + respond, request.RespondBy);
        Assert.Equal(filedAt + resolve, request.DueAt);
    }

    [Fact]
    public void Accepting_on_the_estates_schedule_counts_from_filing_in_opening_hours()
    {
        var filedAt = Nov(20, 19);
        var inquiry = File(RequestType.Inquiry, Priority.Normal, filedAt, Schedule);
        var acceptedAt = Nov(24, 9, 30);

        inquiry.Accept(Actors.Desk, acceptedAt, Priority.High, note: null, schedule: Schedule);

        // Inquiry High, 1 h / 8 h of opening hours from the next opening, Tuesday 09:00.
        Assert.Equal(Nov(24, 10), inquiry.RespondBy);
        Assert.Equal(Nov(24, 17), inquiry.DueAt);
        Assert.Equal(filedAt, inquiry.ClockStartedAt);
        Assert.Equal(acceptedAt, inquiry.RespondedAt);
    }

    // ---- paused while the ball is with the resident ---------------------------------------------

    [Theory]
    [InlineData(HoldReason.NoAccess)]
    [InlineData(HoldReason.ResidentAbsent)]
    public void The_clock_stops_when_the_technician_cannot_get_in(HoldReason reason)
    {
        var repair = new ServiceRequestBuilder().InStatus(RequestStatus.InProgress).Build();
        var due = repair.DueAt;
        var at = repair.LastChangedAt.AddHours(1);

        repair.PutOnHold(reason, Actors.Technician, at, note: null);

        Assert.Equal(at, repair.ClockPausedSince);
        Assert.True(repair.IsClockPaused);
        Assert.Equal(due, repair.DueAt);
        var entry = repair.Timeline[^1];
        Assert.Equal(TimelineEvent.PutOnHold, entry.Event);
        Assert.Equal(ClockEffect.Paused, entry.Clock);
    }

    [Fact]
    public void Waiting_for_parts_does_not_stop_the_clock()
    {
        var repair = new ServiceRequestBuilder().InStatus(RequestStatus.InProgress).Build();
        var due = repair.DueAt;
        var held = repair.LastChangedAt.AddHours(1);

        repair.PutOnHold(HoldReason.AwaitingParts, Actors.Technician, held, "Cartridge ordered");

        Assert.Null(repair.ClockPausedSince);
        Assert.False(repair.IsClockPaused);
        Assert.Null(repair.Timeline[^1].Clock);
        Assert.Equal(due - held.AddHours(5), repair.TimeLeft(held.AddHours(5)));

        repair.Resume(Actors.Technician, held.AddHours(20));

        Assert.Equal(due, repair.DueAt);
        Assert.Null(repair.Timeline[^1].Clock);
        Assert.DoesNotContain(repair.Timeline, e => e.Clock is not null);
    }

    [Fact]
    public void The_clock_stops_while_the_resident_decides_on_a_quote()
    {
        var repair = new ServiceRequestBuilder().InStatus(RequestStatus.Dispatched).Build();
        var due = repair.DueAt;
        var at = repair.LastChangedAt.AddMinutes(30);

        repair.Quote(Actors.Technician, at, 120m, "Replace the mixer tap cartridge");

        Assert.Equal(RequestStatus.OnHold, repair.Status);
        Assert.Equal(HoldReason.AwaitingResidentApproval, repair.HoldReason);
        Assert.Equal(at, repair.ClockPausedSince);
        Assert.Equal(due, repair.DueAt);
        Assert.Equal(TimelineEvent.Quoted, repair.Timeline[^1].Event);
        Assert.Equal(ClockEffect.Paused, repair.Timeline[^1].Clock);
    }

    [Fact]
    public void Time_left_stands_still_while_the_clock_is_paused()
    {
        var repair = new ServiceRequestBuilder().InStatus(RequestStatus.InProgress).Build();
        var pausedAt = repair.LastChangedAt.AddHours(1);
        Assert.Equal(repair.DueAt - pausedAt.AddHours(3), repair.TimeLeft(pausedAt.AddHours(3)));

        repair.PutOnHold(HoldReason.NoAccess, Actors.Technician, pausedAt, note: null);

        var frozen = repair.DueAt - pausedAt;
        Assert.Equal(frozen, repair.TimeLeft(pausedAt));
        Assert.Equal(frozen, repair.TimeLeft(pausedAt.AddHours(3)));
        Assert.Equal(frozen, repair.TimeLeft(pausedAt.AddDays(10)));

        var resumedAt = pausedAt.AddHours(6);
        repair.Resume(Actors.Technician, resumedAt);

        // Running again with exactly the time that was left when it stopped.
        Assert.Equal(frozen, repair.TimeLeft(resumedAt));
        Assert.Equal(frozen - TimeSpan.FromHours(1), repair.TimeLeft(resumedAt.AddHours(1)));
    }

    public enum BallBack
    {
        Resume,
        ApproveQuote,
        DeclineQuote,
        ReturnToDesk,
    }

    [Theory]
    [InlineData(BallBack.Resume, RequestStatus.InProgress, TimelineEvent.Resumed)]
    [InlineData(BallBack.ApproveQuote, RequestStatus.Dispatched, TimelineEvent.QuoteApproved)]
    [InlineData(BallBack.DeclineQuote, RequestStatus.Accepted, TimelineEvent.QuoteDeclined)]
    [InlineData(BallBack.ReturnToDesk, RequestStatus.Accepted, TimelineEvent.ReturnedToDesk)]
    public void When_the_ball_comes_back_the_deadline_moves_later_by_the_length_of_the_pause(
        BallBack how, RequestStatus expectedStatus, TimelineEvent expectedEvent)
    {
        var viaQuote = how is BallBack.ApproveQuote or BallBack.DeclineQuote;
        var repair = new ServiceRequestBuilder()
            .OnHoldBecause(viaQuote ? HoldReason.AwaitingResidentApproval : HoldReason.NoAccess)
            .InStatus(RequestStatus.OnHold)
            .Build();
        var pausedAt = repair.ClockPausedSince!.Value;
        var due = repair.DueAt;
        var respondBy = repair.RespondBy;
        var pause = TimeSpan.FromHours(7.5);
        var at = pausedAt + pause;

        switch (how)
        {
            case BallBack.Resume:
                repair.Resume(Actors.Technician, at);
                break;
            case BallBack.ApproveQuote:
                repair.ApproveQuote(Actors.Resident, at);
                break;
            case BallBack.DeclineQuote:
                repair.DeclineQuote(Actors.Resident, at, "Too expensive");
                break;
            case BallBack.ReturnToDesk:
                repair.ReturnToDesk(Actors.Technician, at, "Nobody home three times");
                break;
        }

        Assert.Equal(expectedStatus, repair.Status);
        Assert.Equal(due + pause, repair.DueAt);
        Assert.Null(repair.ClockPausedSince);
        Assert.False(repair.IsClockPaused);
        var entry = repair.Timeline[^1];
        Assert.Equal(expectedEvent, entry.Event);
        Assert.Equal(ClockEffect.Resumed, entry.Clock);

        // The desk's acceptance was the first response: that deadline is history and stays put.
        Assert.NotNull(repair.RespondedAt);
        Assert.Equal(respondBy, repair.RespondBy);
    }

    [Fact]
    public void Returning_a_job_held_for_parts_leaves_the_deadline_alone()
    {
        var repair = new ServiceRequestBuilder().OnHoldBecause(HoldReason.AwaitingParts).InStatus(RequestStatus.OnHold).Build();
        var due = repair.DueAt;

        repair.ReturnToDesk(Actors.Technician, repair.LastChangedAt.AddHours(8), "Part discontinued");

        Assert.Equal(due, repair.DueAt);
        Assert.Null(repair.Timeline[^1].Clock);
    }

    /// <summary>
    /// The estate's normal repair (16 opening hours) filed on Tuesday 24 November at 09:00 is due on
    /// Wednesday at 16:00 (Tue 9 h + Wed 7 h); a pause moves it only by the opening hours it covered.
    /// </summary>
    [Theory]
    // Tue 17:00 → Wed 11:00 covers Tue 17–18 and Wed 9–11: 3 h. Wed 16:00 + 3 h = Wed 16–18, Thu 9–10.
    [InlineData(24, 17, 0, 25, 11, 0, 3.0, 26, 10, 0)]
    // Tue 16:30 → Wed 10:00 covers 1.5 h + 1 h. Wed 16:00 + 2.5 h = Wed 16–18, Thu 9–9:30.
    [InlineData(24, 16, 30, 25, 10, 0, 2.5, 26, 9, 30)]
    // Tue 18:30 → Wed 08:30: the desk was closed the whole time; nothing moves.
    [InlineData(24, 18, 30, 25, 8, 30, 0.0, 25, 16, 0)]
    public void In_opening_hours_a_pause_over_a_night_moves_the_deadline_only_by_the_open_hours_in_between(
        int pauseDay, int pauseHour, int pauseMinute, int resumeDay, int resumeHour, int resumeMinute, double countedHours, int dueDay, int dueHour, int dueMinute)
    {
        var repair = RepairInProgress(Nov(24, 9));
        Assert.Equal(Nov(25, 16), repair.DueAt);
        Assert.Equal(Nov(24, 10), repair.RespondBy);
        var pausedAt = Nov(pauseDay, pauseHour, pauseMinute);
        var resumedAt = Nov(resumeDay, resumeHour, resumeMinute);
        Assert.Equal(TimeSpan.FromHours(countedHours), Calendar.WorkingTimeBetween(pausedAt, resumedAt));

        repair.PutOnHold(HoldReason.NoAccess, Actors.Technician, pausedAt, note: null);
        repair.Resume(Actors.Technician, resumedAt, Schedule);

        Assert.Equal(Nov(dueDay, dueHour, dueMinute), repair.DueAt);
        Assert.Null(repair.ClockPausedSince);
    }

    [Fact]
    public void In_opening_hours_a_pause_over_a_weekend_and_a_day_off_counts_only_the_open_hours()
    {
        // Filed Thursday 19 November 09:00: 16 opening hours = Thu 9 h + Fri 7 h, due Friday 16:00.
        var repair = RepairInProgress(Nov(19, 9));
        Assert.Equal(Nov(20, 16), repair.DueAt);

        // Friday 17:00 → Tuesday 10:00: Fri 17–18 and Tue 9–10 are open (Sat, Sun and the Monday day off are not): 2 h.
        repair.PutOnHold(HoldReason.ResidentAbsent, Actors.Technician, Nov(20, 17), note: null);
        repair.Resume(Actors.Desk, Nov(24, 10), Schedule);

        // Friday 16:00 + 2 h = Fri 16–18.
        Assert.Equal(Nov(20, 18), repair.DueAt);
    }

    [Theory]
    [InlineData(HoldReason.NoAccess)]
    [InlineData(HoldReason.AwaitingResidentApproval)]
    public void Cancelling_clears_a_pause_and_leaves_the_deadline_where_it_was(HoldReason reason)
    {
        var repair = new ServiceRequestBuilder().OnHoldBecause(reason).InStatus(RequestStatus.OnHold).Build();
        Assert.True(repair.IsClockPaused);
        var due = repair.DueAt;
        var at = repair.LastChangedAt.AddHours(2);

        repair.Cancel(Actors.Desk, at, "The resident sold the flat");

        Assert.Equal(RequestStatus.Cancelled, repair.Status);
        Assert.Null(repair.ClockPausedSince);
        Assert.False(repair.IsClockPaused);
        Assert.Null(repair.HoldReason);
        Assert.Equal(due, repair.DueAt);
        Assert.Equal(due - at.AddHours(1), repair.TimeLeft(at.AddHours(1)));
    }

    // ---- rework restarts the window -------------------------------------------------------------

    [Fact]
    public void A_not_resolved_follow_up_restarts_the_window_at_the_higher_priority_and_clears_the_warning()
    {
        var repair = new ServiceRequestBuilder().InStatus(RequestStatus.InProgress).Build();
        var t = repair.LastChangedAt;
        var respondBy = repair.RespondBy;
        repair.WarnOfDeadline(t.AddHours(1), DeadlineKind.Resolution);
        repair.Complete(Actors.Technician, t.AddHours(2), ServiceRequestBuilder.Report());
        var call = t.AddHours(3);
        repair.LogCallAttempt(Actors.Desk, call, CallResult.Reached, Policy);

        repair.RecordFollowUp(FollowUpOutcome.NotResolved, Actors.Desk, call, "Still dripping", Policy);

        Assert.Equal(RequestStatus.Reopened, repair.Status);
        Assert.Equal(Priority.High, repair.Priority);
        Assert.Equal(call, repair.ClockStartedAt);
        Assert.Equal(call + DeadlineRules.Default(RequestType.Repair, Priority.High).ResolveWithin, repair.DueAt);
        Assert.Null(repair.WarnedAt);
        Assert.Equal(respondBy, repair.RespondBy);

        // A new window may be warned about afresh.
        repair.WarnOfDeadline(call.AddHours(18), DeadlineKind.Resolution);
        Assert.Equal(call.AddHours(18), repair.WarnedAt);
    }

    [Fact]
    public void Reopening_restarts_the_window_from_then_at_the_same_priority_and_clears_the_warning()
    {
        var repair = new ServiceRequestBuilder().InStatus(RequestStatus.InProgress).Build();
        var t = repair.LastChangedAt;
        var respondBy = repair.RespondBy;
        repair.WarnOfDeadline(t.AddHours(1), DeadlineKind.Resolution);
        repair.Complete(Actors.Technician, t.AddHours(2), ServiceRequestBuilder.Report());
        var at = t.AddDays(3);

        repair.Reopen(Actors.Desk, at, "The resident called: dripping again");

        Assert.Equal(RequestStatus.Reopened, repair.Status);
        Assert.Equal(Priority.Normal, repair.Priority);
        Assert.Equal(at, repair.ClockStartedAt);
        Assert.Equal(at + DeadlineRules.Default(RequestType.Repair, Priority.Normal).ResolveWithin, repair.DueAt);
        Assert.Null(repair.WarnedAt);
        Assert.Equal(respondBy, repair.RespondBy);
    }

    [Fact]
    public void Reopening_on_the_estates_schedule_counts_the_new_window_in_opening_hours()
    {
        var repair = RepairInProgress(Nov(24, 9));
        repair.Complete(Actors.Technician, Nov(24, 12), ServiceRequestBuilder.Report());

        repair.Reopen(Actors.Desk, Nov(27, 17), "Dripping again", Schedule);

        // 16 opening hours from Friday 27 November 17:00: Fri 1 h, Mon 30 9 h, Tue 1 December 6 h.
        Assert.Equal(Nov(27, 17), repair.ClockStartedAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 15, 0, 0, Shanghai), repair.DueAt);
    }

    // ---- the warning ----------------------------------------------------------------------------

    [Theory]
    [InlineData(DeadlineKind.Response)]
    [InlineData(DeadlineKind.Resolution)]
    public void The_system_warns_once_that_a_deadline_is_close(DeadlineKind kind)
    {
        var complaint = AcceptedComplaint(Nov(24, 10));
        var at = Nov(24, 13);

        complaint.WarnOfDeadline(at, kind);

        Assert.Equal(at, complaint.WarnedAt);
        Assert.Equal(RequestStatus.Accepted, complaint.Status);
        Assert.Equal(EscalationLevel.None, complaint.Escalation);
        var entry = complaint.Timeline[^1];
        Assert.Equal(TimelineEvent.DeadlineWarning, entry.Event);
        Assert.Equal(kind.ToString(), entry.Note);
        Assert.Equal(Actor.System.UserId, entry.ActorId);
        Assert.Equal(ActorRole.System, entry.ActorRole);
    }

    [Fact]
    public void A_second_warning_in_the_same_window_is_refused()
    {
        var complaint = AcceptedComplaint(Nov(24, 10));
        complaint.WarnOfDeadline(Nov(24, 13), DeadlineKind.Response);
        var entries = complaint.Timeline.Count;

        var ex = Assert.Throws<DomainException>(() => complaint.WarnOfDeadline(Nov(24, 14), DeadlineKind.Resolution));

        Assert.Equal("Request.IllegalTransition", ex.Code);
        Assert.Equal(new object[] { RequestStatus.Accepted, nameof(ServiceRequest.WarnOfDeadline) }, ex.Args);
        Assert.Equal(Nov(24, 13), complaint.WarnedAt);
        Assert.Equal(entries, complaint.Timeline.Count);
    }

    [Theory]
    [InlineData(RequestStatus.Completed)]
    [InlineData(RequestStatus.FollowedUp)]
    [InlineData(RequestStatus.Rated)]
    [InlineData(RequestStatus.Closed)]
    [InlineData(RequestStatus.Cancelled)]
    public void A_settled_request_is_never_warned_about(RequestStatus status)
    {
        var repair = new ServiceRequestBuilder().InStatus(status).Build();

        var ex = Assert.Throws<DomainException>(() => repair.WarnOfDeadline(repair.LastChangedAt.AddHours(1), DeadlineKind.Resolution));

        Assert.Equal("Request.IllegalTransition", ex.Code);
        Assert.Null(repair.WarnedAt);
    }

    [Fact]
    public void An_escalated_request_is_not_warned_about_any_more()
    {
        var repair = new ServiceRequestBuilder().InStatus(RequestStatus.Dispatched).Build();
        repair.Escalate(Actors.Supervisor, repair.LastChangedAt.AddHours(1), "The resident is threatening to go to the press");
        var entries = repair.Timeline.Count;

        var ex = Assert.Throws<DomainException>(() => repair.WarnOfDeadline(repair.LastChangedAt.AddHours(1), DeadlineKind.Resolution));

        Assert.Equal("Request.IllegalTransition", ex.Code);
        Assert.Equal(entries, repair.Timeline.Count);
    }

    // ---- escalation -----------------------------------------------------------------------------

    [Fact]
    public void The_system_escalates_to_the_supervisor_then_to_the_manager_and_no_further()
    {
        var complaint = AcceptedComplaint(Nov(24, 10));
        var first = Nov(24, 14, 1);
        var second = Nov(24, 16, 1);

        complaint.Escalate(Actor.System, first, "Response deadline missed");

        Assert.Equal(EscalationLevel.Supervisor, complaint.Escalation);
        Assert.Equal(first, complaint.EscalatedAt);
        Assert.Equal(first, complaint.WarnedAt); // escalating counts as having warned
        var entry = complaint.Timeline[^1];
        Assert.Equal(TimelineEvent.Escalated, entry.Event);
        Assert.Equal("Supervisor: Response deadline missed", entry.Note);
        Assert.Equal(ActorRole.System, entry.ActorRole);
        Assert.Equal(RequestStatus.Accepted, entry.To);

        complaint.Escalate(Actor.System, second, "Response deadline missed");

        Assert.Equal(EscalationLevel.Manager, complaint.Escalation);
        Assert.Equal(second, complaint.EscalatedAt);
        Assert.Equal(first, complaint.WarnedAt);
        Assert.Equal("Manager: Response deadline missed", complaint.Timeline[^1].Note);
        var entries = complaint.Timeline.Count;

        var ex = Assert.Throws<DomainException>(() => complaint.Escalate(Actor.System, Nov(24, 18), "Response deadline missed"));

        Assert.Equal("Escalation.AtTop", ex.Code);
        Assert.Equal(EscalationLevel.Manager, complaint.Escalation);
        Assert.Equal(second, complaint.EscalatedAt);
        Assert.Equal(entries, complaint.Timeline.Count);
    }

    [Fact]
    public void The_system_may_escalate_without_a_reason()
    {
        var repair = new ServiceRequestBuilder().InStatus(RequestStatus.InProgress).Build();

        repair.Escalate(Actor.System, repair.LastChangedAt.AddHours(1), reason: null);

        Assert.Equal(EscalationLevel.Supervisor, repair.Escalation);
        Assert.Equal("Supervisor", repair.Timeline[^1].Note);
    }

    [Fact]
    public void An_earlier_warning_is_kept_when_the_item_escalates()
    {
        var complaint = AcceptedComplaint(Nov(24, 10));
        complaint.WarnOfDeadline(Nov(24, 13), DeadlineKind.Response);

        complaint.Escalate(Actor.System, Nov(24, 14, 1), "Response deadline missed");

        Assert.Equal(Nov(24, 13), complaint.WarnedAt);
        Assert.Equal(Nov(24, 14, 1), complaint.EscalatedAt);
    }

    public static TheoryData<Actor> StaffMembers => new() { Actors.Desk, Actors.Butler, Actors.Supervisor, Manager, Actors.Admin };

    [Theory]
    [MemberData(nameof(StaffMembers))]
    public void Staff_escalate_by_hand_and_say_why(Actor by)
    {
        var complaint = AcceptedComplaint(Nov(24, 10));
        var at = Nov(24, 11);

        complaint.Escalate(by, at, "  Compensation is beyond the desk's authority ");

        Assert.Equal(EscalationLevel.Supervisor, complaint.Escalation);
        Assert.Equal(at, complaint.EscalatedAt);
        var entry = complaint.Timeline[^1];
        Assert.Equal("Supervisor: Compensation is beyond the desk's authority", entry.Note);
        Assert.Equal(by.UserId, entry.ActorId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Staff_escalating_by_hand_must_give_a_reason(string? reason)
    {
        var complaint = AcceptedComplaint(Nov(24, 10));
        var entries = complaint.Timeline.Count;

        var ex = Assert.Throws<DomainException>(() => complaint.Escalate(Actors.Desk, Nov(24, 11), reason));

        Assert.Equal("Request.ReasonRequired", ex.Code);
        Assert.Equal(EscalationLevel.None, complaint.Escalation);
        Assert.Null(complaint.EscalatedAt);
        Assert.Null(complaint.WarnedAt);
        Assert.Equal(entries, complaint.Timeline.Count);
    }

    [Fact]
    public void A_resident_cannot_escalate()
    {
        var complaint = AcceptedComplaint(Nov(24, 10));

        var ex = Assert.Throws<DomainException>(() => complaint.Escalate(Actors.Resident, Nov(24, 11), "Nobody has called me back"));

        Assert.Equal("Request.StaffOnly", ex.Code);
        Assert.Equal(EscalationLevel.None, complaint.Escalation);
    }

    [Theory]
    [InlineData(RequestStatus.Completed)]
    [InlineData(RequestStatus.FollowedUp)]
    [InlineData(RequestStatus.Rated)]
    [InlineData(RequestStatus.Closed)]
    [InlineData(RequestStatus.Cancelled)]
    public void Nothing_settled_escalates(RequestStatus status)
    {
        var repair = new ServiceRequestBuilder().InStatus(status).Build();
        var entries = repair.Timeline.Count;

        var system = Assert.Throws<DomainException>(() => repair.Escalate(Actor.System, repair.LastChangedAt.AddHours(1), "Resolution deadline missed"));
        var byHand = Assert.Throws<DomainException>(() => repair.Escalate(Actors.Supervisor, repair.LastChangedAt.AddHours(1), "Resident unhappy"));

        Assert.Equal("Request.IllegalTransition", system.Code);
        Assert.Equal(new object[] { status, nameof(ServiceRequest.Escalate) }, system.Args);
        Assert.Equal("Request.IllegalTransition", byHand.Code);
        Assert.Equal(EscalationLevel.None, repair.Escalation);
        Assert.Equal(entries, repair.Timeline.Count);
    }

    [Fact]
    public void An_answered_complaint_no_longer_escalates()
    {
        var complaint = AcceptedComplaint(Nov(24, 10));
        complaint.RouteTo(Actors.Desk, Nov(24, 10, 10), Actors.Butler.UserId, Actors.Butler.DisplayName);
        complaint.GiveAnswer(Actors.Butler, Nov(24, 12), "The timer was replaced");

        var ex = Assert.Throws<DomainException>(() => complaint.Escalate(Actor.System, Nov(24, 15), "Response deadline missed"));

        Assert.Equal("Request.IllegalTransition", ex.Code);
    }

    // ---- the first response overdue -------------------------------------------------------------

    [Fact]
    public void A_complaint_is_response_overdue_once_its_respond_by_has_passed_without_an_answer()
    {
        var filedAt = Nov(24, 10);
        var complaint = AcceptedComplaint(filedAt);
        var respondBy = filedAt + DeadlineRules.Default(RequestType.Complaint, Priority.Normal).RespondWithin;
        Assert.Equal(respondBy, complaint.RespondBy);

        Assert.False(complaint.IsResponseOverdue(respondBy.AddMinutes(-1)));
        Assert.False(complaint.IsResponseOverdue(respondBy));
        Assert.True(complaint.IsResponseOverdue(respondBy.AddSeconds(1)));

        complaint.RouteTo(Actors.Desk, filedAt.AddMinutes(10), Actors.Butler.UserId, Actors.Butler.DisplayName);
        complaint.GiveAnswer(Actors.Butler, respondBy.AddHours(1), "Late, but answered");

        Assert.False(complaint.IsResponseOverdue(respondBy.AddHours(2)));
    }

    [Fact]
    public void A_reopened_complaint_owes_no_first_response_again()
    {
        var filedAt = Nov(24, 10);
        var complaint = AcceptedComplaint(filedAt);
        complaint.RouteTo(Actors.Desk, filedAt.AddMinutes(10), Actors.Butler.UserId, Actors.Butler.DisplayName);
        complaint.GiveAnswer(Actors.Butler, filedAt.AddHours(1), "The timer was replaced");

        complaint.Reopen(Actors.Desk, filedAt.AddHours(8), "Off again");

        Assert.False(complaint.IsResponseOverdue(filedAt.AddDays(1)));
    }

    [Fact]
    public void An_accepted_repair_is_never_response_overdue()
    {
        var repair = new ServiceRequestBuilder().InStatus(RequestStatus.Accepted).Build();

        Assert.NotNull(repair.RespondedAt);
        Assert.False(repair.IsResponseOverdue(repair.RespondBy.AddDays(1)));
    }

    [Fact]
    public void A_repair_nobody_has_accepted_is_response_overdue_after_its_respond_by()
    {
        var repair = new ServiceRequestBuilder().Build();
        var respondBy = repair.SubmittedAt + DeadlineRules.Default(RequestType.Repair, Priority.Normal).RespondWithin;
        Assert.Equal(respondBy, repair.RespondBy);

        Assert.False(repair.IsResponseOverdue(respondBy));
        Assert.True(repair.IsResponseOverdue(respondBy.AddMinutes(1)));
    }

    [Fact]
    public void A_cancelled_request_owes_nothing()
    {
        var complaint = AcceptedComplaint(Nov(24, 10));
        complaint.Cancel(Actors.Resident, Nov(24, 11), "Sorted out with the neighbour");

        Assert.Null(complaint.RespondedAt);
        Assert.False(complaint.IsResponseOverdue(complaint.RespondBy.AddDays(1)));
    }
}

public sealed class PausedOverdueTests
{
    [Fact]
    public void A_request_waiting_for_the_resident_does_not_become_overdue_while_its_clock_stands()
    {
        var request = new ServiceRequestBuilder().WithPriority(Priority.Urgent).InStatus(RequestStatus.InProgress).Build();
        var pausedAt = request.LastChangedAt.AddMinutes(5);
        request.PutOnHold(HoldReason.NoAccess, Actors.Desk, pausedAt, "Nobody home");

        Assert.False(request.IsOverdue(request.DueAt.AddHours(10)));
        Assert.Equal(request.DueAt - pausedAt, request.TimeLeft(request.DueAt.AddHours(10)));
    }
}
