namespace Portal.Infrastructure.Audit;

/// <summary>
/// One administrative change (审计日志): who made it, when, to what, and the record before and after
/// it as JSON. Written in the same <c>SaveChanges</c> as the change it describes and never changed or
/// deleted afterwards: <see cref="Data.PortalDbContext"/> refuses a save that would do either.
/// </summary>
public sealed class AuditEntry
{
    public const int MaxActionLength = 64;
    public const int MaxEntityTypeLength = 64;
    public const int MaxEntityIdLength = 64;
    public const int MaxActorNameLength = 100;

    internal AuditEntry(
        DateTimeOffset at, string actorId, string actorName, string action, string entityType, string entityId,
        int? estateId, string? before, string? after)
    {
        At = at;
        ActorId = actorId;
        ActorName = actorName.Length > MaxActorNameLength ? actorName[..MaxActorNameLength] : actorName;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        EstateId = estateId;
        Before = before;
        After = after;
    }

    // For EF Core.
    private AuditEntry()
    {
        ActorId = ActorName = Action = EntityType = EntityId = null!;
    }

    public long Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>User id of who made the change; "system" for a command run on the server.</summary>
    public string ActorId { get; private set; }

    /// <summary>Copied, so the log still reads correctly after a rename or an erasure.</summary>
    public string ActorName { get; private set; }

    /// <summary>A stable code such as <c>Estate.Created</c>; the page renders it in the reader's language.</summary>
    public string Action { get; private set; }

    /// <summary>What kind of record changed: Estate, Building, Unit, Staff, DeadlineRule, ApiKey, …</summary>
    public string EntityType { get; private set; }

    public string EntityId { get; private set; }

    /// <summary>The estate the change belongs to, so a manager reads only his estates' changes; null for company-wide ones.</summary>
    public int? EstateId { get; private set; }

    /// <summary>The record before the change as JSON; null when it was created.</summary>
    public string? Before { get; private set; }

    /// <summary>The record after the change as JSON; null when it was removed.</summary>
    public string? After { get; private set; }
}
