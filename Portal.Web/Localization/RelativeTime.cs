using Microsoft.Extensions.Localization;
using Portal.Web.Resources;

namespace Portal.Web.Localization;

/// <summary>"5 min ago", "3 h ago", "2 d ago": how old a report is, at a glance on a phone.</summary>
public static class RelativeTime
{
    public static string Ago(this IStringLocalizer<SharedResource> l, DateTimeOffset then, DateTimeOffset now)
    {
        var span = now - then;
        return span.TotalMinutes < 1 ? l["Ago.JustNow"]
            : span.TotalHours < 1 ? l["Ago.Minutes", (int)span.TotalMinutes]
            : span.TotalDays < 1 ? l["Ago.Hours", (int)span.TotalHours]
            : l["Ago.Days", (int)span.TotalDays];
    }
}
