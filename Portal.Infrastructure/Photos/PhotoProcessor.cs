using System.Globalization;
using ImageMagick;
using Microsoft.Extensions.Options;

namespace Portal.Infrastructure.Photos;

/// <summary>
/// Turns an uploaded photo into what Portal stores: type checked from the content, decoded only
/// as that type, turned upright, stripped of EXIF/GPS and every other metadata, scaled down and
/// re-encoded as JPEG, plus a thumbnail for lists.
/// </summary>
public sealed class PhotoProcessor
{
    /// <summary>Images above this many pixels are refused before decoding (decompression bombs).</summary>
    public const long MaxPixels = 50_000_000;

    /// <summary>The accepted formats as shown to residents, the arg of Photo.UnsupportedType.</summary>
    public const string AcceptedFormatsDisplay = "JPEG, PNG, WebP, HEIC";

    private const int CopyBufferSize = 81920;

    private readonly IPhotoStorage _storage;
    private readonly PhotoOptions _options;
    private readonly TimeProvider _clock;
    private readonly string _tempDirectory;

    // Decoding holds the whole bitmap (a 50 MP photo is ~200 MB at 8 bits RGBA): bound how many
    // run at once so a burst of uploads cannot take the server's memory.
    private readonly SemaphoreSlim _decodeGate = new(Math.Max(1, Environment.ProcessorCount));

    static PhotoProcessor()
    {
        // Process-wide ImageMagick limits, set once. They are a backstop behind the ping check in
        // ProcessAsync, for anything that reaches a decoder without it: ImageMagick's defaults
        // are effectively unlimited, so a crafted file could otherwise allocate until the
        // process dies. Width/Height fail a read outright; Disk caps the pixel cache that
        // ImageMagick spills to disk when memory runs short. Area is left alone: exceeding it
        // only moves the cache to disk. They also apply to any other Magick.NET use in Portal.
        ResourceLimits.Width = 30_000;
        ResourceLimits.Height = 30_000;
        ResourceLimits.Disk = 2UL * 1024 * 1024 * 1024;
    }

    public PhotoProcessor(IPhotoStorage storage, IOptions<PhotoOptions> options, TimeProvider clock)
        : this(storage, options, clock, Path.Combine(Path.GetTempPath(), "portal-photo-uploads"))
    {
    }

    /// <param name="tempDirectory">Where uploads are spooled while processed (tests point it at their own folder).</param>
    internal PhotoProcessor(IPhotoStorage storage, IOptions<PhotoOptions> options, TimeProvider clock, string tempDirectory)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        _storage = storage;
        _options = options.Value;
        _clock = clock;
        _tempDirectory = tempDirectory;
    }

    /// <summary>
    /// Reads <paramref name="upload"/> (never more than the per-photo limit plus one byte), and stores
    /// the cleaned photo and its thumbnail.
    /// </summary>
    /// <exception cref="PhotoRejectedException">Photo.TooLarge, Photo.Empty, Photo.UnsupportedType, Photo.TooManyPixels or Photo.Unreadable.</exception>
    public async Task<ProcessedPhoto> ProcessAsync(Stream upload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upload);
        Directory.CreateDirectory(_tempDirectory);
        var stem = Path.Combine(_tempDirectory, Guid.NewGuid().ToString("N"));
        var uploadPath = stem + ".upload";
        var photoPath = stem + ".photo.jpg";
        var thumbPath = stem + ".thumb.jpg";
        try
        {
            await SpoolAsync(upload, uploadPath, ct).ConfigureAwait(false);
            var format = SniffFile(uploadPath) ?? throw new PhotoRejectedException(PhotoErrorCodes.UnsupportedType, AcceptedFormatsDisplay);

            await _decodeGate.WaitAsync(ct).ConfigureAwait(false);
            (int Width, int Height) size;
            try
            {
                // CPU-bound and synchronous: off the caller's context (a Blazor circuit would freeze).
                size = await Task.Run(() => Transform(uploadPath, format, photoPath, thumbPath, ct), ct).ConfigureAwait(false);
            }
            finally
            {
                _decodeGate.Release();
            }

            var now = _clock.GetUtcNow();
            // Version 7: ids (and so file names) sort by upload time.
            var id = Guid.CreateVersion7(now);
            // UtcDateTime: the folder must not depend on the offset the clock reports in; invariant
            // culture: under e.g. th-TH "yyyy" would be the Buddhist-era year.
            var utc = now.UtcDateTime;
            var folder = string.Create(CultureInfo.InvariantCulture, $"{utc:yyyy}/{utc:MM}");
            var key = $"{folder}/{id:N}.jpg";
            var thumbKey = $"{folder}/{id:N}-thumb.jpg";

            await StoreAsync(key, photoPath, ct).ConfigureAwait(false);
            try
            {
                await StoreAsync(thumbKey, thumbPath, ct).ConfigureAwait(false);
            }
            catch
            {
                // No photo without its thumbnail: lists would show a broken image.
                await TryDeleteStoredAsync(key).ConfigureAwait(false);
                throw;
            }

            return new ProcessedPhoto(id, key, thumbKey, "image/jpeg", new FileInfo(photoPath).Length, size.Width, size.Height);
        }
        finally
        {
            TryDeleteFile(uploadPath);
            TryDeleteFile(photoPath);
            TryDeleteFile(thumbPath);
        }
    }

    /// <summary>Copies the upload to disk in chunks, stopping as soon as it is over the limit.</summary>
    private async Task SpoolAsync(Stream upload, string path, CancellationToken ct)
    {
        var limit = _options.MaxBytesPerPhoto;
        var fileOptions = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
            BufferSize = 0, // we already write in large chunks
        };
        if (!OperatingSystem.IsWindows())
        {
            // Residents' photos (with GPS still in them) must not be readable by other local users.
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var buffer = new byte[CopyBufferSize];
        long total = 0;
        await using var file = new FileStream(path, fileOptions);
        while (true)
        {
            // Ask for at most one byte past the limit: enough to know it is too large, no more.
            var want = (int)Math.Min(buffer.Length, limit - total + 1);
            var read = await upload.ReadAsync(buffer.AsMemory(0, want), ct).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
            if (total > limit)
            {
                throw new PhotoRejectedException(PhotoErrorCodes.TooLarge, PhotoRejectedException.ToMegabytes(limit));
            }

            await file.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
        }

        if (total == 0)
        {
            throw new PhotoRejectedException(PhotoErrorCodes.Empty);
        }
    }

    private static PhotoFormat? SniffFile(string path)
    {
        Span<byte> header = stackalloc byte[PhotoFormatSniffer.HeaderLength];
        using var handle = File.OpenHandle(path);
        var filled = 0;
        while (filled < header.Length)
        {
            var read = RandomAccess.Read(handle, header[filled..], filled);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return PhotoFormatSniffer.Detect(header[..filled]);
    }

    /// <summary>Decodes, cleans and writes the photo and thumbnail JPEGs; returns the photo's size.</summary>
    private (int Width, int Height) Transform(string uploadPath, PhotoFormat format, string photoPath, string thumbPath, CancellationToken ct)
    {
        // Ping reads only the header: refuse a tiny file that claims a huge bitmap before decoding it.
        MagickImageInfo info;
        try
        {
            info = new MagickImageInfo(uploadPath, ReadSettings(format));
        }
        catch (MagickException e)
        {
            throw new PhotoRejectedException(PhotoErrorCodes.Unreadable, e);
        }

        if (info.Width == 0 || info.Height == 0)
        {
            throw new PhotoRejectedException(PhotoErrorCodes.Unreadable);
        }

        if ((long)info.Width * info.Height > MaxPixels)
        {
            throw new PhotoRejectedException(PhotoErrorCodes.TooManyPixels, MaxPixels / 1_000_000d);
        }

        ct.ThrowIfCancellationRequested();
        MagickImage image;
        try
        {
            image = new MagickImage(uploadPath, ReadSettings(format));
        }
        catch (MagickException e)
        {
            throw new PhotoRejectedException(PhotoErrorCodes.Unreadable, e);
        }

        using (image)
        {
            // Turn upright by the EXIF orientation first: Strip() removes the tag that says how.
            image.AutoOrient();

            // Strip() also drops the ICC profile; convert to sRGB first so wide-gamut (Display P3)
            // phone photos keep their colours in browsers, which assume sRGB for untagged images.
            if (image.GetColorProfile() is not null)
            {
                image.TransformColorSpace(ColorProfiles.SRGB);
            }
            else if (image.ColorSpace == ColorSpace.CMYK)
            {
                image.TransformColorSpace(ColorProfiles.USWebCoatedSWOP, ColorProfiles.SRGB);
            }

            // EXIF (with GPS), XMP, IPTC, 8BIM, ICC and comments.
            image.Strip();

            // JPEG has no alpha: lay transparent areas on white, not on whatever colour they hide.
            if (image.HasAlpha)
            {
                image.BackgroundColor = MagickColors.White;
                image.Alpha(AlphaOption.Remove);
            }

            var max = (uint)_options.MaxDimension;
            image.Resize(new MagickGeometry(max, max) { Greater = true }); // Greater: shrink only
            WriteJpeg(image, photoPath);
            var size = ((int)image.Width, (int)image.Height);

            ct.ThrowIfCancellationRequested();
            using var thumb = image.Clone();
            var edge = (uint)_options.ThumbnailSize;
            thumb.Thumbnail(new MagickGeometry(edge, edge) { Greater = true }); // from the stripped image
            WriteJpeg(thumb, thumbPath);
            return size;
        }
    }

    // No "jpeg:size" decode-scaling hint: in this ImageMagick it rounds to the nearest 1/8 step
    // and so can come out below MaxDimension, or even enlarge small photos.
    private static MagickReadSettings ReadSettings(PhotoFormat format) =>
        new()
        {
            // Forced format: ImageMagick would otherwise pick a decoder from the content or the
            // name, so a file sniffed as JPEG could still reach e.g. the SVG or PostScript coder.
            Format = format switch
            {
                PhotoFormat.Jpeg => MagickFormat.Jpeg,
                PhotoFormat.Png => MagickFormat.Png,
                PhotoFormat.Webp => MagickFormat.WebP,
                PhotoFormat.Heic => MagickFormat.Heic,
                _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
            },
            // First frame only: an animated WebP or a HEIC burst must not decode every frame.
            FrameIndex = 0,
            FrameCount = 1,
        };

    private void WriteJpeg(IMagickImage<byte> image, string path)
    {
        image.Quality = (uint)_options.JpegQuality;
        image.Write(path, MagickFormat.Jpeg);
    }

    private async Task StoreAsync(string key, string path, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await _storage.WriteAsync(key, file, ct).ConfigureAwait(false);
    }

    private async Task TryDeleteStoredAsync(string key)
    {
        try
        {
            await _storage.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Best effort; the original failure is the one worth reporting.
        }
    }

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
