namespace Portal.Infrastructure.Photos;

/// <summary>The per-request limits: how many photos, and how many bytes all of them together.</summary>
public static class PhotoRequestBudget
{
    /// <param name="existingLengths">Lengths of the photos already on the request.</param>
    /// <param name="newLength">Length of the photo about to be added.</param>
    /// <exception cref="PhotoRejectedException">Photo.TooMany (max count) or Photo.RequestTooLarge (limit in MB).</exception>
    public static void EnsureWithinRequestLimits(IReadOnlyCollection<long> existingLengths, long newLength, PhotoOptions options)
    {
        ArgumentNullException.ThrowIfNull(existingLengths);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(newLength);

        if (existingLengths.Count + 1 > options.MaxPhotosPerRequest)
        {
            throw new PhotoRejectedException(PhotoErrorCodes.TooMany, options.MaxPhotosPerRequest);
        }

        // Checked: a corrupt length must fail loudly rather than wrap around under the limit.
        var total = checked(existingLengths.Sum() + newLength);
        if (total > options.MaxBytesPerRequest)
        {
            throw new PhotoRejectedException(
                PhotoErrorCodes.RequestTooLarge, PhotoRejectedException.ToMegabytes(options.MaxBytesPerRequest));
        }
    }
}
