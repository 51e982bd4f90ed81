namespace Portal.Infrastructure.Requests;

/// <summary>
/// A photo uploaded while the resident is still writing the request. Staging it on the server at
/// once means a validation error, the read-back step or a flaky connection never loses it; it is
/// moved onto the request when filed and swept away if it is never used.
/// </summary>
public sealed class StagedPhoto
{
    public Guid Id { get; set; }
    public string OwnerUserId { get; set; } = "";
    public string StorageKey { get; set; } = "";
    public string ThumbnailKey { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Length { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
