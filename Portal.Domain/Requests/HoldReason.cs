namespace Portal.Domain.Requests;

/// <summary>Why work is paused (暂停原因).</summary>
public enum HoldReason
{
    /// <summary>等待配件.</summary>
    AwaitingParts,

    /// <summary>无法入户 / no access to the place.</summary>
    NoAccess,

    /// <summary>业主不在家.</summary>
    ResidentAbsent,

    /// <summary>
    /// 等待业主确认: paid work (有偿服务) whose cost the resident has not yet accepted; work may not
    /// start until they do.
    /// </summary>
    AwaitingResidentApproval,
}
