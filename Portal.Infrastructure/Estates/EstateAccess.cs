using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Estates;

/// <summary>Which estates a member of staff works for; staff see only those.</summary>
internal static class EstateAccess
{
    public static async Task<List<int>> StaffEstateIdsAsync(this PortalDbContext db, CurrentUser user, CancellationToken ct)
    {
        if (!user.IsStaff)
        {
            return [];
        }

        return await db.StaffEstates.Where(s => s.UserId == user.UserId).Select(s => s.EstateId).ToListAsync(ct);
    }

    /// <summary>The people who work for an estate in a role (its technicians, its butlers).</summary>
    public static IQueryable<PortalUser> StaffInRole(this PortalDbContext db, int estateId, string role) =>
        from u in db.Users
        join s in db.StaffEstates on u.Id equals s.UserId
        join ur in db.UserRoles on u.Id equals ur.UserId
        join r in db.Roles on ur.RoleId equals r.Id
        where s.EstateId == estateId && r.Name == role
        select u;
}
