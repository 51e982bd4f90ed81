using Portal.Domain.Common;

namespace Portal.Domain.FollowUps;

/// <summary>
/// One follow-up call (回访记录): when, by whom, how it went. Every attempt is kept, answered or not,
/// so the record shows the desk tried before the resident was counted as not reached.
/// </summary>
/// <remarks>
/// Part of the <see cref="Requests.ServiceRequest"/> aggregate: created only by
/// <see cref="Requests.ServiceRequest.LogCallAttempt"/>, never changed afterwards.
/// </remarks>
public sealed class FollowUpAttempt
{
    internal FollowUpAttempt(
        DateTimeOffset at,
        CallResult result,
        DateTimeOffset? callBackAt,
        OutOfHoursReason? outOfHoursReason,
        Actor by,
        string? note)
    {
        At = at;
        Result = result;
        CallBackAt = callBackAt;
        OutOfHoursReason = outOfHoursReason;
        ByUserId = by.UserId;
        ByName = by.DisplayName;
        Note = note;
    }

    // For EF Core.
    private FollowUpAttempt()
    {
        ByUserId = ByName = null!;
    }

    public long Id { get; private set; }

    /// <summary>Set by EF Core from the owning request.</summary>
    public int ServiceRequestId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public CallResult Result { get; private set; }

    /// <summary>When the resident asked to be called again; set for <see cref="CallResult.CallBackLater"/> only.</summary>
    public DateTimeOffset? CallBackAt { get; private set; }

    /// <summary>Why the call was made outside calling hours; null for a call within them.</summary>
    public OutOfHoursReason? OutOfHoursReason { get; private set; }

    public string ByUserId { get; private set; }

    /// <summary>Copied at the time so the record reads the same after a rename.</summary>
    public string ByName { get; private set; }

    public string? Note { get; private set; }

    /// <summary>No answer or a wrong number; "call me later" is not a failure.</summary>
    public bool IsFailed => Result is CallResult.NoAnswer or CallResult.WrongNumber;
}
