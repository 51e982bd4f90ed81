using Portal.Domain.Common;

namespace Portal.Domain.Estates;

/// <summary>
/// A resident's binding to a unit (住户与房屋的绑定). One person may hold several units and one unit
/// several people (owner, family, tenant).
/// </summary>
public sealed class Residency
{
    public Residency(string userId, int unitId, DateTimeOffset since)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new DomainException("Residency.UserRequired");
        }

        UserId = userId;
        UnitId = unitId;
        Since = since;
    }

    // For EF Core.
    private Residency()
    {
        UserId = null!;
    }

    public int Id { get; private set; }

    public string UserId { get; private set; }

    public int UnitId { get; private set; }

    public DateTimeOffset Since { get; private set; }
}
