namespace Portal.Domain.Deadlines;

/// <summary>
/// The automatic steps of a deadline (超时升级规则): a warning at three quarters of the window, the
/// supervisor at the deadline, the head of the office when half the window again has gone by.
/// </summary>
/// <remarks>
/// One step per call, so that every step is recorded (and notified) on its own even when a job has not
/// run for a while: an item found at 1.6 with nobody told goes to the supervisor first and to the
/// manager on the next call. The warning is skipped once the deadline has passed. A manual escalation
/// also raises the level, so an item escalated by hand to the supervisor still goes to the manager at
/// <see cref="ManagerAt"/>, and one escalated by hand to the manager is left alone.
/// </remarks>
public static class EscalationPolicy
{
    /// <summary>Fraction of the window used at which the assignee is warned.</summary>
    public const double WarnAt = 0.75;

    /// <summary>Fraction at which the supervisor takes over: the deadline itself.</summary>
    public const double SupervisorAt = 1.0;

    /// <summary>Fraction at which the head of the office takes over: half the window again after the breach.</summary>
    public const double ManagerAt = 1.5;

    /// <summary>
    /// What should happen now, given the fraction of the window <paramref name="used"/> (see
    /// <see cref="DeadlineTerms.Used"/>), whether the warning was already given, and who has been told.
    /// </summary>
    public static DeadlineStep Next(double used, bool warned, EscalationLevel level)
    {
        if (double.IsNaN(used))
        {
            throw new ArgumentOutOfRangeException(nameof(used), used, "The fraction used must be a number.");
        }

        return level switch
        {
            EscalationLevel.None when used >= SupervisorAt => DeadlineStep.EscalateToSupervisor,
            EscalationLevel.None when used >= WarnAt && !warned => DeadlineStep.Warn,
            EscalationLevel.None => DeadlineStep.None,
            EscalationLevel.Supervisor when used >= ManagerAt => DeadlineStep.EscalateToManager,
            EscalationLevel.Supervisor => DeadlineStep.None,
            EscalationLevel.Manager => DeadlineStep.None,
            _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown escalation level."),
        };
    }
}
