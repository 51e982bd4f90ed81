using Portal.Domain.Common;

namespace Portal.Domain.Requests;

/// <summary>
/// Who a work order goes to (维修人员 / 维修班组): one technician, or a team (e.g. "Plumbing team")
/// from which any technician may take the job. A value object: equal when all parts are.
/// </summary>
public sealed class Assignee : IEquatable<Assignee>
{
    public const int MaxNameLength = 100;

    private Assignee(string? technicianId, string name, bool isTeam)
    {
        TechnicianId = technicianId;
        Name = name;
        IsTeam = isTeam;
    }

    /// <summary>User id of the technician; null for a team.</summary>
    public string? TechnicianId { get; }

    /// <summary>Display name of the technician or the team, copied so the record reads the same after a rename.</summary>
    public string Name { get; }

    public bool IsTeam { get; }

    public static Assignee Technician(string userId, string name)
    {
        // The id comes from the staff directory, not from typing: a missing one is a bug, not a user error.
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return new Assignee(userId, ValidName(name), isTeam: false);
    }

    public static Assignee Team(string name) => new(technicianId: null, ValidName(name), isTeam: true);

    public bool Equals(Assignee? other) =>
        other is not null
        && string.Equals(TechnicianId, other.TechnicianId, StringComparison.Ordinal)
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && IsTeam == other.IsTeam;

    public override bool Equals(object? obj) => Equals(obj as Assignee);

    public override int GetHashCode() => HashCode.Combine(TechnicianId, Name, IsTeam);

    public static bool operator ==(Assignee? left, Assignee? right) => Equals(left, right);

    public static bool operator !=(Assignee? left, Assignee? right) => !Equals(left, right);

    private static string ValidName(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException("Request.AssigneeRequired");
        }

        if (trimmed.Length > MaxNameLength)
        {
            throw new DomainException("Request.AssigneeTooLong", MaxNameLength);
        }

        return trimmed;
    }
}
