namespace Portal.Domain.Deadlines;

/// <summary>
/// How a deadline's time is counted (计时方式). Emergencies run round the clock; routine answers wait for
/// the desk to be open, so a question asked on Friday night is not late by Saturday morning.
/// </summary>
public enum DeadlineCounting
{
    /// <summary>Every hour counts, night, weekend and holiday included.</summary>
    CalendarHours,

    /// <summary>Only the estate's opening hours count; closed days and holidays do not.</summary>
    BusinessHours,
}
