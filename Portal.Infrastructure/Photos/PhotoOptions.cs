namespace Portal.Infrastructure.Photos;

/// <summary>Limits and output settings for resident photos, bound from <c>Portal:Photos</c>.</summary>
public sealed class PhotoOptions
{
    public const string SectionName = "Portal:Photos";

    /// <summary>Upload size of one photo as it arrives (before re-encoding).</summary>
    public long MaxBytesPerPhoto { get; set; } = 10 * 1024 * 1024;

    /// <summary>All photos of one request together.</summary>
    public long MaxBytesPerRequest { get; set; } = 30 * 1024 * 1024;

    public int MaxPhotosPerRequest { get; set; } = 5;

    /// <summary>Longest side of the stored photo; larger ones are scaled down, smaller ones left alone.</summary>
    public int MaxDimension { get; set; } = 2560;

    /// <summary>Thumbnails fit inside a square of this many pixels.</summary>
    public int ThumbnailSize { get; set; } = 320;

    public int JpegQuality { get; set; } = 82;

    /// <summary>Where <see cref="LocalDiskPhotoStorage"/> keeps files; relative paths are under the content root.</summary>
    public string RootPath { get; set; } = "App_Data/photos";
}
