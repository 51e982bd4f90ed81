using Portal.Domain.Common;
using Portal.Domain.Requests;

namespace Portal.Tests.Domain;

/// <summary>
/// Builds a valid repair request and walks it along the legal path to any status, so a test states
/// only what matters to it: <c>new ServiceRequestBuilder().InStatus(RequestStatus.OnHold).Build()</c>.
/// The work order goes to <see cref="Actors.Technician"/> unless <see cref="DispatchedTo"/> says
/// otherwise; whoever the order goes to, <see cref="Actors.Technician"/> does the technician's steps
/// (for a team he takes the order over).
/// </summary>
public sealed class ServiceRequestBuilder
{
    /// <summary>09:00 in Shanghai; each step of the walk happens five minutes after the previous one.</summary>
    public static readonly DateTimeOffset DefaultFiledAt = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

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

    /// <summary>Outcome used when the walk passes through FollowedUp (must not be NotResolved).</summary>
    public ServiceRequestBuilder WithFollowUpOutcome(FollowUpOutcome outcome)
    {
        _followUpOutcome = outcome;
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

        var clock = _filedAt;
        WalkTo(request, _status, () => clock = clock.AddMinutes(5));
        return request;
    }

    // Each status is reached from its usual predecessor by the usual actor.
    private void WalkTo(ServiceRequest request, RequestStatus target, Func<DateTimeOffset> next)
    {
        switch (target)
        {
            case RequestStatus.Submitted:
                return;
            case RequestStatus.Accepted:
                WalkTo(request, RequestStatus.Submitted, next);
                request.Accept(Actors.Desk, next(), _priority, note: null);
                break;
            case RequestStatus.Dispatched:
                WalkTo(request, RequestStatus.Accepted, next);
                request.Dispatch(Actors.Desk, next(), _assignee, note: null);
                if (_orderStatus is WorkOrderStatus.Accepted or WorkOrderStatus.OnTheWay)
                {
                    request.AcceptWork(Actors.Technician, next());
                }

                if (_orderStatus == WorkOrderStatus.OnTheWay)
                {
                    request.SetOff(Actors.Technician, next());
                }

                if (_approvedQuote)
                {
                    request.Quote(Actors.Technician, next(), QuoteAmount, QuoteDescription);
                    request.ApproveQuote(_resident, next());
                }

                break;
            case RequestStatus.InProgress:
                WalkTo(request, RequestStatus.Dispatched, next);
                request.Start(Actors.Technician, next());
                break;
            case RequestStatus.OnHold when _holdReason == HoldReason.AwaitingResidentApproval:
                WalkTo(request, RequestStatus.Dispatched, next);
                request.Quote(Actors.Technician, next(), QuoteAmount, QuoteDescription);
                break;
            case RequestStatus.OnHold:
                WalkTo(request, RequestStatus.InProgress, next);
                request.PutOnHold(_holdReason, Actors.Technician, next(), note: null);
                break;
            case RequestStatus.Completed:
                WalkTo(request, RequestStatus.InProgress, next);
                request.Complete(Actors.Technician, next(), Report());
                break;
            case RequestStatus.FollowedUp:
                WalkTo(request, RequestStatus.Completed, next);
                request.RecordFollowUp(_followUpOutcome, Actors.Desk, next(), "No more dripping");
                break;
            case RequestStatus.Rated:
                WalkTo(request, RequestStatus.FollowedUp, next);
                request.Rate(_resident, next());
                break;
            case RequestStatus.Closed:
                WalkTo(request, RequestStatus.Rated, next);
                request.Close(Actors.Desk, next(), note: null);
                break;
            case RequestStatus.Cancelled:
                WalkTo(request, RequestStatus.Submitted, next);
                request.Cancel(_resident, next(), "Fixed it myself");
                break;
            case RequestStatus.Reopened:
                WalkTo(request, RequestStatus.Completed, next);
                request.RecordFollowUp(FollowUpOutcome.NotResolved, Actors.Desk, next(), "Still dripping");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(target), target, "No path to this status.");
        }
    }
}
