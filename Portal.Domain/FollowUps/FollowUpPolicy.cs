namespace Portal.Domain.FollowUps;

/// <summary>
/// An estate's rules for the follow-up call and the rating (回访与评价规则): when the call may be made,
/// when it is due, how many failed calls before the resident is asked in the portal instead, and how
/// long the resident may rate. Passed in by the use case; the aggregate never looks it up.
/// </summary>
public sealed record FollowUpPolicy
{
    /// <summary>The material: a survey is best 24–48 hours after the service.</summary>
    public static readonly TimeSpan DefaultDueAfterCompletion = TimeSpan.FromHours(48);

    public const int DefaultMaxFailedAttempts = 3;

    public static readonly TimeSpan DefaultRatingWindow = TimeSpan.FromDays(7);

    public FollowUpPolicy(
        CallingHours callingHours,
        TimeSpan dueAfterCompletion,
        int maxFailedAttempts,
        TimeSpan ratingWindow,
        TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(callingHours);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(dueAfterCompletion, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFailedAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ratingWindow, TimeSpan.Zero);

        CallingHours = callingHours;
        DueAfterCompletion = dueAfterCompletion;
        MaxFailedAttempts = maxFailedAttempts;
        RatingWindow = ratingWindow;
        Zone = zone;
    }

    /// <summary>Local hours in <see cref="Zone"/> when the desk may phone.</summary>
    public CallingHours CallingHours { get; }

    /// <summary>How long after completion the follow-up call is due; it orders the desk's queue.</summary>
    public TimeSpan DueAfterCompletion { get; }

    /// <summary>No answer or wrong number this many times: the resident is not reached and rates in the portal.</summary>
    public int MaxFailedAttempts { get; }

    /// <summary>How long the resident may rate, counted from the follow-up (or from giving up calling).</summary>
    public TimeSpan RatingWindow { get; }

    /// <summary>The estate's time zone, in which <see cref="CallingHours"/> are read.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>09:00–21:00, due 48 hours after completion, three failed calls, a week to rate.</summary>
    public static FollowUpPolicy Default(TimeZoneInfo zone) =>
        new(CallingHours.Default, DefaultDueAfterCompletion, DefaultMaxFailedAttempts, DefaultRatingWindow, zone);
}
