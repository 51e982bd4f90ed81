namespace Portal.Domain.Estates;

/// <summary>
/// The butler (贴心管家) who looks after a building: told of every repair in it and, later, owner of
/// its complaints.
/// </summary>
public sealed class BuildingButler
{
    private BuildingButler()
    {
        UserId = "";
    }

    public BuildingButler(int buildingId, string userId)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new ArgumentException("A butler needs a user id.", nameof(userId));
        }

        BuildingId = buildingId;
        UserId = userId;
    }

    public int BuildingId { get; private set; }

    public string UserId { get; private set; }
}
