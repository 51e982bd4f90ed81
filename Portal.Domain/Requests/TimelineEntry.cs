using Portal.Domain.Common;

namespace Portal.Domain.Requests;

/// <summary>
/// One line of a request's history (处理记录): what happened, who did it and when. Written only by
/// <see cref="ServiceRequest"/>, never changed afterwards — this is the "original record" pulled out
/// when a resident disputes what happened.
/// </summary>
public sealed class TimelineEntry
{
    internal TimelineEntry(
        DateTimeOffset at,
        TimelineEvent @event,
        RequestStatus? from,
        RequestStatus to,
        Actor actor,
        string? note)
    {
        At = at;
        Event = @event;
        From = from;
        To = to;
        ActorId = actor.UserId;
        ActorName = actor.DisplayName;
        ActorRole = actor.Role;
        Note = note;
    }

    // For EF Core.
    private TimelineEntry()
    {
        ActorId = ActorName = null!;
    }

    public long Id { get; private set; }

    /// <summary>Set by EF Core from the owning request.</summary>
    public int ServiceRequestId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public TimelineEvent Event { get; private set; }

    /// <summary>Null only for the first entry (Submitted).</summary>
    public RequestStatus? From { get; private set; }

    /// <summary>Equals <see cref="From"/> for events that do not move the request (Note, Reassigned).</summary>
    public RequestStatus To { get; private set; }

    public string ActorId { get; private set; }

    /// <summary>Copied at the time so the record reads the same after a rename.</summary>
    public string ActorName { get; private set; }

    public ActorRole ActorRole { get; private set; }

    public string? Note { get; private set; }

    /// <summary>
    /// Set when this step stopped or restarted the deadlines (the ball went to the resident, or came
    /// back): the pause is shown on the step that caused it, so one move stays one entry.
    /// </summary>
    public ClockEffect? Clock { get; private set; }

    internal void MarkClock(ClockEffect effect) => Clock = effect;
}
