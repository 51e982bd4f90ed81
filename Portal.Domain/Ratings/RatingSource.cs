namespace Portal.Domain.Ratings;

/// <summary>Where a rating came from; a figure taken down by staff weighs differently in the statistics.</summary>
public enum RatingSource
{
    /// <summary>The resident rated in the portal.</summary>
    Resident,

    /// <summary>The resident gave the rating on the phone and staff entered it.</summary>
    StaffRecorded,
}
