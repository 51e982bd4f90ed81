using System.Security.Claims;
using Portal.Domain.Common;

namespace Portal.Infrastructure.Identity;

/// <summary>
/// Who is asking, as the use cases see it. Built from the signed-in principal on every call so a
/// use case never trusts an id that arrived in a request payload.
/// </summary>
public sealed record CurrentUser(string UserId, string DisplayName, IReadOnlySet<string> Roles)
{
    public bool IsResident => Roles.Contains(Identity.Roles.Resident);

    public bool IsStaff => Roles.Any(r => r != Identity.Roles.Resident);

    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>In at least one of a comma-separated list of roles, as <see cref="Identity.Roles.Desk"/> and the other groups are written.</summary>
    public bool IsInAnyRole(string roles) => roles.Split(',').Any(IsInRole);

    /// <summary>The most senior role decides how the person appears on a timeline.</summary>
    public Actor ToActor()
    {
        ActorRole role =
            IsInRole(Identity.Roles.Admin) ? ActorRole.Admin :
            IsInRole(Identity.Roles.Manager) ? ActorRole.Manager :
            IsInRole(Identity.Roles.Supervisor) ? ActorRole.Supervisor :
            IsInRole(Identity.Roles.FrontDesk) ? ActorRole.FrontDesk :
            IsInRole(Identity.Roles.Butler) ? ActorRole.Butler :
            IsInRole(Identity.Roles.Technician) ? ActorRole.Technician :
            ActorRole.Resident;
        return new Actor(UserId, DisplayName, role);
    }

    public static CurrentUser? FromPrincipal(ClaimsPrincipal? principal)
    {
        var id = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (principal is null || string.IsNullOrEmpty(id))
        {
            return null;
        }

        var name = principal.FindFirstValue(PortalClaimTypes.DisplayName) ?? principal.Identity?.Name ?? id;
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new CurrentUser(id, name, roles);
    }
}

public static class PortalClaimTypes
{
    public const string DisplayName = "portal:display_name";
}
