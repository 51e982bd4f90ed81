namespace Portal.Domain.Requests;

/// <summary>How urgent the desk judges the request (优先级). Ordered: a higher value is more urgent.</summary>
public enum Priority
{
    Low,
    Normal,
    High,
    Urgent,
}
