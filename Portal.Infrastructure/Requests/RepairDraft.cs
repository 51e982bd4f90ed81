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

        if (!draft.InPublicArea)
        {
            if (draft.UnitId is null)
            {
                errors.Add(new(nameof(RepairDraft.UnitId), "UnitRequired"));
            }
            else if (homes.All(h => h.UnitId != draft.UnitId))
            {
                errors.Add(new(nameof(RepairDraft.UnitId), "UnitNotYours"));
            }
        }
        else
        {
            if (draft.EstateId is null || homes.All(h => h.EstateId != draft.EstateId))
            {
                errors.Add(new(nameof(RepairDraft.EstateId), "EstateRequired"));
            }

            var spot = draft.Spot?.Trim() ?? "";
            if (spot.Length < 2)
            {
                errors.Add(new(nameof(RepairDraft.Spot), "SpotRequired"));
            }
            else if (spot.Length > MaxSpotLength)
            {
                errors.Add(new(nameof(RepairDraft.Spot), "SpotTooLong", MaxSpotLength));
            }
        }

        var description = draft.Description?.Trim() ?? "";
        if (description.Length == 0)
        {
            errors.Add(new(nameof(RepairDraft.Description), "DescriptionRequired"));
        }
        else if (description.Length < MinDescriptionLength)
        {
            errors.Add(new(nameof(RepairDraft.Description), "DescriptionTooShort", MinDescriptionLength));
        }
        else if (description.Length > ServiceRequest.MaxDescriptionLength)
        {
            errors.Add(new(nameof(RepairDraft.Description), "DescriptionTooLong", ServiceRequest.MaxDescriptionLength));
        }

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

        var name = draft.ContactName?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(new(nameof(RepairDraft.ContactName), "ContactNameRequired"));
        }
        else if (name.Length > MaxContactNameLength)
        {
            errors.Add(new(nameof(RepairDraft.ContactName), "ContactNameTooLong", MaxContactNameLength));
        }

        if (string.IsNullOrWhiteSpace(draft.ContactPhone))
        {
            errors.Add(new(nameof(RepairDraft.ContactPhone), "PhoneRequired"));
        }
        else if (!PhoneNumber.IsValid(draft.ContactPhone))
        {
            errors.Add(new(nameof(RepairDraft.ContactPhone), "PhoneInvalid"));
        }

        if (draft.PhotoIds.Count > maxPhotos)
        {
            errors.Add(new(nameof(RepairDraft.PhotoIds), "TooManyPhotos", maxPhotos));
        }

        return errors;
    }
}
