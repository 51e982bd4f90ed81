using Portal.Domain.Common;

namespace Portal.Domain.Estates;

/// <summary>
/// A home or office in a building (单元 / 房号). Carries the invitation code a resident enters
/// once to bind their account to it.
/// </summary>
public sealed class Unit
{
    public Unit(int buildingId, string number, int floor, string invitationCode, DateTimeOffset issuedAt)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            throw new DomainException("Unit.NumberRequired");
        }

        BuildingId = buildingId;
        Number = number.Trim();
        Floor = floor;
        InvitationCode = null!;
        IssueInvitationCode(invitationCode, issuedAt);
    }

    // For EF Core.
    private Unit()
    {
        Number = InvitationCode = null!;
    }

    public int Id { get; private set; }

    public int BuildingId { get; private set; }

    /// <summary>Room number as written on the door, e.g. "1304".</summary>
    public string Number { get; private set; }

    /// <summary>Negative for basements.</summary>
    public int Floor { get; private set; }

    /// <summary>Current code in the normalized form "ABCD-EFGH".</summary>
    public string InvitationCode { get; private set; }

    public DateTimeOffset InvitationIssuedAt { get; private set; }

    /// <summary>
    /// Replaces the code, e.g. when a home changes hands; the old code stops working at once
    /// because only the current one is stored.
    /// </summary>
    public void IssueInvitationCode(string code, DateTimeOffset at)
    {
        if (!Estates.InvitationCode.IsWellFormed(code))
        {
            throw new DomainException("InvitationCode.Malformed");
        }

        InvitationCode = Estates.InvitationCode.Normalize(code);
        InvitationIssuedAt = at;
    }
}
