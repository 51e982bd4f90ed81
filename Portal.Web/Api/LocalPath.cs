namespace Portal.Web.Api;

/// <summary>
/// Return URLs come from query strings anyone can write; only same-site paths are followed, so a
/// phishing link cannot borrow Portal's address to bounce people elsewhere.
/// </summary>
public static class LocalPath
{
    /// <summary>"/x" yes; "//host", "/\host" and absolute URLs no.</summary>
    public static bool IsLocal(string? uri) =>
        !string.IsNullOrEmpty(uri) && uri[0] == '/'
        && (uri.Length == 1 || (uri[1] != '/' && uri[1] != '\\'))
        && Uri.IsWellFormedUriString(uri, UriKind.Relative);

    public static string OrHome(string? uri) => IsLocal(uri) ? uri! : "/";
}
