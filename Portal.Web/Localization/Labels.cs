using MudBlazor;
using Microsoft.Extensions.Localization;
using Portal.Domain.Requests;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Requests;
using Portal.Web.Resources;

namespace Portal.Web.Localization;

/// <summary>How the domain's words read in the user's language.</summary>
public static class Labels
{
    public static string Category(this IStringLocalizer<SharedResource> l, RepairCategory? category) =>
        category is null ? l["Category.None"] : l[$"Category.{category}"];

    /// <summary>What a request is: a repair's category, otherwise its type ("Complaint", "Question", …).</summary>
    public static string What(this IStringLocalizer<SharedResource> l, RequestType type, RepairCategory? category) =>
        type == RequestType.Repair ? l.Category(category) : l[$"Type.{type}"];

    public static string Status(this IStringLocalizer<SharedResource> l, RequestStatus status) => l[$"Status.{status}"];

    public static string Home(this IStringLocalizer<SharedResource> l, HomeView home) =>
        l["Location.Unit", home.BuildingName, home.UnitNumber];

    public static string Location(this IStringLocalizer<SharedResource> l, RequestSummary s) =>
        l.Place(s.BuildingName, s.UnitNumber, s.Spot);

    /// <summary>"Building 3, unit 1304", or a public spot with or without its building: every view says it the same way.</summary>
    public static string Place(this IStringLocalizer<SharedResource> l, string? buildingName, string? unitNumber, string? spot) =>
        unitNumber is not null ? l["Location.Unit", buildingName ?? "", unitNumber]
        : buildingName is not null ? l["Location.PublicInBuilding", buildingName, spot ?? ""]
        : l["Location.Public", spot ?? ""];

    /// <summary>The resident's preferred visit window in the estate's time, or "any time".</summary>
    public static string Window(this IStringLocalizer<SharedResource> l, DateTimeOffset? start, DateTimeOffset? end, string timeZoneId) =>
        start is { } s && end is { } e
            ? $"{EstateTime.FormatDay(s.ToLocal(timeZoneId))} {s.ToLocal(timeZoneId):HH:mm}–{e.ToLocal(timeZoneId):HH:mm}"
            : l["ReadBack.AnyTime"];

    /// <summary>Mobile numbers grouped 3-4-4 so they can be read back digit by digit.</summary>
    public static string Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return "";
        }

        var digits = phone.Replace(" ", "", StringComparison.Ordinal);
        return digits.Length == 11 && digits.All(char.IsDigit)
            ? $"{digits[..3]} {digits[3..7]} {digits[7..]}"
            : phone;
    }

    public static Color StatusColor(RequestStatus status) => status switch
    {
        RequestStatus.Submitted => Color.Info,
        RequestStatus.Accepted or RequestStatus.Dispatched => Color.Primary,
        RequestStatus.InProgress => Color.Secondary,
        RequestStatus.OnHold => Color.Warning,
        RequestStatus.Completed or RequestStatus.FollowedUp or RequestStatus.Rated or RequestStatus.Closed => Color.Success,
        RequestStatus.Reopened => Color.Error,
        _ => Color.Default,
    };
}
