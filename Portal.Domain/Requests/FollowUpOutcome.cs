namespace Portal.Domain.Requests;

/// <summary>What the follow-up call (回访) found.</summary>
public enum FollowUpOutcome
{
    /// <summary>已解决.</summary>
    Resolved,

    /// <summary>有限解决: partly resolved, recorded and accepted by the resident.</summary>
    PartlyResolvedAccepted,

    /// <summary>未解决: the item is not done and goes back for rework.</summary>
    NotResolved,

    /// <summary>联系不上 after the agreed attempts.</summary>
    NotReached,
}
