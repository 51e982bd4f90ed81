namespace Portal.Infrastructure.Photos;

/// <summary>A photo as stored: the cleaned JPEG and its thumbnail. Length, Width and Height are those of the stored JPEG.</summary>
public sealed record ProcessedPhoto(
    Guid Id,
    string StorageKey,
    string ThumbnailKey,
    string ContentType,
    long Length,
    int Width,
    int Height);
