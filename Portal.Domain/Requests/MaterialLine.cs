using Portal.Domain.Common;

namespace Portal.Domain.Requests;

/// <summary>
/// One line of materials used on a work order (用料), e.g. "PPR elbow 20 mm, 2 pcs". A value object:
/// equal when name, quantity and unit are.
/// </summary>
public sealed class MaterialLine : IEquatable<MaterialLine>
{
    public const int MaxNameLength = 100;
    public const int MaxUnitLength = 20;
    public const decimal MaxQuantity = 10000m;

    public MaterialLine(string name, decimal quantity, string? unit)
    {
        var trimmedName = name?.Trim();
        if (string.IsNullOrEmpty(trimmedName))
        {
            throw new DomainException("Material.NameRequired");
        }

        if (trimmedName.Length > MaxNameLength)
        {
            throw new DomainException("Material.NameTooLong", MaxNameLength);
        }

        if (quantity <= 0 || quantity > MaxQuantity)
        {
            throw new DomainException("Material.QuantityOutOfRange", MaxQuantity);
        }

        var trimmedUnit = unit?.Trim();
        if (trimmedUnit?.Length > MaxUnitLength)
        {
            throw new DomainException("Material.UnitTooLong", MaxUnitLength);
        }

        Name = trimmedName;
        Quantity = quantity;
        Unit = string.IsNullOrEmpty(trimmedUnit) ? null : trimmedUnit;
    }

    // For EF Core.
    private MaterialLine()
    {
        Name = null!;
    }

    public string Name { get; private set; }

    public decimal Quantity { get; private set; }

    /// <summary>"pcs", "m", "kg"…; null when the name says it all.</summary>
    public string? Unit { get; private set; }

    // decimal equality ignores trailing zeros, so 2 and 2.00 are the same quantity.
    public bool Equals(MaterialLine? other) =>
        other is not null
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && Quantity == other.Quantity
        && string.Equals(Unit, other.Unit, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as MaterialLine);

    public override int GetHashCode() => HashCode.Combine(Name, Quantity, Unit);

    public static bool operator ==(MaterialLine? left, MaterialLine? right) => Equals(left, right);

    public static bool operator !=(MaterialLine? left, MaterialLine? right) => !Equals(left, right);
}
