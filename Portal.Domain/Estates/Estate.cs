using Portal.Domain.Common;
using Portal.Domain.Deadlines;

namespace Portal.Domain.Estates;

/// <summary>
/// An estate managed by the company (项目 / 小区). Staff are scoped to estates; every request
/// belongs to exactly one.
/// </summary>
public sealed class Estate
{
    public Estate(string name, string code, string timeZoneId)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("Estate.NameRequired");
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            throw new DomainException("Estate.CodeRequired");
        }

        if (string.IsNullOrWhiteSpace(timeZoneId))
        {
            throw new DomainException("Estate.TimeZoneRequired");
        }

        // Checked now so that a typo fails at setup, not at the first request number or deadline.
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId.Trim(), out _))
        {
            throw new DomainException("Estate.UnknownTimeZone", timeZoneId);
        }

        Name = name.Trim();
        Code = code.Trim();
        TimeZoneId = timeZoneId.Trim();
    }

    // For EF Core, which sets every column after construction.
    private Estate()
    {
        Name = Code = TimeZoneId = null!;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>Short code used in reports and exports.</summary>
    public string Code { get; private set; }

    /// <summary>IANA zone, e.g. <c>Asia/Shanghai</c>: request numbers, working hours and "today" are local to the estate.</summary>
    public string TimeZoneId { get; private set; }

    public TimeZoneInfo GetTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    /// <summary>Follow-up calls (回访) only between these local times: never at night.</summary>
    public TimeOnly CallingFrom { get; private set; } = new(9, 0);

    public TimeOnly CallingTo { get; private set; } = new(21, 0);

    /// <summary>Hours after completion by which the follow-up call is due (24–48 h is best).</summary>
    public int FollowUpDueHours { get; private set; } = 48;

    /// <summary>Unanswered calls before the rating invitation goes to the portal instead.</summary>
    public int MaxFailedCallAttempts { get; private set; } = 3;

    public int RatingWindowDays { get; private set; } = 7;

    /// <summary>
    /// The desk's opening hours (营业时间) in <see cref="BusinessHours.Format"/> form; deadlines counted
    /// in business hours use them, with the estate's holidays.
    /// </summary>
    public string BusinessHoursText { get; private set; } = BusinessHours.Default.Format();

    public BusinessHours BusinessHours => BusinessHours.Parse(BusinessHoursText);

    public void SetBusinessHours(BusinessHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        BusinessHoursText = hours.Format();
    }

    /// <summary>Sets the estate's follow-up rules; each is checked so a policy can never be unworkable.</summary>
    public void SetFollowUpRules(TimeOnly callingFrom, TimeOnly callingTo, int dueHours, int maxFailedAttempts, int ratingWindowDays)
    {
        if (callingFrom >= callingTo)
        {
            throw new DomainException("CallingHours.Invalid");
        }

        if (dueHours is < 1 or > 24 * 14 || maxFailedAttempts is < 1 or > 10 || ratingWindowDays is < 1 or > 90)
        {
            throw new DomainException("Estate.FollowUpRulesOutOfRange");
        }

        CallingFrom = callingFrom;
        CallingTo = callingTo;
        FollowUpDueHours = dueHours;
        MaxFailedCallAttempts = maxFailedAttempts;
        RatingWindowDays = ratingWindowDays;
    }
}
