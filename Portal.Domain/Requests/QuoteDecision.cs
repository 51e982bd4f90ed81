namespace Portal.Domain.Requests;

/// <summary>What the resident said to the cost of paid work (有偿服务).</summary>
public enum QuoteDecision
{
    /// <summary>同意: the work may start.</summary>
    Approved,

    /// <summary>拒绝: the work order goes back to the desk.</summary>
    Declined,
}
