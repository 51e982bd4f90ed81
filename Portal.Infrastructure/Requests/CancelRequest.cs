using Portal.Domain.Requests;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Dispatch;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Requests;

/// <summary>A resident withdraws a request while nobody has been dispatched; staff with a reason.</summary>
public sealed class CancelRequest(RequestCommands commands)
{
    public Task<Outcome<RequestStatus>> CancelAsync(CurrentUser user, int requestId, string? reason, Guid? expectedStamp = null, CancellationToken ct = default) =>
        !user.IsResident && !user.MayDispatch()
            ? Task.FromResult(Outcome<RequestStatus>.NotFound) // technicians return a job to the desk instead
            : commands.ExecuteAsync(user, requestId, expectedStamp, (r, by, at) => r.Cancel(by, at, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()), ct);
}
