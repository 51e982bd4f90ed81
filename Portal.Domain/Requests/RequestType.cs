namespace Portal.Domain.Requests;

/// <summary>What kind of item the register holds (诉求类型). Every kind goes into the one register (归口).</summary>
public enum RequestType
{
    /// <summary>报修.</summary>
    Repair,

    /// <summary>投诉.</summary>
    Complaint,

    /// <summary>建议.</summary>
    Suggestion,

    /// <summary>咨询.</summary>
    Inquiry,

    /// <summary>表扬.</summary>
    Praise,
}
