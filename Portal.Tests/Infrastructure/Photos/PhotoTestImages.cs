using System.Text;
using ImageMagick;
using ImageMagick.Drawing;

namespace Portal.Tests.Infrastructure.Photos;

/// <summary>Real images made on the fly, so the tests need no binary fixtures (HEIC aside).</summary>
internal static class PhotoTestImages
{
    /// <summary>
    /// 100×50, left half red, right half blue, with EXIF GPS + Orientation=RightTop, an XMP packet
    /// with GPS, an IPTC city and a comment: everything that must not survive processing.
    /// </summary>
    public static byte[] JpegWithGpsAndRightTopOrientation()
    {
        using var image = new MagickImage(MagickColors.Blue, 100, 50);
        new Drawables().FillColor(MagickColors.Red).Rectangle(0, 0, 49, 49).Draw(image);

        var exif = new ExifProfile();
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(52, 1), new Rational(31, 1), new Rational(1234, 100)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(13, 1), new Rational(24, 1), new Rational(5678, 100)]);
        exif.SetValue(ExifTag.Orientation, (ushort)6); // RightTop: rotate 90° clockwise to view
        exif.SetValue(ExifTag.Model, "TestPhone 12");
        image.SetProfile(exif);
        image.Orientation = OrientationType.RightTop;

        image.SetProfile(new XmpProfile(Encoding.UTF8.GetBytes(
            """
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/">
            <exif:GPSLatitude>52,31.2N</exif:GPSLatitude><exif:GPSLongitude>13,24.9E</exif:GPSLongitude>
            </rdf:Description></rdf:RDF></x:xmpmeta>
            """)));
        var iptc = new IptcProfile();
        iptc.SetValue(IptcTag.City, "Berlin");
        image.SetProfile(iptc);
        image.Comment = "Flat 4B, Hauptstrasse 12";

        image.Quality = 92;
        return image.ToByteArray(MagickFormat.Jpeg);
    }

    public static byte[] Jpeg(uint width, uint height) => Solid(width, height, MagickFormat.Jpeg);

    /// <summary>Transparent all over except a red square in the middle.</summary>
    public static byte[] TransparentPng(uint width, uint height)
    {
        using var image = new MagickImage(MagickColors.Transparent, width, height);
        new Drawables().FillColor(MagickColors.Red).Rectangle(width / 4.0, height / 4.0, width * 3 / 4.0, height * 3 / 4.0).Draw(image);
        return image.ToByteArray(MagickFormat.Png);
    }

    public static byte[] Webp(uint width, uint height) => Solid(width, height, MagickFormat.WebP);

    /// <summary>A JPEG tagged with the Adobe RGB (1998) ICC profile.</summary>
    public static byte[] JpegWithAdobeRgbProfile()
    {
        using var image = new MagickImage(MagickColors.Green, 64, 64);
        image.SetProfile(ColorProfiles.AdobeRGB1998);
        return image.ToByteArray(MagickFormat.Jpeg);
    }

    /// <summary>
    /// 96×64 HEIC (HEVC) with an EXIF block carrying GPS latitude/longitude. Magick.NET can decode
    /// HEIC but not encode it, so this one is a fixture (made with libheif's heif-enc, 617 bytes).
    /// </summary>
    public static byte[] HeicWithGps() => Convert.FromBase64String(
        "AAAAHGZ0eXBoZWljAAAAAG1pZjFoZWljbWlhZgAAAYBtZXRhAAAAAAAAACFoZGxyAAAAAAAAAABwaWN0AAAAAAAAAAAAAAAA" +
        "AAAAAA5waXRtAAAAAAABAAAANGlsb2MAAAAAREAAAgABAAAAAAGkAAEAAAAAAAAALQACAAAAAAHRAAEAAAAAAAAAmAAAADhp" +
        "aW5mAAAAAAACAAAAFWluZmUCAAAAAAEAAGh2YzEAAAAAFWluZmUCAAABAAIAAEV4aWYAAAAAv2lwcnAAAAChaXBjbwAAAHVo" +
        "dmNDAQNwAAAAAAAAAAAAHvAA/P34+AAADwMgAAEAGEABDAH//wNwAAADAJAAAAMAAAMAHroCQCEAAQAoQgEBA3AAAAMAkAAA" +
        "AwAAAwAeoDCBBZbqSSmubAgAAAMACAAAAwAIQCIAAQAHRAHBcrAiQAAAABRpc3BlAAAAAAAAAGAAAABAAAAAEHBpeGkAAAAA" +
        "AwgICAAAABZpcG1hAAAAAAAAAAEAAQOBAoMAAAAaaXJlZgAAAAAAAAAOY2RzYwACAAEAAQAAAM1tZGF0AAAAKSgBrxmABj9q" +
        "H5P+eV1abGRprJWYy5CQhNnEmBkXmka6tVegBzKQqzlvAAAAAElJKgAIAAAAAgASAQMAAQAAAAAAAAAliAQAAQAAACoAAAAA" +
        "AAAAAAAAAAQAAQACAAIAAABOAAAAAgAFAAMAAABkAAAAAwACAAIAAABFAAAABAAFAAMAAAB8AAAAAAAAAAAAAAA0AAAAAQAA" +
        "AB8AAAABAAAAAAAAAAEAAAANAAAAAQAAABgAAAABAAAAAAAAAAEAAAA=");

    /// <summary>
    /// A decompression bomb in miniature: a valid 1×1 PNG whose header is rewritten to claim
    /// <paramref name="width"/>×<paramref name="height"/> (with a correct CRC, so a header read believes it).
    /// </summary>
    public static byte[] PngClaiming(uint width, uint height)
    {
        var png = Solid(1, 1, MagickFormat.Png);
        // Signature (8) + IHDR length (4) + "IHDR" (4): width at 16, height at 20, CRC of type+data at 29.
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), width);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), height);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    private static byte[] Solid(uint width, uint height, MagickFormat format)
    {
        using var image = new MagickImage(MagickColors.SteelBlue, width, height);
        return image.ToByteArray(format);
    }

    // The PNG chunk CRC (ISO 3309, reflected 0xEDB88320).
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}

/// <summary>
/// A non-seekable upload of <paramref name="length"/> bytes made up as it is read, counting what
/// was actually read: proves the processor stops early instead of draining the stream.
/// </summary>
internal sealed class LazyCountingStream(long length) : Stream
{
    private long _position;

    public long BytesRead => _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, length - _position);
        // A JPEG signature first, so only the size check can be what stops it.
        for (var i = 0; i < n; i++)
        {
            var at = _position + i;
            buffer[i] = at switch { 0 => 0xFF, 1 => 0xD8, 2 => 0xFF, _ => 0x42 };
        }

        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
