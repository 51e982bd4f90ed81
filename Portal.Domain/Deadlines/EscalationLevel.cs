namespace Portal.Domain.Deadlines;

/// <summary>
/// Who has been told about an item that is running late (升级层级). Ordered: a higher value is further up,
/// so a level can be compared with <c>&lt;</c>.
/// </summary>
public enum EscalationLevel
{
    /// <summary>Still with the desk and the assignee only.</summary>
    None,

    /// <summary>The customer-service supervisor (客服主管) is responsible.</summary>
    Supervisor,

    /// <summary>The head of the management office (管理处主任) is responsible.</summary>
    Manager,
}
