namespace Portal.Domain.Ratings;

/// <summary>
/// What the resident gave (评分), before it is recorded: the input to
/// <see cref="Requests.ServiceRequest.Rate"/>, which checks it and turns it into a <see cref="Rating"/>
/// that also says who recorded it and when. Use <see cref="Rating.Create"/> to check it early.
/// </summary>
/// <param name="Overall">总体满意度, 1–5.</param>
/// <param name="Speed">速度, 1–5.</param>
/// <param name="Attitude">态度, 1–5.</param>
/// <param name="Quality">质量, 1–5.</param>
/// <param name="Comment">Optional, at most <see cref="Rating.MaxCommentLength"/> characters.</param>
public sealed record RatingScores(int Overall, int Speed, int Attitude, int Quality, string? Comment);
