using Portal.Domain.Common;
using Portal.Domain.FollowUps;
using Portal.Domain.Ratings;
using Portal.Domain.Requests;
using static Portal.Domain.Requests.RequestStatus;

namespace Portal.Tests.Domain;

/// <summary>
/// The life cycle as a table: every action tried from every situation. The expected table is written
/// out here on purpose rather than derived from the aggregate, so a change to the rules shows up as
/// a failing case that names the pair.
/// </summary>
/// <remarks>
/// A situation is a request status, and for Dispatched and OnHold also how far the work order got,
/// because the technician's steps depend on it (accepting twice, setting off before accepting, a hold
/// that waits for the resident's answer to a quote); for Completed whether the resident is on the
/// phone (the outcome is recorded only after a reached call); for FollowedUp whether the resident was
/// reached; and for Rated whether the rating was low (a service recovery is open).
/// </remarks>
public sealed class ServiceRequestTransitionTests
{
    /// <summary>The situations of the matrix; every request status is one of them at least once.</summary>
    private static class At
    {
        public const string Submitted = "Submitted";
        public const string Accepted = "Accepted";
        public const string Dispatched = "Dispatched, order assigned";
        public const string DispatchedAccepted = "Dispatched, order accepted";
        public const string DispatchedOnTheWay = "Dispatched, technician on the way";
        public const string DispatchedQuoteApproved = "Dispatched, quote approved";
        public const string InProgress = "InProgress";
        public const string Paused = "OnHold, paused for parts";
        public const string QuotePending = "OnHold, quote pending";
        public const string Completed = "Completed";
        public const string CompletedReached = "Completed, resident reached on the phone";
        public const string FollowedUp = "FollowedUp";
        public const string NotReached = "FollowedUp, resident not reached";
        public const string Rated = "Rated";
        public const string RatedLow = "Rated low, recovery open";
        public const string Closed = "Closed";
        public const string Cancelled = "Cancelled";
        public const string Reopened = "Reopened";
    }

    private sealed record Situation(RequestStatus Status, Func<ServiceRequestBuilder, ServiceRequestBuilder> Configure)
    {
        public ServiceRequest Build() => Configure(new ServiceRequestBuilder().InStatus(Status)).Build();
    }

    private static readonly Dictionary<string, Situation> Situations = new()
    {
        [At.Submitted] = new(Submitted, b => b),
        [At.Accepted] = new(Accepted, b => b),
        [At.Dispatched] = new(Dispatched, b => b),
        [At.DispatchedAccepted] = new(Dispatched, b => b.WithWorkOrderAt(WorkOrderStatus.Accepted)),
        [At.DispatchedOnTheWay] = new(Dispatched, b => b.WithWorkOrderAt(WorkOrderStatus.OnTheWay)),
        [At.DispatchedQuoteApproved] = new(Dispatched, b => b.WithApprovedQuote()),
        [At.InProgress] = new(InProgress, b => b),
        [At.Paused] = new(OnHold, b => b.OnHoldBecause(HoldReason.AwaitingParts)),
        [At.QuotePending] = new(OnHold, b => b.OnHoldBecause(HoldReason.AwaitingResidentApproval)),
        [At.Completed] = new(Completed, b => b),
        [At.CompletedReached] = new(Completed, b => b.ReachedOnThePhone()),
        [At.FollowedUp] = new(FollowedUp, b => b),
        [At.NotReached] = new(FollowedUp, b => b.WithFollowUpOutcome(FollowUpOutcome.NotReached)),
        [At.Rated] = new(Rated, b => b),
        [At.RatedLow] = new(Rated, b => b.RatedWith(new RatingScores(2, 3, 2, 3, "Three visits for one tap"))),
        [At.Closed] = new(Closed, b => b),
        [At.Cancelled] = new(Cancelled, b => b),
        [At.Reopened] = new(Reopened, b => b),
    };

    /// <summary>One action as its usual actor performs it, with valid arguments.</summary>
    private sealed record Move(string Method, Actor Actor, TimelineEvent Event, Action<ServiceRequest, Actor, DateTimeOffset> Apply);

    private static readonly Dictionary<string, Move> Moves = new()
    {
        ["Accept"] = new(nameof(ServiceRequest.Accept), Actors.Desk, TimelineEvent.Accepted,
            (r, by, at) => r.Accept(by, at, Priority.High, "Read back and confirmed")),
        ["Dispatch"] = new(nameof(ServiceRequest.Dispatch), Actors.Desk, TimelineEvent.Dispatched,
            (r, by, at) => r.Dispatch(by, at, Actors.OtherTechnicianAssignee, note: null)),
        ["AcceptWork"] = new(nameof(ServiceRequest.AcceptWork), Actors.Technician, TimelineEvent.WorkAccepted,
            (r, by, at) => r.AcceptWork(by, at)),
        ["SetOff"] = new(nameof(ServiceRequest.SetOff), Actors.Technician, TimelineEvent.OnTheWay,
            (r, by, at) => r.SetOff(by, at)),
        ["Start"] = new(nameof(ServiceRequest.Start), Actors.Technician, TimelineEvent.Started,
            (r, by, at) => r.Start(by, at)),
        ["PutOnHold"] = new(nameof(ServiceRequest.PutOnHold), Actors.Technician, TimelineEvent.PutOnHold,
            (r, by, at) => r.PutOnHold(HoldReason.AwaitingParts, by, at, "Cartridge ordered")),
        ["Resume"] = new(nameof(ServiceRequest.Resume), Actors.Technician, TimelineEvent.Resumed,
            (r, by, at) => r.Resume(by, at)),
        ["Quote"] = new(nameof(ServiceRequest.Quote), Actors.Technician, TimelineEvent.Quoted,
            (r, by, at) => r.Quote(by, at, 80m, "New flexible hose")),
        ["ApproveQuote"] = new(nameof(ServiceRequest.ApproveQuote), Actors.Resident, TimelineEvent.QuoteApproved,
            (r, by, at) => r.ApproveQuote(by, at)),
        ["DeclineQuote"] = new(nameof(ServiceRequest.DeclineQuote), Actors.Resident, TimelineEvent.QuoteDeclined,
            (r, by, at) => r.DeclineQuote(by, at, "Too expensive")),
        ["Complete"] = new(nameof(ServiceRequest.Complete), Actors.Technician, TimelineEvent.Completed,
            (r, by, at) => r.Complete(by, at, new CompletionReport("Replaced the cartridge", 40))),
        ["ReturnToDesk"] = new(nameof(ServiceRequest.ReturnToDesk), Actors.Technician, TimelineEvent.ReturnedToDesk,
            (r, by, at) => r.ReturnToDesk(by, at, "Needs a licensed gas fitter")),
        ["CallNoAnswer"] = new(nameof(ServiceRequest.LogCallAttempt), Actors.Desk, TimelineEvent.CallAttempted,
            (r, by, at) => r.LogCallAttempt(by, at, CallResult.NoAnswer, ServiceRequestBuilder.Policy)),
        ["FollowUpResolved"] = new(nameof(ServiceRequest.RecordFollowUp), Actors.Desk, TimelineEvent.FollowedUp,
            (r, by, at) => r.RecordFollowUp(FollowUpOutcome.Resolved, by, at, "Works fine now", ServiceRequestBuilder.Policy)),
        ["FollowUpNotResolved"] = new(nameof(ServiceRequest.RecordFollowUp), Actors.Desk, TimelineEvent.FollowedUp,
            (r, by, at) => r.RecordFollowUp(FollowUpOutcome.NotResolved, by, at, "Still leaking", ServiceRequestBuilder.Policy)),
        ["Rate"] = new(nameof(ServiceRequest.Rate), Actors.Resident, TimelineEvent.Rated,
            (r, by, at) => r.Rate(by, at, new RatingScores(4, 4, 5, 4, "Fine"))),
        ["ResolveRecovery"] = new(nameof(ServiceRequest.ResolveRecovery), Actors.Supervisor, TimelineEvent.RecoveryResolved,
            (r, by, at) => r.ResolveRecovery(by, at, "Called, apologised, sent the foreman to check the tap")),
        ["Close"] = new(nameof(ServiceRequest.Close), Actors.Desk, TimelineEvent.Closed,
            (r, by, at) => r.Close(by, at, note: null)),
        ["CancelByStaff"] = new(nameof(ServiceRequest.Cancel), Actors.Desk, TimelineEvent.Cancelled,
            (r, by, at) => r.Cancel(by, at, "Resident withdrew by phone")),
        ["CancelByResident"] = new(nameof(ServiceRequest.Cancel), Actors.Resident, TimelineEvent.Cancelled,
            (r, by, at) => r.Cancel(by, at, reason: null)),
        ["Reopen"] = new(nameof(ServiceRequest.Reopen), Actors.Desk, TimelineEvent.Reopened,
            (r, by, at) => r.Reopen(by, at, "Resident called: leaking again")),
        ["AddNote"] = new(nameof(ServiceRequest.AddNote), Actors.Desk, TimelineEvent.Note,
            (r, by, at) => r.AddNote(by, at, "Called the resident")),
        ["InformButler"] = new(nameof(ServiceRequest.InformButler), Actors.Desk, TimelineEvent.ButlerInformed,
            (r, by, at) => r.InformButler(by, at, "Zhou Hua")),
    };

    /// <summary>(move, situation) → request status after the move. Every pair not listed must be refused.</summary>
    private static readonly Dictionary<(string Move, string From), RequestStatus> Allowed = new()
    {
        [("Accept", At.Submitted)] = Accepted,

        [("Dispatch", At.Accepted)] = Dispatched,
        [("Dispatch", At.Reopened)] = Dispatched,
        [("Dispatch", At.Dispatched)] = Dispatched,              // reassignment
        [("Dispatch", At.DispatchedAccepted)] = Dispatched,      // reassignment
        [("Dispatch", At.DispatchedOnTheWay)] = Dispatched,      // reassignment
        [("Dispatch", At.DispatchedQuoteApproved)] = Dispatched, // reassignment
        [("Dispatch", At.Paused)] = OnHold,                      // reassignment

        [("AcceptWork", At.Dispatched)] = Dispatched,
        [("AcceptWork", At.DispatchedQuoteApproved)] = Dispatched,
        [("SetOff", At.DispatchedAccepted)] = Dispatched,

        [("Start", At.Dispatched)] = InProgress,
        [("Start", At.DispatchedAccepted)] = InProgress,
        [("Start", At.DispatchedOnTheWay)] = InProgress,
        [("Start", At.DispatchedQuoteApproved)] = InProgress,
        [("PutOnHold", At.InProgress)] = OnHold,
        [("Resume", At.Paused)] = InProgress,
        [("Complete", At.InProgress)] = Completed,

        // Paid work is priced before it starts; an approved quote may still be revised before the start.
        [("Quote", At.Dispatched)] = OnHold,
        [("Quote", At.DispatchedAccepted)] = OnHold,
        [("Quote", At.DispatchedOnTheWay)] = OnHold,
        [("Quote", At.DispatchedQuoteApproved)] = OnHold,
        [("ApproveQuote", At.QuotePending)] = Dispatched,
        [("DeclineQuote", At.QuotePending)] = Accepted,

        [("ReturnToDesk", At.Dispatched)] = Accepted,
        [("ReturnToDesk", At.DispatchedAccepted)] = Accepted,
        [("ReturnToDesk", At.DispatchedOnTheWay)] = Accepted,
        [("ReturnToDesk", At.DispatchedQuoteApproved)] = Accepted,
        [("ReturnToDesk", At.InProgress)] = Accepted,
        [("ReturnToDesk", At.Paused)] = Accepted,
        [("ReturnToDesk", At.QuotePending)] = Accepted,

        // A call that is not answered leaves the item in the queue (the first of three).
        [("CallNoAnswer", At.Completed)] = Completed,
        [("CallNoAnswer", At.CompletedReached)] = Completed,

        [("FollowUpResolved", At.CompletedReached)] = FollowedUp,
        [("FollowUpNotResolved", At.CompletedReached)] = Reopened,

        // Rated once, after a follow-up that did not find the problem open, the not reached included.
        [("Rate", At.FollowedUp)] = Rated,
        [("Rate", At.NotReached)] = Rated,

        // Only a low rating has a recovery to resolve; the status stays.
        [("ResolveRecovery", At.RatedLow)] = Rated,

        [("Close", At.FollowedUp)] = Closed,
        [("Close", At.NotReached)] = Closed,
        [("Close", At.Rated)] = Closed,
        [("Close", At.RatedLow)] = Closed,

        [("CancelByStaff", At.Submitted)] = Cancelled,
        [("CancelByStaff", At.Accepted)] = Cancelled,
        [("CancelByStaff", At.Dispatched)] = Cancelled,
        [("CancelByStaff", At.DispatchedAccepted)] = Cancelled,
        [("CancelByStaff", At.DispatchedOnTheWay)] = Cancelled,
        [("CancelByStaff", At.DispatchedQuoteApproved)] = Cancelled,
        [("CancelByStaff", At.Paused)] = Cancelled,
        [("CancelByStaff", At.QuotePending)] = Cancelled,
        [("CancelByStaff", At.Reopened)] = Cancelled,

        [("CancelByResident", At.Submitted)] = Cancelled,
        [("CancelByResident", At.Accepted)] = Cancelled,

        [("Reopen", At.Completed)] = Reopened,
        [("Reopen", At.CompletedReached)] = Reopened,
        [("Reopen", At.FollowedUp)] = Reopened,
        [("Reopen", At.NotReached)] = Reopened,
        [("Reopen", At.Rated)] = Reopened,
        [("Reopen", At.RatedLow)] = Reopened,

        // A note never moves the request and is welcome in every situation, even final ones.
        [("AddNote", At.Submitted)] = Submitted,
        [("AddNote", At.Accepted)] = Accepted,
        [("AddNote", At.Dispatched)] = Dispatched,
        [("AddNote", At.DispatchedAccepted)] = Dispatched,
        [("AddNote", At.DispatchedOnTheWay)] = Dispatched,
        [("AddNote", At.DispatchedQuoteApproved)] = Dispatched,
        [("AddNote", At.InProgress)] = InProgress,
        [("AddNote", At.Paused)] = OnHold,
        [("AddNote", At.QuotePending)] = OnHold,
        [("AddNote", At.Completed)] = Completed,
        [("AddNote", At.CompletedReached)] = Completed,
        [("AddNote", At.FollowedUp)] = FollowedUp,
        [("AddNote", At.NotReached)] = FollowedUp,
        [("AddNote", At.Rated)] = Rated,
        [("AddNote", At.RatedLow)] = Rated,
        [("AddNote", At.Closed)] = Closed,
        [("AddNote", At.Cancelled)] = Cancelled,
        [("AddNote", At.Reopened)] = Reopened,

        // The butler hears of the repair at any point until it is closed or cancelled.
        [("InformButler", At.Submitted)] = Submitted,
        [("InformButler", At.Accepted)] = Accepted,
        [("InformButler", At.Dispatched)] = Dispatched,
        [("InformButler", At.DispatchedAccepted)] = Dispatched,
        [("InformButler", At.DispatchedOnTheWay)] = Dispatched,
        [("InformButler", At.DispatchedQuoteApproved)] = Dispatched,
        [("InformButler", At.InProgress)] = InProgress,
        [("InformButler", At.Paused)] = OnHold,
        [("InformButler", At.QuotePending)] = OnHold,
        [("InformButler", At.Completed)] = Completed,
        [("InformButler", At.CompletedReached)] = Completed,
        [("InformButler", At.FollowedUp)] = FollowedUp,
        [("InformButler", At.NotReached)] = FollowedUp,
        [("InformButler", At.Rated)] = Rated,
        [("InformButler", At.RatedLow)] = Rated,
        [("InformButler", At.Reopened)] = Reopened,
    };

    /// <summary>Refusals that carry a more specific code than Request.IllegalTransition.</summary>
    private static readonly Dictionary<(string Move, string From), string> SpecificRefusals = new()
    {
        [("CancelByResident", At.Dispatched)] = "Request.CannotCancelAfterDispatch",
        [("CancelByResident", At.DispatchedAccepted)] = "Request.CannotCancelAfterDispatch",
        [("CancelByResident", At.DispatchedOnTheWay)] = "Request.CannotCancelAfterDispatch",
        [("CancelByResident", At.DispatchedQuoteApproved)] = "Request.CannotCancelAfterDispatch",
        [("CancelByResident", At.InProgress)] = "Request.CannotCancelAfterDispatch",
        [("CancelByResident", At.Paused)] = "Request.CannotCancelAfterDispatch",
        [("CancelByResident", At.QuotePending)] = "Request.CannotCancelAfterDispatch",
        [("CancelByResident", At.Reopened)] = "Request.CannotCancelAfterDispatch",

        // The request's status allows the step but its work order is not at the right point.
        [("AcceptWork", At.DispatchedAccepted)] = "WorkOrder.IllegalTransition",
        [("AcceptWork", At.DispatchedOnTheWay)] = "WorkOrder.IllegalTransition",
        [("SetOff", At.Dispatched)] = "WorkOrder.IllegalTransition",
        [("SetOff", At.DispatchedOnTheWay)] = "WorkOrder.IllegalTransition",
        [("SetOff", At.DispatchedQuoteApproved)] = "WorkOrder.IllegalTransition",

        // While the resident decides on a price, nothing moves the job but their answer.
        [("Dispatch", At.QuotePending)] = "Quote.Pending",
        [("Start", At.QuotePending)] = "Quote.Pending",
        [("Resume", At.QuotePending)] = "Quote.Pending",
        [("Quote", At.QuotePending)] = "Quote.Pending",

        // The cost must be accepted before the work starts.
        [("Quote", At.InProgress)] = "Quote.AfterStart",
        [("Quote", At.Paused)] = "Quote.AfterStart",

        // The outcome is written down only while the resident is on the line.
        [("FollowUpResolved", At.Completed)] = "FollowUp.NotReached",
        [("FollowUpNotResolved", At.Completed)] = "FollowUp.NotReached",

        // No rating while the work is open or before the follow-up; a rating is given once.
        [("Rate", At.Submitted)] = "Rating.NotYet",
        [("Rate", At.Accepted)] = "Rating.NotYet",
        [("Rate", At.Dispatched)] = "Rating.NotYet",
        [("Rate", At.DispatchedAccepted)] = "Rating.NotYet",
        [("Rate", At.DispatchedOnTheWay)] = "Rating.NotYet",
        [("Rate", At.DispatchedQuoteApproved)] = "Rating.NotYet",
        [("Rate", At.InProgress)] = "Rating.NotYet",
        [("Rate", At.Paused)] = "Rating.NotYet",
        [("Rate", At.QuotePending)] = "Rating.NotYet",
        [("Rate", At.Completed)] = "Rating.NotYet",
        [("Rate", At.CompletedReached)] = "Rating.NotYet",
        [("Rate", At.Reopened)] = "Rating.NotYet",
        [("Rate", At.Rated)] = "Rating.AlreadyRated",
        [("Rate", At.RatedLow)] = "Rating.AlreadyRated",

        // A recovery exists only after a low rating; it is not a step of the life cycle, so without
        // one the answer is the same in every situation, the final ones included.
        [("ResolveRecovery", At.Submitted)] = "Recovery.NotOpen",
        [("ResolveRecovery", At.Accepted)] = "Recovery.NotOpen",
        [("ResolveRecovery", At.Dispatched)] = "Recovery.NotOpen",
        [("ResolveRecovery", At.DispatchedAccepted)] = "Recovery.NotOpen",
        [("ResolveRecovery", At.DispatchedOnTheWay)] = "Recovery.NotOpen",
        [("ResolveRecovery", At.DispatchedQuoteApproved)] = "Recovery.NotOpen",
        [("ResolveRecovery", At.InProgress)] = "Recovery.NotOpen",
        [("ResolveRecovery", At.Paused)] = "Recovery.NotOpen",
        [("ResolveRecovery", At.QuotePending)] = "Recovery.NotOpen",
        [("ResolveRecovery", At.Completed)] = "Recovery.NotOpen",
        [("ResolveRecovery", At.CompletedReached)] = "Recovery.NotOpen",
        [("ResolveRecovery", At.FollowedUp)] = "Recovery.NotOpen",
        [("ResolveRecovery", At.NotReached)] = "Recovery.NotOpen",
        [("ResolveRecovery", At.Rated)] = "Recovery.NotOpen",
        [("ResolveRecovery", At.Closed)] = "Recovery.NotOpen",
        [("ResolveRecovery", At.Cancelled)] = "Recovery.NotOpen",
        [("ResolveRecovery", At.Reopened)] = "Recovery.NotOpen",
    };

    public static TheoryData<string, string> EverySituationAndMove()
    {
        var data = new TheoryData<string, string>();
        foreach (var situation in Situations.Keys)
        {
            foreach (var move in Moves.Keys)
            {
                data.Add(situation, move);
            }
        }

        return data;
    }

    public static TheoryData<string, string> LegalMoves()
    {
        var data = new TheoryData<string, string>();
        foreach (var ((move, from), _) in Allowed)
        {
            data.Add(from, move);
        }

        return data;
    }

    public static TheoryData<string> AllSituations() => new(Situations.Keys);

    [Theory]
    [MemberData(nameof(EverySituationAndMove))]
    public void A_move_succeeds_exactly_when_the_table_allows_it(string from, string moveName)
    {
        var move = Moves[moveName];
        var situation = Situations[from];
        var request = situation.Build();
        var at = request.LastChangedAt.AddMinutes(10);

        if (Allowed.TryGetValue((moveName, from), out var expected))
        {
            move.Apply(request, move.Actor, at);

            Assert.Equal(expected, request.Status);
        }
        else
        {
            var stampBefore = request.ConcurrencyStamp;
            var entriesBefore = request.Timeline.Count;
            var orderStatusesBefore = request.WorkOrders.Select(o => o.Status).ToList();
            var attemptsBefore = request.FollowUpAttempts.Count;
            var ratingBefore = request.Rating;
            var recoveryBefore = request.Recovery?.Status;

            var ex = Assert.Throws<DomainException>(() => move.Apply(request, move.Actor, at));

            if (SpecificRefusals.TryGetValue((moveName, from), out var code))
            {
                Assert.Equal(code, ex.Code);
                if (code == "WorkOrder.IllegalTransition")
                {
                    Assert.Equal(new object[] { orderStatusesBefore[^1], move.Method }, ex.Args);
                }
            }
            else
            {
                Assert.Equal("Request.IllegalTransition", ex.Code);
                Assert.Equal(new object[] { situation.Status, move.Method }, ex.Args);
            }

            // A refused move leaves no trace, on the request, its work orders, calls, rating or recovery.
            Assert.Equal(situation.Status, request.Status);
            Assert.Equal(stampBefore, request.ConcurrencyStamp);
            Assert.Equal(entriesBefore, request.Timeline.Count);
            Assert.Equal(orderStatusesBefore, request.WorkOrders.Select(o => o.Status));
            Assert.Equal(attemptsBefore, request.FollowUpAttempts.Count);
            Assert.Same(ratingBefore, request.Rating);
            Assert.Equal(recoveryBefore, request.Recovery?.Status);
        }
    }

    [Fact]
    public void The_matrix_covers_every_status_against_every_action()
    {
        Assert.Equal(11, Enum.GetValues<RequestStatus>().Length);
        Assert.All(Enum.GetValues<RequestStatus>(), status => Assert.Contains(Situations.Values, s => s.Status == status));
        Assert.Equal(23, Moves.Count);
        Assert.Equal(Situations.Count * Moves.Count, EverySituationAndMove().Count);
        Assert.All(Allowed.Keys, key => Assert.Contains(key.Move, Moves.Keys));
        Assert.All(Allowed.Keys, key => Assert.Contains(key.From, Situations.Keys));
        Assert.All(SpecificRefusals.Keys, key => Assert.DoesNotContain(key, Allowed.Keys));
    }

    [Theory]
    [MemberData(nameof(AllSituations))]
    public void The_builder_reaches_every_situation_along_the_legal_path(string name)
    {
        var situation = Situations[name];

        var request = situation.Build();

        Assert.Equal(situation.Status, request.Status);
        Assert.Equal(situation.Status, request.Timeline[^1].To);
        Assert.Equal(TimelineEvent.Submitted, request.Timeline[0].Event);
        AssertWorkOrdersAreConsistent(request);
    }

    [Fact]
    public void The_builder_reaches_on_hold_both_by_pausing_and_by_quoting()
    {
        var paused = Situations[At.Paused].Build();
        var quoted = Situations[At.QuotePending].Build();

        Assert.Equal(TimelineEvent.PutOnHold, paused.Timeline[^1].Event);
        Assert.Equal(HoldReason.AwaitingParts, paused.HoldReason);
        Assert.Equal(WorkOrderStatus.Paused, paused.ActiveWorkOrder!.Status);
        Assert.Equal(TimelineEvent.Quoted, quoted.Timeline[^1].Event);
        Assert.Equal(HoldReason.AwaitingResidentApproval, quoted.HoldReason);
        Assert.True(quoted.ActiveWorkOrder!.Quote!.IsPending);
    }

    [Fact]
    public void The_builder_reaches_the_follow_up_situations_the_way_the_desk_does()
    {
        var reached = Situations[At.CompletedReached].Build();
        var notReached = Situations[At.NotReached].Build();
        var followedUp = Situations[At.FollowedUp].Build();
        var ratedLow = Situations[At.RatedLow].Build();

        Assert.Equal(CallResult.Reached, Assert.Single(reached.FollowUpAttempts).Result);
        Assert.Equal(TimelineEvent.CallAttempted, reached.Timeline[^1].Event);
        Assert.Equal(FollowUpOutcome.NotReached, notReached.FollowUpOutcome);
        Assert.Equal(3, notReached.FailedAttempts);
        Assert.NotNull(notReached.RatingOpenUntil);
        Assert.Equal(FollowUpOutcome.Resolved, followedUp.FollowUpOutcome);
        Assert.Equal(CallResult.Reached, followedUp.FollowUpAttempts[^1].Result);
        Assert.Equal(TimelineEvent.RecoveryOpened, ratedLow.Timeline[^1].Event);
        Assert.Equal(RecoveryStatus.Open, ratedLow.Recovery!.Status);
    }

    [Fact]
    public void Closed_and_cancelled_are_final_for_every_status_changing_action()
    {
        // A note and a service recovery never move the request; both are welcome on a closed record.
        foreach (var final in new[] { At.Closed, At.Cancelled })
        {
            foreach (var (name, move) in Moves.Where(m => m.Key is not ("AddNote" or "ResolveRecovery")))
            {
                var request = Situations[final].Build();
                var status = request.Status;
                var ex = Assert.Throws<DomainException>(() => move.Apply(request, move.Actor, request.LastChangedAt.AddHours(1)));
                Assert.Equal(status, request.Status);
                Assert.True(ex.Code == "Request.IllegalTransition", $"{name} from {final} gave {ex.Code}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(LegalMoves))]
    public void Every_move_appends_exactly_one_timeline_entry_and_renews_the_stamp(string from, string moveName)
    {
        var move = Moves[moveName];
        var situation = Situations[from];
        var request = situation.Build();
        var entriesBefore = request.Timeline.Count;
        var stampBefore = request.ConcurrencyStamp;
        var at = request.LastChangedAt.AddMinutes(17);

        move.Apply(request, move.Actor, at);

        Assert.Equal(entriesBefore + 1, request.Timeline.Count);
        var entry = request.Timeline[^1];
        var isReassignment = moveName == "Dispatch" && situation.Status is Dispatched or OnHold;
        Assert.Equal(isReassignment ? TimelineEvent.Reassigned : move.Event, entry.Event);
        Assert.Equal(situation.Status, entry.From);
        Assert.Equal(Allowed[(moveName, from)], entry.To);
        Assert.Equal(request.Status, entry.To);
        Assert.Equal(at, entry.At);
        Assert.Equal(move.Actor.UserId, entry.ActorId);
        Assert.Equal(move.Actor.DisplayName, entry.ActorName);
        Assert.Equal(move.Actor.Role, entry.ActorRole);
        Assert.Equal(at, request.LastChangedAt);
        Assert.NotEqual(stampBefore, request.ConcurrencyStamp);
        Assert.NotEqual(Guid.Empty, request.ConcurrencyStamp);
        AssertWorkOrdersAreConsistent(request);
    }

    /// <summary>
    /// The invariants between a request and its work orders: one active order exactly while someone is
    /// on the job, sequences 1, 2, …, the assignee is the active order's, and a hold knows where it returns.
    /// </summary>
    private static void AssertWorkOrdersAreConsistent(ServiceRequest request)
    {
        var active = request.WorkOrders.Where(o => o.IsActive).ToList();
        if (request.Status is Dispatched or InProgress or OnHold)
        {
            var order = Assert.Single(active);
            Assert.Same(order, request.ActiveWorkOrder);
            Assert.Equal(order.AssigneeName, request.AssigneeName);
            Assert.Equal(order.TechnicianId, request.AssigneeId);
            Assert.Equal(
                request.Status == InProgress,
                order.Status == WorkOrderStatus.InProgress);
        }
        else
        {
            Assert.Empty(active);
            Assert.Null(request.ActiveWorkOrder);
        }

        Assert.Equal(Enumerable.Range(1, request.WorkOrders.Count), request.WorkOrders.Select(o => o.Sequence));
        Assert.Equal(request.Status == OnHold, request.HoldReason is not null);
        Assert.Equal(request.Status == OnHold, request.StatusBeforeHold is not null);
    }
}
