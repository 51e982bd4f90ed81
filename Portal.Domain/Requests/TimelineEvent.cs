namespace Portal.Domain.Requests;

/// <summary>What happened in one timeline entry (处理记录).</summary>
public enum TimelineEvent
{
    Submitted,
    Accepted,
    Dispatched,
    Reassigned,
    Started,
    PutOnHold,
    Resumed,
    Completed,
    ReturnedToDesk,
    FollowedUp,
    Rated,
    Closed,
    Cancelled,
    Reopened,
    Note,

    /// <summary>接单: the technician took the work order.</summary>
    WorkAccepted,

    /// <summary>出发: the technician is on the way.</summary>
    OnTheWay,

    /// <summary>报价: the technician priced paid work; the resident must decide before work starts.</summary>
    Quoted,

    /// <summary>业主同意报价.</summary>
    QuoteApproved,

    /// <summary>业主拒绝报价: the work order goes back to the desk.</summary>
    QuoteDeclined,

    /// <summary>已通知管家: the building's butler was told of the repair.</summary>
    ButlerInformed,

    /// <summary>回访电话: one follow-up call, answered or not; the note says how it went.</summary>
    CallAttempted,

    /// <summary>服务补救: a low rating opened a task for the supervisor.</summary>
    RecoveryOpened,

    /// <summary>The supervisor dealt with the low rating; the note says how.</summary>
    RecoveryResolved,

    /// <summary>转交: a complaint was handed to its owner (the butler); the note names them.</summary>
    Routed,

    /// <summary>答复: the answer to a complaint, suggestion, inquiry or praise; the note is the answer.</summary>
    Answered,

    /// <summary>A complaint's owner opened a linked repair; the note is its number.</summary>
    LinkedRepairOpened,

    /// <summary>催办: a complaint about this request raised its priority; the note is the complaint's number.</summary>
    PriorityRaised,

    /// <summary>预警: a deadline is close; the note names which (Response or Resolution).</summary>
    DeadlineWarning,

    /// <summary>升级: to the supervisor or the manager; the note says the level and why.</summary>
    Escalated,
}
