namespace Portal.Domain.Requests;

/// <summary>What a timeline step did to the deadlines.</summary>
public enum ClockEffect
{
    /// <summary>计时暂停: the request now waits for the resident (no access, their approval).</summary>
    Paused,

    /// <summary>恢复计时: the deadlines run again, moved later by the length of the pause.</summary>
    Resumed,
}
