using Portal.Domain.Common;
using Portal.Domain.Requests;

namespace Portal.Domain.Deadlines;

/// <summary>
/// One row of an estate's time limits (处理时限), set by an administrator: how soon a request of
/// this type and priority gets its first response and its resolution, and how the time is counted.
/// Rows an estate has not set fall back to <see cref="DeadlineRules.Default"/>.
/// </summary>
public sealed class DeadlineRule
{
    public static readonly TimeSpan Longest = TimeSpan.FromDays(60);

    public DeadlineRule(int estateId, RequestType type, Priority priority, TimeSpan respondWithin, TimeSpan resolveWithin, DeadlineCounting counting)
    {
        EstateId = estateId;
        Type = type;
        Priority = priority;
        Change(respondWithin, resolveWithin, counting);
    }

    // For EF Core.
    private DeadlineRule()
    {
    }

    public int Id { get; private set; }

    public int EstateId { get; private set; }

    public RequestType Type { get; private set; }

    public Priority Priority { get; private set; }

    public int RespondWithinMinutes { get; private set; }

    public int ResolveWithinMinutes { get; private set; }

    public DeadlineCounting Counting { get; private set; }

    public TimeSpan RespondWithin => TimeSpan.FromMinutes(RespondWithinMinutes);

    public TimeSpan ResolveWithin => TimeSpan.FromMinutes(ResolveWithinMinutes);

    public void Change(TimeSpan respondWithin, TimeSpan resolveWithin, DeadlineCounting counting)
    {
        // A promise must be concrete and keepable: at least five minutes, at most two months, and
        // never resolved before it is answered.
        if (respondWithin < TimeSpan.FromMinutes(5) || resolveWithin > Longest || resolveWithin < respondWithin)
        {
            throw new DomainException("Deadline.RuleOutOfRange");
        }

        RespondWithinMinutes = (int)respondWithin.TotalMinutes;
        ResolveWithinMinutes = (int)resolveWithin.TotalMinutes;
        Counting = counting;
    }
}
