using Microsoft.EntityFrameworkCore;
using Portal.Domain.Estates;
using Portal.Domain.FollowUps;
using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.FollowUps;

/// <summary>Each estate's own follow-up rules: calling hours, when the call is due, attempts, rating window.</summary>
internal static class FollowUpPolicies
{
    public static FollowUpPolicy For(Estate estate) => new(
        new CallingHours(estate.CallingFrom, estate.CallingTo),
        TimeSpan.FromHours(estate.FollowUpDueHours),
        estate.MaxFailedCallAttempts,
        TimeSpan.FromDays(estate.RatingWindowDays),
        estate.GetTimeZone());

    public static async Task<FollowUpPolicy> ForEstateAsync(this PortalDbContext db, int estateId, CancellationToken ct) =>
        For(await db.Estates.AsNoTracking().SingleAsync(e => e.Id == estateId, ct));
}
