using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Requests;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Deadlines;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Dispatch;

public sealed record TechnicianOption(string UserId, string Name, int OpenJobs);

/// <summary>
/// The desk's side of a repair: accept it (category and priority confirmed), send a technician or
/// a team with a work order, reassign, and tell the building's butler.
/// </summary>
public sealed class DispatchDesk(IDbContextFactory<PortalDbContext> factory, RequestCommands commands)
{
    /// <summary>
    /// Registers the request (受理) at the confirmed priority; a complaint goes straight on to the
    /// butler of its building, whose 4-hour answer clock is then running.
    /// </summary>
    public Task<Outcome<RequestStatus>> AcceptAsync(CurrentUser user, int requestId, Guid expectedStamp, Priority priority, RepairCategory? category, string? note, CancellationToken ct = default) =>
        user.MayDispatch()
            ? commands.ExecuteAsync(user, requestId, expectedStamp, async (db, r, by, at) =>
            {
                var schedule = await DeadlineSchedules.ForEstateAsync(db, r.Location.EstateId, ct);
                r.Accept(by, at, priority, Clean(note), category, schedule);
                if (r.Type == RequestType.Complaint && await ButlerOfAsync(db, r.Location.BuildingId, ct) is { } butler)
                {
                    r.RouteTo(by, at, butler.Id, butler.Name);
                }
            }, null, ct)
            : Task.FromResult(Outcome<RequestStatus>.NotFound);

    /// <summary>The butler who looks after a building (the first by name when several share it).</summary>
    internal static async Task<(string Id, string Name)?> ButlerOfAsync(PortalDbContext db, int? buildingId, CancellationToken ct)
    {
        if (buildingId is null)
        {
            return null;
        }

        var butler = await (
            from b in db.BuildingButlers
            join u in db.Users on b.UserId equals u.Id
            where b.BuildingId == buildingId
            orderby u.DisplayName
            select new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        return butler is null ? null : (butler.Id, butler.DisplayName);
    }

    /// <summary>Creates the work order (工作维修单) for a technician of the estate, or for a named team.</summary>
    public async Task<Outcome<RequestStatus>> DispatchAsync(CurrentUser user, int requestId, Guid expectedStamp, string? technicianId, string? teamName, string? note, CancellationToken ct = default)
    {
        if (!user.MayDispatch())
        {
            return Outcome<RequestStatus>.NotFound;
        }

        if (string.IsNullOrWhiteSpace(technicianId) && string.IsNullOrWhiteSpace(teamName))
        {
            return Outcome<RequestStatus>.Fail("Request.AssigneeRequired");
        }

        return await commands.ExecuteAsync(user, requestId, expectedStamp, async (db, request, by, at) =>
        {
            Assignee assignee;
            if (!string.IsNullOrWhiteSpace(technicianId))
            {
                var technician = await TechniciansOf(db, request.Location.EstateId).FirstOrDefaultAsync(t => t.Id == technicianId, ct)
                    ?? throw new DomainException("Dispatch.UnknownTechnician");
                assignee = Assignee.Technician(technician.Id, technician.DisplayName);
            }
            else
            {
                assignee = Assignee.Team(teamName!);
            }

            request.Dispatch(by, at, assignee, Clean(note));
            if (await ButlerOfAsync(db, request.Location.BuildingId, ct) is { } butler)
            {
                request.InformButler(Actor.System, at, butler.Name);
            }
        }, null, ct);
    }

    /// <summary>Technicians working for the request's estate, least busy first.</summary>
    public async Task<IReadOnlyList<TechnicianOption>> TechniciansAsync(CurrentUser user, int estateId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.StaffEstateIdsAsync(user, ct);
        if (!estates.Contains(estateId))
        {
            return [];
        }

        var technicians = await TechniciansOf(db, estateId).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        var ids = technicians.Select(t => t.Id).ToList();
        var busy = await db.ServiceRequests
            .Where(r => r.AssigneeId != null && ids.Contains(r.AssigneeId) && (r.Status == RequestStatus.Dispatched || r.Status == RequestStatus.InProgress || r.Status == RequestStatus.OnHold))
            .GroupBy(r => r.AssigneeId!)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return technicians
            .Select(t => new TechnicianOption(t.Id, t.DisplayName, busy.GetValueOrDefault(t.Id)))
            .OrderBy(t => t.OpenJobs).ThenBy(t => t.Name)
            .ToList();
    }

    private static IQueryable<PortalUser> TechniciansOf(PortalDbContext db, int estateId) => db.StaffInRole(estateId, Roles.Technician);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
