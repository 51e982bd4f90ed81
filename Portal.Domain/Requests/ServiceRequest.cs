using System.Globalization;
using Portal.Domain.Common;
using Portal.Domain.Deadlines;
using Portal.Domain.FollowUps;
using Portal.Domain.Ratings;

namespace Portal.Domain.Requests;

/// <summary>
/// One item in the service desk's register (服务请求; a repair is a 报修单). The aggregate root:
/// its state changes only through the methods below, each of which checks who is acting and the
/// current status, throws <see cref="DomainException"/> on an illegal move, and appends one
/// <see cref="TimelineEntry"/> — two when a step sets off a second one by itself (the failed call
/// that ends the calling, the low rating that opens a service recovery).
/// </summary>
/// <remarks>
/// Life cycle: Submitted → Accepted → Dispatched → InProgress (⇄ OnHold) → Completed → FollowedUp
/// → Rated → Closed, with rework (Reopened → Dispatched), return to the desk, and cancellation.
/// Paid work detours through OnHold while the resident decides on the quote, before work starts.
/// Each dispatch opens a <see cref="WorkOrder"/> (工作维修单); at most one is active at a time, and it
/// exists exactly while the request is Dispatched, InProgress or OnHold. The technician's steps
/// (accept, on my way, start, pause, complete) move that order and are recorded here.
/// The timestamps hold the latest time the request reached each step; a step that is undone
/// (returned to the desk, reopened) clears the timestamps it invalidates, so that e.g.
/// <see cref="CompletedAt"/> is set exactly when the work currently stands completed. The full
/// history is always in <see cref="Timeline"/>.
/// Which kind of staff may do what (the desk dispatches and follows up) is mostly the use cases'
/// concern; the aggregate separates residents, staff and the system, and keeps a technician to his
/// own work orders: one technician cannot accept, start, price or complete another's job, while the
/// desk may record a start or a completion on the technician's behalf.
/// After completion the desk phones the resident (回访) within the estate's calling hours; each call
/// is a <see cref="FollowUpAttempt"/>. A reached call records the outcome; too many failed calls
/// count the resident as not reached, and the rating invitation goes to the portal instead. The
/// rating (<see cref="Ratings.Rating"/>) comes only after a follow-up that did not find the problem
/// open, once, within the rating window; a low one opens a <see cref="ServiceRecovery"/> for the
/// supervisor. The estate's rules come in as a <see cref="FollowUpPolicy"/>; the aggregate never
/// reads a clock.
/// </remarks>
public sealed class ServiceRequest
{
    public const int MaxPhotos = 5;
    public const int MaxDescriptionLength = 1000;
    public const int MaxContactNameLength = 50;
    public const int MaxAssigneeNameLength = Assignee.MaxNameLength;
    public const int MaxButlerNameLength = 100;

    /// <summary>Limit for notes, reasons (including <see cref="CancellationReason"/>) and the resident's words on the follow-up.</summary>
    public const int MaxNoteLength = 500;

    private readonly List<TimelineEntry> _timeline = [];
    private readonly List<RequestPhoto> _photos = [];
    private readonly List<WorkOrder> _workOrders = [];
    private readonly List<FollowUpAttempt> _followUpAttempts = [];

    // For EF Core, which sets every column; FileRepair is the only way to create one in code.
    private ServiceRequest()
    {
        Number = ResidentId = ContactName = ContactPhone = Description = null!;
        Location = null!;
    }

    public int Id { get; private set; }

    /// <summary>e.g. "R261123-0042"; see <see cref="RequestNumber"/>.</summary>
    public string Number { get; private set; }

    public RequestType Type { get; private set; }

    /// <summary>Set for repairs only.</summary>
    public RepairCategory? Category { get; private set; }

    /// <summary>Set for complaints only.</summary>
    public ComplaintKind? ComplaintKind { get; private set; }

    /// <summary>
    /// The reply given for a complaint, suggestion, inquiry or praise: the butler's answer to the desk
    /// for a complaint, the desk's answer otherwise. Null for repairs, whose result is the work order.
    /// </summary>
    public string? Answer { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>Answered and closed at the first contact (及时封闭): counts as first-contact resolution.</summary>
    public bool ClosedOnTheSpot { get; private set; }

    /// <summary>For a complaint about an earlier request (a late repair): that request's id.</summary>
    public int? AboutRequestId { get; private set; }

    /// <summary>For a repair the butler opened while handling a complaint: the complaint's id.</summary>
    public int? RaisedFromId { get; private set; }

    /// <summary>
    /// When the first response is due: the desk's registration, or for a complaint the butler's answer
    /// to the desk (4 hours by default). Moves later while the clock is paused.
    /// </summary>
    public DateTimeOffset RespondBy { get; private set; }

    /// <summary>When that first response was given; null while it is still owed.</summary>
    public DateTimeOffset? RespondedAt { get; private set; }

    /// <summary>Start of the current resolution window: filing, or the return for rework.</summary>
    public DateTimeOffset ClockStartedAt { get; private set; }

    /// <summary>Set while the ball is with the resident (no access, awaiting their approval): the deadlines stand still.</summary>
    public DateTimeOffset? ClockPausedSince { get; private set; }

    /// <summary>When the deadline warning (投诉预警) went out for the current window; null if none yet.</summary>
    public DateTimeOffset? WarnedAt { get; private set; }

    /// <summary>Who the item has been escalated to; <see cref="EscalationLevel.None"/> until a deadline is missed or staff escalate by hand.</summary>
    public EscalationLevel Escalation { get; private set; }

    public DateTimeOffset? EscalatedAt { get; private set; }

    public Channel Channel { get; private set; }

    public Priority Priority { get; private set; }

    public RequestStatus Status { get; private set; }

    /// <summary>User id of the resident the request is for (who may see, cancel and rate it).</summary>
    public string ResidentId { get; private set; }

    public string ContactName { get; private set; }

    public string ContactPhone { get; private set; }

    public Location Location { get; private set; }

    public string Description { get; private set; }

    public TimeWindow? PreferredWindow { get; private set; }

    /// <summary>Set while <see cref="RequestStatus.OnHold"/>.</summary>
    public HoldReason? HoldReason { get; private set; }

    /// <summary>
    /// Set while <see cref="RequestStatus.OnHold"/>: where the request goes when the hold is lifted —
    /// InProgress after a pause, Dispatched after a quote (the work has not started yet).
    /// </summary>
    public RequestStatus? StatusBeforeHold { get; private set; }

    /// <summary>Outcome of the latest follow-up call.</summary>
    public FollowUpOutcome? FollowUpOutcome { get; private set; }

    /// <summary>
    /// Who the work order is with (technician or team name); null until dispatched and after a return
    /// to the desk. After completion it names who did the work.
    /// </summary>
    public string? AssigneeName { get; private set; }

    /// <summary>
    /// User id of the technician who has the work order, alongside <see cref="AssigneeName"/>; null
    /// for a team order until one of its technicians takes it.
    /// </summary>
    public string? AssigneeId { get; private set; }

    public string? CancellationReason { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public DateTimeOffset? DispatchedAt { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>
    /// When the follow-up call is due (回访期限): completion plus the estate's
    /// <see cref="FollowUpPolicy.DueAfterCompletion"/>. Orders the desk's follow-up queue; cleared with
    /// <see cref="CompletedAt"/> when the work comes back for rework.
    /// </summary>
    public DateTimeOffset? FollowUpDueAt { get; private set; }

    /// <summary>Every follow-up call logged, oldest first, across all rounds of rework.</summary>
    public IReadOnlyList<FollowUpAttempt> FollowUpAttempts => _followUpAttempts.AsReadOnly();

    /// <summary>What the resident said on the latest follow-up call, as written down by the desk.</summary>
    public string? ResidentWords { get; private set; }

    /// <summary>When the latest follow-up was recorded, or the desk stopped trying to reach the resident.</summary>
    public DateTimeOffset? FollowedUpAt { get; private set; }

    /// <summary>
    /// Until when the resident may rate: the follow-up (or giving up calling) plus the estate's
    /// <see cref="FollowUpPolicy.RatingWindow"/>. Null while no rating is invited.
    /// </summary>
    public DateTimeOffset? RatingOpenUntil { get; private set; }

    /// <summary>The resident's rating (满意度); null until rated.</summary>
    public Rating? Rating { get; private set; }

    /// <summary>The supervisor's task after a low rating; null unless the rating was low.</summary>
    public ServiceRecovery? Recovery { get; private set; }

    /// <summary>
    /// When the request should be resolved (处理时限), from the estate's <see cref="IDeadlineSchedule"/>:
    /// counted from filing at the priority the desk confirms, afresh from the moment it comes back for
    /// rework, and moved later by any pause while the ball is with the resident.
    /// </summary>
    public DateTimeOffset DueAt { get; private set; }

    public DateTimeOffset LastChangedAt { get; private set; }

    /// <summary>Optimistic-concurrency token: renewed on every change, so two clerks cannot both act on the same state.</summary>
    public Guid ConcurrencyStamp { get; private set; }

    public IReadOnlyList<TimelineEntry> Timeline => _timeline.AsReadOnly();

    public IReadOnlyList<RequestPhoto> Photos => _photos.AsReadOnly();

    /// <summary>Every work order of the request, oldest first (<see cref="WorkOrder.Sequence"/> 1, 2, …).</summary>
    public IReadOnlyList<WorkOrder> WorkOrders => _workOrders.AsReadOnly();

    /// <summary>The work order someone is on now; null unless Dispatched, InProgress or OnHold.</summary>
    public WorkOrder? ActiveWorkOrder => _workOrders.LastOrDefault(o => o.IsActive);

    /// <summary>The work is done and the desk has yet to reach the resident: the item is in the follow-up queue.</summary>
    public bool AwaitsFollowUp => Status == RequestStatus.Completed;

    /// <summary>No-answer and wrong-number calls since the latest completion; "call me later" does not count.</summary>
    public int FailedAttempts => CurrentRoundAttempts().Count(a => a.IsFailed);

    /// <summary>
    /// When the resident asked to be called again: the time of the latest "call me later", unless a
    /// later call has been made since. Null otherwise.
    /// </summary>
    public DateTimeOffset? NextCallAt
    {
        get
        {
            var attempts = CurrentRoundAttempts().ToList();
            var callBack = attempts.LastOrDefault(a => a.Result == CallResult.CallBackLater)?.CallBackAt;
            return callBack is { } time && time > attempts[^1].At ? time : null;
        }
    }

    /// <summary>The deadlines stand still while the request waits for the resident.</summary>
    public bool IsClockPaused => ClockPausedSince is not null;

    /// <summary>Nothing is owed any more: the work is done or answered, or the record is closed.</summary>
    public bool IsSettled => Status is RequestStatus.Completed
        or RequestStatus.FollowedUp
        or RequestStatus.Rated
        or RequestStatus.Closed
        or RequestStatus.Cancelled;

    /// <summary>Residents may withdraw only while nobody has been sent yet.</summary>
    public bool CanBeCancelledByResident => Status is RequestStatus.Submitted or RequestStatus.Accepted;

    public bool BelongsTo(string userId) => string.Equals(ResidentId, userId, StringComparison.Ordinal);

    /// <summary>
    /// Past its deadline with the work not done (completed, followed-up, rated, closed and cancelled
    /// requests never are). While the clock is paused, time stands at the moment it stopped.
    /// </summary>
    public bool IsOverdue(DateTimeOffset now) =>
        (ClockPausedSince ?? now) > DueAt
        && Status is not (RequestStatus.Completed
            or RequestStatus.FollowedUp
            or RequestStatus.Rated
            or RequestStatus.Closed
            or RequestStatus.Cancelled);

    /// <summary>
    /// Time left to <see cref="DueAt"/>, as a card on the dispatch board shows it; negative once overdue.
    /// Frozen while the clock is paused.
    /// </summary>
    public TimeSpan TimeLeft(DateTimeOffset now) => DueAt - (ClockPausedSince ?? now);

    /// <summary>The first response is still owed and its time has passed.</summary>
    public bool IsResponseOverdue(DateTimeOffset now) =>
        RespondedAt is null && !IsSettled && (ClockPausedSince ?? now) > RespondBy;

    private bool HasPendingQuote => ActiveWorkOrder?.HasPendingQuote == true;

    /// <summary>
    /// Registers a repair (报修登记): what, where, when and who — the four things the desk must capture.
    /// </summary>
    public static ServiceRequest FileRepair(
        string number,
        string residentId,
        RepairCategory category,
        Location location,
        string description,
        TimeWindow? preferredWindow,
        string contactName,
        string contactPhone,
        Channel channel,
        IEnumerable<RequestPhoto> photos,
        Actor filedBy,
        DateTimeOffset at,
        Priority priority = Priority.Normal,
        IDeadlineSchedule? schedule = null,
        int? raisedFromId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        ArgumentException.ThrowIfNullOrWhiteSpace(residentId);
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(photos);
        ArgumentNullException.ThrowIfNull(filedBy);

        // Staff file on a resident's behalf (phone, walk-in); a resident only for themselves.
        if (filedBy.Role == ActorRole.Resident && !string.Equals(filedBy.UserId, residentId, StringComparison.Ordinal))
        {
            throw new DomainException("Request.NotYours");
        }

        var text = description?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw new DomainException("Request.DescriptionRequired");
        }

        if (text.Length > MaxDescriptionLength)
        {
            throw new DomainException("Request.DescriptionTooLong", MaxDescriptionLength);
        }

        var name = contactName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw new DomainException("Request.ContactNameRequired");
        }

        if (name.Length > MaxContactNameLength)
        {
            throw new DomainException("Request.ContactNameTooLong", MaxContactNameLength);
        }

        if (!PhoneNumber.IsValid(contactPhone))
        {
            throw new DomainException("Request.PhoneInvalid");
        }

        // A window that is already over cannot be honoured; better to ask again than to promise it.
        if (preferredWindow is not null && preferredWindow.End <= at)
        {
            throw new DomainException("Request.WindowInPast");
        }

        var photoList = photos.ToList();
        if (photoList.Count > MaxPhotos)
        {
            throw new DomainException("Request.TooManyPhotos", MaxPhotos);
        }

        var request = new ServiceRequest
        {
            Number = number,
            Type = RequestType.Repair,
            Category = category,
            Channel = channel,
            // The filer may flag an emergency (water, power, someone trapped); the desk confirms it on accepting.
            Priority = priority,
            Status = RequestStatus.Submitted,
            ResidentId = residentId,
            ContactName = name,
            ContactPhone = PhoneNumber.Normalize(contactPhone),
            Location = location,
            Description = text,
            PreferredWindow = preferredWindow,
            SubmittedAt = at,
            RaisedFromId = raisedFromId,
        };
        request.StartClock(at, schedule, resetResponse: true);
        request._photos.AddRange(photoList);
        request.Record(TimelineEvent.Submitted, from: null, RequestStatus.Submitted, filedBy, at, note: null);
        return request;
    }

    /// <summary>
    /// Registers a complaint, suggestion, inquiry or praise (登记) in the same register as repairs:
    /// numbered, with its channel, where it concerns and who to answer. A complaint names its kind and
    /// may point at an earlier request it is about (a late repair). Staff register for a resident; a
    /// resident only for themselves.
    /// </summary>
    public static ServiceRequest Register(
        string number,
        string residentId,
        RequestType type,
        ComplaintKind? complaintKind,
        Location location,
        string description,
        string contactName,
        string contactPhone,
        Channel channel,
        Actor filedBy,
        DateTimeOffset at,
        Priority priority = Priority.Normal,
        IDeadlineSchedule? schedule = null,
        int? aboutRequestId = null,
        IEnumerable<RequestPhoto>? photos = null)
    {
        if (type == RequestType.Repair)
        {
            throw new ArgumentException("Repairs are filed with FileRepair: they need a category and a visit window.", nameof(type));
        }

        if (type == RequestType.Complaint && complaintKind is null)
        {
            throw new DomainException("Request.ComplaintKindRequired");
        }

        if (aboutRequestId is not null && type != RequestType.Complaint)
        {
            throw new ArgumentException("Only a complaint is about another request.", nameof(aboutRequestId));
        }

        var request = FileRepair(
            number, residentId, RepairCategory.Other, location, description, preferredWindow: null,
            contactName, contactPhone, channel, photos ?? [], filedBy, at, priority);
        request.Type = type;
        request.Category = null;
        request.ComplaintKind = type == RequestType.Complaint ? complaintKind : null;
        request.AboutRequestId = aboutRequestId;
        request.StartClock(at, schedule, resetResponse: true);
        return request;
    }

    /// <summary>
    /// Registers an inquiry, suggestion or praise the desk dealt with at once (及时封闭): recorded with
    /// the answer given and closed on the spot, which counts as first-contact resolution. Repairs and
    /// complaints always go downstream: they need other departments and an owner.
    /// </summary>
    public static ServiceRequest RegisterAnswered(
        string number,
        string residentId,
        RequestType type,
        Location location,
        string description,
        string contactName,
        string contactPhone,
        Channel channel,
        Actor filedBy,
        DateTimeOffset at,
        string answer,
        IDeadlineSchedule? schedule = null)
    {
        ArgumentNullException.ThrowIfNull(filedBy);
        if (type is RequestType.Repair or RequestType.Complaint)
        {
            throw new DomainException("Request.CannotCloseOnTheSpot", type);
        }

        if (!filedBy.IsStaff)
        {
            throw new DomainException("Request.StaffOnly");
        }

        var text = RequiredAnswer(answer);
        var request = Register(
            number, residentId, type, complaintKind: null, location, description, contactName, contactPhone,
            channel, filedBy, at, Priority.Normal, schedule);
        request.Answer = text;
        request.AnsweredAt = at;
        request.RespondedAt = at;
        request.AcceptedAt = at;
        request.CompletedAt = at;
        request.ClosedAt = at;
        request.ClosedOnTheSpot = true;
        request.Move(TimelineEvent.Answered, RequestStatus.Closed, filedBy, at, text);
        return request;
    }

    /// <summary>
    /// The desk registers the request (受理) after reading it back to the resident: it confirms the
    /// priority and, when the resident's choice was wrong, the category. The deadline follows the
    /// confirmed priority, counted from filing.
    /// </summary>
    public void Accept(Actor by, DateTimeOffset at, Priority priority, string? note, RepairCategory? category = null, IDeadlineSchedule? schedule = null)
    {
        EnsureStaff(by);
        EnsureStatus(nameof(Accept), RequestStatus.Submitted);
        var text = OptionalNote(note);

        Priority = priority;
        Category = Type == RequestType.Repair ? category ?? Category : null;
        StartClock(SubmittedAt, schedule, resetResponse: false);
        AcceptedAt = at;

        // The desk's registration is the first response, except for a complaint: there the resident
        // waits for the butler's answer.
        if (Type != RequestType.Complaint)
        {
            RespondedAt ??= at;
        }

        Move(TimelineEvent.Accepted, RequestStatus.Accepted, by, at, text);
    }

    /// <summary>
    /// Sends a work order to a technician or a team (派工). Called again while dispatched or on hold,
    /// it hands the job to someone else without changing the request's status (Reassigned): the
    /// current order ends as Reassigned and a new one is opened. Not while the technician is working
    /// (he pauses or returns the job first), nor while the resident is deciding on a quote.
    /// </summary>
    public void Dispatch(Actor by, DateTimeOffset at, Assignee assignee, string? note)
    {
        EnsureStaff(by);
        ArgumentNullException.ThrowIfNull(assignee);
        if (Type != RequestType.Repair)
        {
            // A complaint brings departments in through linked repairs, so that it keeps its owner.
            throw new DomainException("Request.NotARepair");
        }

        EnsureStatus(
            nameof(Dispatch),
            RequestStatus.Accepted,
            RequestStatus.Reopened,
            RequestStatus.Dispatched,
            RequestStatus.OnHold);

        // The quote belongs to the current order; a new assignee would leave the resident's answer
        // with nobody to act on it. The desk records the answer (or a decline) first.
        if (HasPendingQuote)
        {
            throw new DomainException("Quote.Pending");
        }

        var text = OptionalNote(note);

        // Rework is any order after the job was once completed: the first one after a reopening and
        // any that replaces it. It points at the latest completed order, whose result came back.
        var reworkOf = _workOrders.LastOrDefault(o => o.Status == WorkOrderStatus.Completed)?.Sequence;
        var order = new WorkOrder(_workOrders.Count + 1, assignee, reworkOf, at);

        // The timeline has no assignee column, so the name goes in the note: the history must say
        // who had the job at each point, not only who has it now.
        var entryNote = text is null ? assignee.Name : $"{assignee.Name}: {text}";
        var reassigning = Status is RequestStatus.Dispatched or RequestStatus.OnHold;
        if (reassigning)
        {
            ActiveOrder(nameof(Dispatch)).Reassign(at);
        }
        else
        {
            DispatchedAt = at;
        }

        _workOrders.Add(order);
        AssigneeName = assignee.Name;
        AssigneeId = assignee.TechnicianId;
        if (reassigning)
        {
            Move(TimelineEvent.Reassigned, Status, by, at, entryNote);
        }
        else
        {
            Move(TimelineEvent.Dispatched, RequestStatus.Dispatched, by, at, entryNote);
        }
    }

    /// <summary>
    /// The technician takes the work order (接单). Only its technician; a team order may be taken by
    /// any technician, and becomes his.
    /// </summary>
    public void AcceptWork(Actor by, DateTimeOffset at)
    {
        EnsureStaff(by);
        EnsureStatus(nameof(AcceptWork), RequestStatus.Dispatched);
        var order = ActiveOrder(nameof(AcceptWork));
        EnsureOrderTechnician(order, by, technicianOnly: true);

        order.Accept(at);
        TakeOver(order, by);
        Move(TimelineEvent.WorkAccepted, Status, by, at, order.IsTeam ? order.AssigneeName : null);
    }

    /// <summary>The technician is on his way (出发); the resident can see someone is coming.</summary>
    public void SetOff(Actor by, DateTimeOffset at)
    {
        EnsureStaff(by);
        EnsureStatus(nameof(SetOff), RequestStatus.Dispatched);
        var order = ActiveOrder(nameof(SetOff));
        EnsureOrderTechnician(order, by, technicianOnly: true);

        order.SetOff(at);
        Move(TimelineEvent.OnTheWay, Status, by, at, note: null);
    }

    /// <summary>
    /// The technician is on site and starts work (开始维修); an order not yet accepted is accepted at
    /// the same time. The desk may record the start on the technician's behalf. Never while a quote
    /// waits for the resident: paid work starts only once they have accepted the cost.
    /// </summary>
    public void Start(Actor by, DateTimeOffset at)
    {
        EnsureStaff(by);
        if (HasPendingQuote)
        {
            throw new DomainException("Quote.Pending");
        }

        EnsureStatus(nameof(Start), RequestStatus.Dispatched);
        var order = ActiveOrder(nameof(Start));
        EnsureOrderTechnician(order, by, technicianOnly: false);

        order.Start(at);
        TakeOver(order, by);
        StartedAt = at;
        Move(TimelineEvent.Started, RequestStatus.InProgress, by, at, note: null);
    }

    /// <summary>
    /// Pauses the work (暂停): waiting for parts, no access, resident absent. Waiting for the resident
    /// to accept a cost is not a pause but a <see cref="Quote(Actor, DateTimeOffset, decimal, string)"/>,
    /// which records the amount and the answer.
    /// </summary>
    public void PutOnHold(HoldReason reason, Actor by, DateTimeOffset at, string? note)
    {
        EnsureStaff(by);
        EnsureStatus(nameof(PutOnHold), RequestStatus.InProgress);
        if (reason == Requests.HoldReason.AwaitingResidentApproval)
        {
            throw new DomainException("Request.UseQuote");
        }

        var order = ActiveOrder(nameof(PutOnHold));
        EnsureOrderTechnician(order, by, technicianOnly: false);
        var text = OptionalNote(note);

        order.Pause(reason);
        TakeOver(order, by);
        HoldReason = reason;
        StatusBeforeHold = Status;
        Move(TimelineEvent.PutOnHold, RequestStatus.OnHold, by, at, text);
        if (reason is Requests.HoldReason.NoAccess or Requests.HoldReason.ResidentAbsent)
        {
            PauseClock(at);
        }
    }

    /// <summary>
    /// Work continues after a pause (恢复), by the technician or staff. A hold for a quote is lifted
    /// only by the resident's answer (<see cref="ApproveQuote"/>, <see cref="DeclineQuote"/>).
    /// </summary>
    public void Resume(Actor by, DateTimeOffset at, IDeadlineSchedule? schedule = null)
    {
        EnsureStaff(by);
        EnsureStatus(nameof(Resume), RequestStatus.OnHold);
        if (HoldReason == Requests.HoldReason.AwaitingResidentApproval)
        {
            throw new DomainException("Quote.Pending");
        }

        var order = ActiveOrder(nameof(Resume));
        EnsureOrderTechnician(order, by, technicianOnly: false);

        order.Resume(at);
        TakeOver(order, by);
        var to = StatusBeforeHold ?? RequestStatus.InProgress;
        HoldReason = null;
        StatusBeforeHold = null;
        Move(TimelineEvent.Resumed, to, by, at, note: null);
        ResumeClock(at, schedule);
    }

    /// <summary>
    /// The technician prices paid work (有偿服务报价) before starting it. The request waits on hold
    /// until the resident approves or declines; the cost must be accepted before the work starts, so
    /// a quote after the start is refused.
    /// </summary>
    public void Quote(Actor by, DateTimeOffset at, decimal amount, string description)
    {
        EnsureStaff(by);
        if (HasPendingQuote)
        {
            throw new DomainException("Quote.Pending");
        }

        // On hold without a pending quote means paused, which happens only after the start.
        if (Status is RequestStatus.InProgress or RequestStatus.OnHold)
        {
            throw new DomainException("Quote.AfterStart");
        }

        EnsureStatus(nameof(Quote), RequestStatus.Dispatched);
        var order = ActiveOrder(nameof(Quote));
        EnsureOrderTechnician(order, by, technicianOnly: true);
        var quote = new Quote(amount, description, at);

        order.AttachQuote(quote);
        TakeOver(order, by);
        HoldReason = Requests.HoldReason.AwaitingResidentApproval;
        StatusBeforeHold = Status;
        Move(TimelineEvent.Quoted, RequestStatus.OnHold, by, at, $"{quote.FormattedAmount} — {quote.Description}");
        PauseClock(at);
    }

    /// <summary>
    /// The resident accepts the cost (同意报价) in the portal, or tells the desk on the phone and the
    /// desk records it; the timeline says which. The work may then start.
    /// </summary>
    public void ApproveQuote(Actor by, DateTimeOffset at, IDeadlineSchedule? schedule = null)
    {
        var quote = PendingQuoteFor(by, nameof(ApproveQuote));

        quote.Approve(by, at);
        var to = StatusBeforeHold ?? RequestStatus.Dispatched;
        HoldReason = null;
        StatusBeforeHold = null;
        Move(TimelineEvent.QuoteApproved, to, by, at, DecisionNote(quote, by, reason: null));
        ResumeClock(at, schedule);
    }

    /// <summary>
    /// The resident turns the cost down (拒绝报价). The work order goes back to the desk with the
    /// reason, which decides what happens next: another offer, a free repair or a cancellation.
    /// </summary>
    public void DeclineQuote(Actor by, DateTimeOffset at, string? reason, IDeadlineSchedule? schedule = null)
    {
        var quote = PendingQuoteFor(by, nameof(DeclineQuote));
        var text = OptionalNote(reason);
        var order = ActiveOrder(nameof(DeclineQuote));

        quote.Decline(by, at, text);
        order.Return(text is null ? WorkOrder.QuoteDeclinedReason : $"{WorkOrder.QuoteDeclinedReason}: {text}", at);
        BackToDesk();
        Move(TimelineEvent.QuoteDeclined, RequestStatus.Accepted, by, at, DecisionNote(quote, by, text));
        ResumeClock(at, schedule);
    }

    /// <summary>
    /// The technician returns the work order as done (完工) with his report: notes, time spent,
    /// materials and photos of the result. The desk may record it on his behalf. The item enters the
    /// desk's follow-up queue, due <paramref name="followUpDueAfter"/> (the estate's
    /// <see cref="FollowUpPolicy.DueAfterCompletion"/>; 48 hours if not given) after completion.
    /// </summary>
    public void Complete(Actor by, DateTimeOffset at, CompletionReport report, TimeSpan? followUpDueAfter = null)
    {
        EnsureStaff(by);
        ArgumentNullException.ThrowIfNull(report);
        var dueAfter = followUpDueAfter ?? FollowUpPolicy.DefaultDueAfterCompletion;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(dueAfter, TimeSpan.Zero, nameof(followUpDueAfter));
        EnsureStatus(nameof(Complete), RequestStatus.InProgress);
        var order = ActiveOrder(nameof(Complete));
        EnsureOrderTechnician(order, by, technicianOnly: false);
        if (report.AfterPhotos.Any(p => _photos.Exists(existing => existing.Id == p.Id)))
        {
            throw new ArgumentException("A photo is attached to the request already.", nameof(report));
        }

        order.Complete(report, at);
        TakeOver(order, by);
        _photos.AddRange(report.AfterPhotos);
        CompletedAt = at;
        FollowUpDueAt = at + dueAfter;
        Move(TimelineEvent.Completed, RequestStatus.Completed, by, at, report.Notes);
    }

    /// <summary>
    /// Records that the butler of the building was told of the request (通知管家). No status change;
    /// allowed until the request is closed or cancelled.
    /// </summary>
    public void InformButler(Actor by, DateTimeOffset at, string butlerName)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!by.IsStaff && by.Role != ActorRole.System)
        {
            throw new DomainException("Request.StaffOnly");
        }

        if (Status is RequestStatus.Closed or RequestStatus.Cancelled)
        {
            throw IllegalTransition(nameof(InformButler));
        }

        var name = butlerName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw new DomainException("Request.ButlerNameRequired");
        }

        if (name.Length > MaxButlerNameLength)
        {
            throw new DomainException("Request.ButlerNameTooLong", MaxButlerNameLength);
        }

        Move(TimelineEvent.ButlerInformed, Status, by, at, name);
    }

    /// <summary>
    /// A job that cannot be finished goes back to the desk with the reason (退回), never silently
    /// dropped; the desk dispatches it again or cancels it. The work order ends as Returned with the
    /// reason. A technician returns only his own order; other staff may return any.
    /// </summary>
    public void ReturnToDesk(Actor by, DateTimeOffset at, string reason, IDeadlineSchedule? schedule = null)
    {
        EnsureStaff(by);
        EnsureStatus(
            nameof(ReturnToDesk),
            RequestStatus.Dispatched,
            RequestStatus.InProgress,
            RequestStatus.OnHold);
        var order = ActiveOrder(nameof(ReturnToDesk));
        EnsureOrderTechnician(order, by, technicianOnly: false);
        var text = RequiredReason(reason);

        TakeOver(order, by);
        order.Return(text, at);
        BackToDesk();
        Move(TimelineEvent.ReturnedToDesk, RequestStatus.Accepted, by, at, text);
        ResumeClock(at, schedule);
    }

    /// <summary>
    /// Logs one follow-up call (回访电话) by the desk: reached, no answer, wrong number, or "call me
    /// later" with the time the resident asked for. Never at night: outside the estate's calling hours
    /// the call is refused with the next allowed time, unless it is urgent or agreed with the resident
    /// beforehand, and then the reason is recorded. A reached call only records the attempt; the use
    /// case records what the resident said with <see cref="RecordFollowUp"/> straight after. When the
    /// failed calls (no answer, wrong number) reach the policy's limit the resident counts as not
    /// reached: the item is followed up as <see cref="Requests.FollowUpOutcome.NotReached"/> — never
    /// as a completed follow-up — and the rating invitation goes to the portal instead.
    /// </summary>
    public void LogCallAttempt(
        Actor by,
        DateTimeOffset at,
        CallResult result,
        FollowUpPolicy policy,
        OutOfHoursReason? outOfHours = null,
        DateTimeOffset? callBackAt = null,
        string? note = null)
    {
        EnsureStaff(by);
        ArgumentNullException.ThrowIfNull(policy);
        EnsureStatus(nameof(LogCallAttempt), RequestStatus.Completed);
        var text = OptionalNote(note);

        var withinHours = policy.CallingHours.Allows(at, policy.Zone);
        if (!withinHours && outOfHours is null)
        {
            throw new DomainException("FollowUp.OutsideCallingHours", policy.CallingHours.NextAllowed(at, policy.Zone));
        }

        if (result == CallResult.CallBackLater && (callBackAt is null || callBackAt <= at))
        {
            throw new DomainException("FollowUp.CallBackTimeRequired");
        }

        var attempt = new FollowUpAttempt(
            at,
            result,
            result == CallResult.CallBackLater ? callBackAt : null,
            withinHours ? null : outOfHours,
            by,
            text);
        _followUpAttempts.Add(attempt);
        var failed = FailedAttempts;
        Move(TimelineEvent.CallAttempted, Status, by, at, AttemptNote(attempt, failed, policy));

        if (attempt.IsFailed && failed >= policy.MaxFailedAttempts)
        {
            FollowUpOutcome = Requests.FollowUpOutcome.NotReached;
            ResidentWords = null;
            FollowedUpAt = at;
            RatingOpenUntil = at + policy.RatingWindow;
            Move(
                TimelineEvent.FollowedUp,
                RequestStatus.FollowedUp,
                by,
                at,
                $"Not reached after {failed} failed calls: rating invitation sent to the portal");
        }
    }

    /// <summary>
    /// Records what the resident said on a reached follow-up call (回访结果), written on the record in
    /// their words. Only straight after a reached call (<see cref="LogCallAttempt"/>); "not reached"
    /// is never recorded by hand — it follows from the failed calls. "Resolved" and "partly resolved,
    /// accepted" invite the rating for the policy's rating window (7 days if not given). "Not resolved"
    /// means the item is not done: the completed work order counts as having caused rework, and the
    /// request is reopened for rework at a higher priority, with a new deadline from now.
    /// </summary>
    public void RecordFollowUp(FollowUpOutcome outcome, Actor by, DateTimeOffset at, string? residentWords, FollowUpPolicy? policy = null, IDeadlineSchedule? schedule = null)
    {
        EnsureStaff(by);
        EnsureStatus(nameof(RecordFollowUp), RequestStatus.Completed);
        if (outcome == Requests.FollowUpOutcome.NotReached)
        {
            throw new DomainException("FollowUp.NotReachedIsAutomatic");
        }

        var text = OptionalNote(residentWords);
        if (CurrentRoundAttempts().LastOrDefault()?.Result != CallResult.Reached)
        {
            throw new DomainException("FollowUp.NotReached");
        }

        FollowUpOutcome = outcome;
        ResidentWords = text;
        FollowedUpAt = at;
        if (outcome == Requests.FollowUpOutcome.NotResolved)
        {
            BackForRework();
            Priority = Priority == Priority.Urgent ? Priority.Urgent : Priority + 1;
            StartClock(at, schedule, resetResponse: false);
            Move(TimelineEvent.FollowedUp, RequestStatus.Reopened, by, at, text);
        }
        else
        {
            RatingOpenUntil = at + (policy?.RatingWindow ?? FollowUpPolicy.DefaultRatingWindow);
            Move(TimelineEvent.FollowedUp, RequestStatus.FollowedUp, by, at, text);
        }
    }

    /// <summary>
    /// The resident rates the service (评价), once, within the rating window. Never before the
    /// follow-up, and never while the problem is open: a survey then measures nothing but the open
    /// problem. The resident rates their own request; staff other than technicians may record a rating
    /// given on the phone, and the record says so. A technician never rates — not even his own job.
    /// A low rating opens a service recovery for the supervisor, due in 24 hours.
    /// </summary>
    public void Rate(Actor by, DateTimeOffset at, RatingScores scores)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(scores);
        if (by.Role == ActorRole.Technician)
        {
            throw new DomainException("Rating.TechnicianMayNotRate");
        }

        EnsureStaffOrOwnResident(by, allowSystem: false);
        if (Status is RequestStatus.Closed or RequestStatus.Cancelled)
        {
            throw IllegalTransition(nameof(Rate));
        }

        if (Rating is not null || Status == RequestStatus.Rated)
        {
            throw new DomainException("Rating.AlreadyRated");
        }

        if (Status != RequestStatus.FollowedUp
            || FollowUpOutcome is not (Requests.FollowUpOutcome.Resolved
                or Requests.FollowUpOutcome.PartlyResolvedAccepted
                or Requests.FollowUpOutcome.NotReached))
        {
            throw new DomainException("Rating.NotYet");
        }

        if (RatingOpenUntil is { } until && at > until)
        {
            throw new DomainException("Rating.WindowClosed", until);
        }

        var source = by.Role == ActorRole.Resident ? RatingSource.Resident : RatingSource.StaffRecorded;
        var rating = new Rating(scores, source, by, at);

        Rating = rating;
        var stars = "★" + rating.Overall.ToString(CultureInfo.InvariantCulture);
        Move(TimelineEvent.Rated, RequestStatus.Rated, by, at, source == RatingSource.Resident ? stars : $"{stars} — recorded by staff");
        if (rating.IsLow)
        {
            Recovery = new ServiceRecovery(at);
            Move(
                TimelineEvent.RecoveryOpened,
                Status,
                Actor.System,
                at,
                $"Low rating {stars}: the supervisor responds within {ServiceRecovery.ResponseTime.TotalHours:0} hours");
        }
    }

    /// <summary>
    /// The supervisor has dealt with a low rating (服务补救) — contacted the resident, listened,
    /// explained, put things right — and writes down how. Supervisor or administrator only. Allowed
    /// in any status, closed included: closing the record does not settle the resident's complaint.
    /// </summary>
    public void ResolveRecovery(Actor by, DateTimeOffset at, string resolution)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (by.Role is not (ActorRole.Supervisor or ActorRole.Manager or ActorRole.Admin))
        {
            throw new DomainException("Recovery.SupervisorOnly");
        }

        if (Recovery is not { IsOpen: true } recovery)
        {
            throw new DomainException("Recovery.NotOpen");
        }

        var text = ServiceRecovery.CheckResolution(resolution);

        recovery.Resolve(by, at, text);
        Move(TimelineEvent.RecoveryResolved, Status, by, at, text);
    }

    /// <summary>
    /// Closes the record (关闭). The system does it once the rating window has passed without a
    /// rating (<see cref="RatingOpenUntil"/>); staff may close a followed-up or rated record at any time.
    /// </summary>
    public void Close(Actor by, DateTimeOffset at, string? note)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!by.IsStaff && by.Role != ActorRole.System)
        {
            throw new DomainException("Request.StaffOnly");
        }

        EnsureStatus(nameof(Close), RequestStatus.FollowedUp, RequestStatus.Rated);
        var text = OptionalNote(note);

        ClosedAt = at;
        Move(TimelineEvent.Closed, RequestStatus.Closed, by, at, text);
    }

    /// <summary>
    /// Withdraws the request (取消). The resident may do so, for their own request, only until
    /// someone is dispatched. Staff may cancel any open request that nobody is working on at that
    /// moment (a technician in the middle of a job first pauses it or returns it to the desk), and
    /// must say why, since the resident will ask. The active work order, if any, ends as Cancelled.
    /// </summary>
    public void Cancel(Actor by, DateTimeOffset at, string? reason)
    {
        ArgumentNullException.ThrowIfNull(by);
        string? text;
        if (by.Role == ActorRole.Resident)
        {
            EnsureOwnResident(by);
            if (Status is RequestStatus.Dispatched
                or RequestStatus.InProgress
                or RequestStatus.OnHold
                or RequestStatus.Reopened)
            {
                throw new DomainException("Request.CannotCancelAfterDispatch", Status);
            }

            EnsureStatus(nameof(Cancel), RequestStatus.Submitted, RequestStatus.Accepted);
            text = OptionalNote(reason);
        }
        else
        {
            EnsureStaff(by);
            EnsureStatus(
                nameof(Cancel),
                RequestStatus.Submitted,
                RequestStatus.Accepted,
                RequestStatus.Dispatched,
                RequestStatus.OnHold,
                RequestStatus.Reopened);
            text = RequiredReason(reason);
        }

        CancellationReason = text;
        ActiveWorkOrder?.Cancel(at);
        HoldReason = null;
        StatusBeforeHold = null;
        ClockPausedSince = null;
        Move(TimelineEvent.Cancelled, RequestStatus.Cancelled, by, at, text);
    }

    /// <summary>
    /// Sends finished work back for rework (返修), e.g. when the resident calls again. The rework gets
    /// its own deadline from now: the original one says nothing about how fast the return is handled.
    /// The completed work order counts as having caused rework, as after a "not resolved" follow-up.
    /// A rating already given stays, and so does an open service recovery.
    /// </summary>
    public void Reopen(Actor by, DateTimeOffset at, string reason, IDeadlineSchedule? schedule = null)
    {
        EnsureStaff(by);
        EnsureStatus(nameof(Reopen), RequestStatus.Completed, RequestStatus.FollowedUp, RequestStatus.Rated);
        var text = RequiredReason(reason);

        BackForRework();
        StartClock(at, schedule, resetResponse: false);
        Move(TimelineEvent.Reopened, RequestStatus.Reopened, by, at, text);
    }

    /// <summary>
    /// Adds a remark without changing the status (备注). Allowed in every status, including closed
    /// ones: a later dispute is recorded on the original record.
    /// </summary>
    public void AddNote(Actor by, DateTimeOffset at, string note)
    {
        EnsureStaffOrOwnResident(by, allowSystem: true);
        var text = OptionalNote(note) ?? throw new DomainException("Request.NoteRequired");

        Move(TimelineEvent.Note, Status, by, at, text);
    }

    /// <summary>
    /// Hands a complaint to its owner (转管家): the butler of the building, or whoever the desk names.
    /// Every complaint has an owner; the butler answers the desk by <see cref="RespondBy"/>.
    /// </summary>
    public void RouteTo(Actor by, DateTimeOffset at, string ownerId, string ownerName)
    {
        EnsureStaff(by);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        if (Type != RequestType.Complaint)
        {
            throw new DomainException("Request.NotAComplaint");
        }

        EnsureStatus(nameof(RouteTo), RequestStatus.Accepted, RequestStatus.Reopened);
        var name = ownerName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw new DomainException("Request.ButlerNameRequired");
        }

        if (name.Length > MaxAssigneeNameLength)
        {
            throw new DomainException("Request.ButlerNameTooLong", MaxAssigneeNameLength);
        }

        AssigneeId = ownerId;
        AssigneeName = name;
        Move(TimelineEvent.Routed, Status, by, at, name);
    }

    /// <summary>
    /// The answer goes back to the desk (答复): for a complaint, the owner's (or a supervisor's) answer,
    /// due within 4 hours by default; for a suggestion, inquiry or praise, the desk's reply. The item
    /// then waits for the follow-up call like finished work, due <paramref name="followUpDueAfter"/>
    /// later. Repairs are answered by their work order, not here.
    /// </summary>
    public void GiveAnswer(Actor by, DateTimeOffset at, string answer, TimeSpan? followUpDueAfter = null)
    {
        EnsureStaff(by);
        if (Type == RequestType.Repair)
        {
            throw new DomainException("Request.RepairNeedsWork");
        }

        EnsureStatus(nameof(GiveAnswer), RequestStatus.Accepted, RequestStatus.Reopened);
        if (Type == RequestType.Complaint)
        {
            if (AssigneeId is null)
            {
                throw new DomainException("Request.NoOwner");
            }

            if (!string.Equals(AssigneeId, by.UserId, StringComparison.Ordinal) && !MayOverrule(by))
            {
                throw new DomainException("Request.NotYourComplaint");
            }
        }

        var text = RequiredAnswer(answer);
        var dueAfter = followUpDueAfter ?? FollowUpPolicy.DefaultDueAfterCompletion;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(dueAfter, TimeSpan.Zero, nameof(followUpDueAfter));

        Answer = text;
        AnsweredAt = at;
        RespondedAt ??= at;
        CompletedAt = at;
        FollowUpDueAt = at + dueAfter;
        Move(TimelineEvent.Answered, RequestStatus.Completed, by, at, text);
    }

    /// <summary>
    /// Notes on a complaint that its owner brought a department in (联系相关部门) by opening a linked
    /// repair, which goes to the board on its own. The note is that repair's number.
    /// </summary>
    public void RecordLinkedRepair(Actor by, DateTimeOffset at, string repairNumber)
    {
        EnsureStaff(by);
        ArgumentException.ThrowIfNullOrWhiteSpace(repairNumber);
        if (Type != RequestType.Complaint)
        {
            throw new DomainException("Request.NotAComplaint");
        }

        EnsureStatus(nameof(RecordLinkedRepair), RequestStatus.Accepted, RequestStatus.Reopened);
        Move(TimelineEvent.LinkedRepairOpened, Status, by, at, repairNumber);
    }

    /// <summary>
    /// A complaint about this request (a late repair) raises its priority by one step (催办): the board
    /// sorts it higher, and the deadline becomes the higher priority's, counted from the start of the
    /// window, if that is sooner. The note is the complaint's number.
    /// </summary>
    public void RaisePriority(Actor by, DateTimeOffset at, string complaintNumber, IDeadlineSchedule? schedule = null)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!by.IsStaff && by.Role != ActorRole.System)
        {
            throw new DomainException("Request.StaffOnly");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(complaintNumber);
        if (IsSettled)
        {
            throw IllegalTransition(nameof(RaisePriority));
        }

        if (Priority != Priority.Urgent)
        {
            Priority++;
        }

        var terms = (schedule ?? DeadlineSchedule.RoundTheClock).For(Type, Priority);
        var sooner = terms.ResolveBy(ClockStartedAt);
        if (sooner < DueAt)
        {
            DueAt = sooner;
        }

        Move(TimelineEvent.PriorityRaised, Status, by, at, complaintNumber);
    }

    /// <summary>
    /// The system warns that a deadline is close (预警, at 75 % of the time by default): once per window.
    /// </summary>
    public void WarnOfDeadline(DateTimeOffset at, DeadlineKind kind)
    {
        if (IsSettled || WarnedAt is not null || Escalation != EscalationLevel.None)
        {
            throw IllegalTransition(nameof(WarnOfDeadline));
        }

        WarnedAt = at;
        Move(TimelineEvent.DeadlineWarning, Status, Actor.System, at, kind.ToString());
    }

    /// <summary>
    /// Escalates one level (升级): to the supervisor, then to the manager. The system does it when a
    /// deadline is missed (the reason names which); staff do it by hand when the matter is beyond their
    /// authority, and must say why. Residents cannot; nothing escalates past the manager or once the
    /// item is settled.
    /// </summary>
    public void Escalate(Actor by, DateTimeOffset at, string? reason)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!by.IsStaff && by.Role != ActorRole.System)
        {
            throw new DomainException("Request.StaffOnly");
        }

        if (IsSettled)
        {
            throw IllegalTransition(nameof(Escalate));
        }

        if (Escalation == EscalationLevel.Manager)
        {
            throw new DomainException("Escalation.AtTop");
        }

        var text = by.Role == ActorRole.System ? OptionalNote(reason) : RequiredReason(reason);
        Escalation++;
        EscalatedAt = at;
        WarnedAt ??= at;
        Move(TimelineEvent.Escalated, Status, by, at, text is null ? Escalation.ToString() : $"{Escalation}: {text}");
    }

    /// <summary>Supervisors, managers and administrators may act on a complaint in its owner's place.</summary>
    private static bool MayOverrule(Actor by) => by.Role is ActorRole.Supervisor or ActorRole.Manager or ActorRole.Admin;

    /// <summary>
    /// Sets the deadlines for the current type and priority from <paramref name="from"/>; the response
    /// deadline too, unless the response was given or <paramref name="resetResponse"/> is false and
    /// only the resolution window restarts (rework).
    /// </summary>
    private void StartClock(DateTimeOffset from, IDeadlineSchedule? schedule, bool resetResponse)
    {
        var terms = (schedule ?? DeadlineSchedule.RoundTheClock).For(Type, Priority);
        ClockStartedAt = from;
        DueAt = terms.ResolveBy(from);
        if (resetResponse || RespondedAt is null)
        {
            RespondBy = terms.RespondBy(SubmittedAt);
        }

        if (from != SubmittedAt)
        {
            WarnedAt = null;
        }
    }

    /// <summary>The ball is with the resident: the deadlines stop, and the step that stopped them says so.</summary>
    private void PauseClock(DateTimeOffset at)
    {
        if (ClockPausedSince is not null)
        {
            return;
        }

        ClockPausedSince = at;
        _timeline[^1].MarkClock(ClockEffect.Paused);
    }

    /// <summary>The resident has answered: the deadlines move later by the counted time of the pause.</summary>
    private void ResumeClock(DateTimeOffset at, IDeadlineSchedule? schedule)
    {
        if (ClockPausedSince is not { } since)
        {
            return;
        }

        var terms = (schedule ?? DeadlineSchedule.RoundTheClock).For(Type, Priority);
        DueAt = terms.Shift(DueAt, since, at);
        if (RespondedAt is null)
        {
            RespondBy = terms.Shift(RespondBy, since, at);
        }

        ClockPausedSince = null;
        _timeline[^1].MarkClock(ClockEffect.Resumed);
    }

    private static string RequiredAnswer(string? answer)
    {
        var text = answer?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw new DomainException("Request.AnswerRequired");
        }

        if (text.Length > MaxDescriptionLength)
        {
            throw new DomainException("Request.AnswerTooLong", MaxDescriptionLength);
        }

        return text;
    }

    private void Move(TimelineEvent @event, RequestStatus to, Actor by, DateTimeOffset at, string? note) =>
        Record(@event, Status, to, by, at, note);

    private void Record(TimelineEvent @event, RequestStatus? from, RequestStatus to, Actor by, DateTimeOffset at, string? note)
    {
        Status = to;
        LastChangedAt = at;
        ConcurrencyStamp = Guid.NewGuid();
        _timeline.Add(new TimelineEntry(at, @event, from, to, by, note));
    }

    private void EnsureStatus(string action, params ReadOnlySpan<RequestStatus> allowed)
    {
        foreach (var status in allowed)
        {
            if (Status == status)
            {
                return;
            }
        }

        throw IllegalTransition(action);
    }

    private DomainException IllegalTransition(string action) =>
        new("Request.IllegalTransition", Status, action);

    // Dispatched, InProgress and OnHold always have an active work order; the aggregate keeps it so.
    private WorkOrder ActiveOrder(string action) =>
        ActiveWorkOrder ?? throw new InvalidOperationException($"{action}: the request is {Status} but has no active work order.");

    /// <summary>
    /// A technician acts only on his own work order, or on a team order nobody has taken yet. Other
    /// staff may record a step on his behalf unless <paramref name="technicianOnly"/>.
    /// </summary>
    private static void EnsureOrderTechnician(WorkOrder order, Actor by, bool technicianOnly)
    {
        if (by.Role != ActorRole.Technician)
        {
            if (technicianOnly)
            {
                throw new DomainException("WorkOrder.NotYours");
            }

            return;
        }

        if (order.TechnicianId is not null && !order.IsFor(by.UserId))
        {
            throw new DomainException("WorkOrder.NotYours");
        }
    }

    /// <summary>The first technician of a team to act on its order takes it over.</summary>
    private void TakeOver(WorkOrder order, Actor by)
    {
        if (by.Role == ActorRole.Technician && order.TechnicianId is null)
        {
            order.TakeOver(by.UserId);
            AssigneeId = by.UserId;
        }
    }

    /// <summary>
    /// The resident decides on their own request; staff record a decision given on the phone. The
    /// technician who priced the work never decides on it, and neither does the system.
    /// </summary>
    private Quote PendingQuoteFor(Actor by, string action)
    {
        EnsureStaffOrOwnResident(by, allowSystem: false);
        if (by.Role == ActorRole.Technician)
        {
            throw new DomainException("Quote.ResidentDecides");
        }

        if (Status != RequestStatus.OnHold
            || HoldReason != Requests.HoldReason.AwaitingResidentApproval
            || ActiveWorkOrder?.Quote is not { IsPending: true } quote)
        {
            throw IllegalTransition(action);
        }

        return quote;
    }

    private static string DecisionNote(Quote quote, Actor by, string? reason)
    {
        var note = reason is null ? quote.FormattedAmount : $"{quote.FormattedAmount}: {reason}";
        return by.Role == ActorRole.Resident ? note : $"{note} — recorded by staff";
    }

    /// <summary>
    /// The follow-up calls of the current round: those since the latest completion. Empty while the
    /// work is not completed (before it, or after it came back for rework).
    /// </summary>
    private IEnumerable<FollowUpAttempt> CurrentRoundAttempts() =>
        CompletedAt is { } completedAt ? _followUpAttempts.Where(a => a.At >= completedAt) : [];

    /// <summary>
    /// The completed work did not hold: its order counts against first-time fix, and the completion,
    /// the follow-up due time and any rating invitation are undone.
    /// </summary>
    private void BackForRework()
    {
        _workOrders.LastOrDefault(o => o.Status == WorkOrderStatus.Completed)?.MarkCausedRework();
        CompletedAt = null;
        FollowUpDueAt = null;
        RatingOpenUntil = null;
    }

    /// <summary>"No answer (2/3) — outside calling hours: urgent — rang twice", as the timeline shows a call.</summary>
    private static string AttemptNote(FollowUpAttempt attempt, int failed, FollowUpPolicy policy)
    {
        var progress = $"({failed}/{policy.MaxFailedAttempts})";
        var note = attempt.Result switch
        {
            CallResult.Reached => "Reached",
            CallResult.NoAnswer => $"No answer {progress}",
            CallResult.WrongNumber => $"Wrong number {progress}",
            CallResult.CallBackLater => "Call back later: "
                + TimeZoneInfo.ConvertTime(attempt.CallBackAt!.Value, policy.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            _ => attempt.Result.ToString(),
        };

        if (attempt.OutOfHoursReason is { } reason)
        {
            note += reason switch
            {
                OutOfHoursReason.Urgent => " — outside calling hours: urgent",
                OutOfHoursReason.AgreedWithResident => " — outside calling hours: agreed with the resident",
                _ => $" — outside calling hours: {reason}",
            };
        }

        return attempt.Note is null ? note : $"{note} — {attempt.Note}";
    }

    /// <summary>The job is with the desk again (Accepted): nobody has it, nothing is on hold.</summary>
    private void BackToDesk()
    {
        AssigneeName = null;
        AssigneeId = null;
        HoldReason = null;
        StatusBeforeHold = null;
        DispatchedAt = null;
        StartedAt = null;
    }

    private static void EnsureStaff(Actor by)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!by.IsStaff)
        {
            throw new DomainException("Request.StaffOnly");
        }
    }

    private void EnsureOwnResident(Actor by)
    {
        if (!BelongsTo(by.UserId))
        {
            throw new DomainException("Request.NotYours");
        }
    }

    private void EnsureStaffOrOwnResident(Actor by, bool allowSystem)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (by.IsStaff || (allowSystem && by.Role == ActorRole.System))
        {
            return;
        }

        if (by.Role == ActorRole.Resident)
        {
            EnsureOwnResident(by);
            return;
        }

        throw new DomainException("Request.StaffOnly");
    }

    private static string? OptionalNote(string? note)
    {
        var text = note?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > MaxNoteLength)
        {
            throw new DomainException("Request.NoteTooLong", MaxNoteLength);
        }

        return text;
    }

    private static string RequiredReason(string? reason) =>
        OptionalNote(reason) ?? throw new DomainException("Request.ReasonRequired");
}
