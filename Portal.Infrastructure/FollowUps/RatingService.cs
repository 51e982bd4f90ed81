using Portal.Domain.Ratings;
using Portal.Domain.Requests;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Dispatch;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.FollowUps;

/// <summary>
/// Ratings (满意度): the resident on the phone in a few taps, or the desk recording what the
/// resident said; the aggregate enforces who, when and how often. A low rating opens a
/// service-recovery task for the supervisor, which the supervisor closes here.
/// </summary>
public sealed class RatingService(RequestCommands commands)
{
    public Task<Outcome<RequestStatus>> RateAsync(CurrentUser user, int requestId, Guid? stamp, RatingScores scores, CancellationToken ct = default) =>
        commands.ExecuteAsync(user, requestId, stamp, (r, by, at) => r.Rate(by, at, scores), ct);

    public Task<Outcome<RequestStatus>> ResolveRecoveryAsync(CurrentUser user, int requestId, Guid stamp, string resolution, CancellationToken ct = default) =>
        user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Manager) || user.IsInRole(Roles.Admin)
            ? commands.ExecuteAsync(user, requestId, stamp, (r, by, at) => r.ResolveRecovery(by, at, resolution), ct)
            : Task.FromResult(Outcome<RequestStatus>.NotFound);
}
