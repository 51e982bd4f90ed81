namespace Portal.Domain.Requests;

/// <summary>How long the desk has to resolve a request of a given priority (处理时限).</summary>
public static class DeadlinePolicy
{
    // A plain round-the-clock default so that every request carries a deadline from the start.
    // Estates will configure their own limits and working hours (the administrator's "time limits"),
    // and a business-hour policy will replace this one; callers go through ServiceRequest.DueAt, so
    // only this class changes then.
    public static TimeSpan ResolutionTime(Priority priority) => priority switch
    {
        Priority.Urgent => TimeSpan.FromHours(4),
        Priority.High => TimeSpan.FromHours(24),
        Priority.Normal => TimeSpan.FromHours(72),
        Priority.Low => TimeSpan.FromDays(7),
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, "Unknown priority."),
    };
}
