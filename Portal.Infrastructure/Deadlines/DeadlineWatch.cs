using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Domain.Deadlines;
using Portal.Domain.Requests;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Live;

namespace Portal.Infrastructure.Deadlines;

/// <summary>
/// Keeps the promises (投诉预警 and 升级): every minute, looks at every open request whose clock runs,
/// warns before a deadline is missed (at 75 % of the time) and escalates when it is — first to the
/// supervisor, then, half the time again later, to the manager. Each step is one timeline entry and
/// reaches the board and the escalation lists live. Several nodes may run it at once: each decides
/// the step again on the request it loaded, and the request's concurrency stamp lets only one of
/// them record it.
/// </summary>
public sealed class DeadlineWatch(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DeadlineWatch> logger) : PeriodicJob(clock, logger)
{
    protected override TimeSpan Period => TimeSpan.FromMinutes(1);

    protected override string DoneMessage => "Recorded {Count} deadline warning(s) or escalation(s).";

    protected override Task<int> RunOnceAsync(CancellationToken ct) => CheckAsync(ct);

    public async Task<int> CheckAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var feed = scope.ServiceProvider.GetRequiredService<IRequestFeed>();
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = Clock.GetUtcNow();

        // A narrow projection first: only the few that need a step are loaded whole.
        var open = await db.ServiceRequests.AsNoTracking()
            .Where(r => r.ClockPausedSince == null
                && r.Escalation != EscalationLevel.Manager
                && (r.Status == RequestStatus.Submitted || r.Status == RequestStatus.Accepted || r.Status == RequestStatus.Reopened
                    || r.Status == RequestStatus.Dispatched || r.Status == RequestStatus.InProgress || r.Status == RequestStatus.OnHold))
            .Select(r => new { r.Id, r.Location.EstateId, r.Type, r.Priority, r.SubmittedAt, r.RespondBy, r.RespondedAt, r.ClockStartedAt, r.DueAt, r.WarnedAt, r.Escalation })
            .ToListAsync(ct);

        var schedules = new Dictionary<int, IDeadlineSchedule>();
        var due = new List<(int Id, DeadlineStep Step, DeadlineKind Kind)>();
        foreach (var r in open)
        {
            if (!schedules.TryGetValue(r.EstateId, out var schedule))
            {
                schedule = schedules[r.EstateId] = await DeadlineSchedules.ForEstateAsync(db, r.EstateId, ct);
            }

            var terms = schedule.For(r.Type, r.Priority);
            var resolution = terms.Used(r.ClockStartedAt, r.DueAt, now);
            var response = r.RespondedAt is null ? terms.Used(r.SubmittedAt, r.RespondBy, now) : 0;
            var (used, kind) = response > resolution ? (response, DeadlineKind.Response) : (resolution, DeadlineKind.Resolution);
            var step = EscalationPolicy.Next(used, r.WarnedAt is not null, r.Escalation);
            if (step != DeadlineStep.None)
            {
                due.Add((r.Id, step, kind));
            }
        }

        var done = 0;
        foreach (var (id, _, _) in due)
        {
            // Decide again on the loaded request: another node or a clerk may have moved it since the
            // projection was read, and a step must never be recorded twice or skipped past.
            var request = await db.ServiceRequests.Include(r => r.WorkOrders).FirstAsync(r => r.Id == id, ct);
            var terms = schedules[request.Location.EstateId].For(request.Type, request.Priority);
            var resolution = request.IsSettled || request.IsClockPaused ? 0 : terms.Used(request.ClockStartedAt, request.DueAt, now);
            var response = request.RespondedAt is null && !request.IsSettled && !request.IsClockPaused
                ? terms.Used(request.SubmittedAt, request.RespondBy, now)
                : 0;
            var (used, kind) = response > resolution ? (response, DeadlineKind.Response) : (resolution, DeadlineKind.Resolution);
            var step = EscalationPolicy.Next(used, request.WarnedAt is not null, request.Escalation);
            try
            {
                switch (step)
                {
                    case DeadlineStep.Warn:
                        request.WarnOfDeadline(now, kind);
                        break;
                    case DeadlineStep.EscalateToSupervisor or DeadlineStep.EscalateToManager:
                        request.Escalate(Portal.Domain.Common.Actor.System, now, $"{kind} deadline missed");
                        break;
                    default:
                        db.ChangeTracker.Clear();
                        continue;
                }

                await db.SaveChangesAsync(ct);
            }
            catch (Exception ex) when (ex is DbUpdateConcurrencyException or Portal.Domain.Common.DomainException)
            {
                // Moved meanwhile, or no longer due for this step: the next minute looks again.
                db.ChangeTracker.Clear();
                continue;
            }

            done++;
            await feed.PublishAsync(RequestChanged.From(request), ct);
            db.ChangeTracker.Clear();
        }

        return done;
    }
}
