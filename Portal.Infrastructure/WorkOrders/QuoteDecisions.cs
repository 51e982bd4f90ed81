using Portal.Domain.Requests;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Dispatch;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.WorkOrders;

/// <summary>
/// The resident's answer to a quote for paid work (有偿服务), given before any work starts. The
/// desk may record an answer the resident gave on the phone; the timeline says who recorded it.
/// </summary>
public sealed class QuoteDecisions(RequestCommands commands)
{
    public Task<Outcome<RequestStatus>> ApproveAsync(CurrentUser user, int requestId, Guid stamp, CancellationToken ct = default) =>
        MayDecide(user)
            ? commands.ExecuteAsync(user, requestId, stamp, (r, by, at, schedule) => r.ApproveQuote(by, at, schedule), ct)
            : Task.FromResult(Outcome<RequestStatus>.NotFound);

    public Task<Outcome<RequestStatus>> DeclineAsync(CurrentUser user, int requestId, Guid stamp, string? reason, CancellationToken ct = default) =>
        MayDecide(user)
            ? commands.ExecuteAsync(user, requestId, stamp, (r, by, at, schedule) => r.DeclineQuote(by, at, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), schedule), ct)
            : Task.FromResult(Outcome<RequestStatus>.NotFound);

    // The technician who quoted must never approve his own price.
    private static bool MayDecide(CurrentUser user) => user.IsResident || user.MayDispatch();
}
