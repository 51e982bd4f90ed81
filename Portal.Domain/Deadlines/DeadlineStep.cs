namespace Portal.Domain.Deadlines;

/// <summary>
/// The one automatic action a deadline calls for right now, as decided by <see cref="EscalationPolicy.Next"/>.
/// The deadline watch (every minute) performs it and records it, so the next run sees the new state and does not repeat it.
/// </summary>
public enum DeadlineStep
{
    /// <summary>Nothing to do yet, or everything due has been done.</summary>
    None,

    /// <summary>Remind the assignee that three quarters of the time is gone.</summary>
    Warn,

    /// <summary>The deadline has passed: hand it to the supervisor.</summary>
    EscalateToSupervisor,

    /// <summary>Half the window again has passed since the breach: hand it to the head of the office.</summary>
    EscalateToManager,
}
