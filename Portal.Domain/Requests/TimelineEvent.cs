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
}
