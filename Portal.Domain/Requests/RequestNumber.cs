using System.Globalization;

namespace Portal.Domain.Requests;

/// <summary>
/// The number read to the resident and written on the work order (工单编号), e.g. "R261123-0042":
/// type letter, the estate's local date, and the day's sequence.
/// </summary>
public static class RequestNumber
{
    public const int MaxSequence = 9999;

    public static string Create(RequestType type, DateOnly localDate, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, MaxSequence);

        var prefix = type switch
        {
            RequestType.Repair => 'R',
            RequestType.Complaint => 'C',
            RequestType.Suggestion => 'S',
            RequestType.Inquiry => 'Q',
            RequestType.Praise => 'P',
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown request type."),
        };

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{prefix}{localDate:yyMMdd}-{sequence:D4}");
    }
}
