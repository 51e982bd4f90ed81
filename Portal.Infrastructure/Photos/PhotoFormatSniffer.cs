namespace Portal.Infrastructure.Photos;

/// <summary>
/// Tells the format from the first bytes of the content. The file name and the browser's
/// Content-Type are the sender's claims; the magic bytes are what a decoder will actually see.
/// </summary>
public static class PhotoFormatSniffer
{
    /// <summary>How many leading bytes <see cref="Detect"/> wants; fewer is fine for short content.</summary>
    public const int HeaderLength = 32;

    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> Riff => "RIFF"u8;
    private static ReadOnlySpan<byte> Webp => "WEBP"u8;
    private static ReadOnlySpan<byte> Ftyp => "ftyp"u8;

    // Major brands of HEIF files carrying HEVC images (iPhone: heic; Samsung and others: mif1).
    // "avif" is deliberately absent: AVIF is not on the accepted list.
    private static readonly byte[][] HeifBrands =
    [
        "heic"u8.ToArray(), "heix"u8.ToArray(), "hevc"u8.ToArray(), "hevx"u8.ToArray(),
        "heim"u8.ToArray(), "heis"u8.ToArray(), "mif1"u8.ToArray(), "msf1"u8.ToArray(),
    ];

    public static PhotoFormat? Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith(Jpeg))
        {
            return PhotoFormat.Jpeg;
        }

        if (header.StartsWith(Png))
        {
            return PhotoFormat.Png;
        }

        if (header.Length >= 12 && header.StartsWith(Riff) && header[8..12].SequenceEqual(Webp))
        {
            return PhotoFormat.Webp;
        }

        // ISO-BMFF: 4-byte box size, then "ftyp", then the major brand.
        if (header.Length >= 12 && header[4..8].SequenceEqual(Ftyp))
        {
            var brand = header[8..12];
            foreach (var candidate in HeifBrands)
            {
                if (brand.SequenceEqual(candidate))
                {
                    return PhotoFormat.Heic;
                }
            }
        }

        return null;
    }
}
