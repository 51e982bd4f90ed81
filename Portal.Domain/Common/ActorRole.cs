namespace Portal.Domain.Common;

/// <summary>What a person (or the system itself) is acting as (角色).</summary>
public enum ActorRole
{
    /// <summary>业主 / 住户.</summary>
    Resident,

    /// <summary>客服 / 受理人.</summary>
    FrontDesk,

    /// <summary>贴心管家.</summary>
    Butler,

    /// <summary>工程部维修工.</summary>
    Technician,

    /// <summary>客服主管: takes escalations first, reads the statistics.</summary>
    Supervisor,

    /// <summary>系统管理员.</summary>
    Admin,

    /// <summary>Scheduled jobs and other automatic actions; not a person.</summary>
    System,

    /// <summary>管理处主任: the estate's manager, the second level of escalation.</summary>
    Manager,
}
