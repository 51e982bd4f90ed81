using Portal.Domain.Common;
using Portal.Domain.Requests;
using static Portal.Domain.Requests.RequestStatus;

namespace Portal.Tests.Domain;

/// <summary>
/// The life cycle as a table: every action tried from every status. The expected table is written
/// out here on purpose rather than derived from the aggregate, so a change to the rules shows up as
/// a failing case that names the pair.
/// </summary>
public sealed class ServiceRequestTransitionTests
{
    /// <summary>One action as its usual actor performs it, with valid arguments.</summary>
    private sealed record Move(string Method, Actor Actor, TimelineEvent Event, Action<ServiceRequest, Actor, DateTimeOffset> Apply);

    private static readonly Dictionary<string, Move> Moves = new()
    {
        ["Accept"] = new(nameof(ServiceRequest.Accept), Actors.Desk, TimelineEvent.Accepted,
            (r, by, at) => r.Accept(by, at, Priority.High, "Read back and confirmed")),
        ["Dispatch"] = new(nameof(ServiceRequest.Dispatch), Actors.Desk, TimelineEvent.Dispatched,
            (r, by, at) => r.Dispatch(by, at, "Sun Qiang", note: null)),
        ["Start"] = new(nameof(ServiceRequest.Start), Actors.Technician, TimelineEvent.Started,
            (r, by, at) => r.Start(by, at)),
        ["PutOnHold"] = new(nameof(ServiceRequest.PutOnHold), Actors.Technician, TimelineEvent.PutOnHold,
            (r, by, at) => r.PutOnHold(HoldReason.AwaitingParts, by, at, "Cartridge ordered")),
        ["Resume"] = new(nameof(ServiceRequest.Resume), Actors.Technician, TimelineEvent.Resumed,
            (r, by, at) => r.Resume(by, at)),
        ["Complete"] = new(nameof(ServiceRequest.Complete), Actors.Technician, TimelineEvent.Completed,
            (r, by, at) => r.Complete(by, at, "Replaced the cartridge")),
        ["ReturnToDesk"] = new(nameof(ServiceRequest.ReturnToDesk), Actors.Technician, TimelineEvent.ReturnedToDesk,
            (r, by, at) => r.ReturnToDesk(by, at, "Needs a licensed gas fitter")),
        ["FollowUpResolved"] = new(nameof(ServiceRequest.RecordFollowUp), Actors.Desk, TimelineEvent.FollowedUp,
            (r, by, at) => r.RecordFollowUp(FollowUpOutcome.Resolved, by, at, "Works fine now")),
        ["FollowUpNotResolved"] = new(nameof(ServiceRequest.RecordFollowUp), Actors.Desk, TimelineEvent.FollowedUp,
            (r, by, at) => r.RecordFollowUp(FollowUpOutcome.NotResolved, by, at, "Still leaking")),
        ["Rate"] = new(nameof(ServiceRequest.Rate), Actors.Resident, TimelineEvent.Rated,
            (r, by, at) => r.Rate(by, at)),
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
    };

    /// <summary>(move, from) → status after the move. Every pair not listed must be refused.</summary>
    private static readonly Dictionary<(string Move, RequestStatus From), RequestStatus> Allowed = new()
    {
        [("Accept", Submitted)] = Accepted,

        [("Dispatch", Accepted)] = Dispatched,
        [("Dispatch", Reopened)] = Dispatched,
        [("Dispatch", Dispatched)] = Dispatched, // reassignment
        [("Dispatch", OnHold)] = OnHold,         // reassignment

        [("Start", Dispatched)] = InProgress,
        [("PutOnHold", InProgress)] = OnHold,
        [("Resume", OnHold)] = InProgress,
        [("Complete", InProgress)] = Completed,

        [("ReturnToDesk", Dispatched)] = Accepted,
        [("ReturnToDesk", InProgress)] = Accepted,
        [("ReturnToDesk", OnHold)] = Accepted,

        [("FollowUpResolved", Completed)] = FollowedUp,
        [("FollowUpNotResolved", Completed)] = Reopened,

        [("Rate", FollowedUp)] = Rated,

        [("Close", FollowedUp)] = Closed,
        [("Close", Rated)] = Closed,

        [("CancelByStaff", Submitted)] = Cancelled,
        [("CancelByStaff", Accepted)] = Cancelled,
        [("CancelByStaff", Dispatched)] = Cancelled,
        [("CancelByStaff", OnHold)] = Cancelled,
        [("CancelByStaff", Reopened)] = Cancelled,

        [("CancelByResident", Submitted)] = Cancelled,
        [("CancelByResident", Accepted)] = Cancelled,

        [("Reopen", Completed)] = Reopened,
        [("Reopen", FollowedUp)] = Reopened,
        [("Reopen", Rated)] = Reopened,

        // A note never moves the request and is welcome in every status, even final ones.
        [("AddNote", Submitted)] = Submitted,
        [("AddNote", Accepted)] = Accepted,
        [("AddNote", Dispatched)] = Dispatched,
        [("AddNote", InProgress)] = InProgress,
        [("AddNote", OnHold)] = OnHold,
        [("AddNote", Completed)] = Completed,
        [("AddNote", FollowedUp)] = FollowedUp,
        [("AddNote", Rated)] = Rated,
        [("AddNote", Closed)] = Closed,
        [("AddNote", Cancelled)] = Cancelled,
        [("AddNote", Reopened)] = Reopened,
    };

    /// <summary>Refusals that carry a more specific code than Request.IllegalTransition.</summary>
    private static readonly Dictionary<(string Move, RequestStatus From), string> SpecificRefusals = new()
    {
        [("CancelByResident", Dispatched)] = "Request.CannotCancelAfterDispatch",
        [("CancelByResident", InProgress)] = "Request.CannotCancelAfterDispatch",
        [("CancelByResident", OnHold)] = "Request.CannotCancelAfterDispatch",
        [("CancelByResident", Reopened)] = "Request.CannotCancelAfterDispatch",
    };

    public static TheoryData<RequestStatus, string> EveryStatusAndMove()
    {
        var data = new TheoryData<RequestStatus, string>();
        foreach (var status in Enum.GetValues<RequestStatus>())
        {
            foreach (var move in Moves.Keys)
            {
                data.Add(status, move);
            }
        }

        return data;
    }

    public static TheoryData<RequestStatus, string> LegalMoves()
    {
        var data = new TheoryData<RequestStatus, string>();
        foreach (var ((move, from), _) in Allowed)
        {
            data.Add(from, move);
        }

        return data;
    }

    public static TheoryData<RequestStatus> AllStatuses() => new(Enum.GetValues<RequestStatus>());

    [Theory]
    [MemberData(nameof(EveryStatusAndMove))]
    public void A_move_succeeds_exactly_when_the_table_allows_it(RequestStatus from, string moveName)
    {
        var move = Moves[moveName];
        var request = new ServiceRequestBuilder().InStatus(from).Build();
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

            var ex = Assert.Throws<DomainException>(() => move.Apply(request, move.Actor, at));

            if (SpecificRefusals.TryGetValue((moveName, from), out var code))
            {
                Assert.Equal(code, ex.Code);
            }
            else
            {
                Assert.Equal("Request.IllegalTransition", ex.Code);
                Assert.Equal(new object[] { from, move.Method }, ex.Args);
            }

            // A refused move leaves no trace.
            Assert.Equal(from, request.Status);
            Assert.Equal(stampBefore, request.ConcurrencyStamp);
            Assert.Equal(entriesBefore, request.Timeline.Count);
        }
    }

    [Fact]
    public void The_matrix_covers_every_status_against_every_action()
    {
        Assert.Equal(11, Enum.GetValues<RequestStatus>().Length);
        Assert.Equal(11 * Moves.Count, EveryStatusAndMove().Count);
        Assert.All(Allowed.Keys, key => Assert.Contains(key.Move, Moves.Keys));
    }

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void The_builder_reaches_every_status_along_the_legal_path(RequestStatus status)
    {
        var request = new ServiceRequestBuilder().InStatus(status).Build();

        Assert.Equal(status, request.Status);
        Assert.Equal(status, request.Timeline[^1].To);
        Assert.Equal(TimelineEvent.Submitted, request.Timeline[0].Event);
    }

    [Fact]
    public void Closed_and_cancelled_are_final_for_every_status_changing_action()
    {
        foreach (var final in new[] { Closed, Cancelled })
        {
            foreach (var (name, move) in Moves.Where(m => m.Key != "AddNote"))
            {
                var request = new ServiceRequestBuilder().InStatus(final).Build();
                var ex = Assert.Throws<DomainException>(() => move.Apply(request, move.Actor, request.LastChangedAt.AddHours(1)));
                Assert.Equal(final, request.Status);
                Assert.True(ex.Code == "Request.IllegalTransition", $"{name} from {final} gave {ex.Code}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(LegalMoves))]
    public void Every_move_appends_exactly_one_timeline_entry_and_renews_the_stamp(RequestStatus from, string moveName)
    {
        var move = Moves[moveName];
        var request = new ServiceRequestBuilder().InStatus(from).Build();
        var entriesBefore = request.Timeline.Count;
        var stampBefore = request.ConcurrencyStamp;
        var at = request.LastChangedAt.AddMinutes(17);

        move.Apply(request, move.Actor, at);

        Assert.Equal(entriesBefore + 1, request.Timeline.Count);
        var entry = request.Timeline[^1];
        var isReassignment = moveName == "Dispatch" && from is Dispatched or OnHold;
        Assert.Equal(isReassignment ? TimelineEvent.Reassigned : move.Event, entry.Event);
        Assert.Equal(from, entry.From);
        Assert.Equal(Allowed[(moveName, from)], entry.To);
        Assert.Equal(request.Status, entry.To);
        Assert.Equal(at, entry.At);
        Assert.Equal(move.Actor.UserId, entry.ActorId);
        Assert.Equal(move.Actor.DisplayName, entry.ActorName);
        Assert.Equal(move.Actor.Role, entry.ActorRole);
        Assert.Equal(at, request.LastChangedAt);
        Assert.NotEqual(stampBefore, request.ConcurrencyStamp);
        Assert.NotEqual(Guid.Empty, request.ConcurrencyStamp);
    }
}
