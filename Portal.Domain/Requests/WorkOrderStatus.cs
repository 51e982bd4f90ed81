namespace Portal.Domain.Requests;

/// <summary>
/// Where a work order (工作维修单) stands. Completed, Returned, Reassigned and Cancelled are final:
/// a request holds at most one work order in any other status (its active one).
/// </summary>
public enum WorkOrderStatus
{
    /// <summary>已派单: sent to the technician or team, not yet taken.</summary>
    Assigned,

    /// <summary>已接单: the technician took the job.</summary>
    Accepted,

    /// <summary>在途: the technician is on the way.</summary>
    OnTheWay,

    /// <summary>维修中.</summary>
    InProgress,

    /// <summary>暂停: see <see cref="WorkOrder.PauseReason"/>.</summary>
    Paused,

    /// <summary>已完工: returned done, with notes, time and materials.</summary>
    Completed,

    /// <summary>已退单: could not be finished; see <see cref="WorkOrder.ReturnReason"/>.</summary>
    Returned,

    /// <summary>已改派: the desk gave the job to someone else.</summary>
    Reassigned,

    /// <summary>已取消 with its request.</summary>
    Cancelled,
}
