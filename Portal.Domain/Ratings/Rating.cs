using Portal.Domain.Common;

namespace Portal.Domain.Ratings;

/// <summary>
/// The resident's rating of the service (满意度评价): a 5-point overall score and three quick ones,
/// an optional comment, and where it came from — the resident in the portal or staff taking it down
/// on the phone.
/// </summary>
/// <remarks>
/// Stored with its <see cref="Requests.ServiceRequest"/>, which creates it in
/// <see cref="Requests.ServiceRequest.Rate"/>; read-only from outside.
/// </remarks>
public sealed class Rating
{
    public const int MinScore = 1;
    public const int MaxScore = 5;
    public const int MaxCommentLength = 500;

    /// <summary>An overall score at or below this is low and opens a <see cref="ServiceRecovery"/>.</summary>
    public const int LowThreshold = 2;

    internal Rating(RatingScores scores, RatingSource source, Actor by, DateTimeOffset at)
    {
        var valid = Create(scores.Overall, scores.Speed, scores.Attitude, scores.Quality, scores.Comment);
        Overall = valid.Overall;
        Speed = valid.Speed;
        Attitude = valid.Attitude;
        Quality = valid.Quality;
        Comment = valid.Comment;
        Source = source;
        RecordedById = by.UserId;
        RecordedByName = by.DisplayName;
        At = at;
    }

    // For EF Core.
    private Rating()
    {
        RecordedById = RecordedByName = null!;
    }

    public int Overall { get; private set; }

    public int Speed { get; private set; }

    public int Attitude { get; private set; }

    public int Quality { get; private set; }

    public string? Comment { get; private set; }

    public RatingSource Source { get; private set; }

    /// <summary>User id of whoever entered it: the resident, or the staff member on the phone.</summary>
    public string RecordedById { get; private set; }

    /// <summary>Copied at the time so the record reads the same after a rename.</summary>
    public string RecordedByName { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>Overall at most <see cref="LowThreshold"/>: the supervisor must follow it up.</summary>
    public bool IsLow => Overall <= LowThreshold;

    /// <summary>
    /// Checks a rating as the resident gives it: every score 1–5
    /// (<c>Rating.ScoreOutOfRange</c> with the score's name, 1 and 5), the comment trimmed, empty as
    /// none, at most 500 characters (<c>Rating.CommentTooLong</c>). Not yet recorded: no source, no
    /// author, no time — <see cref="Requests.ServiceRequest.Rate"/> adds those.
    /// </summary>
    public static RatingScores Create(int overall, int speed, int attitude, int quality, string? comment)
    {
        EnsureScore(nameof(Overall), overall);
        EnsureScore(nameof(Speed), speed);
        EnsureScore(nameof(Attitude), attitude);
        EnsureScore(nameof(Quality), quality);

        var text = comment?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            text = null;
        }
        else if (text.Length > MaxCommentLength)
        {
            throw new DomainException("Rating.CommentTooLong", MaxCommentLength);
        }

        return new RatingScores(overall, speed, attitude, quality, text);
    }

    private static void EnsureScore(string name, int score)
    {
        if (score is < MinScore or > MaxScore)
        {
            throw new DomainException("Rating.ScoreOutOfRange", name, MinScore, MaxScore);
        }
    }
}
