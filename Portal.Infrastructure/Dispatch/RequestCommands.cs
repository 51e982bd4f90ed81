using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Deadlines;
using Portal.Domain.Requests;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Deadlines;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Live;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure.Dispatch;

/// <summary>
/// The one way a request changes after filing: load it within what the caller may see, check the
/// copy the caller acted on is still current, let the aggregate make the move, save with the
/// concurrency stamp, then tell every open page. Use cases supply only the move.
/// </summary>
public sealed class RequestCommands(IDbContextFactory<PortalDbContext> factory, IRequestFeed feed, TimeProvider clock)
{
    /// <param name="expectedStamp">
    /// The stamp of the copy the user was looking at; when it no longer matches, someone else moved
    /// the request first and the user is told its current state instead of overwriting it.
    /// </param>
    public async Task<Outcome<RequestStatus>> ExecuteAsync(
        CurrentUser user,
        int requestId,
        Guid? expectedStamp,
        Func<PortalDbContext, ServiceRequest, Actor, DateTimeOffset, Task> move,
        Func<IQueryable<ServiceRequest>, IQueryable<ServiceRequest>>? include = null,
        CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var visible = await RequestQueries.Visible(db, user, ct);
        var query = (include ?? (q => q.Include(r => r.WorkOrders)))(visible);
        var request = await query.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
        {
            return Outcome<RequestStatus>.NotFound;
        }

        if (expectedStamp is { } stamp && stamp != request.ConcurrencyStamp)
        {
            return Outcome<RequestStatus>.Fail("Request.ChangedMeanwhile", request.Status);
        }

        try
        {
            await move(db, request, user.ToActor(), clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException rule)
        {
            return Outcome<RequestStatus>.Fail(rule.Code, [.. rule.Args]);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await factory.CreateDbContextAsync(ct);
            var current = await fresh.ServiceRequests.Where(r => r.Id == requestId).Select(r => r.Status).FirstAsync(ct);
            return Outcome<RequestStatus>.Fail("Request.ChangedMeanwhile", current);
        }

        await feed.PublishAsync(RequestChanged.From(request), ct);
        return Outcome<RequestStatus>.Ok(request.Status);
    }

    public Task<Outcome<RequestStatus>> ExecuteAsync(CurrentUser user, int requestId, Guid? expectedStamp, Action<ServiceRequest, Actor, DateTimeOffset> move, CancellationToken ct = default) =>
        ExecuteAsync(user, requestId, expectedStamp, (_, r, a, t) =>
        {
            move(r, a, t);
            return Task.CompletedTask;
        }, null, ct);

    /// <summary>For moves that set or shift a deadline: the estate's schedule comes along.</summary>
    public Task<Outcome<RequestStatus>> ExecuteAsync(CurrentUser user, int requestId, Guid? expectedStamp, Action<ServiceRequest, Actor, DateTimeOffset, IDeadlineSchedule> move, CancellationToken ct = default) =>
        ExecuteAsync(user, requestId, expectedStamp, async (db, r, a, t) =>
        {
            var schedule = await DeadlineSchedules.ForEstateAsync(db, r.Location.EstateId, ct);
            move(r, a, t, schedule);
        }, null, ct);
}
