namespace Portal.Domain.FollowUps;

/// <summary>Why a follow-up call was made outside the estate's calling hours (never at night without one).</summary>
public enum OutOfHoursReason
{
    /// <summary>紧急: it could not wait until the morning.</summary>
    Urgent,

    /// <summary>事先约定: the resident asked for this time beforehand.</summary>
    AgreedWithResident,
}
