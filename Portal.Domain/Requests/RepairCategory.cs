namespace Portal.Domain.Requests;

/// <summary>What needs repairing (报修类别).</summary>
public enum RepairCategory
{
    /// <summary>水暖.</summary>
    Plumbing,

    /// <summary>电路.</summary>
    Electrical,

    /// <summary>空调.</summary>
    AirConditioning,

    /// <summary>门窗.</summary>
    DoorsAndWindows,

    /// <summary>电梯.</summary>
    Lift,

    /// <summary>公共设施.</summary>
    PublicFacilities,

    /// <summary>墙面地面.</summary>
    WallsAndFloors,

    /// <summary>其他.</summary>
    Other,
}
