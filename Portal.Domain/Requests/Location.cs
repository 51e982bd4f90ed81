using Portal.Domain.Common;

namespace Portal.Domain.Requests;

/// <summary>
/// Where the problem is (报修位置): a unit, or a public area described in words ("B2 car park,
/// near lift 3"). A value object: two locations are equal when all their parts are.
/// </summary>
public sealed class Location : IEquatable<Location>
{
    public const int MaxSpotLength = 200;

    private Location(int estateId, int? buildingId, int? unitId, string? spot)
    {
        EstateId = estateId;
        BuildingId = buildingId;
        UnitId = unitId;
        Spot = spot;
    }

    // For EF Core.
    private Location()
    {
    }

    public int EstateId { get; private set; }

    public int? BuildingId { get; private set; }

    public int? UnitId { get; private set; }

    /// <summary>Free-text place for public areas; null for a unit.</summary>
    public string? Spot { get; private set; }

    public bool IsPublicArea => UnitId is null;

    public static Location InUnit(int estateId, int buildingId, int unitId) =>
        new(estateId, buildingId, unitId, spot: null);

    /// <summary>A public area; the spot is required because "somewhere in the estate" cannot be dispatched.</summary>
    public static Location PublicArea(int estateId, int? buildingId, string spot)
    {
        var trimmed = spot?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException("Location.SpotRequired");
        }

        if (trimmed.Length > MaxSpotLength)
        {
            throw new DomainException("Location.SpotTooLong", MaxSpotLength);
        }

        return new Location(estateId, buildingId, unitId: null, trimmed);
    }

    public bool Equals(Location? other) =>
        other is not null
        && EstateId == other.EstateId
        && BuildingId == other.BuildingId
        && UnitId == other.UnitId
        && string.Equals(Spot, other.Spot, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as Location);

    public override int GetHashCode() => HashCode.Combine(EstateId, BuildingId, UnitId, Spot);

    public static bool operator ==(Location? left, Location? right) => Equals(left, right);

    public static bool operator !=(Location? left, Location? right) => !Equals(left, right);
}
