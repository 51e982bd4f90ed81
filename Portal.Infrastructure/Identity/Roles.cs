using Portal.Domain.Common;

namespace Portal.Infrastructure.Identity;

/// <summary>The role names stored by Identity; one per <see cref="ActorRole"/> a person can hold.</summary>
public static class Roles
{
    public const string Resident = nameof(ActorRole.Resident);
    public const string FrontDesk = nameof(ActorRole.FrontDesk);
    public const string Butler = nameof(ActorRole.Butler);
    public const string Technician = nameof(ActorRole.Technician);
    public const string Supervisor = nameof(ActorRole.Supervisor);
    public const string Admin = nameof(ActorRole.Admin);
    public const string Manager = nameof(ActorRole.Manager);

    public static readonly IReadOnlyList<string> All = [Resident, FrontDesk, Butler, Technician, Supervisor, Manager, Admin];

    /// <summary>Roles that work for an estate (and so see its requests).</summary>
    public const string Staff = FrontDesk + "," + Butler + "," + Technician + "," + Supervisor + "," + Manager + "," + Admin;

    /// <summary>The desk's work: taking in, dispatching, registering on a resident's behalf, follow-up calls.</summary>
    public const string Desk = FrontDesk + "," + Butler + "," + Supervisor + "," + Manager + "," + Admin;

    /// <summary>Roles that may issue the invitation codes printed in move-in packs.</summary>
    public const string InvitationIssuers = Desk;
}
