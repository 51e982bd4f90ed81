using Portal.Domain.Requests;

namespace Portal.Infrastructure.Live;

/// <summary>
/// What every open page needs to know when a request moves: enough to decide whether it concerns
/// the viewer (estate, resident, technician) and what the move was. Pages reload their own view.
/// </summary>
public sealed record RequestChanged(
    int RequestId,
    string Number,
    int EstateId,
    string ResidentId,
    string? AssigneeId,
    RequestStatus Status,
    Priority Priority,
    TimelineEvent Event,
    DateTimeOffset At)
{
    /// <summary>A newly filed urgent request, which the board announces with a sound.</summary>
    public bool IsUrgentNew => Event == TimelineEvent.Submitted && Priority == Priority.Urgent;

    public static RequestChanged From(ServiceRequest request) => new(
        request.Id,
        request.Number,
        request.Location.EstateId,
        request.ResidentId,
        request.AssigneeId,
        request.Status,
        request.Priority,
        LastMove(request),
        request.LastChangedAt);

    // Telling the butler rides along with a dispatch; the dispatch is the news.
    private static TimelineEvent LastMove(ServiceRequest request) =>
        request.Timeline.LastOrDefault(t => t.Event is not (TimelineEvent.ButlerInformed or TimelineEvent.Note))?.Event
        ?? request.Timeline[^1].Event;
}
