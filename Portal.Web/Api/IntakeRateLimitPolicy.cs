using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Web.Resources;

namespace Portal.Web.Api;

/// <summary>
/// Each API key gets its own budget of calls per minute, so one busy or broken integration cannot
/// starve another. Partitioned by the verified key (authorization runs first), never by what the
/// header merely claims, so nobody can spend another integration's budget by sending its prefix.
/// </summary>
internal sealed class IntakeRateLimitPolicy(IOptions<ApiOptions> options, IStringLocalizer<SharedResource> l) : IRateLimiterPolicy<string>
{
    public const string Name = "intake-api";

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetFixedWindowLimiter(
            httpContext.User.FindFirstValue(IntegrationClaims.Prefix) ?? "",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = options.Value.PermitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, _) =>
    {
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ApiProblems.Problem(l, StatusCodes.Status429TooManyRequests, "Api.RateLimited", seconds).ExecuteAsync(context.HttpContext);
    };
}
