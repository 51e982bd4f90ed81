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
}
