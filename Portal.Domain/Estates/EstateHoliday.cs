using Portal.Domain.Common;

namespace Portal.Domain.Estates;

/// <summary>A day the desk counts as closed (节假日): deadlines in business hours skip it.</summary>
public sealed class EstateHoliday
{
    public const int MaxNameLength = 50;

    public EstateHoliday(int estateId, DateOnly date, string? name)
    {
        var text = name?.Trim();
        if (text?.Length > MaxNameLength)
        {
            throw new DomainException("Deadline.HolidayNameTooLong", MaxNameLength);
        }

        EstateId = estateId;
        Date = date;
        Name = string.IsNullOrEmpty(text) ? null : text;
    }

    public int Id { get; private set; }

    public int EstateId { get; private set; }

    public DateOnly Date { get; private set; }

    public string? Name { get; private set; }
}
