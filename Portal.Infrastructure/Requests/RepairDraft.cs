using Portal.Domain.Requests;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Estates;

namespace Portal.Infrastructure.Requests;

/// <summary>
/// What a resident is typing into the repair form. It lives for the whole page, so a validation
/// error or a step back from the read-back never loses a word.
/// </summary>
public sealed class RepairDraft
{
    public RepairCategory? Category { get; set; }
    public bool InPublicArea { get; set; }
    public int? UnitId { get; set; }
    public int? EstateId { get; set; }
    public int? PublicBuildingId { get; set; }
    public string? Spot { get; set; }
    public string? Description { get; set; }
    public DateTime? PreferredDate { get; set; }
    public PreferredSlot Slot { get; set; } = PreferredSlot.AnyTime;
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public List<Guid> PhotoIds { get; set; } = [];

    /// <summary>Water pouring, no power, someone trapped: goes to the top of the board at once.</summary>
    public bool Urgent { get; set; }
}

/// <summary>
/// The rules of the repair form, run by the page for instant messages and again by the use case,
/// which is the one that counts. Messages are keys ("Validation.{Code}") localized by the UI.
/// </summary>
public static class RepairDraftValidator
{
    public const int MinDescriptionLength = 5;
    public const int MaxSpotLength = 200;
    public const int MaxContactNameLength = 50;
    public const int MaxDaysAhead = 30;

    public static IReadOnlyList<FieldError> Validate(RepairDraft draft, IReadOnlyList<HomeView> homes, DateTime nowLocal, int maxPhotos)
    {
        var errors = new List<FieldError>();
        if (draft.Category is null)
        {
            errors.Add(new(nameof(RepairDraft.Category), "CategoryRequired"));
        }

        DraftRules.CheckPlace(errors, draft.InPublicArea, draft.UnitId, draft.EstateId, draft.Spot, homes);
        DraftRules.CheckDescription(errors, draft.Description);

        if (draft.PreferredDate is { } date)
        {
            var day = DateOnly.FromDateTime(date);
            var today = DateOnly.FromDateTime(nowLocal);
            if (day < today)
            {
                errors.Add(new(nameof(RepairDraft.PreferredDate), "DateInPast"));
            }
            else if (day > today.AddDays(MaxDaysAhead))
            {
                errors.Add(new(nameof(RepairDraft.PreferredDate), "DateTooFar", MaxDaysAhead));
            }
            else if (day == today && draft.Slot.Hours().To <= TimeOnly.FromDateTime(nowLocal))
            {
                errors.Add(new(nameof(RepairDraft.Slot), "SlotPassed"));
            }
        }

        DraftRules.CheckContact(errors, draft.ContactName, draft.ContactPhone);

        if (draft.PhotoIds.Count > maxPhotos)
        {
            errors.Add(new(nameof(RepairDraft.PhotoIds), "TooManyPhotos", maxPhotos));
        }

        return errors;
    }
}

/// <summary>
/// The where, what and who every form of the register checks the same way (repair form, the desk's
/// register form, the integration API): one place for the rules and their messages.
/// </summary>
internal static class DraftRules
{
    public static void CheckPlace(List<FieldError> errors, bool inPublicArea, int? unitId, int? estateId, string? spot, IReadOnlyList<HomeView> homes)
    {
        if (!inPublicArea)
        {
            if (unitId is null)
            {
                errors.Add(new("UnitId", "UnitRequired"));
            }
            else if (homes.All(h => h.UnitId != unitId))
            {
                errors.Add(new("UnitId", "UnitNotYours"));
            }

            return;
        }

        if (estateId is null || homes.All(h => h.EstateId != estateId))
        {
            errors.Add(new("EstateId", "EstateRequired"));
        }

        var text = spot?.Trim() ?? "";
        if (text.Length < 2)
        {
            errors.Add(new("Spot", "SpotRequired"));
        }
        else if (text.Length > RepairDraftValidator.MaxSpotLength)
        {
            errors.Add(new("Spot", "SpotTooLong", RepairDraftValidator.MaxSpotLength));
        }
    }

    public static void CheckDescription(List<FieldError> errors, string? description)
    {
        var text = description?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors.Add(new("Description", "DescriptionRequired"));
        }
        else if (text.Length < RepairDraftValidator.MinDescriptionLength)
        {
            errors.Add(new("Description", "DescriptionTooShort", RepairDraftValidator.MinDescriptionLength));
        }
        else if (text.Length > ServiceRequest.MaxDescriptionLength)
        {
            errors.Add(new("Description", "DescriptionTooLong", ServiceRequest.MaxDescriptionLength));
        }
    }

    public static void CheckContact(List<FieldError> errors, string? contactName, string? contactPhone)
    {
        var name = contactName?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(new("ContactName", "ContactNameRequired"));
        }
        else if (name.Length > RepairDraftValidator.MaxContactNameLength)
        {
            errors.Add(new("ContactName", "ContactNameTooLong", RepairDraftValidator.MaxContactNameLength));
        }

        if (string.IsNullOrWhiteSpace(contactPhone))
        {
            errors.Add(new("ContactPhone", "PhoneRequired"));
        }
        else if (!PhoneNumber.IsValid(contactPhone))
        {
            errors.Add(new("ContactPhone", "PhoneInvalid"));
        }
    }
}
