using Portal.Domain.Common;

namespace Portal.Domain.Requests;

/// <summary>
/// A work order (工作维修单): one attempt by one technician or team at the job of a
/// <see cref="ServiceRequest"/>. Reassigning, returning to the desk or reworking a request ends its
/// order and opens a new one, so the orders of a request say who went out, when, and how it ended.
/// </summary>
/// <remarks>
/// Part of the <see cref="ServiceRequest"/> aggregate: created and changed only by it, which checks
/// who acts and records every step on the request's timeline. The methods here guard their own
/// status too, so that a mistake in the aggregate cannot leave an order in an impossible state.
/// Life cycle: Assigned → Accepted → OnTheWay → InProgress (⇄ Paused) → Completed; from any active
/// status it may end Returned, Reassigned or Cancelled.
/// </remarks>
public sealed class WorkOrder
{
    public const int MaxCompletionNotesLength = 2000;
    public const int MinMinutesSpent = 1;

    /// <summary>One week: a longer figure is a typing mistake, not a repair.</summary>
    public const int MaxMinutesSpent = 7 * 24 * 60;

    public const int MaxMaterials = 30;

    /// <summary>Room for a reason (at most <see cref="ServiceRequest.MaxNoteLength"/>) and the prefix "Quote declined: ".</summary>
    public const int MaxReturnReasonLength = 600;

    /// <summary>The return reason when the resident turns down the price of paid work.</summary>
    public const string QuoteDeclinedReason = "Quote declined";

    private readonly List<MaterialLine> _materials = [];

    /// <param name="reworkOfSequence">For rework, the sequence of the completed order that came back; null otherwise.</param>
    internal WorkOrder(int sequence, Assignee assignee, int? reworkOfSequence, DateTimeOffset at)
    {
        Sequence = sequence;
        TechnicianId = assignee.TechnicianId;
        AssigneeName = assignee.Name;
        IsTeam = assignee.IsTeam;
        IsRework = reworkOfSequence is not null;
        ReworkOfSequence = reworkOfSequence;
        Status = WorkOrderStatus.Assigned;
        AssignedAt = at;
    }

    // For EF Core.
    private WorkOrder()
    {
        AssigneeName = null!;
    }

    public int Id { get; private set; }

    /// <summary>Set by EF Core from the owning request.</summary>
    public int ServiceRequestId { get; private set; }

    /// <summary>1, 2, … within the request, in the order the orders were opened.</summary>
    public int Sequence { get; private set; }

    /// <summary>
    /// The technician's user id. For a team order null until a technician of the team takes the job
    /// (accepts, starts or quotes it); then his.
    /// </summary>
    public string? TechnicianId { get; private set; }

    /// <summary>Name of the technician or team the order went to.</summary>
    public string AssigneeName { get; private set; }

    public bool IsTeam { get; private set; }

    /// <summary>返修: opened after the job had been completed once and came back.</summary>
    public bool IsRework { get; private set; }

    /// <summary>
    /// For rework, the <see cref="Sequence"/> of the completed order whose result came back — the
    /// latest completed one when this order was opened; null otherwise.
    /// </summary>
    public int? ReworkOfSequence { get; private set; }

    /// <summary>
    /// The order was completed but its result came back (a "not resolved" follow-up, or a reopening):
    /// it does not count as fixed first time for its technician.
    /// </summary>
    public bool CausedRework { get; private set; }

    public WorkOrderStatus Status { get; private set; }

    public DateTimeOffset AssignedAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public DateTimeOffset? SetOffAt { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>When the order ended: completed, returned, reassigned or cancelled.</summary>
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Set while <see cref="WorkOrderStatus.Paused"/>.</summary>
    public HoldReason? PauseReason { get; private set; }

    public string? CompletionNotes { get; private set; }

    public int? MinutesSpent { get; private set; }

    public IReadOnlyList<MaterialLine> Materials => _materials.AsReadOnly();

    /// <summary>The price of paid work, if the technician quoted one.</summary>
    public Quote? Quote { get; private set; }

    /// <summary>Why the order came back unfinished (退单原因); never silently dropped.</summary>
    public string? ReturnReason { get; private set; }

    public bool IsActive => Status is not (WorkOrderStatus.Completed
        or WorkOrderStatus.Returned
        or WorkOrderStatus.Reassigned
        or WorkOrderStatus.Cancelled);

    public bool IsFor(string userId) => string.Equals(TechnicianId, userId, StringComparison.Ordinal);

    internal bool HasPendingQuote => IsActive && Quote is { IsPending: true };

    /// <summary>Throws <c>WorkOrder.IllegalTransition</c> (status, action) unless the order is in one of <paramref name="allowed"/>.</summary>
    internal void EnsureStatus(string action, params ReadOnlySpan<WorkOrderStatus> allowed)
    {
        foreach (var status in allowed)
        {
            if (Status == status)
            {
                return;
            }
        }

        throw new DomainException("WorkOrder.IllegalTransition", Status, action);
    }

    /// <summary>A technician of the team takes a team order that nobody has taken yet.</summary>
    internal void TakeOver(string technicianId)
    {
        if (TechnicianId is not null && !IsFor(technicianId))
        {
            throw new InvalidOperationException("The work order is another technician's.");
        }

        TechnicianId = technicianId;
    }

    internal void Accept(DateTimeOffset at)
    {
        EnsureStatus(nameof(ServiceRequest.AcceptWork), WorkOrderStatus.Assigned);
        AcceptedAt = at;
        Status = WorkOrderStatus.Accepted;
    }

    internal void SetOff(DateTimeOffset at)
    {
        EnsureStatus(nameof(ServiceRequest.SetOff), WorkOrderStatus.Accepted);
        SetOffAt = at;
        Status = WorkOrderStatus.OnTheWay;
    }

    /// <summary>Starting an order nobody accepted accepts it at the same moment.</summary>
    internal void Start(DateTimeOffset at)
    {
        EnsureStatus(
            nameof(ServiceRequest.Start),
            WorkOrderStatus.Assigned,
            WorkOrderStatus.Accepted,
            WorkOrderStatus.OnTheWay);
        AcceptedAt ??= at;
        StartedAt = at;
        Status = WorkOrderStatus.InProgress;
    }

    internal void Pause(HoldReason reason)
    {
        EnsureStatus(nameof(ServiceRequest.PutOnHold), WorkOrderStatus.InProgress);
        PauseReason = reason;
        Status = WorkOrderStatus.Paused;
    }

    /// <summary>
    /// Work continues. An order that is not paused is the new one of a request reassigned while on
    /// hold: resuming is where its technician takes it up, so it is accepted and started at once.
    /// </summary>
    internal void Resume(DateTimeOffset at)
    {
        EnsureStatus(
            nameof(ServiceRequest.Resume),
            WorkOrderStatus.Paused,
            WorkOrderStatus.Assigned,
            WorkOrderStatus.Accepted,
            WorkOrderStatus.OnTheWay);
        if (Status != WorkOrderStatus.Paused)
        {
            AcceptedAt ??= at;
            StartedAt = at;
        }

        PauseReason = null;
        Status = WorkOrderStatus.InProgress;
    }

    internal void AttachQuote(Quote quote)
    {
        EnsureStatus(
            nameof(ServiceRequest.Quote),
            WorkOrderStatus.Assigned,
            WorkOrderStatus.Accepted,
            WorkOrderStatus.OnTheWay);
        if (HasPendingQuote)
        {
            throw new DomainException("Quote.Pending");
        }

        Quote = quote;
    }

    internal void Complete(CompletionReport report, DateTimeOffset at)
    {
        EnsureStatus(nameof(ServiceRequest.Complete), WorkOrderStatus.InProgress);
        CompletionNotes = report.Notes;
        MinutesSpent = report.MinutesSpent;
        _materials.AddRange(report.Materials);
        End(WorkOrderStatus.Completed, at);
    }

    /// <summary>The completed result was not accepted and the job goes back for rework.</summary>
    internal void MarkCausedRework()
    {
        if (Status != WorkOrderStatus.Completed)
        {
            throw new InvalidOperationException("Only a completed work order can cause rework.");
        }

        CausedRework = true;
    }

    internal void Return(string reason, DateTimeOffset at)
    {
        EnsureActive(nameof(ServiceRequest.ReturnToDesk));
        ReturnReason = reason;
        End(WorkOrderStatus.Returned, at);
    }

    internal void Reassign(DateTimeOffset at)
    {
        EnsureActive(nameof(ServiceRequest.Dispatch));
        End(WorkOrderStatus.Reassigned, at);
    }

    internal void Cancel(DateTimeOffset at)
    {
        EnsureActive(nameof(ServiceRequest.Cancel));
        End(WorkOrderStatus.Cancelled, at);
    }

    private void EnsureActive(string action)
    {
        if (!IsActive)
        {
            throw new DomainException("WorkOrder.IllegalTransition", Status, action);
        }
    }

    private void End(WorkOrderStatus status, DateTimeOffset at)
    {
        Status = status;
        FinishedAt = at;
    }
}
