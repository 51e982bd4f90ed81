namespace Portal.Domain.Requests;

/// <summary>What a complaint is about (投诉类别), as the training material sorts them.</summary>
public enum ComplaintKind
{
    /// <summary>工程质量.</summary>
    EngineeringQuality,

    /// <summary>物业管理.</summary>
    PropertyManagement,

    /// <summary>规划设计.</summary>
    PlanningAndDesign,

    /// <summary>客户服务.</summary>
    CustomerService,

    /// <summary>其他.</summary>
    Other,
}
