namespace Portal.Web.Components.Account;

internal static class AccountPaths
{
    public const string Login = "/Account/Login";
    public const string Register = "/Account/Register";
    public const string Logout = "/Account/Logout";

    public static bool IsRateLimited(PathString path) =>
        path.Equals(Login, StringComparison.OrdinalIgnoreCase) || path.Equals(Register, StringComparison.OrdinalIgnoreCase);
}
