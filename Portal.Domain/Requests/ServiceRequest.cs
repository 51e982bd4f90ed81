using Portal.Domain.Common;

namespace Portal.Domain.Requests;

/// <summary>
/// One item in the service desk's register (服务请求; a repair is a 报修单). The aggregate root:
/// its state changes only through the methods below, each of which checks who is acting and the
/// current status, throws <see cref="DomainException"/> on an illegal move, and appends exactly one
/// <see cref="TimelineEntry"/>.
/// </summary>
/// <remarks>
/// Life cycle: Submitted → Accepted → Dispatched → InProgress (⇄ OnHold) → Completed → FollowedUp
/// → Rated → Closed, with rework (Reopened → Dispatched), return to the desk, and cancellation.
/// The timestamps hold the latest time the request reached each step; a step that is undone
/// (returned to the desk, reopened) clears the timestamps it invalidates, so that e.g.
/// <see cref="CompletedAt"/> is set exactly when the work currently stands completed. The full
/// history is always in <see cref="Timeline"/>.
/// Which kind of staff may do what (a technician starts, the desk follows up) is the use cases'
/// concern; the aggregate separates residents, staff and the system.
/// </remarks>
public sealed class ServiceRequest
{
    public const int MaxPhotos = 5;
    public const int MaxDescriptionLength = 1000;
    public const int MaxContactNameLength = 50;
    public const int MaxAssigneeNameLength = 100;

    /// <summary>Limit for notes, reasons (including <see cref="CancellationReason"/>) and the resident's words on the follow-up.</summary>
    public const int MaxNoteLength = 500;

    private readonly List<TimelineEntry> _timeline = [];
    private readonly List<RequestPhoto> _photos = [];

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

    /// <summary>Outcome of the latest follow-up call.</summary>
    public FollowUpOutcome? FollowUpOutcome { get; private set; }

    /// <summary>Who the work order is with; null until dispatched and after a return to the desk.</summary>
    public string? AssigneeName { get; private set; }

    public string? CancellationReason { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public DateTimeOffset? DispatchedAt { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public DateTimeOffset LastChangedAt { get; private set; }

    /// <summary>Optimistic-concurrency token: renewed on every change, so two clerks cannot both act on the same state.</summary>
    public Guid ConcurrencyStamp { get; private set; }

    public IReadOnlyList<TimelineEntry> Timeline => _timeline.AsReadOnly();

    public IReadOnlyList<RequestPhoto> Photos => _photos.AsReadOnly();

    /// <summary>Residents may withdraw only while nobody has been sent yet.</summary>
    public bool CanBeCancelledByResident => Status is RequestStatus.Submitted or RequestStatus.Accepted;

    public bool BelongsTo(string userId) => string.Equals(ResidentId, userId, StringComparison.Ordinal);

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
        DateTimeOffset at)
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
            Priority = Priority.Normal,
            Status = RequestStatus.Submitted,
            ResidentId = residentId,
            ContactName = name,
            ContactPhone = PhoneNumber.Normalize(contactPhone),
            Location = location,
            Description = text,
            PreferredWindow = preferredWindow,
            SubmittedAt = at,
        };
        request._photos.AddRange(photoList);
        request.Record(TimelineEvent.Submitted, from: null, RequestStatus.Submitted, filedBy, at, note: null);
        return request;
    }

    /// <summary>The desk registers the request (受理) and sets its priority.</summary>
    public void Accept(Actor by, DateTimeOffset at, Priority priority, string? note)
    {
        EnsureStaff(by);
        EnsureStatus(nameof(Accept), RequestStatus.Submitted);
        var text = OptionalNote(note);

        Priority = priority;
        AcceptedAt = at;
        Move(TimelineEvent.Accepted, RequestStatus.Accepted, by, at, text);
    }

    /// <summary>
    /// Sends the work order to someone (派工). Called again while dispatched or on hold, it hands the
    /// job to someone else without changing its status (Reassigned).
    /// </summary>
    public void Dispatch(Actor by, DateTimeOffset at, string assigneeName, string? note)
    {
        EnsureStaff(by);
        EnsureStatus(
            nameof(Dispatch),
            RequestStatus.Accepted,
            RequestStatus.Reopened,
            RequestStatus.Dispatched,
            RequestStatus.OnHold);
        var assignee = assigneeName?.Trim();
        if (string.IsNullOrEmpty(assignee))
        {
            throw new DomainException("Request.AssigneeRequired");
        }

        if (assignee.Length > MaxAssigneeNameLength)
        {
            throw new DomainException("Request.AssigneeTooLong", MaxAssigneeNameLength);
        }

        var text = OptionalNote(note);

        // The timeline has no assignee column, so the name goes in the note: the history must say
        // who had the job at each point, not only who has it now.
        var entryNote = text is null ? assignee : $"{assignee}: {text}";
        AssigneeName = assignee;
        if (Status is RequestStatus.Dispatched or RequestStatus.OnHold)
        {
            Move(TimelineEvent.Reassigned, Status, by, at, entryNote);
        }
        else
        {
            DispatchedAt = at;
            Move(TimelineEvent.Dispatched, RequestStatus.Dispatched, by, at, entryNote);
        }
    }

    /// <summary>The technician is on site and starts work (开始维修).</summary>
    public void Start(Actor by, DateTimeOffset at)
    {
        EnsureStaff(by);
        EnsureStatus(nameof(Start), RequestStatus.Dispatched);

        StartedAt = at;
        Move(TimelineEvent.Started, RequestStatus.InProgress, by, at, note: null);
    }

    /// <summary>
    /// Pauses the work (暂停). <see cref="Requests.HoldReason.AwaitingResidentApproval"/> is how paid
    /// work waits for the resident to accept the cost.
    /// </summary>
    public void PutOnHold(HoldReason reason, Actor by, DateTimeOffset at, string? note)
    {
        EnsureStaff(by);
        EnsureStatus(nameof(PutOnHold), RequestStatus.InProgress);
        var text = OptionalNote(note);

        HoldReason = reason;
        Move(TimelineEvent.PutOnHold, RequestStatus.OnHold, by, at, text);
    }

    /// <summary>
    /// Work continues (恢复). The resident may resume only a hold that waits for their approval —
    /// resuming is how they accept the cost; every other hold is lifted by staff.
    /// </summary>
    public void Resume(Actor by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (by.Role == ActorRole.Resident)
        {
            EnsureOwnResident(by);
            EnsureStatus(nameof(Resume), RequestStatus.OnHold);
            if (HoldReason != Requests.HoldReason.AwaitingResidentApproval)
            {
                throw new DomainException("Request.StaffOnly");
            }
        }
        else
        {
            EnsureStaff(by);
            EnsureStatus(nameof(Resume), RequestStatus.OnHold);
        }

        HoldReason = null;
        Move(TimelineEvent.Resumed, RequestStatus.InProgress, by, at, note: null);
    }

    /// <summary>The technician returns the work order as done (完工).</summary>
    public void Complete(Actor by, DateTimeOffset at, string? note)
    {
        EnsureStaff(by);
        EnsureStatus(nameof(Complete), RequestStatus.InProgress);
        var text = OptionalNote(note);

        CompletedAt = at;
        Move(TimelineEvent.Completed, RequestStatus.Completed, by, at, text);
    }

    /// <summary>
    /// A job that cannot be finished goes back to the desk with the reason (退回), never silently
    /// dropped; the desk dispatches it again or cancels it.
    /// </summary>
    public void ReturnToDesk(Actor by, DateTimeOffset at, string reason)
    {
        EnsureStaff(by);
        EnsureStatus(
            nameof(ReturnToDesk),
            RequestStatus.Dispatched,
            RequestStatus.InProgress,
            RequestStatus.OnHold);
        var text = RequiredReason(reason);

        AssigneeName = null;
        HoldReason = null;
        DispatchedAt = null;
        StartedAt = null;
        Move(TimelineEvent.ReturnedToDesk, RequestStatus.Accepted, by, at, text);
    }

    /// <summary>
    /// Records the follow-up call (回访) and the resident's words. "Not resolved" means the item is
    /// not done: it is reopened for rework at a higher priority.
    /// </summary>
    public void RecordFollowUp(FollowUpOutcome outcome, Actor by, DateTimeOffset at, string? residentWords)
    {
        EnsureStaff(by);
        EnsureStatus(nameof(RecordFollowUp), RequestStatus.Completed);
        var text = OptionalNote(residentWords);

        FollowUpOutcome = outcome;
        if (outcome == Requests.FollowUpOutcome.NotResolved)
        {
            Priority = Priority == Priority.Urgent ? Priority.Urgent : Priority + 1;
            CompletedAt = null;
            Move(TimelineEvent.FollowedUp, RequestStatus.Reopened, by, at, text);
        }
        else
        {
            Move(TimelineEvent.FollowedUp, RequestStatus.FollowedUp, by, at, text);
        }
    }

    /// <summary>
    /// The resident's rating is recorded (评价). Never before the follow-up: a survey while the
    /// problem is still open measures nothing but the open problem.
    /// </summary>
    public void Rate(Actor by, DateTimeOffset at)
    {
        EnsureStaffOrOwnResident(by, allowSystem: false);
        EnsureStatus(nameof(Rate), RequestStatus.FollowedUp);
        if (FollowUpOutcome is not (Requests.FollowUpOutcome.Resolved
            or Requests.FollowUpOutcome.PartlyResolvedAccepted
            or Requests.FollowUpOutcome.NotReached))
        {
            throw IllegalTransition(nameof(Rate));
        }

        Move(TimelineEvent.Rated, RequestStatus.Rated, by, at, note: null);
    }

    /// <summary>Closes the record (关闭); the system may do it once the rating window has passed.</summary>
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
    /// must say why, since the resident will ask.
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
        HoldReason = null;
        Move(TimelineEvent.Cancelled, RequestStatus.Cancelled, by, at, text);
    }

    /// <summary>Sends finished work back for rework (返修), e.g. when the resident calls again.</summary>
    public void Reopen(Actor by, DateTimeOffset at, string reason)
    {
        EnsureStaff(by);
        EnsureStatus(nameof(Reopen), RequestStatus.Completed, RequestStatus.FollowedUp, RequestStatus.Rated);
        var text = RequiredReason(reason);

        CompletedAt = null;
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
