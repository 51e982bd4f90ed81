using Portal.Domain.Common;
using Portal.Domain.FollowUps;
using Portal.Domain.Ratings;
using Portal.Domain.Requests;

namespace Portal.Tests.Domain;

/// <summary>
/// Builds a valid repair request and walks it along the legal path to any status, so a test states
/// only what matters to it: <c>new ServiceRequestBuilder().InStatus(RequestStatus.OnHold).Build()</c>.
/// The work order goes to <see cref="Actors.Technician"/> unless <see cref="DispatchedTo"/> says
/// otherwise; whoever the order goes to, <see cref="Actors.Technician"/> does the technician's steps
/// (for a team he takes the order over). Follow-up calls follow <see cref="Policy"/> (Shanghai,
/// the defaults) and wait for the calling hours when the walk reaches them at night.
/// </summary>
public sealed class ServiceRequestBuilder
{
    /// <summary>09:00 in Shanghai; each step of the walk happens five minutes after the previous one.</summary>
    public static readonly DateTimeOffset DefaultFiledAt = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The estate's follow-up rules in the walk: 09:00–21:00 Shanghai, 48 h, 3 failed calls, 7 days to rate.</summary>
    public static readonly FollowUpPolicy Policy = FollowUpPolicy.Default(Shanghai);

    /// <summary>The rating the walk gives on its way to Rated unless <see cref="RatedWith"/> says otherwise.</summary>
    public static readonly RatingScores GoodRating = new(5, 5, 4, 5, "Quick and tidy");

    private RequestStatus _status = RequestStatus.Submitted;
    private Actor _resident = Actors.Resident;
    private Actor? _filedBy;
    private Channel _channel = Channel.Portal;
    private Location _location = Location.InUnit(estateId: 1, buildingId: 3, unitId: 1304);
    private string _description = "Kitchen tap leaks under the sink";
    private TimeWindow? _preferredWindow;
    private string _contactName = "Wang Fang";
    private string _contactPhone = "138 1234 5678";
    private int _photoCount = 1;
    private Priority _priority = Priority.Normal;
    private HoldReason _holdReason = HoldReason.AwaitingParts;
    private FollowUpOutcome _followUpOutcome = FollowUpOutcome.Resolved;
    private DateTimeOffset _filedAt = DefaultFiledAt;
    private Assignee _assignee = Actors.TechnicianAssignee;
    private WorkOrderStatus _orderStatus = WorkOrderStatus.Assigned;
    private bool _approvedQuote;
    private bool _reachedOnThePhone;
    private RatingScores _rating = GoodRating;

    public const decimal QuoteAmount = 120m;
    public const string QuoteDescription = "Replace the mixer tap cartridge";

    public ServiceRequestBuilder InStatus(RequestStatus status)
    {
        _status = status;
        return this;
    }

    /// <summary>The resident the request is for; they also file it unless <see cref="FiledBy"/> says otherwise.</summary>
    public ServiceRequestBuilder ForResident(Actor resident)
    {
        _resident = resident;
        return this;
    }

    public ServiceRequestBuilder FiledBy(Actor actor, Channel channel)
    {
        _filedBy = actor;
        _channel = channel;
        return this;
    }

    public ServiceRequestBuilder At(Location location)
    {
        _location = location;
        return this;
    }

    public ServiceRequestBuilder WithDescription(string description)
    {
        _description = description;
        return this;
    }

    public ServiceRequestBuilder WithPreferredWindow(TimeWindow? window)
    {
        _preferredWindow = window;
        return this;
    }

    public ServiceRequestBuilder WithContact(string name, string phone)
    {
        _contactName = name;
        _contactPhone = phone;
        return this;
    }

    public ServiceRequestBuilder WithPhotos(int count)
    {
        _photoCount = count;
        return this;
    }

    /// <summary>Priority the desk gives when accepting.</summary>
    public ServiceRequestBuilder WithPriority(Priority priority)
    {
        _priority = priority;
        return this;
    }

    /// <summary>
    /// Reason used when the walk passes through OnHold. AwaitingResidentApproval reaches OnHold the
    /// only way it can: the technician quotes paid work before starting, and it stays pending.
    /// </summary>
    public ServiceRequestBuilder OnHoldBecause(HoldReason reason)
    {
        _holdReason = reason;
        return this;
    }

    /// <summary>
    /// Outcome used when the walk passes through FollowedUp (must not be NotResolved). NotReached is
    /// reached the only way it can: <see cref="FollowUpPolicy.MaxFailedAttempts"/> unanswered calls.
    /// </summary>
    public ServiceRequestBuilder WithFollowUpOutcome(FollowUpOutcome outcome)
    {
        _followUpOutcome = outcome;
        return this;
    }

    /// <summary>Completed, and the desk has the resident on the line: a reached call is logged, nothing recorded yet.</summary>
    public ServiceRequestBuilder ReachedOnThePhone()
    {
        _reachedOnThePhone = true;
        return this;
    }

    /// <summary>The rating given when the walk passes through Rated, by the resident.</summary>
    public ServiceRequestBuilder RatedWith(RatingScores scores)
    {
        _rating = scores;
        return this;
    }

    public ServiceRequestBuilder FiledAt(DateTimeOffset at)
    {
        _filedAt = at;
        return this;
    }

    /// <summary>Who the desk sends the work order to.</summary>
    public ServiceRequestBuilder DispatchedTo(Assignee assignee)
    {
        _assignee = assignee;
        return this;
    }

    /// <summary>
    /// How far the technician gets while the request is Dispatched: Assigned (default), Accepted or
    /// OnTheWay. Later statuses start from there.
    /// </summary>
    public ServiceRequestBuilder WithWorkOrderAt(WorkOrderStatus status)
    {
        if (status is not (WorkOrderStatus.Assigned or WorkOrderStatus.Accepted or WorkOrderStatus.OnTheWay))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Only the steps before the start.");
        }

        _orderStatus = status;
        return this;
    }

    /// <summary>Paid work: once dispatched the technician quotes and the resident approves.</summary>
    public ServiceRequestBuilder WithApprovedQuote()
    {
        _approvedQuote = true;
        return this;
    }

    /// <summary>A valid completion report with one material line and no photos.</summary>
    public static CompletionReport Report(string notes = "Replaced the washer", int minutes = 45) =>
        new(notes, minutes, [new MaterialLine("Washer 16 mm", 1, "pc")]);

    public static RequestPhoto Photo(int index = 0, PhotoStage stage = PhotoStage.Before) =>
        new(
            Guid.NewGuid(),
            storageKey: $"photos/2026/11/{index}.jpg",
            thumbnailKey: $"photos/2026/11/{index}.thumb.jpg",
            contentType: "image/jpeg",
            length: 120_000,
            width: 1280,
            height: 960,
            stage,
            DefaultFiledAt,
            Actors.Resident.UserId);

    public ServiceRequest Build()
    {
        var request = ServiceRequest.FileRepair(
            RequestNumber.Create(RequestType.Repair, DateOnly.FromDateTime(_filedAt.DateTime), 42),
            _resident.UserId,
            RepairCategory.Plumbing,
            _location,
            _description,
            _preferredWindow,
            _contactName,
            _contactPhone,
            _channel,
            Enumerable.Range(0, _photoCount).Select(i => Photo(i)).ToList(),
            _filedBy ?? _resident,
            _filedAt);

        WalkTo(request, _status, new Clock(_filedAt));
        if (_reachedOnThePhone)
        {
            if (_status != RequestStatus.Completed)
            {
                throw new InvalidOperationException("The resident is on the phone only while the request is Completed.");
            }

            var clock = new Clock(request.LastChangedAt);
            request.LogCallAttempt(Actors.Desk, clock.NextCall(), CallResult.Reached, Policy);
        }

        return request;
    }

    /// <summary>Each step five minutes after the previous one; a call waits for the calling hours.</summary>
    private sealed class Clock(DateTimeOffset start)
    {
        private DateTimeOffset _now = start;

        public DateTimeOffset Next() => _now = _now.AddMinutes(5);

        public DateTimeOffset NextCall() => _now = Policy.CallingHours.NextAllowed(_now.AddMinutes(5), Policy.Zone);
    }

    // Each status is reached from its usual predecessor by the usual actor.
    private void WalkTo(ServiceRequest request, RequestStatus target, Clock clock)
    {
        switch (target)
        {
            case RequestStatus.Submitted:
                return;
            case RequestStatus.Accepted:
                WalkTo(request, RequestStatus.Submitted, clock);
                request.Accept(Actors.Desk, clock.Next(), _priority, note: null);
                break;
            case RequestStatus.Dispatched:
                WalkTo(request, RequestStatus.Accepted, clock);
                request.Dispatch(Actors.Desk, clock.Next(), _assignee, note: null);
                if (_orderStatus is WorkOrderStatus.Accepted or WorkOrderStatus.OnTheWay)
                {
                    request.AcceptWork(Actors.Technician, clock.Next());
                }

                if (_orderStatus == WorkOrderStatus.OnTheWay)
                {
                    request.SetOff(Actors.Technician, clock.Next());
                }

                if (_approvedQuote)
                {
                    request.Quote(Actors.Technician, clock.Next(), QuoteAmount, QuoteDescription);
                    request.ApproveQuote(_resident, clock.Next());
                }

                break;
            case RequestStatus.InProgress:
                WalkTo(request, RequestStatus.Dispatched, clock);
                request.Start(Actors.Technician, clock.Next());
                break;
            case RequestStatus.OnHold when _holdReason == HoldReason.AwaitingResidentApproval:
                WalkTo(request, RequestStatus.Dispatched, clock);
                request.Quote(Actors.Technician, clock.Next(), QuoteAmount, QuoteDescription);
                break;
            case RequestStatus.OnHold:
                WalkTo(request, RequestStatus.InProgress, clock);
                request.PutOnHold(_holdReason, Actors.Technician, clock.Next(), note: null);
                break;
            case RequestStatus.Completed:
                WalkTo(request, RequestStatus.InProgress, clock);
                request.Complete(Actors.Technician, clock.Next(), Report());
                break;
            case RequestStatus.FollowedUp when _followUpOutcome == FollowUpOutcome.NotReached:
                WalkTo(request, RequestStatus.Completed, clock);
                for (var i = 0; i < Policy.MaxFailedAttempts; i++)
                {
                    request.LogCallAttempt(Actors.Desk, clock.NextCall(), CallResult.NoAnswer, Policy);
                }

                break;
            case RequestStatus.FollowedUp:
                WalkTo(request, RequestStatus.Completed, clock);
                var call = clock.NextCall();
                request.LogCallAttempt(Actors.Desk, call, CallResult.Reached, Policy);
                request.RecordFollowUp(_followUpOutcome, Actors.Desk, call, "No more dripping", Policy);
                break;
            case RequestStatus.Rated:
                WalkTo(request, RequestStatus.FollowedUp, clock);
                request.Rate(_resident, clock.Next(), _rating);
                break;
            case RequestStatus.Closed:
                WalkTo(request, RequestStatus.Rated, clock);
                request.Close(Actors.Desk, clock.Next(), note: null);
                break;
            case RequestStatus.Cancelled:
                WalkTo(request, RequestStatus.Submitted, clock);
                request.Cancel(_resident, clock.Next(), "Fixed it myself");
                break;
            case RequestStatus.Reopened:
                WalkTo(request, RequestStatus.Completed, clock);
                var reached = clock.NextCall();
                request.LogCallAttempt(Actors.Desk, reached, CallResult.Reached, Policy);
                request.RecordFollowUp(FollowUpOutcome.NotResolved, Actors.Desk, reached, "Still dripping", Policy);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(target), target, "No path to this status.");
        }
    }
}
