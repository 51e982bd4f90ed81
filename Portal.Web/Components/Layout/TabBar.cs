namespace Portal.Web.Components.Layout;

/// <summary>Which tab of a phone tab bar, or link of the menu, is the current page.</summary>
public static class TabBar
{
    /// <param name="href">The tab's page relative to the base, "" for home.</param>
    /// <param name="path">The current page relative to the base, as NavigationManager gives it.</param>
    /// <param name="prefix">The tab also covers the pages under it ("jobs/12").</param>
    public static bool IsCurrent(string href, string path, bool prefix = false)
    {
        var page = path.Split('?', '#')[0].TrimEnd('/');
        return string.Equals(page, href, StringComparison.OrdinalIgnoreCase)
            || (prefix && page.StartsWith(href + "/", StringComparison.OrdinalIgnoreCase));
    }

    public static string Class(string href, string path, bool primary = false, bool prefix = false) =>
        "tab-bar-item" + (primary ? " tab-bar-primary" : "") + (IsCurrent(href, path, prefix) ? " active" : "");

    public static string? Current(string href, string path, bool prefix = false) => IsCurrent(href, path, prefix) ? "page" : null;
}
