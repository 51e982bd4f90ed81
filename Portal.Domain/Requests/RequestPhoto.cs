namespace Portal.Domain.Requests;

/// <summary>
/// A photo attached to a request (照片). The bytes live in storage; this row keeps the keys and
/// what the gallery needs to lay it out without loading it.
/// </summary>
public sealed class RequestPhoto
{
    public RequestPhoto(
        Guid id,
        string storageKey,
        string thumbnailKey,
        string contentType,
        long length,
        int width,
        int height,
        PhotoStage stage,
        DateTimeOffset uploadedAt,
        string uploadedBy)
    {
        if (id == Guid.Empty)
        {
            throw new ArgumentException("A photo needs an id.", nameof(id));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(storageKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(thumbnailKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        ArgumentException.ThrowIfNullOrWhiteSpace(uploadedBy);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);

        Id = id;
        StorageKey = storageKey;
        ThumbnailKey = thumbnailKey;
        ContentType = contentType;
        Length = length;
        Width = width;
        Height = height;
        Stage = stage;
        UploadedAt = uploadedAt;
        UploadedBy = uploadedBy;
    }

    // For EF Core.
    private RequestPhoto()
    {
        StorageKey = ThumbnailKey = ContentType = UploadedBy = null!;
    }

    /// <summary>Chosen by the uploader (a Guid) so the file can be stored before the request is saved.</summary>
    public Guid Id { get; private set; }

    /// <summary>Set by EF Core from the owning request.</summary>
    public int ServiceRequestId { get; private set; }

    public string StorageKey { get; private set; }

    public string ThumbnailKey { get; private set; }

    public string ContentType { get; private set; }

    /// <summary>Size in bytes.</summary>
    public long Length { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    public PhotoStage Stage { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    /// <summary>User id of the uploader.</summary>
    public string UploadedBy { get; private set; }
}
