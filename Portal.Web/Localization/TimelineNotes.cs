using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Portal.Web.Resources;

namespace Portal.Web.Localization;

/// <summary>
/// Some timeline notes are written by the rules themselves ("No answer (2/3)", "— recorded by
/// staff"), in the domain's own English. They are shown in the reader's language by recognising
/// those fixed shapes; what people typed is shown as they typed it.
/// </summary>
public static partial class TimelineNotes
{
    [GeneratedRegex(@"^No answer \((\d+)/(\d+)\)")]
    private static partial Regex NoAnswer();

    [GeneratedRegex(@"^Wrong number \((\d+)/(\d+)\)")]
    private static partial Regex WrongNumber();

    [GeneratedRegex(@"^Call back later: (\d{4}-\d{2}-\d{2} \d{2}:\d{2})")]
    private static partial Regex CallBackLater();

    [GeneratedRegex(@"^Not reached after (\d+) failed calls: rating invitation sent to the portal")]
    private static partial Regex NotReached();

    [GeneratedRegex(@"^Low rating ★(\d): the supervisor responds within (\d+) hours")]
    private static partial Regex LowRating();

    [GeneratedRegex(@"^(Supervisor|Manager): (Response|Resolution) deadline missed$")]
    private static partial Regex EscalatedMissed();

    [GeneratedRegex(@"^(Supervisor|Manager)(: |$)")]
    private static partial Regex EscalatedTo();

    public static string? Localize(IStringLocalizer<SharedResource> l, string? note)
    {
        if (string.IsNullOrEmpty(note))
        {
            return note;
        }

        if (note is "Response" or "Resolution")
        {
            return l["Note.Warning", l[$"Deadline.{note}"]];
        }

        if (EscalatedMissed().Match(note) is { Success: true } missed)
        {
            return l["Note.EscalatedMissed", l[$"Escalation.{missed.Groups[1].Value}"], l[$"Deadline.{missed.Groups[2].Value}"]];
        }

        if (EscalatedTo().Match(note) is { Success: true } escalated)
        {
            return l[$"Escalation.{escalated.Groups[1].Value}"] + (escalated.Groups[2].Value.Length > 0 ? (EstateTime.IsChinese ? "：" : ": ") + note[escalated.Length..] : "");
        }

        var text = note;
        text = NoAnswer().Replace(text, m => l["Note.NoAnswer", m.Groups[1].Value, m.Groups[2].Value], 1);
        text = WrongNumber().Replace(text, m => l["Note.WrongNumber", m.Groups[1].Value, m.Groups[2].Value], 1);
        text = CallBackLater().Replace(text, m => l["Note.CallBackLater", m.Groups[1].Value], 1);
        text = NotReached().Replace(text, m => l["Note.NotReached", m.Groups[1].Value], 1);
        text = LowRating().Replace(text, m => l["Note.LowRating", m.Groups[1].Value, m.Groups[2].Value], 1);
        if (text == "Reached" || text.StartsWith("Reached — ", StringComparison.Ordinal))
        {
            text = l["Call.Reached"] + text["Reached".Length..];
        }

        if (text.StartsWith(Portal.Domain.Requests.WorkOrder.QuoteDeclinedReason, StringComparison.Ordinal))
        {
            text = l["Note.QuoteDeclined"] + text[Portal.Domain.Requests.WorkOrder.QuoteDeclinedReason.Length..];
        }

        return text
            .Replace(" — outside calling hours: urgent", l["Note.OutsideUrgent"], StringComparison.Ordinal)
            .Replace(" — outside calling hours: agreed with the resident", l["Note.OutsideAgreed"], StringComparison.Ordinal)
            .Replace(" — recorded by staff", l["Note.RecordedByStaff"], StringComparison.Ordinal);
    }

    /// <summary>The system acts under its role's name in the reader's language.</summary>
    public static string Actor(IStringLocalizer<SharedResource> l, string name, Portal.Domain.Common.ActorRole role) =>
        role == Portal.Domain.Common.ActorRole.System ? l["Role.System"] : name;
}
