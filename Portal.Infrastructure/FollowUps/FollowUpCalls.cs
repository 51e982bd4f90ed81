using Portal.Domain.FollowUps;
using Portal.Domain.Requests;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Deadlines;
using Portal.Infrastructure.Dispatch;
using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.FollowUps;

/// <summary>What the clerk heard on the follow-up call.</summary>
public sealed record CallLog(
    CallResult Result,
    FollowUpOutcome? Outcome = null,
    string? ResidentWords = null,
    OutOfHoursReason? OutOfHours = null,
    DateTimeOffset? CallBackAt = null,
    string? Note = null);

/// <summary>
/// The desk logs each follow-up call; a reached call records the outcome and the resident's words
/// in the same save. The estate's calling hours and attempt limit come from its policy.
/// </summary>
public sealed class FollowUpCalls(RequestCommands commands)
{
    public async Task<Outcome<RequestStatus>> LogAsync(CurrentUser user, int requestId, Guid stamp, CallLog call, CancellationToken ct = default)
    {
        if (!user.MayDispatch())
        {
            return Outcome<RequestStatus>.NotFound;
        }

        if (call.Result == CallResult.Reached && call.Outcome is null)
        {
            return Outcome<RequestStatus>.Fail("FollowUp.OutcomeRequired");
        }

        return await commands.ExecuteAsync(user, requestId, stamp, async (db, request, by, at) =>
        {
            var policy = await db.ForEstateAsync(request.Location.EstateId, ct);
            request.LogCallAttempt(by, at, call.Result, policy, call.OutOfHours, call.CallBackAt, Clean(call.Note));
            if (call.Result == CallResult.Reached)
            {
                var schedule = call.Outcome == FollowUpOutcome.NotResolved
                    ? await DeadlineSchedules.ForEstateAsync(db, request.Location.EstateId, ct)
                    : null;
                request.RecordFollowUp(call.Outcome!.Value, by, at, Clean(call.ResidentWords), policy, schedule);
            }
        }, q => q.Include(r => r.WorkOrders).Include(r => r.FollowUpAttempts), ct);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
