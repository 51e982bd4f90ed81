using System.Globalization;

namespace Portal.Web.Localization;

/// <summary>Times are stored in UTC and always shown in the estate's own time zone.</summary>
public static class EstateTime
{
    public static DateTime ToLocal(this DateTimeOffset utc, string timeZoneId) =>
        TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId)).DateTime;

    /// <summary>"11月24日 周二 14:30" / "Tue 24 Nov 14:30".</summary>
    public static string Format(this DateTimeOffset utc, string timeZoneId) => FormatLocal(utc.ToLocal(timeZoneId));

    public static string FormatLocal(DateTime local) => IsChinese
        ? local.ToString("M月d日 ddd HH:mm", CultureInfo.CurrentCulture)
        : local.ToString("ddd d MMM HH:mm", CultureInfo.CurrentCulture);

    public static string FormatDay(DateTime local) => IsChinese
        ? local.ToString("M月d日 ddd", CultureInfo.CurrentCulture)
        : local.ToString("ddd d MMM", CultureInfo.CurrentCulture);

    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
}
