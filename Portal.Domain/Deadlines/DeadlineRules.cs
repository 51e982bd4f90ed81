using Portal.Domain.Requests;

namespace Portal.Domain.Deadlines;

/// <summary>
/// The default deadline policy per request type and priority (默认时限), used until an estate configures its
/// own. Response is the first answer to the resident; resolution is the end of the matter.
/// </summary>
public static class DeadlineRules
{
    private static readonly TimeSpan Minutes30 = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>Every request type with every priority: 20 combinations, type by type, lowest priority first.</summary>
    public static IEnumerable<(RequestType Type, Priority Priority)> All =>
        from type in Enum.GetValues<RequestType>()
        from priority in Enum.GetValues<Priority>()
        select (type, priority);

    /// <summary>The default terms for <paramref name="type"/> at <paramref name="priority"/>.</summary>
    public static (TimeSpan RespondWithin, TimeSpan ResolveWithin, DeadlineCounting Counting) Default(RequestType type, Priority priority)
    {
        // Checked first: the catch-all rows below would otherwise give an unknown priority a default.
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown request type.");
        }

        if (!Enum.IsDefined(priority))
        {
            throw new ArgumentOutOfRangeException(nameof(priority), priority, "Unknown priority.");
        }

        return (type, priority) switch
        {
            // Emergencies and important repairs run round the clock: a leak does not wait for Monday.
            // Ordinary repairs are promised in the desk's opening hours, so that a request filed at night
            // is never promised an answer while nobody is there to give it (a promise that cannot be kept
            // is worse than none); 36 working hours are three days of the default 08:00–20:00.
            (RequestType.Repair, Priority.Urgent) => (Minutes30, Hours(4), DeadlineCounting.CalendarHours),
            (RequestType.Repair, Priority.High) => (Hour, Hours(24), DeadlineCounting.CalendarHours),
            (RequestType.Repair, Priority.Normal) => (Hour, Hours(36), DeadlineCounting.BusinessHours),
            (RequestType.Repair, Priority.Low) => (Hours(2), Hours(84), DeadlineCounting.BusinessHours),

            // Complaints: the butler answers the desk within 4 hours (the training material), sooner when
            // urgent; urgent and high ones round the clock, the rest in opening hours (two and three days).
            (RequestType.Complaint, Priority.Urgent) => (Hours(2), Hours(24), DeadlineCounting.CalendarHours),
            (RequestType.Complaint, Priority.High) => (Hours(4), Hours(24), DeadlineCounting.CalendarHours),
            (RequestType.Complaint, Priority.Normal) => (Hours(4), Hours(24), DeadlineCounting.BusinessHours),
            (RequestType.Complaint, Priority.Low) => (Hours(4), Hours(36), DeadlineCounting.BusinessHours),

            // Inquiries are answered in opening hours (8 working hours, about one working day), except an urgent
            // one, which is about something happening now.
            (RequestType.Inquiry, Priority.Urgent) => (Minutes30, Hours(4), DeadlineCounting.CalendarHours),
            (RequestType.Inquiry, Priority.High) => (Hour, Hours(8), DeadlineCounting.BusinessHours),
            (RequestType.Inquiry, Priority.Normal) => (Hours(2), Hours(24), DeadlineCounting.BusinessHours),
            (RequestType.Inquiry, Priority.Low) => (Hours(4), Hours(24), DeadlineCounting.BusinessHours),

            // Suggestions need someone to weigh them: a working day to acknowledge, a working week to answer.
            (RequestType.Suggestion, Priority.Urgent) => (Hours(4), Hours(24), DeadlineCounting.BusinessHours),
            (RequestType.Suggestion, _) => (Hours(8), Hours(40), DeadlineCounting.BusinessHours),

            // Praise is thanked within a working day and passed on to the team within three.
            (RequestType.Praise, _) => (Hours(8), Hours(24), DeadlineCounting.BusinessHours),

            _ => throw new ArgumentOutOfRangeException(nameof(type), (type, priority), "No default for this combination."),
        };
    }

    private static TimeSpan Hours(int hours) => TimeSpan.FromHours(hours);
}
