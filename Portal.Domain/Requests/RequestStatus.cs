namespace Portal.Domain.Requests;

/// <summary>Where a request stands in its life cycle (处理状态). Closed and Cancelled are final.</summary>
public enum RequestStatus
{
    /// <summary>已提交: filed, nobody has looked at it yet.</summary>
    Submitted,

    /// <summary>已受理: registered by the desk.</summary>
    Accepted,

    /// <summary>已派工: a work order went to a technician.</summary>
    Dispatched,

    /// <summary>处理中.</summary>
    InProgress,

    /// <summary>暂停: waiting for parts, access or the resident; see <see cref="HoldReason"/>.</summary>
    OnHold,

    /// <summary>已完工: the technician returned the work order.</summary>
    Completed,

    /// <summary>已回访.</summary>
    FollowedUp,

    /// <summary>已评价.</summary>
    Rated,

    /// <summary>已关闭.</summary>
    Closed,

    /// <summary>已取消.</summary>
    Cancelled,

    /// <summary>返修: the result was not accepted; the work is tracked again.</summary>
    Reopened,
}
