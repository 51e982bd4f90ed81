using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Deadlines;
using Portal.Domain.FollowUps;
using Portal.Domain.Ratings;
using Portal.Domain.Requests;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Complaints;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Deadlines;
using Portal.Infrastructure.Demo;
using Portal.Infrastructure.Dispatch;
using Portal.Infrastructure.FollowUps;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// Complaints, suggestions, inquiries and praise in the one register (归口), over the real database:
/// the desk registers from any channel, the butler owns a complaint and answers the desk, the desk
/// calls the resident back, and nobody reaches a record that is not theirs by guessing its id.
/// </summary>
public sealed partial class ComplaintTests(PortalFactory factory) : IClassFixture<PortalFactory>, IAsyncLifetime
{
    private const string Answer = "Cleaned the lift hall; the cleaning rota now covers it twice a day";

    [GeneratedRegex(@"^[CSQPR]\d{6}-\d{4}$")]
    private static partial Regex NumberPattern();

    public Task InitializeAsync() => factory.SetCallingHoursAsync(openNow: true);

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<CurrentUser> Desk => factory.UserAsync(DemoData.DeskEmail);

    private Task<CurrentUser> Butler => factory.UserAsync(DemoData.ButlerEmail);

    private Task<CurrentUser> Resident => factory.UserAsync(DemoData.ResidentEmail);

    private async Task<RequestDetail> DetailAsync(int id, string email = DemoData.DeskEmail) =>
        (await factory.Get<RequestQueries>().GetAsync(await factory.UserAsync(email), id))!;

    [Fact]
    public async Task A_phone_complaint_is_numbered_and_goes_straight_to_the_buildings_butler_with_a_four_hour_answer_clock()
    {
        var filed = await factory.PhoneComplaintAsync();
        var butler = await Butler;

        Assert.Matches(NumberPattern(), filed.Number);
        Assert.StartsWith("C", filed.Number, StringComparison.Ordinal);
        var detail = await DetailAsync(filed.Id);
        Assert.Equal(RequestType.Complaint, detail.Summary.Type);
        Assert.Equal(RequestStatus.Accepted, detail.Summary.Status);
        Assert.Equal(Channel.Phone, detail.Channel);
        Assert.Equal(ComplaintKind.PropertyManagement, detail.Feedback!.Kind);
        Assert.Equal(butler.UserId, detail.Feedback.OwnerId);
        Assert.Equal(butler.DisplayName, detail.AssigneeName);
        Assert.Equal([TimelineEvent.Submitted, TimelineEvent.Accepted, TimelineEvent.Routed], detail.Timeline.Select(t => t.Event));
        Assert.All(detail.Timeline, t => Assert.Equal(ActorRole.FrontDesk, t.ActorRole));
        Assert.Equal(butler.DisplayName, detail.Timeline[^1].Note);

        // The promise is the butler's answer to the desk: 4 hours from registration, in opening hours.
        var (respondWithin, _, counting) = DeadlineRules.Default(RequestType.Complaint, Priority.Normal);
        Assert.Equal((TimeSpan.FromHours(4), DeadlineCounting.BusinessHours), (respondWithin, counting));
        IDeadlineSchedule schedule;
        await using (var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            schedule = await DeadlineSchedules.ForEstateAsync(db, detail.Feedback.EstateId, CancellationToken.None);
        }

        var terms = schedule.For(RequestType.Complaint, Priority.Normal);
        Assert.Equal(terms.RespondBy(detail.Summary.SubmittedAt), detail.Deadlines!.RespondBy);
        Assert.Equal(terms.RespondBy(detail.Summary.SubmittedAt), detail.Deadlines.RespondBy);
        Assert.True(detail.Deadlines.RespondBy >= detail.Summary.SubmittedAt + respondWithin); // never sooner than 4 hours
        Assert.Equal(terms.ResolveBy(detail.Summary.SubmittedAt), detail.Deadlines.DueAt);
        Assert.Null(detail.Deadlines.RespondedAt); // registering is not answering: the butler still owes it
        Assert.Equal(FiledRequest.PromiseLocal(detail.Deadlines.RespondBy, filed.TimeZoneId), filed.AcknowledgeByLocal);

        // On the butler's list with the clock he answers against, and nobody else's.
        var row = Assert.Single(await factory.Get<ComplaintDesk>().MineAsync(butler), r => r.Id == filed.Id);
        Assert.Equal((detail.Deadlines.RespondBy, (DateTimeOffset?)null, EscalationLevel.None, false), (row.RespondBy, row.RespondedAt, row.Escalation, row.Warned));
        Assert.Equal(ComplaintKind.PropertyManagement, row.Kind);
        Assert.Equal(("3", "1304"), (row.BuildingName, row.UnitNumber));
        Assert.DoesNotContain(await factory.Get<ComplaintDesk>().MineAsync(await Desk), r => r.Id == filed.Id);

        // On the board, in the accepted lane, with the butler's answer clock.
        var card = Assert.Single(await factory.Get<BoardQueries>().CardsAsync(await Desk, new BoardFilter(Type: RequestType.Complaint)), c => c.Id == filed.Id);
        Assert.Equal(BoardLane.Accepted, BoardLanes.LaneOf(card.Status));
        Assert.Equal((ComplaintKind?)ComplaintKind.PropertyManagement, card.ComplaintKind);
        Assert.Equal(butler.DisplayName, card.AssigneeName);
        Assert.Equal(detail.Deadlines.RespondBy, card.RespondBy);
        Assert.False(card.ResponseOverdue(detail.Deadlines.RespondBy.AddMinutes(-1)));
        Assert.True(card.ResponseOverdue(detail.Deadlines.RespondBy.AddMinutes(1)));
        Assert.DoesNotContain(await factory.Get<BoardQueries>().CardsAsync(await Desk, new BoardFilter(Type: RequestType.Repair)), c => c.Id == filed.Id);

        // The resident sees it among her requests, with the answer promise.
        var resident = await Resident;
        Assert.Contains(await factory.Get<RequestQueries>().ListMineAsync(resident), r => r.Id == filed.Id && r.Type == RequestType.Complaint);
        Assert.Equal(detail.Deadlines.RespondBy, (await DetailAsync(filed.Id, DemoData.ResidentEmail)).Deadlines!.RespondBy);
        Assert.Null((await DetailAsync(filed.Id, DemoData.ResidentEmail)).Feedback!.OwnerId); // staff ids stay with staff
    }

    [Fact]
    public async Task A_resident_files_a_suggestion_an_inquiry_and_a_complaint_in_the_portal_into_the_same_register_as_repairs()
    {
        var resident = await Resident;
        var repair = await factory.FileAsync(resident, await factory.DraftAsync(resident));
        var filed = new Dictionary<RequestType, FiledRequest>();
        foreach (var type in new[] { RequestType.Suggestion, RequestType.Inquiry, RequestType.Complaint })
        {
            var draft = await factory.FeedbackDraftAsync(resident, type, Channel.Portal);
            var (outcome, errors) = await factory.Get<RegisterRequest>().RegisterAsync(resident, draft);
            Assert.Empty(errors);
            Assert.True(outcome.Succeeded, outcome.ErrorCode);
            filed[type] = outcome.Value!;
        }

        Assert.StartsWith("S", filed[RequestType.Suggestion].Number, StringComparison.Ordinal);
        Assert.StartsWith("Q", filed[RequestType.Inquiry].Number, StringComparison.Ordinal);
        Assert.StartsWith("C", filed[RequestType.Complaint].Number, StringComparison.Ordinal);
        Assert.All(filed.Values, f => Assert.Matches(NumberPattern(), f.Number));

        var mine = await factory.Get<RequestQueries>().ListMineAsync(resident);
        Assert.Equal(
            [RequestType.Complaint, RequestType.Inquiry, RequestType.Suggestion, RequestType.Repair],
            mine.Where(m => m.Id == repair.Id || filed.Values.Any(f => f.Id == m.Id)).Select(m => m.Type));
        foreach (var (type, f) in filed)
        {
            var detail = await DetailAsync(f.Id, DemoData.ResidentEmail);
            Assert.Equal((type, RequestStatus.Submitted, Channel.Portal), (detail.Summary.Type, detail.Summary.Status, detail.Channel));
            Assert.Equal(ActorRole.Resident, Assert.Single(detail.Timeline).ActorRole);
            Assert.Null(detail.Deadlines!.RespondedAt);
        }

        // The portal complaint waits on the board for the desk; accepting it hands it to the butler.
        var desk = await Desk;
        var complaint = filed[RequestType.Complaint];
        var waiting = Assert.Single(await factory.Get<BoardQueries>().CardsAsync(desk, new BoardFilter(Search: complaint.Number)));
        Assert.Equal((BoardLane.New, (string?)null), (BoardLanes.LaneOf(waiting.Status), waiting.AssigneeName));
        Assert.DoesNotContain(await factory.Get<ComplaintDesk>().MineAsync(await Butler), r => r.Id == complaint.Id);

        await factory.AcceptAsync(complaint.Id);
        var accepted = await DetailAsync(complaint.Id);
        Assert.Equal(TimelineEvent.Routed, accepted.Timeline[^1].Event);
        Assert.Equal((await Butler).UserId, accepted.Feedback!.OwnerId);
        Assert.Contains(await factory.Get<ComplaintDesk>().MineAsync(await Butler), r => r.Id == complaint.Id);
    }

    [Fact]
    public async Task The_desk_closes_a_question_answered_on_the_spot_and_it_never_reaches_the_board()
    {
        var resident = await Resident;
        var draft = await factory.FeedbackDraftAsync(resident, RequestType.Inquiry, Channel.WalkIn);
        draft.Description = "When does the swimming pool open in summer?";
        draft.AnswerOnTheSpot = "  From 1 June, 06:00 to 21:00 every day.  ";

        var filed = await factory.RegisterForAsync(DemoData.ResidentEmail, draft);

        var detail = await DetailAsync(filed.Id);
        Assert.Equal(RequestStatus.Closed, detail.Summary.Status);
        Assert.True(detail.Feedback!.ClosedOnTheSpot);
        Assert.Equal("From 1 June, 06:00 to 21:00 every day.", detail.Feedback.Answer);
        Assert.Equal(detail.Summary.SubmittedAt, detail.Feedback.AnsweredAt);
        Assert.Equal(detail.Summary.SubmittedAt, detail.Deadlines!.RespondedAt);
        Assert.Equal(Channel.WalkIn, detail.Channel);
        Assert.Equal([TimelineEvent.Submitted, TimelineEvent.Answered], detail.Timeline.Select(t => t.Event));
        var desk = await Desk;
        Assert.Empty(await factory.Get<BoardQueries>().CardsAsync(desk, new BoardFilter(Search: filed.Number)));
        Assert.DoesNotContain(await factory.Get<FollowUpQueue>().ListAsync(desk), i => i.RequestId == filed.Id);
        Assert.Contains(await factory.Get<RequestQueries>().ListMineAsync(resident), r => r.Id == filed.Id && r.Status == RequestStatus.Closed);

        // A complaint always goes downstream to an owner, and a resident never closes her own item.
        var before = await factory.RequestCountAsync();
        var complaint = await factory.FeedbackDraftAsync(resident);
        complaint.AnswerOnTheSpot = "Sorry, we will clean it";
        var (refused, errors) = await factory.Get<RegisterRequest>().RegisterOnBehalfAsync(desk, resident.UserId, complaint);
        Assert.Equal("Validation.Failed", refused.ErrorCode);
        Assert.Equal(new FieldError(nameof(RegisterDraft.AnswerOnTheSpot), "CannotCloseOnTheSpot"), Assert.Single(errors), FieldComparer);

        var own = await factory.FeedbackDraftAsync(resident, RequestType.Inquiry, Channel.Portal);
        own.AnswerOnTheSpot = "I found it myself";
        var (ownRefused, ownErrors) = await factory.Get<RegisterRequest>().RegisterAsync(resident, own);
        Assert.False(ownRefused.Succeeded);
        Assert.Equal(new FieldError(nameof(RegisterDraft.AnswerOnTheSpot), "CannotCloseOnTheSpot"), Assert.Single(ownErrors), FieldComparer);
        Assert.Equal(before, await factory.RequestCountAsync());
    }

    public static TheoryData<string, string, string> BadDrafts => new()
    {
        { "complaint without its kind", nameof(RegisterDraft.ComplaintKind), "ComplaintKindRequired" },
        { "staff choosing the portal as channel", nameof(RegisterDraft.Channel), "ChannelRequired" },
        { "resident naming the phone as channel", nameof(RegisterDraft.Channel), "ChannelPortalOnly" },
        { "no description", nameof(RegisterDraft.Description), "DescriptionRequired" },
        { "a description too short", nameof(RegisterDraft.Description), "DescriptionTooShort" },
        { "a description too long", nameof(RegisterDraft.Description), "DescriptionTooLong" },
        { "no contact name", nameof(RegisterDraft.ContactName), "ContactNameRequired" },
        { "a contact name too long", nameof(RegisterDraft.ContactName), "ContactNameTooLong" },
        { "no phone", nameof(RegisterDraft.ContactPhone), "PhoneRequired" },
        { "a phone number that is not one", nameof(RegisterDraft.ContactPhone), "PhoneInvalid" },
        { "no unit", nameof(RegisterDraft.UnitId), "UnitRequired" },
        { "the neighbour's unit", nameof(RegisterDraft.UnitId), "UnitNotYours" },
        { "a public area without a spot", nameof(RegisterDraft.Spot), "SpotRequired" },
        { "a public area of another estate", nameof(RegisterDraft.EstateId), "EstateRequired" },
        { "a building of another estate", nameof(RegisterDraft.PublicBuildingId), "BuildingNotInEstate" },
        { "an answer on the spot too long", nameof(RegisterDraft.AnswerOnTheSpot), "AnswerTooLong" },
        { "a suggestion about an earlier request", nameof(RegisterDraft.AboutRequestId), "AboutOnlyForComplaints" },
        { "a complaint about the neighbour's request", nameof(RegisterDraft.AboutRequestId), "AboutNotFound" },
    };

    [Theory]
    [MemberData(nameof(BadDrafts))]
    public async Task A_bad_field_is_named_with_its_error_and_nothing_is_registered(string problem, string field, string code)
    {
        var resident = await Resident;
        var other = await factory.OtherEstateAsync();
        var byResident = problem.StartsWith("resident", StringComparison.Ordinal);
        var draft = await factory.FeedbackDraftAsync(resident, channel: byResident ? Channel.Portal : Channel.Phone);
        switch (problem)
        {
            case "complaint without its kind": draft.ComplaintKind = null; break;
            case "staff choosing the portal as channel": draft.Channel = Channel.Portal; break;
            case "resident naming the phone as channel": draft.Channel = Channel.Phone; break;
            case "no description": draft.Description = "   "; break;
            case "a description too short": draft.Description = "Dirt"; break;
            case "a description too long": draft.Description = new string('x', ServiceRequest.MaxDescriptionLength + 1); break;
            case "no contact name": draft.ContactName = ""; break;
            case "a contact name too long": draft.ContactName = new string('x', 51); break;
            case "no phone": draft.ContactPhone = null; break;
            case "a phone number that is not one": draft.ContactPhone = "12345"; break;
            case "no unit": draft.UnitId = null; break;
            case "the neighbour's unit":
                draft.UnitId = (await factory.Get<Portal.Infrastructure.Estates.ResidentHomes>().ListAsync(await factory.UserAsync(DemoData.NeighbourEmail)))[0].UnitId;
                break;
            case "a public area without a spot": draft.InPublicArea = true; draft.Spot = " "; break;
            case "a public area of another estate": draft.InPublicArea = true; draft.Spot = "Car park entrance"; draft.EstateId = other.EstateId; break;
            case "a building of another estate": draft.InPublicArea = true; draft.Spot = "Lobby"; draft.PublicBuildingId = other.BuildingId; break;
            case "an answer on the spot too long":
                draft.Type = RequestType.Inquiry;
                draft.ComplaintKind = null;
                draft.AnswerOnTheSpot = new string('x', ServiceRequest.MaxDescriptionLength + 1);
                break;
            case "a suggestion about an earlier request":
                draft.Type = RequestType.Suggestion;
                draft.ComplaintKind = null;
                draft.AboutRequestId = (await factory.FileAsync(resident, await factory.DraftAsync(resident))).Id;
                break;
            case "a complaint about the neighbour's request":
                var neighbour = await factory.UserAsync(DemoData.NeighbourEmail);
                draft.AboutRequestId = (await factory.FileAsync(neighbour, await factory.DraftAsync(neighbour))).Id;
                break;
            default: throw new ArgumentOutOfRangeException(nameof(problem), problem, null);
        }

        var before = await factory.RequestCountAsync();
        var register = factory.Get<RegisterRequest>();
        var (outcome, errors) = byResident
            ? await register.RegisterAsync(resident, draft)
            : await register.RegisterOnBehalfAsync(await Desk, resident.UserId, draft);

        Assert.Equal("Validation.Failed", outcome.ErrorCode);
        var error = Assert.Single(errors);
        Assert.Equal((field, code), (error.Field, error.Code));
        Assert.Equal(before, await factory.RequestCountAsync());
    }

    [Fact]
    public async Task Every_bad_field_is_reported_at_once_so_the_clerk_fixes_them_in_one_go()
    {
        var resident = await Resident;
        var before = await factory.RequestCountAsync();
        var draft = new RegisterDraft { Type = RequestType.Complaint, Channel = Channel.Portal, ContactPhone = "abc" };

        var (outcome, errors) = await factory.Get<RegisterRequest>().RegisterOnBehalfAsync(await Desk, resident.UserId, draft);

        Assert.False(outcome.Succeeded);
        Assert.Equal(
            ["ComplaintKind:ComplaintKindRequired", "UnitId:UnitRequired", "Description:DescriptionRequired", "ContactName:ContactNameRequired", "ContactPhone:PhoneInvalid", "Channel:ChannelRequired"],
            errors.Select(e => $"{e.Field}:{e.Code}"));
        Assert.Equal(before, await factory.RequestCountAsync());
    }

    [Fact]
    public async Task The_butlers_answer_puts_the_complaint_in_the_follow_up_queue_and_after_the_call_the_resident_rates_it()
    {
        var filed = await factory.PhoneComplaintAsync();
        var butler = await Butler;

        var answered = await factory.Get<ComplaintDesk>().AnswerAsync(butler, filed.Id, await factory.StampAsync(butler, filed.Id), "  " + Answer + " ");

        Assert.True(answered.Succeeded, answered.ErrorCode);
        Assert.Equal(RequestStatus.Completed, answered.Value);
        var detail = await DetailAsync(filed.Id);
        Assert.Equal(Answer, detail.Feedback!.Answer);
        Assert.Equal(detail.Feedback.AnsweredAt, detail.Deadlines!.RespondedAt);
        var entry = detail.Timeline[^1];
        Assert.Equal((TimelineEvent.Answered, ActorRole.Butler, Answer), (entry.Event, entry.ActorRole, entry.Note));

        // The butler's list keeps it, answered, below what he still owes, until the desk has called.
        var row = Assert.Single(await factory.Get<ComplaintDesk>().MineAsync(butler), r => r.Id == filed.Id);
        Assert.Equal(detail.Feedback.AnsweredAt, row.RespondedAt);

        var desk = await Desk;
        var item = Assert.Single(await factory.Get<FollowUpQueue>().ListAsync(desk), i => i.RequestId == filed.Id);
        Assert.Equal(TimeSpan.FromHours(48), item.DueAt - detail.Feedback.AnsweredAt!.Value);
        Assert.Equal("13800138000", item.ContactPhone);
        Assert.True(item.CallableNow);
        Assert.Equal((RequestType.Complaint, Answer, butler.DisplayName), (item.Type, item.WorkDone, item.TechnicianName)); // what the clerk reads out
        var card = Assert.Single(await factory.Get<BoardQueries>().CardsAsync(desk, new BoardFilter(Search: filed.Number)));
        Assert.Equal(BoardLane.AwaitingFollowUp, BoardLanes.LaneOf(card.Status));

        var resident = await Resident;
        Assert.Equal("Rating.NotYet", (await factory.Get<RatingService>().RateAsync(resident, filed.Id, null, new RatingScores(5, 5, 5, 5, null))).ErrorCode);

        var called = await factory.CallAsync(filed.Id, new CallLog(CallResult.Reached, FollowUpOutcome.PartlyResolvedAccepted, "Cleaner now; she accepts the new rota"));
        Assert.True(called.Succeeded, called.ErrorCode);
        Assert.Equal(RequestStatus.FollowedUp, called.Value);
        Assert.DoesNotContain(await factory.Get<FollowUpQueue>().ListAsync(desk), i => i.RequestId == filed.Id);
        Assert.DoesNotContain(await factory.Get<ComplaintDesk>().MineAsync(butler), r => r.Id == filed.Id);

        var mine = await DetailAsync(filed.Id, DemoData.ResidentEmail);
        Assert.True(mine.CanRate);
        Assert.Equal(Answer, mine.Feedback!.Answer);
        Assert.Equal(FollowUpOutcome.PartlyResolvedAccepted, mine.FollowUpOutcome);
        Assert.Contains(await factory.Get<RequestQueries>().AwaitingMyRatingAsync(resident), r => r.Id == filed.Id);
        var rated = await factory.Get<RatingService>().RateAsync(resident, filed.Id, mine.ConcurrencyStamp, new RatingScores(4, 4, 5, 4, "Quick answer"));
        Assert.True(rated.Succeeded, rated.ErrorCode);
        Assert.Equal(RequestStatus.Rated, rated.Value);
        Assert.Equal((4, RatingSource.Resident), ((await DetailAsync(filed.Id, DemoData.ResidentEmail)).Rating!.Overall, (await DetailAsync(filed.Id, DemoData.ResidentEmail)).Rating!.Source));
    }

    [Fact]
    public async Task A_question_from_the_portal_is_accepted_and_answered_by_the_desk_then_called_back()
    {
        var resident = await Resident;
        var draft = await factory.FeedbackDraftAsync(resident, RequestType.Inquiry, Channel.Portal);
        draft.Description = "Is the water off on Thursday for the tank cleaning?";
        var (outcome, _) = await factory.Get<RegisterRequest>().RegisterAsync(resident, draft);
        var id = outcome.Value!.Id;
        var desk = await Desk;
        var complaints = factory.Get<ComplaintDesk>();
        Assert.Equal("Request.IllegalTransition", (await complaints.AnswerAsync(desk, id, await factory.StampAsync(desk, id), "Yes, 9:00 to 12:00")).ErrorCode);

        await factory.AcceptAsync(id);
        var accepted = await DetailAsync(id);
        Assert.Null(accepted.Feedback!.OwnerId); // only complaints go to a butler
        Assert.Equal(accepted.Timeline[^1].At, accepted.Deadlines!.RespondedAt); // the desk's acceptance is its first response
        var answered = await complaints.AnswerAsync(desk, id, accepted.ConcurrencyStamp, "Yes, from 9:00 to 12:00; fill a kettle beforehand");

        Assert.Equal(RequestStatus.Completed, answered.Value);
        var item = Assert.Single(await factory.Get<FollowUpQueue>().ListAsync(desk), i => i.RequestId == id);
        Assert.Equal((RequestType.Inquiry, "Yes, from 9:00 to 12:00; fill a kettle beforehand"), (item.Type, item.WorkDone));
        Assert.Equal(RequestStatus.FollowedUp, (await factory.CallAsync(id, new CallLog(CallResult.Reached, FollowUpOutcome.Resolved))).Value);
        Assert.Equal("Request.IllegalTransition", (await complaints.AnswerAsync(desk, id, await factory.StampAsync(desk, id), "Again")).ErrorCode);
    }

    [Fact]
    public async Task An_urgent_complaint_is_promised_the_butlers_answer_within_two_hours()
    {
        var resident = await Resident;
        var draft = await factory.FeedbackDraftAsync(resident);
        draft.Urgent = true;
        draft.ComplaintKind = ComplaintKind.EngineeringQuality;
        draft.Description = "Water pouring through the ceiling from the flat above";

        var filed = await factory.RegisterForAsync(DemoData.ResidentEmail, draft);

        var detail = await DetailAsync(filed.Id);
        Assert.Equal(Priority.Urgent, detail.Priority);
        Assert.Equal(DeadlineRules.Default(RequestType.Complaint, Priority.Urgent).RespondWithin, detail.Deadlines!.RespondBy - detail.Summary.SubmittedAt);
        Assert.Equal(TimeSpan.FromHours(2), detail.Deadlines.RespondBy - detail.Summary.SubmittedAt);
        var rows = await factory.Get<ComplaintDesk>().MineAsync(await Butler);
        Assert.Equal(rows.OrderBy(r => r.RespondedAt is null ? 0 : 1).ThenBy(r => r.RespondBy).Select(r => r.Id), rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Another_butler_cannot_answer_someone_elses_complaint_but_a_supervisor_can()
    {
        var filed = await factory.PhoneComplaintAsync();
        var estate = await factory.DemoEstateIdAsync();
        var other = await factory.CreateUserAsync("butler2@portal.demo", "管家二 Second Butler", "13700137008", Roles.Butler, estate);
        var desk = factory.Get<ComplaintDesk>();

        var refused = await desk.AnswerAsync(other, filed.Id, await factory.StampAsync(other, filed.Id), "I had a look");
        Assert.Equal("Request.NotYourComplaint", refused.ErrorCode);
        Assert.DoesNotContain(await desk.MineAsync(other), r => r.Id == filed.Id);

        var technician = await factory.UserAsync(DemoData.TechnicianEmail);
        Assert.Equal("NotFound", (await desk.AnswerAsync(technician, filed.Id, await factory.StampAsync(technician, filed.Id), "Fixed")).ErrorCode);

        // An empty answer is refused even from the owner.
        var butler = await Butler;
        Assert.Equal("Request.AnswerRequired", (await desk.AnswerAsync(butler, filed.Id, await factory.StampAsync(butler, filed.Id), "  ")).ErrorCode);
        Assert.Equal(RequestStatus.Accepted, (await DetailAsync(filed.Id)).Summary.Status);

        var supervisor = await factory.UserAsync(DemoData.SupervisorEmail);
        var answered = await desk.AnswerAsync(supervisor, filed.Id, await factory.StampAsync(supervisor, filed.Id), Answer);
        Assert.True(answered.Succeeded, answered.ErrorCode);
        var entry = (await DetailAsync(filed.Id)).Timeline[^1];
        Assert.Equal((TimelineEvent.Answered, ActorRole.Supervisor), (entry.Event, entry.ActorRole));

        // Acting on a copy someone else has moved since is refused with the current state.
        var stale = await desk.AnswerAsync(butler, filed.Id, Guid.NewGuid(), Answer);
        Assert.Equal("Request.ChangedMeanwhile", stale.ErrorCode);
    }

    [Fact]
    public async Task The_butler_brings_in_engineering_with_a_linked_repair_that_goes_onto_the_board()
    {
        var filed = await factory.PhoneComplaintAsync();
        var butler = await Butler;
        var desk = factory.Get<ComplaintDesk>();

        Assert.Equal("Request.DescriptionRequired", (await desk.OpenLinkedRepairAsync(butler, filed.Id, await factory.StampAsync(butler, filed.Id), RepairCategory.Lift, "Lift")).ErrorCode);
        var opened = await desk.OpenLinkedRepairAsync(butler, filed.Id, await factory.StampAsync(butler, filed.Id), RepairCategory.Lift, "Lift door closes too fast on people");

        Assert.True(opened.Succeeded, opened.ErrorCode);
        Assert.StartsWith("R", opened.Value, StringComparison.Ordinal);
        var staff = await Desk;
        var card = Assert.Single(await factory.Get<BoardQueries>().CardsAsync(staff, new BoardFilter(Search: opened.Value)));
        Assert.Equal((RequestType.Repair, RequestStatus.Accepted, (RepairCategory?)RepairCategory.Lift), (card.Type, card.Status, card.Category));
        Assert.Equal(("3", "1304"), (card.BuildingName, card.UnitNumber));

        var repair = await DetailAsync(card.Id);
        Assert.Equal(filed.Id, repair.Feedback!.RaisedFrom!.Id);
        Assert.Equal("Lift door closes too fast on people", repair.Summary.Description);
        Assert.Equal([TimelineEvent.Submitted, TimelineEvent.Accepted], repair.Timeline.Select(t => t.Event));
        Assert.All(repair.Timeline, t => Assert.Equal(ActorRole.Butler, t.ActorRole));
        await using (var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(filed.Id, await db.ServiceRequests.Where(r => r.Id == card.Id).Select(r => r.RaisedFromId).SingleAsync());
        }

        var complaint = await DetailAsync(filed.Id);
        var linked = Assert.Single(complaint.Feedback!.LinkedRepairs);
        Assert.Equal((card.Id, opened.Value, RequestType.Repair), (linked.Id, linked.Number, linked.Type));
        Assert.Equal((TimelineEvent.LinkedRepairOpened, opened.Value), (complaint.Timeline[^1].Event, complaint.Timeline[^1].Note));
        Assert.Equal(RequestStatus.Accepted, complaint.Summary.Status); // the butler still owns and answers it
        Assert.Equal(butler.UserId, complaint.Feedback.OwnerId);
        Assert.Contains(await factory.Get<RequestQueries>().ListMineAsync(await Resident), r => r.Id == card.Id);

        // The repair can now be dispatched like any other.
        await factory.DispatchToAsync(card.Id);
        Assert.Equal(RequestStatus.Dispatched, (await DetailAsync(card.Id)).Summary.Status);

        // Only a complaint opens linked repairs.
        Assert.Equal("Request.NotAComplaint", (await desk.OpenLinkedRepairAsync(butler, card.Id, await factory.StampAsync(butler, card.Id), RepairCategory.Lift, "Another lift fault")).ErrorCode);
    }

    [Fact]
    public async Task A_complaint_about_a_public_spot_with_no_building_is_handed_to_a_butler_of_the_estate_by_the_desk()
    {
        var resident = await Resident;
        var draft = await factory.FeedbackDraftAsync(resident);
        draft.InPublicArea = true;
        draft.Spot = "Main gate car barrier";
        var filed = await factory.RegisterForAsync(DemoData.ResidentEmail, draft);
        var desk = await Desk;
        var butler = await Butler;

        var waiting = await DetailAsync(filed.Id);
        Assert.Equal((RequestStatus.Accepted, (string?)null), (waiting.Summary.Status, waiting.Feedback!.OwnerId));
        Assert.Equal("Main gate car barrier", waiting.Summary.Spot);
        Assert.DoesNotContain(await factory.Get<ComplaintDesk>().MineAsync(butler), r => r.Id == filed.Id);

        var other = await factory.OtherEstateAsync();
        var choices = await factory.Get<ComplaintDesk>().ButlersAsync(desk, waiting.Feedback.EstateId);
        Assert.Contains(choices, b => b.UserId == butler.UserId);
        Assert.DoesNotContain(choices, b => b.Name.Contains("Riverside Butler", StringComparison.Ordinal));
        Assert.Empty(await factory.Get<ComplaintDesk>().ButlersAsync(desk, other.EstateId));
        var outsider = (await factory.UserAsync(other.ButlerEmail)).UserId;
        Assert.Equal("Dispatch.UnknownButler", (await factory.Get<ComplaintDesk>().RouteAsync(desk, filed.Id, waiting.ConcurrencyStamp, outsider)).ErrorCode);
        Assert.Equal("NotFound", (await factory.Get<ComplaintDesk>().RouteAsync(await factory.UserAsync(DemoData.TechnicianEmail), filed.Id, waiting.ConcurrencyStamp, butler.UserId)).ErrorCode);

        var routed = await factory.Get<ComplaintDesk>().RouteAsync(desk, filed.Id, waiting.ConcurrencyStamp, butler.UserId);

        Assert.True(routed.Succeeded, routed.ErrorCode);
        var owned = await DetailAsync(filed.Id);
        Assert.Equal(butler.UserId, owned.Feedback!.OwnerId);
        Assert.Equal((TimelineEvent.Routed, butler.DisplayName), (owned.Timeline[^1].Event, owned.Timeline[^1].Note));
        Assert.Equal(waiting.Deadlines!.RespondBy, owned.Deadlines!.RespondBy); // handing over does not restart the clock
        Assert.Contains(await factory.Get<ComplaintDesk>().MineAsync(butler), r => r.Id == filed.Id);
    }

    [Fact]
    public async Task A_complaint_about_a_late_repair_raises_that_repairs_priority()
    {
        var resident = await Resident;
        var repair = await factory.FileAsync(resident, await factory.DraftAsync(resident));
        await factory.AcceptAsync(repair.Id);
        await factory.DispatchToAsync(repair.Id);
        var before = await DetailAsync(repair.Id);
        Assert.Equal(Priority.Normal, before.Priority);
        IDeadlineSchedule schedule;
        await using (var db = await factory.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            schedule = await DeadlineSchedules.ForEstateAsync(db, before.Feedback!.EstateId, CancellationToken.None);
        }

        Assert.Equal(schedule.For(RequestType.Repair, Priority.Normal).ResolveBy(before.Summary.SubmittedAt), before.DueAt);

        var draft = await factory.FeedbackDraftAsync(resident);
        draft.ComplaintKind = ComplaintKind.EngineeringQuality;
        draft.Description = "Nobody has come about the leaking air-conditioner";
        draft.AboutRequestId = repair.Id;
        var complaint = await factory.RegisterForAsync(DemoData.ResidentEmail, draft);

        var after = await DetailAsync(repair.Id);
        Assert.Equal(Priority.High, after.Priority);
        Assert.Equal(RequestStatus.Dispatched, after.Summary.Status);
        var entry = after.Timeline[^1];
        Assert.Equal((TimelineEvent.PriorityRaised, complaint.Number, ActorRole.FrontDesk), (entry.Event, entry.Note, entry.ActorRole));
        // High runs round the clock and is sooner than the normal promise in opening hours.
        Assert.Equal(before.Summary.SubmittedAt + DeadlineRules.Default(RequestType.Repair, Priority.High).ResolveWithin, after.DueAt);
        Assert.Equal(complaint.Id, Assert.Single(after.Feedback!.ComplaintsAbout).Id);
        Assert.Equal(repair.Id, (await DetailAsync(complaint.Id)).Feedback!.About!.Id);
        Assert.Equal(Priority.High, Assert.Single(await factory.Get<BoardQueries>().CardsAsync(await Desk, new BoardFilter(Search: repair.Number))).Priority);
    }

    [Fact]
    public async Task Guessed_ids_reach_nothing_for_residents_of_another_unit_or_estate()
    {
        var filed = await factory.PhoneComplaintAsync();
        var other = await factory.OtherEstateAsync();
        var neighbour = await factory.UserAsync(DemoData.NeighbourEmail);
        var stranger = await factory.UserAsync(other.ResidentEmail);
        var stamp = await factory.StampAsync(await Desk, filed.Id);
        var desk = factory.Get<ComplaintDesk>();

        foreach (var outsider in new[] { neighbour, stranger })
        {
            Assert.Null(await factory.Get<RequestQueries>().GetAsync(outsider, filed.Id));
            Assert.DoesNotContain(await factory.Get<RequestQueries>().ListMineAsync(outsider), r => r.Id == filed.Id);
            Assert.Equal("NotFound", (await desk.AnswerAsync(outsider, filed.Id, stamp, "Done")).ErrorCode);
            Assert.Equal("NotFound", (await desk.EscalateAsync(outsider, filed.Id, stamp, "Nobody listens")).ErrorCode);
            Assert.Equal("NotFound", (await desk.OpenLinkedRepairAsync(outsider, filed.Id, stamp, RepairCategory.Other, "Please send someone")).ErrorCode);
            Assert.Equal("NotFound", (await desk.RouteAsync(outsider, filed.Id, stamp, outsider.UserId)).ErrorCode);
            Assert.Empty(await desk.MineAsync(outsider));
        }

        // Nor can the staff of another estate.
        foreach (var email in new[] { other.ButlerEmail, other.SupervisorEmail, other.DeskEmail })
        {
            var outsider = await factory.UserAsync(email);
            Assert.Null(await factory.Get<RequestQueries>().GetAsync(outsider, filed.Id));
            Assert.Equal("NotFound", (await desk.AnswerAsync(outsider, filed.Id, stamp, "Done")).ErrorCode);
            Assert.Equal("NotFound", (await desk.EscalateAsync(outsider, filed.Id, stamp, "Beyond me")).ErrorCode);
        }

        // The resident's own complaint cannot be pointed at the neighbour's request, from the portal or through the desk.
        var neighboursRepair = await factory.FileAsync(neighbour, await factory.DraftAsync(neighbour));
        var resident = await Resident;
        var viaPortal = await factory.FeedbackDraftAsync(resident, channel: Channel.Portal);
        viaPortal.AboutRequestId = neighboursRepair.Id;
        var (portalOutcome, portalErrors) = await factory.Get<RegisterRequest>().RegisterAsync(resident, viaPortal);
        Assert.False(portalOutcome.Succeeded);
        Assert.Equal("AboutNotFound", Assert.Single(portalErrors).Code);
        var viaDesk = await factory.FeedbackDraftAsync(resident);
        viaDesk.AboutRequestId = neighboursRepair.Id;
        var (_, deskErrors) = await factory.Get<RegisterRequest>().RegisterOnBehalfAsync(await Desk, resident.UserId, viaDesk);
        Assert.Equal("AboutNotFound", Assert.Single(deskErrors).Code);
        var untouched = (await factory.Get<RequestQueries>().GetAsync(neighbour, neighboursRepair.Id))!;
        Assert.Equal(Priority.Normal, untouched.Priority);
        Assert.Empty(untouched.Feedback!.ComplaintsAbout);

        // The complaint itself is unchanged by all of it.
        var detail = await DetailAsync(filed.Id);
        Assert.Equal((RequestStatus.Accepted, EscalationLevel.None, stamp), (detail.Summary.Status, detail.Deadlines!.Escalation, detail.ConcurrencyStamp));
    }

    [Fact]
    public async Task Only_the_desk_of_the_residents_own_estate_registers_on_her_behalf()
    {
        var other = await factory.OtherEstateAsync();
        var resident = await Resident;
        var stranger = await factory.UserAsync(other.ResidentEmail);
        var neighbour = await factory.UserAsync(DemoData.NeighbourEmail);
        var register = factory.Get<RegisterRequest>();
        var before = await factory.RequestCountAsync();

        // A resident registers only for herself, in the portal.
        var draft = await factory.FeedbackDraftAsync(resident);
        Assert.Equal("NotFound", (await register.RegisterOnBehalfAsync(neighbour, resident.UserId, draft)).Outcome.ErrorCode);
        Assert.Equal("NotFound", (await register.RegisterOnBehalfAsync(resident, resident.UserId, draft)).Outcome.ErrorCode);
        Assert.Equal("NotFound", (await register.RegisterOnBehalfAsync(await factory.UserAsync(DemoData.TechnicianEmail), resident.UserId, draft)).Outcome.ErrorCode);
        Assert.Equal("Request.ResidentsOnly", (await register.RegisterAsync(await Desk, draft)).Outcome.ErrorCode);

        // Each desk serves its own estate only, whatever the ids it is given.
        Assert.Equal("NotFound", (await register.RegisterOnBehalfAsync(await factory.UserAsync(other.DeskEmail), resident.UserId, draft)).Outcome.ErrorCode);
        var strangers = await factory.FeedbackDraftAsync(stranger);
        Assert.Equal("NotFound", (await register.RegisterOnBehalfAsync(await Desk, stranger.UserId, strangers)).Outcome.ErrorCode);
        Assert.Equal("NotFound", (await register.RegisterOnBehalfAsync(await Desk, "no-such-resident", draft)).Outcome.ErrorCode);
        Assert.Empty(await factory.Get<Portal.Infrastructure.Estates.ResidentDirectory>().SearchAsync(await Desk, "江畔住户"));
        Assert.Equal(before, await factory.RequestCountAsync());

        // Their own desk may, and the complaint goes to their own butler.
        var theirs = await factory.RegisterForAsync(other.ResidentEmail, strangers, other.DeskEmail);
        var detail = (await factory.Get<RequestQueries>().GetAsync(await factory.UserAsync(other.DeskEmail), theirs.Id))!;
        Assert.Equal((await factory.UserAsync(other.ButlerEmail)).UserId, detail.Feedback!.OwnerId);
        Assert.Null(await factory.Get<RequestQueries>().GetAsync(await Desk, theirs.Id));
        Assert.DoesNotContain(await factory.Get<ComplaintDesk>().MineAsync(await Butler), r => r.Id == theirs.Id);
    }

    private static readonly IEqualityComparer<FieldError> FieldComparer =
        EqualityComparer<FieldError>.Create((a, b) => a!.Field == b!.Field && a.Code == b.Code, e => HashCode.Combine(e.Field, e.Code));
}
