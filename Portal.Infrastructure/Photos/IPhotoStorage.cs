namespace Portal.Infrastructure.Photos;

/// <summary>
/// Where photo files live. Keys are relative, forward-slash paths such as
/// "2026/11/3f2a….jpg"; the same key works for any backend (disk today, blob storage later).
/// </summary>
public interface IPhotoStorage
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing any existing file. Reads the stream to its end.</summary>
    Task WriteAsync(string key, Stream content, CancellationToken ct);

    /// <summary>Opens the file for reading (caller disposes), or null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken ct);

    /// <summary>Removes the file; no error when it is already gone.</summary>
    Task DeleteAsync(string key, CancellationToken ct);

    Task<bool> ExistsAsync(string key, CancellationToken ct);
}
