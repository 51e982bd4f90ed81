using Portal.Domain.Common;

namespace Portal.Domain.Estates;

/// <summary>
/// An estate a staff member works for (员工所属项目). Staff see only the requests of their estates,
/// so this row is the unit of data access, not just an org-chart fact.
/// </summary>
public sealed class StaffEstate
{
    public StaffEstate(string userId, int estateId)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new DomainException("StaffEstate.UserRequired");
        }

        UserId = userId;
        EstateId = estateId;
    }

    // For EF Core.
    private StaffEstate()
    {
        UserId = null!;
    }

    public string UserId { get; private set; }

    public int EstateId { get; private set; }
}
