using Portal.Domain.Common;

namespace Portal.Domain.Requests;

/// <summary>
/// What the technician reports when returning a work order as done (完工回单): notes, time spent,
/// materials used and photos of the finished work. Validated on construction; the work order keeps
/// its parts, not the report itself.
/// </summary>
public sealed record CompletionReport
{
    public CompletionReport(
        string notes,
        int minutesSpent,
        IEnumerable<MaterialLine>? materials = null,
        IEnumerable<RequestPhoto>? afterPhotos = null)
    {
        var text = notes?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw new DomainException("WorkOrder.NotesRequired");
        }

        if (text.Length > WorkOrder.MaxCompletionNotesLength)
        {
            throw new DomainException("WorkOrder.NotesTooLong", WorkOrder.MaxCompletionNotesLength);
        }

        if (minutesSpent < WorkOrder.MinMinutesSpent || minutesSpent > WorkOrder.MaxMinutesSpent)
        {
            throw new DomainException("WorkOrder.MinutesOutOfRange", WorkOrder.MinMinutesSpent, WorkOrder.MaxMinutesSpent);
        }

        var materialList = (materials ?? []).ToList();
        if (materialList.Any(m => m is null))
        {
            throw new ArgumentException("A material line is missing.", nameof(materials));
        }

        if (materialList.Count > WorkOrder.MaxMaterials)
        {
            throw new DomainException("WorkOrder.TooManyMaterials", WorkOrder.MaxMaterials);
        }

        var photoList = (afterPhotos ?? []).ToList();

        // The stage is set by the upload code, not chosen by the technician: a "before" photo here is a bug.
        if (photoList.Any(p => p is null || p.Stage != PhotoStage.After))
        {
            throw new ArgumentException("Completion photos must be 'after' photos.", nameof(afterPhotos));
        }

        if (photoList.Select(p => p.Id).Distinct().Count() != photoList.Count)
        {
            throw new ArgumentException("The same photo appears twice.", nameof(afterPhotos));
        }

        if (photoList.Count > ServiceRequest.MaxPhotos)
        {
            throw new DomainException("Request.TooManyPhotos", ServiceRequest.MaxPhotos);
        }

        Notes = text;
        MinutesSpent = minutesSpent;
        Materials = materialList.AsReadOnly();
        AfterPhotos = photoList.AsReadOnly();
    }

    /// <summary>What was found and done; also the note on the timeline.</summary>
    public string Notes { get; }

    public int MinutesSpent { get; }

    public IReadOnlyList<MaterialLine> Materials { get; }

    public IReadOnlyList<RequestPhoto> AfterPhotos { get; }
}
