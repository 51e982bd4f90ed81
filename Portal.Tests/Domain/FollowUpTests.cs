using Portal.Domain.Common;
using Portal.Domain.FollowUps;
using Portal.Domain.Ratings;
using Portal.Domain.Requests;

namespace Portal.Tests.Domain;

/// <summary>
/// The follow-up call (回访): the queue's due time, calling hours, each attempt logged, the resident
/// not reached after too many failed calls, and what a reached call records — rework included.
/// </summary>
public sealed class FollowUpTests
{
    private static readonly FollowUpPolicy Policy = ServiceRequestBuilder.Policy;
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    /// <summary>Completed at 09:30 Shanghai on 23 November (the builder's walk).</summary>
    private static ServiceRequest Completed() => new ServiceRequestBuilder().InStatus(RequestStatus.Completed).Build();

    /// <summary>A time on the day after completion, Shanghai local.</summary>
    private static DateTimeOffset NextDay(int hour, int minute = 0) => new(2026, 11, 24, hour, minute, 0, Shanghai);

    // ---- the queue ------------------------------------------------------------------------------

    [Fact]
    public void A_completed_item_is_due_for_its_call_48_hours_after_completion()
    {
        var request = Completed();

        Assert.True(request.AwaitsFollowUp);
        Assert.Equal(request.CompletedAt!.Value.AddHours(48), request.FollowUpDueAt);
        Assert.Empty(request.FollowUpAttempts);
        Assert.Equal(0, request.FailedAttempts);
        Assert.Null(request.NextCallAt);
    }

    [Fact]
    public void The_estate_sets_its_own_due_time()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.InProgress).Build();
        var at = request.LastChangedAt.AddHours(1);

        request.Complete(Actors.Technician, at, ServiceRequestBuilder.Report(), followUpDueAfter: TimeSpan.FromHours(24));

        Assert.Equal(at.AddHours(24), request.FollowUpDueAt);
    }

    [Theory]
    [InlineData(RequestStatus.InProgress, false)]
    [InlineData(RequestStatus.Completed, true)]
    [InlineData(RequestStatus.FollowedUp, false)]
    [InlineData(RequestStatus.Rated, false)]
    [InlineData(RequestStatus.Reopened, false)]
    public void Only_completed_items_wait_in_the_queue(RequestStatus status, bool awaits)
    {
        Assert.Equal(awaits, new ServiceRequestBuilder().InStatus(status).Build().AwaitsFollowUp);
    }

    // ---- logging calls --------------------------------------------------------------------------

    [Fact]
    public void Each_call_is_logged_with_who_made_it_and_a_timeline_entry()
    {
        var request = Completed();
        var stamp = request.ConcurrencyStamp;
        var entries = request.Timeline.Count;
        var at = NextDay(10);

        request.LogCallAttempt(Actors.Desk, at, CallResult.NoAnswer, Policy, note: "  Rang for a minute ");

        var attempt = Assert.Single(request.FollowUpAttempts);
        Assert.Equal(at, attempt.At);
        Assert.Equal(CallResult.NoAnswer, attempt.Result);
        Assert.Equal(Actors.Desk.UserId, attempt.ByUserId);
        Assert.Equal(Actors.Desk.DisplayName, attempt.ByName);
        Assert.Equal("Rang for a minute", attempt.Note);
        Assert.Null(attempt.OutOfHoursReason);
        Assert.Null(attempt.CallBackAt);
        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.Equal(1, request.FailedAttempts);
        Assert.NotEqual(stamp, request.ConcurrencyStamp);
        Assert.Equal(entries + 1, request.Timeline.Count);
        var entry = request.Timeline[^1];
        Assert.Equal(TimelineEvent.CallAttempted, entry.Event);
        Assert.Equal(RequestStatus.Completed, entry.From);
        Assert.Equal(RequestStatus.Completed, entry.To);
        Assert.Equal("No answer (1/3) — Rang for a minute", entry.Note);
        Assert.Equal(at, request.LastChangedAt);
    }

    [Fact]
    public void A_reached_call_only_records_the_attempt()
    {
        var request = Completed();

        request.LogCallAttempt(Actors.Desk, NextDay(10), CallResult.Reached, Policy);

        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.Null(request.FollowUpOutcome);
        Assert.Null(request.FollowedUpAt);
        Assert.Equal("Reached", request.Timeline[^1].Note);
    }

    [Fact]
    public void Only_staff_log_calls()
    {
        var request = Completed();

        Assert.Equal("Request.StaffOnly", Assert.Throws<DomainException>(
            () => request.LogCallAttempt(Actors.Resident, NextDay(10), CallResult.Reached, Policy)).Code);
        Assert.Equal("Request.StaffOnly", Assert.Throws<DomainException>(
            () => request.LogCallAttempt(Actor.System, NextDay(10), CallResult.NoAnswer, Policy)).Code);
        Assert.Empty(request.FollowUpAttempts);
    }

    [Theory]
    [InlineData(RequestStatus.InProgress)]
    [InlineData(RequestStatus.FollowedUp)]
    [InlineData(RequestStatus.Reopened)]
    public void Calls_are_logged_only_while_the_item_awaits_its_follow_up(RequestStatus status)
    {
        var request = new ServiceRequestBuilder().InStatus(status).Build();
        var attempts = request.FollowUpAttempts.Count;

        var ex = Assert.Throws<DomainException>(
            () => request.LogCallAttempt(Actors.Desk, request.LastChangedAt.AddMinutes(10), CallResult.NoAnswer, Policy));

        Assert.Equal("Request.IllegalTransition", ex.Code);
        Assert.Equal(new object[] { status, nameof(ServiceRequest.LogCallAttempt) }, ex.Args);
        Assert.Equal(attempts, request.FollowUpAttempts.Count);
    }

    // ---- calling hours --------------------------------------------------------------------------

    [Theory]
    [InlineData(21, 0, 25)] // 21:00: tomorrow morning
    [InlineData(23, 30, 25)]
    [InlineData(8, 59, 24)] // 08:59: this morning
    public void A_call_at_night_without_a_reason_is_refused_with_the_next_allowed_time(int hour, int minute, int nextDay)
    {
        var request = Completed();
        var entries = request.Timeline.Count;
        var stamp = request.ConcurrencyStamp;

        var ex = Assert.Throws<DomainException>(
            () => request.LogCallAttempt(Actors.Desk, NextDay(hour, minute), CallResult.Reached, Policy));

        Assert.Equal("FollowUp.OutsideCallingHours", ex.Code);
        Assert.Equal(new object[] { new DateTimeOffset(2026, 11, nextDay, 9, 0, 0, Shanghai) }, ex.Args);
        Assert.IsType<DateTimeOffset>(ex.Args[0]);
        Assert.Empty(request.FollowUpAttempts);
        Assert.Equal(entries, request.Timeline.Count);
        Assert.Equal(stamp, request.ConcurrencyStamp);
    }

    [Theory]
    [InlineData(OutOfHoursReason.Urgent, "Reached — outside calling hours: urgent")]
    [InlineData(OutOfHoursReason.AgreedWithResident, "Reached — outside calling hours: agreed with the resident")]
    public void A_call_at_night_is_logged_when_urgent_or_agreed_and_the_reason_is_recorded(OutOfHoursReason reason, string note)
    {
        var request = Completed();
        var at = NextDay(21, 30);

        request.LogCallAttempt(Actors.Desk, at, CallResult.Reached, Policy, outOfHours: reason);

        var attempt = Assert.Single(request.FollowUpAttempts);
        Assert.Equal(reason, attempt.OutOfHoursReason);
        Assert.Equal(at, attempt.At);
        Assert.Equal(note, request.Timeline[^1].Note);
    }

    [Fact]
    public void Calls_at_the_edges_of_the_hours_follow_the_estate_clock()
    {
        var request = Completed();

        request.LogCallAttempt(Actors.Desk, NextDay(9), CallResult.NoAnswer, Policy);
        request.LogCallAttempt(Actors.Desk, NextDay(20, 59), CallResult.NoAnswer, Policy);

        Assert.Equal(2, request.FollowUpAttempts.Count);
        Assert.All(request.FollowUpAttempts, a => Assert.Null(a.OutOfHoursReason));
    }

    [Fact]
    public void A_reason_given_for_a_call_within_the_hours_is_not_recorded()
    {
        var request = Completed();

        request.LogCallAttempt(Actors.Desk, NextDay(10), CallResult.NoAnswer, Policy, outOfHours: OutOfHoursReason.Urgent);

        Assert.Null(request.FollowUpAttempts[^1].OutOfHoursReason);
        Assert.Equal("No answer (1/3)", request.Timeline[^1].Note);
    }

    [Fact]
    public void The_estates_own_hours_and_zone_apply()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var policy = new FollowUpPolicy(
            new CallingHours(new TimeOnly(10, 0), new TimeOnly(18, 0)), TimeSpan.FromHours(24), 3, TimeSpan.FromDays(7), london);
        var request = Completed();
        var nineInLondon = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

        var ex = Assert.Throws<DomainException>(() => request.LogCallAttempt(Actors.Desk, nineInLondon, CallResult.Reached, policy));

        Assert.Equal(new object[] { new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero) }, ex.Args);
        request.LogCallAttempt(Actors.Desk, nineInLondon.AddHours(1), CallResult.Reached, policy);
        Assert.Single(request.FollowUpAttempts);
    }

    // ---- call me later --------------------------------------------------------------------------

    [Fact]
    public void Call_me_later_needs_a_time_in_the_future()
    {
        var request = Completed();
        var at = NextDay(10);

        Assert.Equal("FollowUp.CallBackTimeRequired", Assert.Throws<DomainException>(
            () => request.LogCallAttempt(Actors.Desk, at, CallResult.CallBackLater, Policy)).Code);
        Assert.Equal("FollowUp.CallBackTimeRequired", Assert.Throws<DomainException>(
            () => request.LogCallAttempt(Actors.Desk, at, CallResult.CallBackLater, Policy, callBackAt: at)).Code);
        Assert.Equal("FollowUp.CallBackTimeRequired", Assert.Throws<DomainException>(
            () => request.LogCallAttempt(Actors.Desk, at, CallResult.CallBackLater, Policy, callBackAt: at.AddMinutes(-1))).Code);
        Assert.Empty(request.FollowUpAttempts);
    }

    [Fact]
    public void Call_me_later_sets_the_next_call_time_until_the_desk_calls_again()
    {
        var request = Completed();
        var at = NextDay(10);
        var later = NextDay(15, 30);

        request.LogCallAttempt(Actors.Desk, at, CallResult.CallBackLater, Policy, callBackAt: later);

        Assert.Equal(later, request.FollowUpAttempts[^1].CallBackAt);
        Assert.Equal(later, request.NextCallAt);
        Assert.Equal(0, request.FailedAttempts);
        Assert.Equal("Call back later: 2026-11-24 15:30", request.Timeline[^1].Note);

        request.LogCallAttempt(Actors.Desk, later, CallResult.NoAnswer, Policy);

        Assert.Null(request.NextCallAt);
    }

    [Fact]
    public void A_call_back_time_is_kept_only_for_call_me_later()
    {
        var request = Completed();

        request.LogCallAttempt(Actors.Desk, NextDay(10), CallResult.NoAnswer, Policy, callBackAt: NextDay(15));

        Assert.Null(request.FollowUpAttempts[^1].CallBackAt);
        Assert.Null(request.NextCallAt);
    }

    // ---- not reached ----------------------------------------------------------------------------

    [Fact]
    public void Three_failed_calls_count_the_resident_as_not_reached_and_invite_the_rating_in_the_portal()
    {
        var request = Completed();

        request.LogCallAttempt(Actors.Desk, NextDay(10), CallResult.NoAnswer, Policy);
        request.LogCallAttempt(Actors.Desk, NextDay(14), CallResult.WrongNumber, Policy);
        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.Equal(2, request.FailedAttempts);
        var entries = request.Timeline.Count;
        var third = NextDay(19);

        request.LogCallAttempt(Actors.Desk, third, CallResult.NoAnswer, Policy);

        Assert.Equal(RequestStatus.FollowedUp, request.Status);
        Assert.Equal(FollowUpOutcome.NotReached, request.FollowUpOutcome);
        Assert.Equal(3, request.FailedAttempts);
        Assert.Equal(third, request.FollowedUpAt);
        Assert.Equal(third.AddDays(7), request.RatingOpenUntil);
        Assert.Null(request.ResidentWords);
        Assert.False(request.AwaitsFollowUp);
        Assert.Equal(entries + 2, request.Timeline.Count);
        Assert.Equal(TimelineEvent.CallAttempted, request.Timeline[^2].Event);
        Assert.Equal("No answer (3/3)", request.Timeline[^2].Note);
        var followedUp = request.Timeline[^1];
        Assert.Equal(TimelineEvent.FollowedUp, followedUp.Event);
        Assert.Equal(RequestStatus.Completed, followedUp.From);
        Assert.Equal(RequestStatus.FollowedUp, followedUp.To);
        Assert.Contains("portal", followedUp.Note);

        // Not a completed follow-up: the outcome says so, and the resident may still rate.
        Assert.NotEqual(FollowUpOutcome.Resolved, request.FollowUpOutcome);
        request.Rate(Actors.Resident, third.AddDays(2), ServiceRequestBuilder.GoodRating);
        Assert.Equal(RequestStatus.Rated, request.Status);
    }

    [Fact]
    public void Call_me_later_does_not_count_as_a_failed_call()
    {
        var request = Completed();

        request.LogCallAttempt(Actors.Desk, NextDay(10), CallResult.NoAnswer, Policy);
        request.LogCallAttempt(Actors.Desk, NextDay(11), CallResult.CallBackLater, Policy, callBackAt: NextDay(16));
        request.LogCallAttempt(Actors.Desk, NextDay(16), CallResult.NoAnswer, Policy);
        request.LogCallAttempt(Actors.Desk, NextDay(17), CallResult.CallBackLater, Policy, callBackAt: NextDay(19));

        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.Equal(2, request.FailedAttempts);
        Assert.Equal(4, request.FollowUpAttempts.Count);
        Assert.Null(request.FollowUpOutcome);
    }

    [Fact]
    public void The_estate_sets_how_many_failed_calls_and_how_long_the_rating_stays_open()
    {
        var policy = new FollowUpPolicy(CallingHours.Default, TimeSpan.FromHours(24), 1, TimeSpan.FromDays(3), ServiceRequestBuilder.Shanghai);
        var request = Completed();
        var at = NextDay(10);

        request.LogCallAttempt(Actors.Desk, at, CallResult.WrongNumber, policy);

        Assert.Equal(FollowUpOutcome.NotReached, request.FollowUpOutcome);
        Assert.Equal(at.AddDays(3), request.RatingOpenUntil);
    }

    [Fact]
    public void Not_reached_cannot_be_recorded_by_hand()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Completed).ReachedOnThePhone().Build();

        var ex = Assert.Throws<DomainException>(
            () => request.RecordFollowUp(FollowUpOutcome.NotReached, Actors.Desk, request.LastChangedAt, null, Policy));

        Assert.Equal("FollowUp.NotReachedIsAutomatic", ex.Code);
        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.Null(request.FollowUpOutcome);
    }

    // ---- recording the outcome of a reached call -------------------------------------------------

    [Fact]
    public void The_outcome_is_recorded_only_after_a_reached_call()
    {
        var request = Completed();

        Assert.Equal("FollowUp.NotReached", Assert.Throws<DomainException>(
            () => request.RecordFollowUp(FollowUpOutcome.Resolved, Actors.Desk, NextDay(10), "Fine", Policy)).Code);

        request.LogCallAttempt(Actors.Desk, NextDay(10), CallResult.Reached, Policy);
        request.LogCallAttempt(Actors.Desk, NextDay(11), CallResult.NoAnswer, Policy);

        // The latest call decides: the resident was not on the line this time.
        Assert.Equal("FollowUp.NotReached", Assert.Throws<DomainException>(
            () => request.RecordFollowUp(FollowUpOutcome.Resolved, Actors.Desk, NextDay(11), "Fine", Policy)).Code);
        Assert.Equal(RequestStatus.Completed, request.Status);
    }

    [Fact]
    public void Resolved_writes_the_residents_words_and_invites_the_rating()
    {
        var request = Completed();
        var at = NextDay(10);

        request.LogCallAttempt(Actors.Desk, at, CallResult.Reached, Policy);
        request.RecordFollowUp(FollowUpOutcome.Resolved, Actors.Desk, at, "  No more dripping, thank you ", Policy);

        Assert.Equal(RequestStatus.FollowedUp, request.Status);
        Assert.Equal(FollowUpOutcome.Resolved, request.FollowUpOutcome);
        Assert.Equal("No more dripping, thank you", request.ResidentWords);
        Assert.Equal("No more dripping, thank you", request.Timeline[^1].Note);
        Assert.Equal(at, request.FollowedUpAt);
        Assert.Equal(at.AddDays(7), request.RatingOpenUntil);

        request.Rate(Actors.Resident, at.AddHours(2), ServiceRequestBuilder.GoodRating);
        Assert.Equal(RequestStatus.Rated, request.Status);
    }

    [Fact]
    public void Without_a_policy_the_rating_window_is_a_week()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Completed).ReachedOnThePhone().Build();
        var at = request.LastChangedAt;

        request.RecordFollowUp(FollowUpOutcome.Resolved, Actors.Desk, at, null);

        Assert.Equal(at.AddDays(7), request.RatingOpenUntil);
    }

    [Fact]
    public void Partly_resolved_and_accepted_is_recorded_as_such_and_may_be_rated()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Completed).ReachedOnThePhone().Build();
        var at = request.LastChangedAt;

        request.RecordFollowUp(FollowUpOutcome.PartlyResolvedAccepted, Actors.Desk, at, "Drips a little; fine until the new tap comes", Policy);

        Assert.Equal(RequestStatus.FollowedUp, request.Status);
        Assert.Equal(FollowUpOutcome.PartlyResolvedAccepted, request.FollowUpOutcome);
        Assert.Equal("Drips a little; fine until the new tap comes", request.ResidentWords);

        request.Rate(Actors.Resident, at.AddDays(1), new RatingScores(3, 4, 5, 3, null));
        Assert.Equal(RequestStatus.Rated, request.Status);
    }

    // ---- not resolved: rework --------------------------------------------------------------------

    [Fact]
    public void Not_resolved_reopens_as_rework_and_counts_against_the_technicians_first_time_fix()
    {
        var request = new ServiceRequestBuilder().WithPriority(Priority.Normal).InStatus(RequestStatus.Completed).ReachedOnThePhone().Build();
        var at = request.LastChangedAt;
        var firstOrder = Assert.Single(request.WorkOrders);
        Assert.False(firstOrder.CausedRework);

        request.RecordFollowUp(FollowUpOutcome.NotResolved, Actors.Desk, at, "Still dripping at night", Policy);

        Assert.Equal(RequestStatus.Reopened, request.Status);
        Assert.Equal(Priority.High, request.Priority);
        Assert.Equal(FollowUpOutcome.NotResolved, request.FollowUpOutcome);
        Assert.Equal("Still dripping at night", request.ResidentWords);
        Assert.Equal(at, request.FollowedUpAt);
        Assert.Null(request.RatingOpenUntil);
        Assert.Null(request.FollowUpDueAt);
        Assert.Null(request.CompletedAt);
        Assert.False(request.AwaitsFollowUp);
        Assert.True(firstOrder.CausedRework);
        Assert.Equal(Actors.Technician.UserId, firstOrder.TechnicianId);

        request.Dispatch(Actors.Desk, at.AddMinutes(10), Actors.OtherTechnicianAssignee, "Second visit");

        var rework = request.WorkOrders[^1];
        Assert.True(rework.IsRework);
        Assert.Equal(1, rework.ReworkOfSequence);
        Assert.False(rework.CausedRework);
        Assert.Null(firstOrder.ReworkOfSequence);
    }

    [Fact]
    public void A_rework_order_handed_to_someone_else_still_points_at_the_order_that_came_back()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Reopened).Build();
        var at = request.LastChangedAt;

        request.Dispatch(Actors.Desk, at.AddMinutes(5), Actors.TechnicianAssignee, null);
        request.Dispatch(Actors.Desk, at.AddMinutes(10), Actors.OtherTechnicianAssignee, null);

        Assert.Equal(new int?[] { null, 1, 1 }, request.WorkOrders.Select(o => o.ReworkOfSequence));
        Assert.Equal(new[] { true, false, false }, request.WorkOrders.Select(o => o.CausedRework));
    }

    [Fact]
    public void Reopening_by_hand_also_counts_against_the_completed_order()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Rated).Build();

        request.Reopen(Actors.Desk, request.LastChangedAt.AddDays(1), "Resident called: leaking again");

        Assert.True(request.WorkOrders[^1].CausedRework);
        Assert.Null(request.FollowUpDueAt);
        Assert.Null(request.RatingOpenUntil);
        Assert.NotNull(request.Rating);
    }

    [Fact]
    public void After_rework_the_follow_up_starts_afresh()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Reopened).Build();
        var at = NextDay(10);

        request.Dispatch(Actors.Desk, at, Actors.OtherTechnicianAssignee, "Second visit");
        request.Start(Actors.OtherTechnician, at.AddHours(1));
        request.Complete(Actors.OtherTechnician, at.AddHours(2), ServiceRequestBuilder.Report("Replaced the whole tap"));

        Assert.True(request.AwaitsFollowUp);
        Assert.Equal(at.AddHours(2).AddHours(48), request.FollowUpDueAt);
        Assert.Equal(0, request.FailedAttempts);

        // The reached call of the first round does not carry over.
        Assert.Equal("FollowUp.NotReached", Assert.Throws<DomainException>(
            () => request.RecordFollowUp(FollowUpOutcome.Resolved, Actors.Desk, at.AddHours(3), "Fine", Policy)).Code);

        request.LogCallAttempt(Actors.Desk, at.AddHours(3), CallResult.Reached, Policy);
        request.RecordFollowUp(FollowUpOutcome.Resolved, Actors.Desk, at.AddHours(3), "Fine now", Policy);

        Assert.Equal(RequestStatus.FollowedUp, request.Status);
        Assert.Equal("Fine now", request.ResidentWords);
        Assert.Equal(2, request.FollowUpAttempts.Count);
    }

    [Fact]
    public void After_a_not_reached_round_and_a_reopening_the_failed_calls_count_from_zero()
    {
        var request = new ServiceRequestBuilder().WithFollowUpOutcome(FollowUpOutcome.NotReached).InStatus(RequestStatus.FollowedUp).Build();
        var at = NextDay(10);

        request.Reopen(Actors.Desk, at, "Resident called: leaking again");
        request.Dispatch(Actors.Desk, at.AddMinutes(5), Actors.TechnicianAssignee, null);
        request.Start(Actors.Technician, at.AddMinutes(30));
        request.Complete(Actors.Technician, at.AddHours(1), ServiceRequestBuilder.Report());
        request.LogCallAttempt(Actors.Desk, at.AddHours(2), CallResult.NoAnswer, Policy);

        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.Equal(1, request.FailedAttempts);
        Assert.Equal(4, request.FollowUpAttempts.Count);
    }
}
