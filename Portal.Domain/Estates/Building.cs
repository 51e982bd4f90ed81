using Portal.Domain.Common;

namespace Portal.Domain.Estates;

/// <summary>A building of an estate (楼栋).</summary>
public sealed class Building
{
    public Building(int estateId, string name, int sortOrder)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("Building.NameRequired");
        }

        EstateId = estateId;
        Name = name.Trim();
        SortOrder = sortOrder;
    }

    // For EF Core.
    private Building()
    {
        Name = null!;
    }

    public int Id { get; private set; }

    public int EstateId { get; private set; }

    /// <summary>As residents say it, e.g. "3" or "Tech building".</summary>
    public string Name { get; private set; }

    /// <summary>Display order; names like "10" and "2" do not sort naturally.</summary>
    public int SortOrder { get; private set; }
}
