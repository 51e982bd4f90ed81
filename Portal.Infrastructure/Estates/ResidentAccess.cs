using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Estates;

/// <summary>Which estates a resident lives in: what they share with their neighbours, and nothing more.</summary>
internal static class ResidentAccess
{
    public static async Task<List<int>> ResidentEstateIdsAsync(this PortalDbContext db, CurrentUser user, CancellationToken ct)
    {
        if (!user.IsResident)
        {
            return [];
        }

        return await (
            from r in db.Residencies
            where r.UserId == user.UserId
            join u in db.Units on r.UnitId equals u.Id
            join b in db.Buildings on u.BuildingId equals b.Id
            select b.EstateId).Distinct().ToListAsync(ct);
    }
}
