using Portal.Domain.Requests;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Estates;

namespace Portal.Infrastructure.Requests;

/// <summary>
/// What a clerk, a resident or an integration registers when it is not a repair with a visit window:
/// a complaint, suggestion, inquiry or praise (and, from the integrations, a repair too). Lives for
/// the whole page, so a validation error never loses a word.
/// </summary>
public sealed class RegisterDraft
{
    public RequestType Type { get; set; } = RequestType.Complaint;

    /// <summary>Complaints only.</summary>
    public ComplaintKind? ComplaintKind { get; set; }

    /// <summary>Repairs only.</summary>
    public RepairCategory? Category { get; set; }

    public bool InPublicArea { get; set; }
    public int? UnitId { get; set; }
    public int? EstateId { get; set; }
    public int? PublicBuildingId { get; set; }
    public string? Spot { get; set; }
    public string? Description { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public Channel Channel { get; set; } = Channel.Phone;
    public bool Urgent { get; set; }

    /// <summary>The desk's answer when an inquiry, suggestion or praise is dealt with at once (及时封闭).</summary>
    public string? AnswerOnTheSpot { get; set; }

    /// <summary>A complaint about an earlier request of the same resident (a late repair).</summary>
    public int? AboutRequestId { get; set; }

    public bool ClosesOnTheSpot => !string.IsNullOrWhiteSpace(AnswerOnTheSpot);
}

/// <summary>The rules of the register form; run by the page for instant messages and again by the use case.</summary>
public static class RegisterDraftValidator
{
    public static IReadOnlyList<FieldError> Validate(RegisterDraft draft, IReadOnlyList<HomeView> homes, bool byStaff)
    {
        var errors = new List<FieldError>();
        if (draft.Type == RequestType.Complaint && draft.ComplaintKind is null)
        {
            errors.Add(new(nameof(RegisterDraft.ComplaintKind), "ComplaintKindRequired"));
        }

        if (draft.Type == RequestType.Repair && draft.Category is null)
        {
            errors.Add(new(nameof(RegisterDraft.Category), "CategoryRequired"));
        }

        DraftRules.CheckPlace(errors, draft.InPublicArea, draft.UnitId, draft.EstateId, draft.Spot, homes);
        DraftRules.CheckDescription(errors, draft.Description);
        DraftRules.CheckContact(errors, draft.ContactName, draft.ContactPhone);

        if (byStaff == (draft.Channel == Channel.Portal))
        {
            // Residents file through the portal; the desk records how the item really reached it.
            errors.Add(new(nameof(RegisterDraft.Channel), byStaff ? "ChannelRequired" : "ChannelPortalOnly"));
        }

        if (draft.ClosesOnTheSpot)
        {
            if (!byStaff || draft.Type is RequestType.Repair or RequestType.Complaint)
            {
                errors.Add(new(nameof(RegisterDraft.AnswerOnTheSpot), "CannotCloseOnTheSpot"));
            }
            else if (draft.AnswerOnTheSpot!.Trim().Length > ServiceRequest.MaxDescriptionLength)
            {
                errors.Add(new(nameof(RegisterDraft.AnswerOnTheSpot), "AnswerTooLong", ServiceRequest.MaxDescriptionLength));
            }
        }

        if (draft.AboutRequestId is not null && draft.Type != RequestType.Complaint)
        {
            errors.Add(new(nameof(RegisterDraft.AboutRequestId), "AboutOnlyForComplaints"));
        }

        return errors;
    }
}
