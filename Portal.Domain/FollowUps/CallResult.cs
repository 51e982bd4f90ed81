namespace Portal.Domain.FollowUps;

/// <summary>How one follow-up call (回访电话) went.</summary>
public enum CallResult
{
    /// <summary>接通: the resident was on the line; the outcome is recorded with the call.</summary>
    Reached,

    /// <summary>无人接听. Counts as a failed attempt.</summary>
    NoAnswer,

    /// <summary>号码错误 / 空号. Counts as a failed attempt.</summary>
    WrongNumber,

    /// <summary>稍后再打: the resident asked to be called at another time; not a failed attempt.</summary>
    CallBackLater,
}
