namespace Portal.Domain.Ratings;

/// <summary>Where a service-recovery task stands.</summary>
public enum RecoveryStatus
{
    /// <summary>The supervisor has yet to contact the resident.</summary>
    Open,

    /// <summary>The supervisor has dealt with it and written down how.</summary>
    Resolved,
}
