using System.Globalization;
using Portal.Domain.Common;

namespace Portal.Domain.Requests;

/// <summary>
/// The price of paid work (有偿服务报价) entered by the technician, and the resident's answer. The
/// cost must be explained to and accepted by the resident before the work starts, so the decision,
/// who gave it and when are part of the record.
/// </summary>
/// <remarks>
/// Stored with its work order. Only <see cref="ServiceRequest"/> creates one or records the decision;
/// from outside it is read-only. "Pending" matters only while the work order is active: the quote of
/// an order that was returned or cancelled before the resident answered simply lapsed.
/// </remarks>
public sealed class Quote
{
    public const decimal MaxAmount = 100000m;
    public const int MaxDescriptionLength = 500;

    internal Quote(decimal amount, string description, DateTimeOffset quotedAt)
    {
        if (amount <= 0 || amount > MaxAmount)
        {
            throw new DomainException("Quote.AmountOutOfRange", MaxAmount);
        }

        var text = description?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw new DomainException("Quote.DescriptionRequired");
        }

        if (text.Length > MaxDescriptionLength)
        {
            throw new DomainException("Quote.DescriptionTooLong", MaxDescriptionLength);
        }

        Amount = amount;
        Description = text;
        QuotedAt = quotedAt;
    }

    // For EF Core.
    private Quote()
    {
        Description = null!;
    }

    /// <summary>In yuan.</summary>
    public decimal Amount { get; private set; }

    /// <summary>What the money is for, as explained to the resident.</summary>
    public string Description { get; private set; }

    public DateTimeOffset QuotedAt { get; private set; }

    public QuoteDecision? Decision { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>Display name of whoever recorded the decision: the resident, or staff who took it on the phone.</summary>
    public string? DecidedBy { get; private set; }

    public string? DeclineReason { get; private set; }

    public bool IsPending => Decision is null;

    /// <summary>"¥120.00", the way the amount is written on the timeline.</summary>
    internal string FormattedAmount => "¥" + Amount.ToString("0.00", CultureInfo.InvariantCulture);

    internal void Approve(Actor by, DateTimeOffset at) => Decide(QuoteDecision.Approved, by, at, reason: null);

    internal void Decline(Actor by, DateTimeOffset at, string? reason) => Decide(QuoteDecision.Declined, by, at, reason);

    private void Decide(QuoteDecision decision, Actor by, DateTimeOffset at, string? reason)
    {
        if (!IsPending)
        {
            throw new InvalidOperationException("The quote was decided already.");
        }

        Decision = decision;
        DecidedAt = at;
        DecidedBy = by.DisplayName;
        DeclineReason = reason;
    }
}
