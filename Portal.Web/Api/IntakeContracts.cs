using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Portal.Domain.Requests;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Integrations;

namespace Portal.Web.Api;

/// <summary>
/// The body of <c>POST /api/v1/requests</c>. Every field is optional to the deserializer so that a
/// missing one becomes a field error named after its JSON property rather than a parse failure.
/// </summary>
public sealed class NewRequestBody
{
    public const int MaxBuildingLength = 50;
    public const int MaxUnitLength = 20;
    public const int MinDescriptionLength = 5;

    [Required, Description("What kind of item this is.")]
    public RequestType? Type { get; init; }

    [Description("Complaints only, and required for them.")]
    public ComplaintKind? ComplaintKind { get; init; }

    [Description("Repairs only, and required for them.")]
    public RepairCategory? Category { get; init; }

    [MaxLength(MaxBuildingLength), Description("The building as the estate names it: with unit for a home, alone or omitted with publicSpot.")]
    public string? Building { get; init; }

    [MaxLength(MaxUnitLength), Description("The unit number, e.g. 1304. Omit both building and unit (and publicSpot) for the resident's one home in the estate.")]
    public string? Unit { get; init; }

    [MaxLength(Location.MaxSpotLength), Description("A public area, e.g. \"B2 car park near lift 3\"; instead of unit.")]
    public string? PublicSpot { get; init; }

    [Required, Description("Phone number of the resident the item is for, as bound to a unit of the key's estate.")]
    public string? ResidentPhone { get; init; }

    [MaxLength(ServiceRequest.MaxContactNameLength), Description("Who to call back; the resident's name if omitted.")]
    public string? ContactName { get; init; }

    [Description("Where to call back; the resident's phone if omitted.")]
    public string? ContactPhone { get; init; }

    [Required, MinLength(MinDescriptionLength), MaxLength(ServiceRequest.MaxDescriptionLength), Description("What the resident said.")]
    public string? Description { get; init; }

    [Description("An emergency: water pouring, no power, someone trapped.")]
    public bool Urgent { get; init; }

    /// <summary>The checks that need nothing but the body. Fields are the JSON property names.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (Type is null)
        {
            errors.Add(new("type", "Api.Required"));
        }

        if (Type == RequestType.Complaint && ComplaintKind is null)
        {
            errors.Add(new("complaintKind", "Api.Required"));
        }
        else if (Type is not null && Type != RequestType.Complaint && ComplaintKind is not null)
        {
            errors.Add(new("complaintKind", "Api.OnlyForComplaints"));
        }

        if (Type == RequestType.Repair && Category is null)
        {
            errors.Add(new("category", "Api.Required"));
        }
        else if (Type is not null && Type != RequestType.Repair && Category is not null)
        {
            errors.Add(new("category", "Api.OnlyForRepairs"));
        }

        var building = Clean(Building);
        var unit = Clean(Unit);
        var spot = Clean(PublicSpot);
        Length(errors, "building", building, 1, MaxBuildingLength);
        Length(errors, "unit", unit, 1, MaxUnitLength);
        Length(errors, "publicSpot", spot, 2, Location.MaxSpotLength);
        if (spot is not null && unit is not null)
        {
            errors.Add(new("publicSpot", "Api.UnitOrSpot"));
        }
        else if (unit is not null && building is null)
        {
            errors.Add(new("building", "Api.Required"));
        }
        else if (unit is null && spot is null && building is not null)
        {
            errors.Add(new("unit", "Api.Required"));
        }

        Phone(errors, "residentPhone", ResidentPhone, required: true);
        Phone(errors, "contactPhone", ContactPhone, required: false);
        Length(errors, "contactName", Clean(ContactName), 1, ServiceRequest.MaxContactNameLength);
        var description = Clean(Description);
        if (description is null)
        {
            errors.Add(new("description", "Api.Required"));
        }
        else
        {
            Length(errors, "description", description, MinDescriptionLength, ServiceRequest.MaxDescriptionLength);
        }

        return errors;
    }

    /// <summary>Trimmed, and null when blank: "" and "  " mean "not given".</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Length(List<FieldError> errors, string field, string? value, int min, int max)
    {
        if (value is not null && value.Length < min)
        {
            errors.Add(new(field, "Api.TooShort", min));
        }
        else if (value is not null && value.Length > max)
        {
            errors.Add(new(field, "Api.TooLong", max));
        }
    }

    private static void Phone(List<FieldError> errors, string field, string? value, bool required)
    {
        if (Clean(value) is null)
        {
            if (required)
            {
                errors.Add(new(field, "Api.Required"));
            }
        }
        else if (!PhoneNumber.IsValid(value))
        {
            errors.Add(new(field, "PhoneInvalid"));
        }
    }
}

/// <summary>The answer to a registration: what to quote to the resident and when to expect what.</summary>
public sealed record RequestCreated(
    [property: Description("The register number, e.g. R261123-0042.")] string Number,
    RequestType Type,
    RequestStatus Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("When the desk promises a first answer.")] DateTimeOffset? RespondBy,
    [property: Description("When the item is due to be resolved.")] DateTimeOffset ResolveBy,
    [property: Description("The request's page in the portal, for the resident (signed in) and the estate's staff.")] string Url);

/// <summary>One event on a request's history.</summary>
public sealed record RequestEvent(DateTimeOffset At, TimelineEvent Event);

/// <summary>Where a request stands; times are in the estate's time zone.</summary>
public sealed record RequestState(
    string Number,
    RequestType Type,
    RequestStatus Status,
    DateTimeOffset SubmittedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? RespondBy,
    DateTimeOffset ResolveBy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? AnsweredAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? CompletedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ClosedAt,
    IReadOnlyList<RequestEvent> Timeline)
{
    public static RequestState From(IntakeStatus s)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(s.TimeZoneId);
        // Whole seconds in the estate's offset: "2026-11-23T14:05:09+08:00" reads and parses everywhere.
        DateTimeOffset Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond)), zone);
        DateTimeOffset? Maybe(DateTimeOffset? t) => t is { } v ? Local(v) : null;
        return new RequestState(
            s.Number, s.Type, s.Status, Local(s.SubmittedAt), Maybe(s.RespondBy), Local(s.ResolveBy),
            Maybe(s.AnsweredAt), Maybe(s.CompletedAt), Maybe(s.ClosedAt),
            s.Timeline.Select(e => new RequestEvent(Local(e.At), e.Event)).ToList());
    }
}
