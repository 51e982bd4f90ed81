using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Dispatch;

/// <summary>Who may take in and dispatch requests: the desk, butlers and their supervisors.</summary>
public static class DeskRoles
{
    public static bool MayDispatch(this CurrentUser user) => user.IsInAnyRole(Roles.Desk);
}
