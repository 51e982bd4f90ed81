using Portal.Domain.Common;
using Portal.Domain.FollowUps;
using Portal.Domain.Ratings;
using Portal.Domain.Requests;

namespace Portal.Tests.Domain;

public sealed class FileRepairTests
{
    private static readonly DateTimeOffset FiledAt = ServiceRequestBuilder.DefaultFiledAt;

    [Fact]
    public void A_filed_repair_is_submitted_at_normal_priority_with_one_timeline_entry()
    {
        var window = new TimeWindow(FiledAt.AddDays(1), FiledAt.AddDays(1).AddHours(3));

        var request = new ServiceRequestBuilder()
            .WithDescription("  Kitchen tap leaks under the sink  ")
            .WithContact("  Wang Fang ", "138 1234 5678")
            .WithPreferredWindow(window)
            .WithPhotos(2)
            .Build();

        Assert.Equal(RequestStatus.Submitted, request.Status);
        Assert.Equal(RequestType.Repair, request.Type);
        Assert.Equal(RepairCategory.Plumbing, request.Category);
        Assert.Equal(Priority.Normal, request.Priority);
        Assert.Equal(Channel.Portal, request.Channel);
        Assert.Equal("R261123-0042", request.Number);
        Assert.Equal(Actors.Resident.UserId, request.ResidentId);
        Assert.Equal("Kitchen tap leaks under the sink", request.Description);
        Assert.Equal("Wang Fang", request.ContactName);
        Assert.Equal("13812345678", request.ContactPhone);
        Assert.Equal(Location.InUnit(1, 3, 1304), request.Location);
        Assert.Equal(window, request.PreferredWindow);
        Assert.Equal(2, request.Photos.Count);
        Assert.Equal(FiledAt, request.SubmittedAt);
        Assert.Equal(FiledAt, request.LastChangedAt);
        Assert.NotEqual(Guid.Empty, request.ConcurrencyStamp);
        Assert.Null(request.AcceptedAt);
        Assert.Null(request.AssigneeName);

        var entry = Assert.Single(request.Timeline);
        Assert.Equal(TimelineEvent.Submitted, entry.Event);
        Assert.Null(entry.From);
        Assert.Equal(RequestStatus.Submitted, entry.To);
        Assert.Equal(Actors.Resident.UserId, entry.ActorId);
        Assert.Equal(ActorRole.Resident, entry.ActorRole);
        Assert.Equal(FiledAt, entry.At);
    }

    [Fact]
    public void Each_new_request_gets_its_own_concurrency_stamp()
    {
        var first = new ServiceRequestBuilder().Build();
        var second = new ServiceRequestBuilder().Build();

        Assert.NotEqual(first.ConcurrencyStamp, second.ConcurrencyStamp);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void A_description_is_required(string description)
    {
        var ex = Assert.Throws<DomainException>(() => new ServiceRequestBuilder().WithDescription(description).Build());

        Assert.Equal("Request.DescriptionRequired", ex.Code);
    }

    [Fact]
    public void A_description_over_1000_characters_is_refused_with_the_limit()
    {
        var ex = Assert.Throws<DomainException>(
            () => new ServiceRequestBuilder().WithDescription(new string('漏', 1001)).Build());

        Assert.Equal("Request.DescriptionTooLong", ex.Code);
        Assert.Equal(new object[] { 1000 }, ex.Args);
    }

    [Fact]
    public void A_description_of_exactly_1000_characters_is_accepted_and_surrounding_spaces_do_not_count()
    {
        var request = new ServiceRequestBuilder().WithDescription("  " + new string('漏', 1000) + "  ").Build();

        Assert.Equal(ServiceRequest.MaxDescriptionLength, request.Description.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1381234567")]
    [InlineData("not a phone")]
    public void An_undiallable_contact_phone_is_refused(string phone)
    {
        var ex = Assert.Throws<DomainException>(() => new ServiceRequestBuilder().WithContact("Wang Fang", phone).Build());

        Assert.Equal("Request.PhoneInvalid", ex.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_contact_name_is_required(string name)
    {
        var ex = Assert.Throws<DomainException>(() => new ServiceRequestBuilder().WithContact(name, "13812345678").Build());

        Assert.Equal("Request.ContactNameRequired", ex.Code);
    }

    [Fact]
    public void A_contact_name_over_50_characters_is_refused()
    {
        var ex = Assert.Throws<DomainException>(
            () => new ServiceRequestBuilder().WithContact(new string('王', 51), "13812345678").Build());

        Assert.Equal("Request.ContactNameTooLong", ex.Code);
        Assert.Equal(new object[] { ServiceRequest.MaxContactNameLength }, ex.Args);
    }

    [Fact]
    public void More_than_five_photos_are_refused_with_the_limit()
    {
        var ex = Assert.Throws<DomainException>(() => new ServiceRequestBuilder().WithPhotos(6).Build());

        Assert.Equal("Request.TooManyPhotos", ex.Code);
        Assert.Equal(new object[] { ServiceRequest.MaxPhotos }, ex.Args);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Up_to_five_photos_are_kept(int count)
    {
        var request = new ServiceRequestBuilder().WithPhotos(count).Build();

        Assert.Equal(count, request.Photos.Count);
    }

    [Fact]
    public void A_resident_cannot_file_for_someone_else()
    {
        var ex = Assert.Throws<DomainException>(
            () => new ServiceRequestBuilder().ForResident(Actors.Resident).FiledBy(Actors.OtherResident, Channel.Portal).Build());

        Assert.Equal("Request.NotYours", ex.Code);
    }

    [Fact]
    public void The_desk_files_on_a_residents_behalf_and_is_recorded_as_the_filer()
    {
        var request = new ServiceRequestBuilder().FiledBy(Actors.Desk, Channel.Phone).Build();

        Assert.Equal(Actors.Resident.UserId, request.ResidentId);
        Assert.Equal(Channel.Phone, request.Channel);
        Assert.Equal(Actors.Desk.UserId, request.Timeline[0].ActorId);
        Assert.True(request.BelongsTo(Actors.Resident.UserId));
        Assert.False(request.BelongsTo(Actors.Desk.UserId));
    }

    [Fact]
    public void A_preferred_window_that_is_already_over_is_refused()
    {
        var past = new TimeWindow(FiledAt.AddHours(-3), FiledAt.AddHours(-1));

        var ex = Assert.Throws<DomainException>(() => new ServiceRequestBuilder().WithPreferredWindow(past).Build());

        Assert.Equal("Request.WindowInPast", ex.Code);
    }

    [Fact]
    public void A_public_area_can_be_the_location()
    {
        var request = new ServiceRequestBuilder().At(Location.PublicArea(1, null, "B2 car park, by lift 3")).Build();

        Assert.True(request.Location.IsPublicArea);
        Assert.Equal("B2 car park, by lift 3", request.Location.Spot);
    }

    [Fact]
    public void Timeline_and_photos_cannot_be_changed_from_outside()
    {
        var request = new ServiceRequestBuilder().Build();

        Assert.Throws<NotSupportedException>(() => ((ICollection<TimelineEntry>)request.Timeline).Clear());
        Assert.Throws<NotSupportedException>(() => ((ICollection<RequestPhoto>)request.Photos).Add(ServiceRequestBuilder.Photo()));
    }
}

public sealed class ServiceRequestRuleTests
{
    private static DateTimeOffset Later(ServiceRequest request) => request.LastChangedAt.AddMinutes(30);

    // ---- who may act --------------------------------------------------------------------------

    [Fact]
    public void Residents_cannot_perform_staff_actions()
    {
        var submitted = new ServiceRequestBuilder().Build();
        var accepted = new ServiceRequestBuilder().InStatus(RequestStatus.Accepted).Build();
        var completed = new ServiceRequestBuilder().InStatus(RequestStatus.Completed).Build();

        Assert.Equal("Request.StaffOnly", Assert.Throws<DomainException>(
            () => submitted.Accept(Actors.Resident, Later(submitted), Priority.Urgent, null)).Code);
        Assert.Equal("Request.StaffOnly", Assert.Throws<DomainException>(
            () => accepted.Dispatch(Actors.Resident, Later(accepted), Assignee.Team("My cousin"), null)).Code);
        Assert.Equal("Request.StaffOnly", Assert.Throws<DomainException>(
            () => completed.RecordFollowUp(FollowUpOutcome.Resolved, Actors.Resident, Later(completed), null)).Code);
        Assert.Equal("Request.StaffOnly", Assert.Throws<DomainException>(
            () => completed.Reopen(Actors.Resident, Later(completed), "Still broken")).Code);
        Assert.Equal(RequestStatus.Submitted, submitted.Status);
        Assert.Equal(RequestStatus.Accepted, accepted.Status);
        Assert.Equal(RequestStatus.Completed, completed.Status);
    }

    [Fact]
    public void The_system_may_close_but_not_do_staff_work()
    {
        var submitted = new ServiceRequestBuilder().Build();
        var rated = new ServiceRequestBuilder().InStatus(RequestStatus.Rated).Build();

        Assert.Equal("Request.StaffOnly", Assert.Throws<DomainException>(
            () => submitted.Accept(Actor.System, Later(submitted), Priority.Normal, null)).Code);

        rated.Close(Actor.System, Later(rated), "Closed automatically after the rating period");

        Assert.Equal(RequestStatus.Closed, rated.Status);
        Assert.Equal(ActorRole.System, rated.Timeline[^1].ActorRole);
    }

    [Fact]
    public void A_resident_cannot_close()
    {
        var rated = new ServiceRequestBuilder().InStatus(RequestStatus.Rated).Build();

        var ex = Assert.Throws<DomainException>(() => rated.Close(Actors.Resident, Later(rated), null));

        Assert.Equal("Request.StaffOnly", ex.Code);
    }

    // ---- cancelling --------------------------------------------------------------------------

    [Theory]
    [InlineData(RequestStatus.Submitted)]
    [InlineData(RequestStatus.Accepted)]
    public void A_resident_cancels_their_own_request_before_dispatch_without_giving_a_reason(RequestStatus status)
    {
        var request = new ServiceRequestBuilder().InStatus(status).Build();
        Assert.True(request.CanBeCancelledByResident);

        request.Cancel(Actors.Resident, Later(request), reason: "  ");

        Assert.Equal(RequestStatus.Cancelled, request.Status);
        Assert.Null(request.CancellationReason);
        Assert.Equal(TimelineEvent.Cancelled, request.Timeline[^1].Event);
    }

    [Theory]
    [InlineData(RequestStatus.Submitted)]
    [InlineData(RequestStatus.Accepted)]
    public void A_resident_cannot_cancel_someone_elses_request(RequestStatus status)
    {
        var request = new ServiceRequestBuilder().InStatus(status).Build();

        var ex = Assert.Throws<DomainException>(() => request.Cancel(Actors.OtherResident, Later(request), "Not mine"));

        Assert.Equal("Request.NotYours", ex.Code);
        Assert.Equal(status, request.Status);
    }

    [Theory]
    [InlineData(RequestStatus.Dispatched)]
    [InlineData(RequestStatus.InProgress)]
    [InlineData(RequestStatus.OnHold)]
    [InlineData(RequestStatus.Reopened)]
    public void A_resident_cannot_cancel_once_someone_is_dispatched(RequestStatus status)
    {
        var request = new ServiceRequestBuilder().InStatus(status).Build();
        Assert.False(request.CanBeCancelledByResident);

        var ex = Assert.Throws<DomainException>(() => request.Cancel(Actors.Resident, Later(request), "Changed my mind"));

        Assert.Equal("Request.CannotCancelAfterDispatch", ex.Code);
        Assert.Equal(status, request.Status);
    }

    [Theory]
    [InlineData(RequestStatus.Submitted, true)]
    [InlineData(RequestStatus.Accepted, true)]
    [InlineData(RequestStatus.Dispatched, false)]
    [InlineData(RequestStatus.InProgress, false)]
    [InlineData(RequestStatus.OnHold, false)]
    [InlineData(RequestStatus.Completed, false)]
    [InlineData(RequestStatus.FollowedUp, false)]
    [InlineData(RequestStatus.Rated, false)]
    [InlineData(RequestStatus.Closed, false)]
    [InlineData(RequestStatus.Cancelled, false)]
    [InlineData(RequestStatus.Reopened, false)]
    public void CanBeCancelledByResident_follows_the_status(RequestStatus status, bool expected)
    {
        Assert.Equal(expected, new ServiceRequestBuilder().InStatus(status).Build().CanBeCancelledByResident);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Staff_must_give_a_reason_to_cancel(string? reason)
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Dispatched).Build();

        var ex = Assert.Throws<DomainException>(() => request.Cancel(Actors.Desk, Later(request), reason));

        Assert.Equal("Request.ReasonRequired", ex.Code);
        Assert.Equal(RequestStatus.Dispatched, request.Status);
    }

    [Fact]
    public void Staff_cancel_records_the_reason_on_the_request_and_the_timeline()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.OnHold).Build();

        request.Cancel(Actors.Desk, Later(request), " Duplicate of R261123-0041 ");

        Assert.Equal(RequestStatus.Cancelled, request.Status);
        Assert.Equal("Duplicate of R261123-0041", request.CancellationReason);
        Assert.Equal("Duplicate of R261123-0041", request.Timeline[^1].Note);
        Assert.Null(request.HoldReason);
    }

    // ---- follow-up, rework and rating --------------------------------------------------------

    [Theory]
    [InlineData(Priority.Low, Priority.Normal)]
    [InlineData(Priority.Normal, Priority.High)]
    [InlineData(Priority.High, Priority.Urgent)]
    [InlineData(Priority.Urgent, Priority.Urgent)]
    public void A_not_resolved_follow_up_reopens_the_request_one_priority_higher(Priority accepted, Priority afterwards)
    {
        var request = new ServiceRequestBuilder().WithPriority(accepted).InStatus(RequestStatus.Completed).ReachedOnThePhone().Build();
        var at = Later(request);

        request.RecordFollowUp(FollowUpOutcome.NotResolved, Actors.Desk, at, "  Still dripping at night ");

        Assert.Equal(RequestStatus.Reopened, request.Status);
        Assert.Equal(afterwards, request.Priority);
        Assert.Equal(FollowUpOutcome.NotResolved, request.FollowUpOutcome);
        Assert.Null(request.CompletedAt);
        var entry = request.Timeline[^1];
        Assert.Equal(TimelineEvent.FollowedUp, entry.Event);
        Assert.Equal(RequestStatus.Completed, entry.From);
        Assert.Equal(RequestStatus.Reopened, entry.To);
        Assert.Equal("Still dripping at night", entry.Note);
    }

    [Fact]
    public void Rework_runs_the_same_path_again_to_a_resolved_follow_up()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Reopened).Build();
        var at = Later(request);

        request.Dispatch(Actors.Desk, at, Actors.OtherTechnicianAssignee, "Second visit");
        request.Start(Actors.OtherTechnician, at.AddHours(1));
        request.Complete(Actors.OtherTechnician, at.AddHours(2), ServiceRequestBuilder.Report("Replaced the whole tap"));
        request.LogCallAttempt(Actors.Desk, at.AddDays(1), CallResult.Reached, ServiceRequestBuilder.Policy);
        request.RecordFollowUp(FollowUpOutcome.Resolved, Actors.Desk, at.AddDays(1), "Fine now");

        Assert.Equal(RequestStatus.FollowedUp, request.Status);
        Assert.Equal(FollowUpOutcome.Resolved, request.FollowUpOutcome);
        Assert.Equal(at.AddHours(2), request.CompletedAt);
        Assert.Equal(at, request.DispatchedAt);
        Assert.Equal("Sun Qiang", request.AssigneeName);
    }

    [Theory]
    [InlineData(FollowUpOutcome.Resolved)]
    [InlineData(FollowUpOutcome.PartlyResolvedAccepted)]
    [InlineData(FollowUpOutcome.NotReached)]
    public void Follow_ups_other_than_not_resolved_allow_rating(FollowUpOutcome outcome)
    {
        var request = new ServiceRequestBuilder().WithFollowUpOutcome(outcome).InStatus(RequestStatus.FollowedUp).Build();
        Assert.Equal(outcome, request.FollowUpOutcome);

        request.Rate(Actors.Resident, Later(request), ServiceRequestBuilder.GoodRating);

        Assert.Equal(RequestStatus.Rated, request.Status);
    }

    [Theory]
    [InlineData(RequestStatus.InProgress)]
    [InlineData(RequestStatus.Completed)]
    [InlineData(RequestStatus.Reopened)]
    public void Rating_before_the_follow_up_is_refused(RequestStatus status)
    {
        var request = new ServiceRequestBuilder().InStatus(status).Build();

        var ex = Assert.Throws<DomainException>(() => request.Rate(Actors.Resident, Later(request), ServiceRequestBuilder.GoodRating));

        Assert.Equal("Rating.NotYet", ex.Code);
        Assert.Empty(ex.Args);
        Assert.Null(request.Rating);
    }

    [Fact]
    public void Another_resident_cannot_rate()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.FollowedUp).Build();

        var ex = Assert.Throws<DomainException>(() => request.Rate(Actors.OtherResident, Later(request), ServiceRequestBuilder.GoodRating));

        Assert.Equal("Request.NotYours", ex.Code);
        Assert.Equal(RequestStatus.FollowedUp, request.Status);
    }

    [Fact]
    public void The_desk_may_record_a_rating_given_over_the_phone()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.FollowedUp).Build();

        request.Rate(Actors.Desk, Later(request), ServiceRequestBuilder.GoodRating);

        Assert.Equal(RequestStatus.Rated, request.Status);
        Assert.Equal(Actors.Desk.UserId, request.Timeline[^1].ActorId);
        Assert.Equal(RatingSource.StaffRecorded, request.Rating!.Source);
    }

    [Fact]
    public void Reopen_requires_a_reason_and_clears_completion()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Rated).Build();

        Assert.Equal("Request.ReasonRequired", Assert.Throws<DomainException>(
            () => request.Reopen(Actors.Desk, Later(request), " ")).Code);

        request.Reopen(Actors.Desk, Later(request), "Resident called: leaking again");

        Assert.Equal(RequestStatus.Reopened, request.Status);
        Assert.Null(request.CompletedAt);
        Assert.Equal("Resident called: leaking again", request.Timeline[^1].Note);
    }

    // ---- dispatch, hold and return -----------------------------------------------------------

    [Fact]
    public void Accept_sets_priority_and_time()
    {
        var request = new ServiceRequestBuilder().Build();
        var at = Later(request);

        request.Accept(Actors.Desk, at, Priority.Urgent, "Water through the ceiling below");

        Assert.Equal(Priority.Urgent, request.Priority);
        Assert.Equal(at, request.AcceptedAt);
        Assert.Equal("Water through the ceiling below", request.Timeline[^1].Note);
    }

    [Fact]
    public void Dispatch_requires_an_assignee()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Accepted).Build();

        Assert.Throws<ArgumentNullException>(() => request.Dispatch(Actors.Desk, Later(request), null!, null));

        Assert.Equal(RequestStatus.Accepted, request.Status);
        Assert.Empty(request.WorkOrders);
    }

    [Fact]
    public void Dispatch_sets_assignee_and_time_and_names_the_assignee_on_the_timeline()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Accepted).Build();
        var at = Later(request);

        request.Dispatch(Actors.Desk, at, Assignee.Technician("tech-sun", " Sun Qiang "), "Bring a 16 mm washer");

        Assert.Equal("Sun Qiang", request.AssigneeName);
        Assert.Equal("tech-sun", request.AssigneeId);
        Assert.Equal(at, request.DispatchedAt);
        Assert.Equal(TimelineEvent.Dispatched, request.Timeline[^1].Event);
        Assert.Equal("Sun Qiang: Bring a 16 mm washer", request.Timeline[^1].Note);
    }

    [Fact]
    public void Dispatching_again_reassigns_without_moving_the_request()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.OnHold).OnHoldBecause(HoldReason.NoAccess).Build();
        var dispatchedAt = request.DispatchedAt;

        request.Dispatch(Actors.Desk, Later(request), Actors.OtherTechnicianAssignee, null);

        Assert.Equal(RequestStatus.OnHold, request.Status);
        Assert.Equal(HoldReason.NoAccess, request.HoldReason);
        Assert.Equal("Sun Qiang", request.AssigneeName);
        Assert.Equal(dispatchedAt, request.DispatchedAt);
        var entry = request.Timeline[^1];
        Assert.Equal(TimelineEvent.Reassigned, entry.Event);
        Assert.Equal(RequestStatus.OnHold, entry.From);
        Assert.Equal(RequestStatus.OnHold, entry.To);
        Assert.Equal("Sun Qiang", entry.Note);
    }

    [Fact]
    public void Put_on_hold_records_the_reason_and_resume_clears_it()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.InProgress).Build();

        request.PutOnHold(HoldReason.AwaitingParts, Actors.Technician, Later(request), "Cartridge ordered");
        Assert.Equal(HoldReason.AwaitingParts, request.HoldReason);

        request.Resume(Actors.Technician, Later(request));
        Assert.Equal(RequestStatus.InProgress, request.Status);
        Assert.Null(request.HoldReason);
    }

    [Fact]
    public void A_hold_for_a_quote_is_lifted_only_by_the_residents_answer_not_by_resume()
    {
        var request = new ServiceRequestBuilder()
            .OnHoldBecause(HoldReason.AwaitingResidentApproval)
            .InStatus(RequestStatus.OnHold)
            .Build();

        Assert.Equal("Quote.Pending", Assert.Throws<DomainException>(() => request.Resume(Actors.Technician, Later(request))).Code);
        Assert.Equal("Quote.Pending", Assert.Throws<DomainException>(() => request.Resume(Actors.Desk, Later(request))).Code);

        request.ApproveQuote(Actors.Resident, Later(request));

        Assert.Equal(RequestStatus.Dispatched, request.Status);
        Assert.Null(request.HoldReason);
        Assert.Equal(TimelineEvent.QuoteApproved, request.Timeline[^1].Event);
        Assert.Equal(ActorRole.Resident, request.Timeline[^1].ActorRole);
    }

    [Fact]
    public void Waiting_for_the_residents_approval_is_not_a_pause_reason()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.InProgress).Build();

        var ex = Assert.Throws<DomainException>(
            () => request.PutOnHold(HoldReason.AwaitingResidentApproval, Actors.Technician, Later(request), null));

        Assert.Equal("Request.UseQuote", ex.Code);
        Assert.Equal(RequestStatus.InProgress, request.Status);
        Assert.Equal(WorkOrderStatus.InProgress, request.ActiveWorkOrder!.Status);
    }

    [Theory]
    [InlineData(HoldReason.AwaitingParts)]
    [InlineData(HoldReason.NoAccess)]
    [InlineData(HoldReason.ResidentAbsent)]
    [InlineData(HoldReason.AwaitingResidentApproval)]
    public void The_resident_never_resumes(HoldReason reason)
    {
        var request = new ServiceRequestBuilder().OnHoldBecause(reason).InStatus(RequestStatus.OnHold).Build();

        var ex = Assert.Throws<DomainException>(() => request.Resume(Actors.Resident, Later(request)));

        Assert.Equal("Request.StaffOnly", ex.Code);
        Assert.Equal(RequestStatus.OnHold, request.Status);
    }

    [Fact]
    public void Another_resident_cannot_approve_paid_work()
    {
        var request = new ServiceRequestBuilder()
            .OnHoldBecause(HoldReason.AwaitingResidentApproval)
            .InStatus(RequestStatus.OnHold)
            .Build();

        var ex = Assert.Throws<DomainException>(() => request.ApproveQuote(Actors.OtherResident, Later(request)));

        Assert.Equal("Request.NotYours", ex.Code);
        Assert.Equal(RequestStatus.OnHold, request.Status);
        Assert.True(request.ActiveWorkOrder!.Quote!.IsPending);
    }

    [Theory]
    [InlineData(RequestStatus.Dispatched)]
    [InlineData(RequestStatus.InProgress)]
    [InlineData(RequestStatus.OnHold)]
    public void Returning_to_the_desk_keeps_the_reason_and_frees_the_job(RequestStatus status)
    {
        var request = new ServiceRequestBuilder().InStatus(status).Build();
        var order = request.ActiveWorkOrder!;
        var at = Later(request);

        request.ReturnToDesk(Actors.Technician, at, "Needs a licensed gas fitter");

        Assert.Equal(RequestStatus.Accepted, request.Status);
        Assert.Equal(WorkOrderStatus.Returned, order.Status);
        Assert.Equal("Needs a licensed gas fitter", order.ReturnReason);
        Assert.Equal(at, order.FinishedAt);
        Assert.Null(request.ActiveWorkOrder);
        Assert.Null(request.AssigneeName);
        Assert.Null(request.AssigneeId);
        Assert.Null(request.StatusBeforeHold);
        Assert.Null(request.HoldReason);
        Assert.Null(request.DispatchedAt);
        Assert.Null(request.StartedAt);
        Assert.Equal(TimelineEvent.ReturnedToDesk, request.Timeline[^1].Event);
        Assert.Equal("Needs a licensed gas fitter", request.Timeline[^1].Note);
    }

    [Fact]
    public void Returning_to_the_desk_requires_a_reason()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.InProgress).Build();

        var ex = Assert.Throws<DomainException>(() => request.ReturnToDesk(Actors.Technician, Later(request), ""));

        Assert.Equal("Request.ReasonRequired", ex.Code);
        Assert.Equal(RequestStatus.InProgress, request.Status);
    }

    [Fact]
    public void Each_step_stamps_its_own_time()
    {
        var t0 = ServiceRequestBuilder.DefaultFiledAt;
        var request = new ServiceRequestBuilder().FiledAt(t0).Build();

        request.Accept(Actors.Desk, t0.AddMinutes(10), Priority.Normal, null);
        request.Dispatch(Actors.Desk, t0.AddMinutes(20), Actors.TechnicianAssignee, null);
        request.Start(Actors.Technician, t0.AddMinutes(90));
        request.Complete(Actors.Technician, t0.AddMinutes(150), ServiceRequestBuilder.Report());
        request.LogCallAttempt(Actors.Desk, t0.AddDays(1), CallResult.Reached, ServiceRequestBuilder.Policy);
        request.RecordFollowUp(FollowUpOutcome.Resolved, Actors.Desk, t0.AddDays(1), "Thanks");
        request.Close(Actors.Desk, t0.AddDays(2), null);

        Assert.Equal(t0, request.SubmittedAt);
        Assert.Equal(t0.AddMinutes(10), request.AcceptedAt);
        Assert.Equal(t0.AddMinutes(20), request.DispatchedAt);
        Assert.Equal(t0.AddMinutes(90), request.StartedAt);
        Assert.Equal(t0.AddMinutes(150), request.CompletedAt);
        Assert.Equal(t0.AddMinutes(150).AddHours(48), request.FollowUpDueAt);
        Assert.Equal(t0.AddDays(1), request.FollowedUpAt);
        Assert.Equal(t0.AddDays(2), request.ClosedAt);
        Assert.Equal(t0.AddDays(2), request.LastChangedAt);
        Assert.Equal(
            new[]
            {
                TimelineEvent.Submitted, TimelineEvent.Accepted, TimelineEvent.Dispatched, TimelineEvent.Started,
                TimelineEvent.Completed, TimelineEvent.CallAttempted, TimelineEvent.FollowedUp, TimelineEvent.Closed,
            },
            request.Timeline.Select(e => e.Event));
    }

    // ---- notes -------------------------------------------------------------------------------

    [Fact]
    public void The_resident_adds_a_note_to_their_own_request_without_changing_its_status()
    {
        var request = new ServiceRequestBuilder().InStatus(RequestStatus.Dispatched).Build();
        var stamp = request.ConcurrencyStamp;

        request.AddNote(Actors.Resident, Later(request), "Please call before coming, the dog barks");

        Assert.Equal(RequestStatus.Dispatched, request.Status);
        Assert.NotEqual(stamp, request.ConcurrencyStamp);
        var entry = request.Timeline[^1];
        Assert.Equal(TimelineEvent.Note, entry.Event);
        Assert.Equal(RequestStatus.Dispatched, entry.From);
        Assert.Equal(RequestStatus.Dispatched, entry.To);
        Assert.Equal("Please call before coming, the dog barks", entry.Note);
    }

    [Fact]
    public void Another_resident_cannot_add_a_note()
    {
        var request = new ServiceRequestBuilder().Build();

        var ex = Assert.Throws<DomainException>(() => request.AddNote(Actors.OtherResident, Later(request), "Hello"));

        Assert.Equal("Request.NotYours", ex.Code);
        Assert.Single(request.Timeline);
    }

    [Fact]
    public void An_empty_note_is_refused_and_a_long_one_too()
    {
        var request = new ServiceRequestBuilder().Build();

        Assert.Equal("Request.NoteRequired", Assert.Throws<DomainException>(
            () => request.AddNote(Actors.Desk, Later(request), "  ")).Code);
        var tooLong = Assert.Throws<DomainException>(
            () => request.AddNote(Actors.Desk, Later(request), new string('x', ServiceRequest.MaxNoteLength + 1)));
        Assert.Equal("Request.NoteTooLong", tooLong.Code);
        Assert.Equal(new object[] { ServiceRequest.MaxNoteLength }, tooLong.Args);
        Assert.Single(request.Timeline);
    }

    [Fact]
    public void Reasons_and_follow_up_words_share_the_note_limit()
    {
        var tooLong = new string('x', ServiceRequest.MaxNoteLength + 1);
        var dispatched = new ServiceRequestBuilder().InStatus(RequestStatus.Dispatched).Build();
        var completed = new ServiceRequestBuilder().InStatus(RequestStatus.Completed).ReachedOnThePhone().Build();

        Assert.Equal("Request.NoteTooLong", Assert.Throws<DomainException>(
            () => dispatched.Cancel(Actors.Desk, Later(dispatched), tooLong)).Code);
        Assert.Equal("Request.NoteTooLong", Assert.Throws<DomainException>(
            () => completed.RecordFollowUp(FollowUpOutcome.Resolved, Actors.Desk, Later(completed), tooLong)).Code);

        dispatched.Cancel(Actors.Desk, Later(dispatched), new string('x', ServiceRequest.MaxNoteLength));
        Assert.Equal(ServiceRequest.MaxNoteLength, dispatched.CancellationReason!.Length);
    }
}
