using Portal.Domain.Common;
using Portal.Domain.Deadlines;
using Portal.Domain.FollowUps;
using Portal.Domain.Ratings;
using Portal.Domain.Requests;

namespace Portal.Tests.Domain;

/// <summary>
/// Complaints, suggestions, inquiries and praise (投诉 / 建议 / 咨询 / 表扬) in the one register: how
/// they are registered, closed on the spot, routed to an owner, answered, followed up like repairs,
/// and how a complaint about a late repair touches that repair.
/// </summary>
public sealed class ComplaintTests
{
    /// <summary>Monday 23 November 2026, 10:00 in Shanghai: inside the desk's calling hours.</summary>
    private static readonly DateTimeOffset FiledAt = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly FollowUpPolicy Policy = ServiceRequestBuilder.Policy;

    private static readonly Actor Manager = new("manager-1", "Manager", ActorRole.Manager);

    private static readonly Actor OtherButler = new("butler-2", "Butler of building 5", ActorRole.Butler);

    private static readonly Location Unit1304 = Location.InUnit(estateId: 1, buildingId: 3, unitId: 1304);

    private const string ContactName = "Resident of 1304";
    private const string ContactPhone = "138 1234 5678";

    private static string NumberFor(RequestType type, int sequence = 7) =>
        RequestNumber.Create(type, DateOnly.FromDateTime(FiledAt.DateTime), sequence);

    private static ServiceRequest Register(
        RequestType type,
        ComplaintKind? kind = ComplaintKind.PropertyManagement,
        Actor? filedBy = null,
        Channel channel = Channel.Phone,
        Priority priority = Priority.Normal,
        int? aboutRequestId = null) =>
        ServiceRequest.Register(
            NumberFor(type),
            Actors.Resident.UserId,
            type,
            kind,
            Unit1304,
            "The corridor lights on floor 13 have been off for a week",
            ContactName,
            ContactPhone,
            channel,
            filedBy ?? Actors.Desk,
            FiledAt,
            priority,
            aboutRequestId: aboutRequestId);

    private static ServiceRequest RegisterAnswered(RequestType type, string answer = "The pool opens at 06:00", Actor? filedBy = null) =>
        ServiceRequest.RegisterAnswered(
            NumberFor(type),
            Actors.Resident.UserId,
            type,
            Unit1304,
            "When does the pool open?",
            ContactName,
            ContactPhone,
            Channel.WalkIn,
            filedBy ?? Actors.Desk,
            FiledAt,
            answer);

    /// <summary>A complaint the desk has registered, five minutes after filing.</summary>
    private static ServiceRequest AcceptedComplaint()
    {
        var complaint = Register(RequestType.Complaint);
        complaint.Accept(Actors.Desk, FiledAt.AddMinutes(5), Priority.Normal, note: null);
        return complaint;
    }

    /// <summary>A complaint the desk has passed to <see cref="Actors.Butler"/>, ten minutes after filing.</summary>
    private static ServiceRequest RoutedComplaint()
    {
        var complaint = AcceptedComplaint();
        complaint.RouteTo(Actors.Desk, FiledAt.AddMinutes(10), Actors.Butler.UserId, Actors.Butler.DisplayName);
        return complaint;
    }

    /// <summary>The owner's answer, an hour after filing: the complaint now waits for the follow-up call.</summary>
    private static ServiceRequest AnsweredComplaint()
    {
        var complaint = RoutedComplaint();
        complaint.GiveAnswer(Actors.Butler, FiledAt.AddHours(1), "The timer was replaced; the lights are back on");
        return complaint;
    }

    // ---- registering ----------------------------------------------------------------------------

    [Theory]
    [InlineData(RequestType.Complaint, Channel.Phone)]
    [InlineData(RequestType.Suggestion, Channel.CommentBook)]
    [InlineData(RequestType.Inquiry, Channel.WeChat)]
    [InlineData(RequestType.Praise, Channel.Letter)]
    public void Every_non_repair_type_is_numbered_and_registered_with_its_type_and_no_repair_category(RequestType type, Channel channel)
    {
        var request = Register(type, channel: channel);

        Assert.Equal(NumberFor(type), request.Number);
        Assert.Equal(type, request.Type);
        Assert.Null(request.Category);
        Assert.Equal(channel, request.Channel);
        Assert.Equal(RequestStatus.Submitted, request.Status);
        Assert.Equal(Actors.Resident.UserId, request.ResidentId);
        Assert.Equal(ContactName, request.ContactName);
        Assert.Equal("13812345678", request.ContactPhone);
        Assert.Equal(Unit1304, request.Location);
        Assert.Equal(FiledAt, request.SubmittedAt);
        Assert.Null(request.Answer);
        Assert.False(request.ClosedOnTheSpot);
        Assert.Null(request.RespondedAt);
        var entry = Assert.Single(request.Timeline);
        Assert.Equal(TimelineEvent.Submitted, entry.Event);
        Assert.Equal(Actors.Desk.UserId, entry.ActorId);
    }

    [Theory]
    [InlineData(RequestType.Complaint, 'C')]
    [InlineData(RequestType.Suggestion, 'S')]
    [InlineData(RequestType.Inquiry, 'Q')]
    [InlineData(RequestType.Praise, 'P')]
    public void The_number_carries_the_type_letter(RequestType type, char letter)
    {
        var request = Register(type);

        Assert.Equal($"{letter}261123-0007", request.Number);
    }

    [Theory]
    [InlineData(ComplaintKind.EngineeringQuality)]
    [InlineData(ComplaintKind.PropertyManagement)]
    [InlineData(ComplaintKind.PlanningAndDesign)]
    [InlineData(ComplaintKind.CustomerService)]
    [InlineData(ComplaintKind.Other)]
    public void A_complaint_keeps_its_kind(ComplaintKind kind)
    {
        var complaint = Register(RequestType.Complaint, kind);

        Assert.Equal(kind, complaint.ComplaintKind);
    }

    [Fact]
    public void A_complaint_must_name_its_kind()
    {
        var ex = Assert.Throws<DomainException>(() => Register(RequestType.Complaint, kind: null));

        Assert.Equal("Request.ComplaintKindRequired", ex.Code);
    }

    [Theory]
    [InlineData(RequestType.Suggestion)]
    [InlineData(RequestType.Inquiry)]
    [InlineData(RequestType.Praise)]
    public void Only_a_complaint_has_a_kind(RequestType type)
    {
        Assert.Null(Register(type, ComplaintKind.CustomerService).ComplaintKind);
        Assert.Null(Register(type, kind: null).ComplaintKind);
    }

    [Fact]
    public void A_resident_registers_for_themselves()
    {
        var complaint = Register(RequestType.Complaint, filedBy: Actors.Resident, channel: Channel.Portal);

        Assert.Equal(Actors.Resident.UserId, complaint.ResidentId);
        Assert.Equal(ActorRole.Resident, Assert.Single(complaint.Timeline).ActorRole);
    }

    [Theory]
    [InlineData(RequestType.Complaint)]
    [InlineData(RequestType.Suggestion)]
    [InlineData(RequestType.Inquiry)]
    [InlineData(RequestType.Praise)]
    public void A_resident_cannot_register_for_someone_else(RequestType type)
    {
        var ex = Assert.Throws<DomainException>(() => Register(type, filedBy: Actors.OtherResident, channel: Channel.Portal));

        Assert.Equal("Request.NotYours", ex.Code);
    }

    [Fact]
    public void A_repair_is_not_registered_but_filed_with_its_category()
    {
        var ex = Assert.Throws<ArgumentException>(() => Register(RequestType.Repair, kind: null));

        Assert.Equal("type", ex.ParamName);
    }

    [Fact]
    public void A_complaint_about_an_earlier_request_keeps_its_id()
    {
        var complaint = Register(RequestType.Complaint, aboutRequestId: 42);

        Assert.Equal(42, complaint.AboutRequestId);
        Assert.Null(complaint.RaisedFromId);
    }

    [Theory]
    [InlineData(RequestType.Suggestion)]
    [InlineData(RequestType.Inquiry)]
    [InlineData(RequestType.Praise)]
    public void Only_a_complaint_is_about_another_request(RequestType type)
    {
        var ex = Assert.Throws<ArgumentException>(() => Register(type, aboutRequestId: 42));

        Assert.Equal("aboutRequestId", ex.ParamName);
    }

    [Fact]
    public void A_repair_the_butler_opens_while_handling_a_complaint_points_back_at_it()
    {
        var repair = ServiceRequest.FileRepair(
            NumberFor(RequestType.Repair),
            Actors.Resident.UserId,
            RepairCategory.Electrical,
            Unit1304,
            "Replace the corridor light timer on floor 13",
            preferredWindow: null,
            ContactName,
            ContactPhone,
            Channel.Phone,
            [],
            Actors.Butler,
            FiledAt,
            raisedFromId: 17);

        Assert.Equal(17, repair.RaisedFromId);
        Assert.Null(repair.AboutRequestId);
        Assert.Equal(RequestType.Repair, repair.Type);
        Assert.Equal(RepairCategory.Electrical, repair.Category);
    }

    // ---- the first response ---------------------------------------------------------------------

    [Theory]
    [InlineData(RequestType.Inquiry)]
    [InlineData(RequestType.Suggestion)]
    [InlineData(RequestType.Praise)]
    public void The_desks_registration_is_the_first_response_for_a_question_suggestion_or_praise(RequestType type)
    {
        var request = Register(type);
        var at = FiledAt.AddMinutes(5);

        request.Accept(Actors.Desk, at, Priority.Normal, note: null);

        Assert.Equal(at, request.RespondedAt);
        Assert.Equal(at, request.AcceptedAt);
        Assert.Null(request.Category);
    }

    [Fact]
    public void The_desks_registration_is_the_first_response_for_a_repair()
    {
        var repair = new ServiceRequestBuilder().Build();
        var at = repair.SubmittedAt.AddMinutes(5);

        repair.Accept(Actors.Desk, at, Priority.Normal, note: null);

        Assert.Equal(at, repair.RespondedAt);
    }

    [Fact]
    public void For_a_complaint_the_resident_waits_for_the_owners_answer_not_the_desks_registration()
    {
        var complaint = Register(RequestType.Complaint);

        complaint.Accept(Actors.Desk, FiledAt.AddMinutes(5), Priority.Normal, note: null);
        Assert.Equal(RequestStatus.Accepted, complaint.Status);
        Assert.Null(complaint.RespondedAt);

        complaint.RouteTo(Actors.Desk, FiledAt.AddMinutes(10), Actors.Butler.UserId, Actors.Butler.DisplayName);
        Assert.Null(complaint.RespondedAt);

        var answeredAt = FiledAt.AddHours(2);
        complaint.GiveAnswer(Actors.Butler, answeredAt, "The timer was replaced");
        Assert.Equal(answeredAt, complaint.RespondedAt);
    }

    // ---- closed on the spot ---------------------------------------------------------------------

    [Theory]
    [InlineData(RequestType.Inquiry)]
    [InlineData(RequestType.Suggestion)]
    [InlineData(RequestType.Praise)]
    public void What_the_desk_answers_at_once_is_closed_on_the_spot(RequestType type)
    {
        var request = RegisterAnswered(type, "  The pool opens at 06:00  ");

        Assert.Equal(type, request.Type);
        Assert.Equal(RequestStatus.Closed, request.Status);
        Assert.Equal("The pool opens at 06:00", request.Answer);
        Assert.True(request.ClosedOnTheSpot);
        Assert.True(request.IsSettled);
        Assert.Equal(FiledAt, request.RespondedAt);
        Assert.Equal(FiledAt, request.ClosedAt);
        Assert.Equal(FiledAt, request.AnsweredAt);
        Assert.Equal(FiledAt, request.AcceptedAt);
        Assert.Equal(FiledAt, request.CompletedAt);
        Assert.Null(request.Category);
        Assert.Null(request.ComplaintKind);

        Assert.Equal(new[] { TimelineEvent.Submitted, TimelineEvent.Answered }, request.Timeline.Select(e => e.Event));
        var answered = Assert.Single(request.Timeline, e => e.Event == TimelineEvent.Answered);
        Assert.Equal(RequestStatus.Submitted, answered.From);
        Assert.Equal(RequestStatus.Closed, answered.To);
        Assert.Equal("The pool opens at 06:00", answered.Note);
        Assert.Equal(Actors.Desk.UserId, answered.ActorId);
        Assert.Equal(FiledAt, answered.At);
    }

    [Theory]
    [InlineData(RequestType.Repair)]
    [InlineData(RequestType.Complaint)]
    public void A_repair_or_a_complaint_always_goes_downstream(RequestType type)
    {
        var ex = Assert.Throws<DomainException>(() => RegisterAnswered(type));

        Assert.Equal("Request.CannotCloseOnTheSpot", ex.Code);
        Assert.Equal(new object[] { type }, ex.Args);
    }

    [Fact]
    public void Only_staff_close_on_the_spot()
    {
        var ex = Assert.Throws<DomainException>(() => RegisterAnswered(RequestType.Inquiry, filedBy: Actors.Resident));

        Assert.Equal("Request.StaffOnly", ex.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Closing_on_the_spot_needs_the_answer_given(string answer)
    {
        var ex = Assert.Throws<DomainException>(() => RegisterAnswered(RequestType.Inquiry, answer));

        Assert.Equal("Request.AnswerRequired", ex.Code);
    }

    [Fact]
    public void An_item_closed_on_the_spot_cannot_be_answered_again()
    {
        var request = RegisterAnswered(RequestType.Inquiry);

        var ex = Assert.Throws<DomainException>(() => request.GiveAnswer(Actors.Desk, FiledAt.AddMinutes(5), "Again"));

        Assert.Equal("Request.IllegalTransition", ex.Code);
    }

    // ---- routing --------------------------------------------------------------------------------

    [Fact]
    public void The_desk_routes_a_complaint_to_its_owner()
    {
        var complaint = AcceptedComplaint();
        var entries = complaint.Timeline.Count;
        var at = FiledAt.AddMinutes(10);

        complaint.RouteTo(Actors.Desk, at, Actors.Butler.UserId, "  " + Actors.Butler.DisplayName + " ");

        Assert.Equal(RequestStatus.Accepted, complaint.Status);
        Assert.Equal(Actors.Butler.UserId, complaint.AssigneeId);
        Assert.Equal(Actors.Butler.DisplayName, complaint.AssigneeName);
        Assert.Equal(entries + 1, complaint.Timeline.Count);
        var entry = complaint.Timeline[^1];
        Assert.Equal(TimelineEvent.Routed, entry.Event);
        Assert.Equal(RequestStatus.Accepted, entry.From);
        Assert.Equal(RequestStatus.Accepted, entry.To);
        Assert.Equal(Actors.Butler.DisplayName, entry.Note);
        Assert.Equal(Actors.Desk.UserId, entry.ActorId);
        Assert.Equal(at, entry.At);
        Assert.Equal(at, complaint.LastChangedAt);
    }

    [Theory]
    [InlineData(RequestType.Suggestion)]
    [InlineData(RequestType.Inquiry)]
    [InlineData(RequestType.Praise)]
    public void Only_a_complaint_is_routed_to_an_owner(RequestType type)
    {
        var request = Register(type);
        request.Accept(Actors.Desk, FiledAt.AddMinutes(5), Priority.Normal, note: null);

        var ex = Assert.Throws<DomainException>(
            () => request.RouteTo(Actors.Desk, FiledAt.AddMinutes(10), Actors.Butler.UserId, Actors.Butler.DisplayName));

        Assert.Equal("Request.NotAComplaint", ex.Code);
        Assert.Null(request.AssigneeId);
    }

    [Fact]
    public void A_repair_is_not_routed_to_an_owner()
    {
        var repair = new ServiceRequestBuilder().InStatus(RequestStatus.Accepted).Build();

        var ex = Assert.Throws<DomainException>(
            () => repair.RouteTo(Actors.Desk, repair.LastChangedAt.AddMinutes(5), Actors.Butler.UserId, Actors.Butler.DisplayName));

        Assert.Equal("Request.NotAComplaint", ex.Code);
    }

    [Fact]
    public void A_complaint_is_routed_only_once_the_desk_has_registered_it()
    {
        var complaint = Register(RequestType.Complaint);

        var ex = Assert.Throws<DomainException>(
            () => complaint.RouteTo(Actors.Desk, FiledAt.AddMinutes(10), Actors.Butler.UserId, Actors.Butler.DisplayName));

        Assert.Equal("Request.IllegalTransition", ex.Code);
        Assert.Equal(new object[] { RequestStatus.Submitted, nameof(ServiceRequest.RouteTo) }, ex.Args);
        Assert.Null(complaint.AssigneeId);
    }

    [Fact]
    public void An_answered_complaint_is_not_routed_again()
    {
        var complaint = AnsweredComplaint();

        var ex = Assert.Throws<DomainException>(
            () => complaint.RouteTo(Actors.Desk, FiledAt.AddHours(2), OtherButler.UserId, OtherButler.DisplayName));

        Assert.Equal("Request.IllegalTransition", ex.Code);
        Assert.Equal(Actors.Butler.UserId, complaint.AssigneeId);
    }

    [Fact]
    public void A_reopened_complaint_may_be_routed_to_another_owner()
    {
        var complaint = AnsweredComplaint();
        complaint.Reopen(Actors.Desk, FiledAt.AddHours(3), "The lights went off again");

        complaint.RouteTo(Actors.Supervisor, FiledAt.AddHours(4), OtherButler.UserId, OtherButler.DisplayName);

        Assert.Equal(RequestStatus.Reopened, complaint.Status);
        Assert.Equal(OtherButler.UserId, complaint.AssigneeId);
        Assert.Equal(OtherButler.DisplayName, complaint.AssigneeName);
        Assert.Equal(TimelineEvent.Routed, complaint.Timeline[^1].Event);
    }

    [Fact]
    public void A_resident_cannot_route_a_complaint()
    {
        var complaint = AcceptedComplaint();

        var ex = Assert.Throws<DomainException>(
            () => complaint.RouteTo(Actors.Resident, FiledAt.AddMinutes(10), Actors.Butler.UserId, Actors.Butler.DisplayName));

        Assert.Equal("Request.StaffOnly", ex.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void The_owner_must_be_named(string name)
    {
        var complaint = AcceptedComplaint();

        var ex = Assert.Throws<DomainException>(() => complaint.RouteTo(Actors.Desk, FiledAt.AddMinutes(10), Actors.Butler.UserId, name));

        Assert.Equal("Request.ButlerNameRequired", ex.Code);
        Assert.Null(complaint.AssigneeId);
    }

    // ---- answering ------------------------------------------------------------------------------

    [Fact]
    public void The_owner_answers_and_the_complaint_waits_for_the_follow_up_call()
    {
        var complaint = RoutedComplaint();
        var at = FiledAt.AddHours(3);
        var delay = TimeSpan.FromHours(24);

        complaint.GiveAnswer(Actors.Butler, at, "  The timer was replaced; the lights are back on ", delay);

        Assert.Equal(RequestStatus.Completed, complaint.Status);
        Assert.True(complaint.AwaitsFollowUp);
        Assert.True(complaint.IsSettled);
        Assert.Equal("The timer was replaced; the lights are back on", complaint.Answer);
        Assert.Equal(at, complaint.AnsweredAt);
        Assert.Equal(at, complaint.RespondedAt);
        Assert.Equal(at, complaint.CompletedAt);
        Assert.Equal(at + delay, complaint.FollowUpDueAt);
        Assert.Equal(Actors.Butler.UserId, complaint.AssigneeId);
        var entry = complaint.Timeline[^1];
        Assert.Equal(TimelineEvent.Answered, entry.Event);
        Assert.Equal(RequestStatus.Accepted, entry.From);
        Assert.Equal(RequestStatus.Completed, entry.To);
        Assert.Equal("The timer was replaced; the lights are back on", entry.Note);
        Assert.Equal(Actors.Butler.UserId, entry.ActorId);
    }

    [Fact]
    public void Without_a_given_delay_the_follow_up_call_is_due_after_the_estates_default()
    {
        var complaint = RoutedComplaint();
        var at = FiledAt.AddHours(3);

        complaint.GiveAnswer(Actors.Butler, at, "The timer was replaced");

        // FollowUpPolicy.DefaultDueAfterCompletion: 48 hours.
        Assert.Equal(at + FollowUpPolicy.DefaultDueAfterCompletion, complaint.FollowUpDueAt);
        Assert.Equal(at.AddHours(48), complaint.FollowUpDueAt);
    }

    [Fact]
    public void Another_butler_cannot_answer_someone_elses_complaint()
    {
        var complaint = RoutedComplaint();

        var ex = Assert.Throws<DomainException>(() => complaint.GiveAnswer(OtherButler, FiledAt.AddHours(1), "Not mine to answer"));

        Assert.Equal("Request.NotYourComplaint", ex.Code);
        Assert.Equal(RequestStatus.Accepted, complaint.Status);
        Assert.Null(complaint.Answer);
        Assert.Null(complaint.RespondedAt);
    }

    [Fact]
    public void The_desk_cannot_answer_in_the_owners_place()
    {
        var complaint = RoutedComplaint();

        var ex = Assert.Throws<DomainException>(() => complaint.GiveAnswer(Actors.Desk, FiledAt.AddHours(1), "Fixed"));

        Assert.Equal("Request.NotYourComplaint", ex.Code);
    }

    public static TheoryData<Actor> Overrulers => new() { Actors.Supervisor, Manager, Actors.Admin };

    [Theory]
    [MemberData(nameof(Overrulers))]
    public void A_supervisor_manager_or_admin_may_answer_in_the_owners_place(Actor by)
    {
        var complaint = RoutedComplaint();
        var at = FiledAt.AddHours(2);

        complaint.GiveAnswer(by, at, "Apologised and replaced the timer");

        Assert.Equal(RequestStatus.Completed, complaint.Status);
        Assert.Equal("Apologised and replaced the timer", complaint.Answer);
        Assert.Equal(at, complaint.RespondedAt);
        Assert.Equal(by.UserId, complaint.Timeline[^1].ActorId);
        Assert.Equal(Actors.Butler.UserId, complaint.AssigneeId);
    }

    [Fact]
    public void A_complaint_without_an_owner_cannot_be_answered_even_by_a_supervisor()
    {
        var complaint = AcceptedComplaint();

        var ex = Assert.Throws<DomainException>(() => complaint.GiveAnswer(Actors.Supervisor, FiledAt.AddHours(1), "Done"));

        Assert.Equal("Request.NoOwner", ex.Code);
        Assert.Equal(RequestStatus.Accepted, complaint.Status);
    }

    [Fact]
    public void A_repair_is_answered_by_its_work_order()
    {
        var repair = new ServiceRequestBuilder().InStatus(RequestStatus.Accepted).Build();

        var ex = Assert.Throws<DomainException>(() => repair.GiveAnswer(Actors.Desk, repair.LastChangedAt.AddMinutes(5), "Done"));

        Assert.Equal("Request.RepairNeedsWork", ex.Code);
        Assert.Null(repair.Answer);
    }

    [Theory]
    [InlineData(RequestType.Suggestion)]
    [InlineData(RequestType.Inquiry)]
    [InlineData(RequestType.Praise)]
    public void The_desk_answers_a_suggestion_question_or_praise_without_an_owner(RequestType type)
    {
        var request = Register(type);
        request.Accept(Actors.Desk, FiledAt.AddMinutes(5), Priority.Normal, note: null);
        var at = FiledAt.AddHours(1);

        request.GiveAnswer(Actors.Desk, at, "Thank you; passed on to the team", TimeSpan.FromHours(24));

        Assert.Null(request.AssigneeId);
        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.Equal("Thank you; passed on to the team", request.Answer);
        Assert.Equal(at, request.AnsweredAt);
        Assert.Equal(FiledAt.AddMinutes(5), request.RespondedAt); // the registration was the first response
        Assert.Equal(at.AddHours(24), request.FollowUpDueAt);
        Assert.Equal(TimelineEvent.Answered, request.Timeline[^1].Event);
    }

    [Fact]
    public void A_resident_cannot_answer()
    {
        var complaint = RoutedComplaint();

        var ex = Assert.Throws<DomainException>(() => complaint.GiveAnswer(Actors.Resident, FiledAt.AddHours(1), "Fixed it myself"));

        Assert.Equal("Request.StaffOnly", ex.Code);
    }

    [Fact]
    public void A_complaint_is_answered_only_after_the_desk_has_registered_it()
    {
        var complaint = Register(RequestType.Complaint);

        var ex = Assert.Throws<DomainException>(() => complaint.GiveAnswer(Actors.Supervisor, FiledAt.AddHours(1), "Done"));

        Assert.Equal("Request.IllegalTransition", ex.Code);
        Assert.Equal(new object[] { RequestStatus.Submitted, nameof(ServiceRequest.GiveAnswer) }, ex.Args);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_answer_must_say_something(string answer)
    {
        var complaint = RoutedComplaint();

        var ex = Assert.Throws<DomainException>(() => complaint.GiveAnswer(Actors.Butler, FiledAt.AddHours(1), answer));

        Assert.Equal("Request.AnswerRequired", ex.Code);
        Assert.Equal(RequestStatus.Accepted, complaint.Status);
    }

    // ---- follow-up, as for repairs --------------------------------------------------------------

    [Fact]
    public void A_resolved_complaint_is_followed_up_and_invites_the_rating()
    {
        var complaint = AnsweredComplaint();
        var call = FiledAt.AddHours(5); // 15:00 Shanghai, inside the calling hours

        complaint.LogCallAttempt(Actors.Desk, call, CallResult.Reached, Policy);
        complaint.RecordFollowUp(FollowUpOutcome.Resolved, Actors.Desk, call, "The lights work now", Policy);

        Assert.Equal(RequestStatus.FollowedUp, complaint.Status);
        Assert.Equal(FollowUpOutcome.Resolved, complaint.FollowUpOutcome);
        Assert.Equal("The lights work now", complaint.ResidentWords);
        Assert.Equal(call, complaint.FollowedUpAt);
        Assert.Equal(call + Policy.RatingWindow, complaint.RatingOpenUntil);
        Assert.Equal(
            new[] { TimelineEvent.Answered, TimelineEvent.CallAttempted, TimelineEvent.FollowedUp },
            complaint.Timeline.TakeLast(3).Select(e => e.Event));
    }

    [Fact]
    public void Partial_resolution_accepted_by_the_resident_is_a_recorded_outcome_that_invites_the_rating()
    {
        var complaint = AnsweredComplaint();
        var call = FiledAt.AddHours(5);

        complaint.LogCallAttempt(Actors.Desk, call, CallResult.Reached, Policy);
        complaint.RecordFollowUp(
            FollowUpOutcome.PartlyResolvedAccepted,
            Actors.Desk,
            call,
            "Lights on; the new fittings come next month, which is fine",
            Policy);

        Assert.Equal(RequestStatus.FollowedUp, complaint.Status);
        Assert.Equal(FollowUpOutcome.PartlyResolvedAccepted, complaint.FollowUpOutcome);
        Assert.Equal("Lights on; the new fittings come next month, which is fine", complaint.ResidentWords);
        Assert.Equal(call + Policy.RatingWindow, complaint.RatingOpenUntil);
        Assert.Equal("Lights on; the new fittings come next month, which is fine", complaint.Timeline[^1].Note);

        complaint.Rate(Actors.Resident, call.AddDays(1), new RatingScores(4, 4, 5, 4, "Kept informed"));

        Assert.Equal(RequestStatus.Rated, complaint.Status);
        Assert.NotNull(complaint.Rating);
    }

    [Fact]
    public void An_unresolved_complaint_is_reopened_and_the_owner_answers_again()
    {
        var complaint = AnsweredComplaint();
        var firstAnswerAt = complaint.AnsweredAt!.Value;
        var call = FiledAt.AddHours(5);

        complaint.LogCallAttempt(Actors.Desk, call, CallResult.Reached, Policy);
        complaint.RecordFollowUp(FollowUpOutcome.NotResolved, Actors.Desk, call, "Off again tonight", Policy);

        Assert.Equal(RequestStatus.Reopened, complaint.Status);
        Assert.Equal(FollowUpOutcome.NotResolved, complaint.FollowUpOutcome);
        Assert.Equal(Priority.High, complaint.Priority); // one step up from Normal
        Assert.Null(complaint.CompletedAt);
        Assert.Null(complaint.FollowUpDueAt);
        Assert.Null(complaint.RatingOpenUntil);
        Assert.False(complaint.IsSettled);
        Assert.Equal(Actors.Butler.UserId, complaint.AssigneeId); // the owner keeps it
        Assert.Equal(call, complaint.ClockStartedAt);
        Assert.Equal(call + DeadlineRules.Default(RequestType.Complaint, Priority.High).ResolveWithin, complaint.DueAt);

        var againAt = call.AddHours(2);
        complaint.GiveAnswer(Actors.Butler, againAt, "New timer and a motion sensor fitted");

        Assert.Equal(RequestStatus.Completed, complaint.Status);
        Assert.Equal("New timer and a motion sensor fitted", complaint.Answer);
        Assert.Equal(againAt, complaint.AnsweredAt);
        Assert.Equal(againAt, complaint.CompletedAt);
        Assert.Equal(firstAnswerAt, complaint.RespondedAt); // the first response stays the first answer
        Assert.Equal(2, complaint.Timeline.Count(e => e.Event == TimelineEvent.Answered));

        var second = againAt.AddHours(1);
        complaint.LogCallAttempt(Actors.Desk, second, CallResult.Reached, Policy);
        complaint.RecordFollowUp(FollowUpOutcome.Resolved, Actors.Desk, second, "Works now", Policy);
        Assert.Equal(RequestStatus.FollowedUp, complaint.Status);
    }

    [Fact]
    public void Another_butler_cannot_answer_a_reopened_complaint_either()
    {
        var complaint = AnsweredComplaint();
        complaint.Reopen(Actors.Desk, FiledAt.AddHours(3), "The lights went off again");

        var ex = Assert.Throws<DomainException>(() => complaint.GiveAnswer(OtherButler, FiledAt.AddHours(4), "Fixed"));

        Assert.Equal("Request.NotYourComplaint", ex.Code);
        Assert.Equal(RequestStatus.Reopened, complaint.Status);
    }

    // ---- departments come in through linked repairs ---------------------------------------------

    [Theory]
    [InlineData(RequestStatus.Submitted)]
    [InlineData(RequestStatus.Accepted)]
    public void A_complaint_is_never_dispatched(RequestStatus status)
    {
        var complaint = Register(RequestType.Complaint);
        if (status == RequestStatus.Accepted)
        {
            complaint.Accept(Actors.Desk, FiledAt.AddMinutes(5), Priority.Normal, note: null);
        }

        var ex = Assert.Throws<DomainException>(
            () => complaint.Dispatch(Actors.Desk, FiledAt.AddMinutes(10), Actors.TechnicianAssignee, note: null));

        Assert.Equal("Request.NotARepair", ex.Code);
        Assert.Empty(complaint.WorkOrders);
        Assert.Equal(status, complaint.Status);
    }

    [Fact]
    public void The_owner_records_the_linked_repair_by_its_number()
    {
        var complaint = RoutedComplaint();
        var repairNumber = RequestNumber.Create(RequestType.Repair, new DateOnly(2026, 11, 23), 43);
        var at = FiledAt.AddMinutes(30);

        complaint.RecordLinkedRepair(Actors.Butler, at, repairNumber);

        Assert.Equal(RequestStatus.Accepted, complaint.Status);
        var entry = complaint.Timeline[^1];
        Assert.Equal(TimelineEvent.LinkedRepairOpened, entry.Event);
        Assert.Equal("R261123-0043", entry.Note);
        Assert.Equal(RequestStatus.Accepted, entry.From);
        Assert.Equal(RequestStatus.Accepted, entry.To);
        Assert.Equal(Actors.Butler.UserId, entry.ActorId);
        Assert.Equal(at, entry.At);
    }

    [Fact]
    public void Only_a_complaint_records_a_linked_repair()
    {
        var inquiry = Register(RequestType.Inquiry);
        inquiry.Accept(Actors.Desk, FiledAt.AddMinutes(5), Priority.Normal, note: null);

        var ex = Assert.Throws<DomainException>(() => inquiry.RecordLinkedRepair(Actors.Desk, FiledAt.AddMinutes(10), "R261123-0043"));

        Assert.Equal("Request.NotAComplaint", ex.Code);
    }

    [Fact]
    public void An_answered_complaint_records_no_more_linked_repairs()
    {
        var complaint = AnsweredComplaint();

        var ex = Assert.Throws<DomainException>(() => complaint.RecordLinkedRepair(Actors.Butler, FiledAt.AddHours(2), "R261123-0043"));

        Assert.Equal("Request.IllegalTransition", ex.Code);
    }

    // ---- a complaint about a late repair raises its priority ------------------------------------

    [Theory]
    [InlineData(Priority.Low, Priority.Normal)]
    [InlineData(Priority.Normal, Priority.High)]
    [InlineData(Priority.High, Priority.Urgent)]
    [InlineData(Priority.Urgent, Priority.Urgent)]
    public void A_complaint_raises_the_repairs_priority_one_step(Priority from, Priority to)
    {
        var repair = new ServiceRequestBuilder().WithPriority(from).InStatus(RequestStatus.Dispatched).Build();
        var at = repair.LastChangedAt.AddHours(1);
        var complaintNumber = NumberFor(RequestType.Complaint);

        repair.RaisePriority(Actors.Desk, at, complaintNumber);

        Assert.Equal(to, repair.Priority);
        Assert.Equal(RequestStatus.Dispatched, repair.Status);
        var entry = repair.Timeline[^1];
        Assert.Equal(TimelineEvent.PriorityRaised, entry.Event);
        Assert.Equal(complaintNumber, entry.Note);
        Assert.Equal(RequestStatus.Dispatched, entry.From);
        Assert.Equal(RequestStatus.Dispatched, entry.To);
        Assert.Equal(at, entry.At);
    }

    [Theory]
    [InlineData(Priority.Low, Priority.Normal)]
    [InlineData(Priority.Normal, Priority.High)]
    [InlineData(Priority.High, Priority.Urgent)]
    [InlineData(Priority.Urgent, Priority.Urgent)]
    public void The_deadline_becomes_the_higher_prioritys_counted_from_filing(Priority from, Priority to)
    {
        var repair = new ServiceRequestBuilder().WithPriority(from).InStatus(RequestStatus.Accepted).Build();
        Assert.Equal(repair.SubmittedAt + DeadlineRules.Default(RequestType.Repair, from).ResolveWithin, repair.DueAt);

        repair.RaisePriority(Actors.Desk, repair.LastChangedAt.AddHours(1), "C261123-0007");

        // Without an estate calendar every default row counts round the clock; the sooner of the two wins.
        var current = DeadlineRules.Default(RequestType.Repair, from).ResolveWithin;
        var raised = DeadlineRules.Default(RequestType.Repair, to).ResolveWithin;
        Assert.Equal(repair.SubmittedAt + (raised < current ? raised : current), repair.DueAt);
    }

    [Fact]
    public void A_raise_never_moves_the_deadline_later()
    {
        // This estate gives a high-priority repair longer than the default 72 h of a normal one.
        var normalResolve = DeadlineRules.Default(RequestType.Repair, Priority.Normal).ResolveWithin;
        var schedule = new DeadlineSchedule(
            calendar: null,
            [(RequestType.Repair, Priority.High, TimeSpan.FromHours(1), normalResolve + TimeSpan.FromHours(28), DeadlineCounting.CalendarHours)]);
        var repair = new ServiceRequestBuilder().InStatus(RequestStatus.Accepted).Build();
        var due = repair.DueAt;
        Assert.Equal(repair.SubmittedAt + normalResolve, due);

        repair.RaisePriority(Actors.Desk, repair.LastChangedAt.AddHours(1), "C261123-0007", schedule);

        Assert.Equal(Priority.High, repair.Priority);
        Assert.Equal(due, repair.DueAt);
    }

    [Fact]
    public void The_system_may_raise_the_priority()
    {
        var repair = new ServiceRequestBuilder().InStatus(RequestStatus.InProgress).Build();

        repair.RaisePriority(Actor.System, repair.LastChangedAt.AddHours(1), "C261123-0007");

        Assert.Equal(Priority.High, repair.Priority);
        Assert.Equal(Actor.System.UserId, repair.Timeline[^1].ActorId);
        Assert.Equal(ActorRole.System, repair.Timeline[^1].ActorRole);
    }

    [Fact]
    public void A_resident_cannot_raise_the_priority()
    {
        var repair = new ServiceRequestBuilder().InStatus(RequestStatus.Dispatched).Build();

        var ex = Assert.Throws<DomainException>(() => repair.RaisePriority(Actors.Resident, repair.LastChangedAt.AddHours(1), "C261123-0007"));

        Assert.Equal("Request.StaffOnly", ex.Code);
        Assert.Equal(Priority.Normal, repair.Priority);
    }

    [Theory]
    [InlineData(RequestStatus.Completed)]
    [InlineData(RequestStatus.FollowedUp)]
    [InlineData(RequestStatus.Rated)]
    [InlineData(RequestStatus.Closed)]
    [InlineData(RequestStatus.Cancelled)]
    public void A_settled_request_is_not_raised(RequestStatus status)
    {
        var repair = new ServiceRequestBuilder().InStatus(status).Build();
        var due = repair.DueAt;
        var entries = repair.Timeline.Count;

        var ex = Assert.Throws<DomainException>(() => repair.RaisePriority(Actors.Desk, repair.LastChangedAt.AddHours(1), "C261123-0007"));

        Assert.Equal("Request.IllegalTransition", ex.Code);
        Assert.Equal(new object[] { status, nameof(ServiceRequest.RaisePriority) }, ex.Args);
        Assert.Equal(Priority.Normal, repair.Priority);
        Assert.Equal(due, repair.DueAt);
        Assert.Equal(entries, repair.Timeline.Count);
    }
}
