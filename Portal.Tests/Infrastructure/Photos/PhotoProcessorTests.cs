using System.Text;
using ImageMagick;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Infrastructure.Photos;

namespace Portal.Tests.Infrastructure.Photos;

public sealed class PhotoProcessorTests : IDisposable
{
    private const long MiB = 1024 * 1024;

    // 30 Nov 2026 22:00 at UTC-5 is already December in UTC: keys must use the UTC month.
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 22, 0, 0, TimeSpan.FromHours(-5));

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "portal-photo-processor-tests-" + Guid.NewGuid().ToString("N"));
    private readonly string _spool;
    private readonly LocalDiskPhotoStorage _storage;

    public PhotoProcessorTests()
    {
        _spool = Path.Combine(_dir, "spool");
        _storage = new LocalDiskPhotoStorage(Options.Create(new PhotoOptions()), Path.Combine(_dir, "content"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task Strips_exif_gps_xmp_iptc_and_comment_and_applies_orientation()
    {
        var input = PhotoTestImages.JpegWithGpsAndRightTopOrientation();
        // The input really does carry what we expect to disappear.
        using (var original = new MagickImage(input))
        {
            Assert.NotNull(original.GetExifProfile()?.GetValue(ExifTag.GPSLatitude));
            Assert.Equal(OrientationType.RightTop, original.Orientation);
            Assert.NotNull(original.GetXmpProfile());
            Assert.Equal((100u, 50u), (original.Width, original.Height));
        }

        var photo = await Processor().ProcessAsync(new MemoryStream(input), CancellationToken.None);

        Assert.Equal((50, 100), (photo.Width, photo.Height));
        using var stored = await LoadAsync(photo.StorageKey);
        Assert.Null(stored.GetExifProfile());
        Assert.Null(stored.GetXmpProfile());
        Assert.Null(stored.GetIptcProfile());
        Assert.Null(stored.GetAttribute("comment"));
        Assert.Null(stored.GetAttribute("exif:GPSLatitude"));
        Assert.Equal((50u, 100u), (stored.Width, stored.Height));
        Assert.NotEqual(OrientationType.RightTop, stored.Orientation);

        // Rotated 90° clockwise: the red left half is now the top half.
        var top = stored.GetPixels().GetPixel(25, 20).ToColor()!;
        var bottom = stored.GetPixels().GetPixel(25, 80).ToColor()!;
        Assert.True(top.R > 200 && top.B < 60, $"top should be red, was {top}");
        Assert.True(bottom.B > 200 && bottom.R < 60, $"bottom should be blue, was {bottom}");

        var bytes = await ReadAllAsync(photo.StorageKey);
        Assert.DoesNotContain("Exif\0\0", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        Assert.DoesNotContain("ns.adobe.com", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        Assert.DoesNotContain("Hauptstrasse", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);

        using var thumb = await LoadAsync(photo.ThumbnailKey);
        Assert.Null(thumb.GetExifProfile());
        Assert.Null(thumb.GetXmpProfile());
        Assert.Equal((50u, 100u), (thumb.Width, thumb.Height)); // small already: not enlarged
        AssertNoTempFiles();
    }

    [Fact]
    public async Task Keys_use_the_utc_year_and_month_and_the_id()
    {
        var photo = await Processor().ProcessAsync(new MemoryStream(PhotoTestImages.Jpeg(40, 30)), CancellationToken.None);

        Assert.Equal((40, 30), (photo.Width, photo.Height)); // never enlarged
        Assert.Equal($"2026/12/{photo.Id:N}.jpg", photo.StorageKey);
        Assert.Equal($"2026/12/{photo.Id:N}-thumb.jpg", photo.ThumbnailKey);
        Assert.Equal("image/jpeg", photo.ContentType);
        Assert.Equal(7, photo.Id.Version);
        Assert.True(await _storage.ExistsAsync(photo.StorageKey, CancellationToken.None));
        Assert.True(await _storage.ExistsAsync(photo.ThumbnailKey, CancellationToken.None));
        Assert.Equal(photo.Length, (await ReadAllAsync(photo.StorageKey)).Length);
    }

    [Fact]
    public async Task Large_photo_is_scaled_to_max_dimension_and_thumbnail_fits()
    {
        var photo = await Processor().ProcessAsync(new MemoryStream(PhotoTestImages.Jpeg(3000, 1500)), CancellationToken.None);

        Assert.Equal((2560, 1280), (photo.Width, photo.Height));
        using var stored = await LoadAsync(photo.StorageKey);
        Assert.Equal((2560u, 1280u), (stored.Width, stored.Height));
        using var thumb = await LoadAsync(photo.ThumbnailKey);
        Assert.Equal((320u, 160u), (thumb.Width, thumb.Height));
        AssertNoTempFiles();
    }

    [Fact]
    public async Task Portrait_thumbnail_fits_in_the_square()
    {
        var photo = await Processor().ProcessAsync(new MemoryStream(PhotoTestImages.Webp(600, 1200)), CancellationToken.None);

        using var thumb = await LoadAsync(photo.ThumbnailKey);
        Assert.Equal((160u, 320u), (thumb.Width, thumb.Height));
    }

    [Fact]
    public async Task Png_with_transparency_becomes_jpeg_on_white()
    {
        var photo = await Processor().ProcessAsync(new MemoryStream(PhotoTestImages.TransparentPng(200, 100)), CancellationToken.None);

        var bytes = await ReadAllAsync(photo.StorageKey);
        Assert.Equal(PhotoFormat.Jpeg, PhotoFormatSniffer.Detect(bytes));
        using var stored = new MagickImage(bytes);
        Assert.Equal((200u, 100u), (stored.Width, stored.Height));
        var corner = stored.GetPixels().GetPixel(2, 2).ToColor()!;
        Assert.True(corner.R > 240 && corner.G > 240 && corner.B > 240, $"corner should be white, was {corner}");
        var middle = stored.GetPixels().GetPixel(100, 50).ToColor()!;
        Assert.True(middle.R > 200 && middle.G < 60, $"middle should be red, was {middle}");
    }

    [Fact]
    public async Task Webp_is_accepted_and_stored_as_jpeg()
    {
        var photo = await Processor().ProcessAsync(new MemoryStream(PhotoTestImages.Webp(300, 200)), CancellationToken.None);

        Assert.Equal((300, 200), (photo.Width, photo.Height));
        Assert.Equal(PhotoFormat.Jpeg, PhotoFormatSniffer.Detect(await ReadAllAsync(photo.StorageKey)));
        AssertNoTempFiles();
    }

    [Fact]
    public async Task Heic_is_decoded_and_its_gps_removed()
    {
        var input = PhotoTestImages.HeicWithGps();
        using (var original = new MagickImage(input, MagickFormat.Heic))
        {
            Assert.NotNull(original.GetExifProfile()?.GetValue(ExifTag.GPSLatitude));
        }

        var photo = await Processor().ProcessAsync(new MemoryStream(input), CancellationToken.None);

        Assert.Equal((96, 64), (photo.Width, photo.Height));
        var bytes = await ReadAllAsync(photo.StorageKey);
        Assert.Equal(PhotoFormat.Jpeg, PhotoFormatSniffer.Detect(bytes));
        using var stored = new MagickImage(bytes);
        Assert.Null(stored.GetExifProfile());
    }

    [Fact]
    public async Task Icc_profile_is_converted_to_srgb_and_removed()
    {
        var photo = await Processor().ProcessAsync(new MemoryStream(PhotoTestImages.JpegWithAdobeRgbProfile()), CancellationToken.None);

        using var stored = await LoadAsync(photo.StorageKey);
        Assert.Null(stored.GetColorProfile());
    }

    [Fact]
    public async Task Type_comes_from_content_not_from_the_file_name()
    {
        var pngNamedJpg = Path.Combine(_dir, "IMG_0001.jpg");
        var textNamedJpg = Path.Combine(_dir, "notes.jpg");
        Directory.CreateDirectory(_dir);
        await File.WriteAllBytesAsync(pngNamedJpg, PhotoTestImages.TransparentPng(40, 40));
        await File.WriteAllTextAsync(textNamedJpg, "Kitchen tap drips since Monday.\nPlease come after 5pm.");

        await using (var png = File.OpenRead(pngNamedJpg))
        {
            var photo = await Processor().ProcessAsync(png, CancellationToken.None);
            Assert.Equal((40, 40), (photo.Width, photo.Height));
        }

        await using var text = File.OpenRead(textNamedJpg);
        var ex = await Assert.ThrowsAsync<PhotoRejectedException>(() => Processor().ProcessAsync(text, CancellationToken.None));
        Assert.Equal("Photo.UnsupportedType", ex.Code);
        Assert.Equal(["JPEG, PNG, WebP, HEIC"], ex.Args);
        AssertNoTempFiles();
    }

    [Theory]
    [InlineData("GIF89a\x01\0\x01\0")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"file:///etc/passwd\"/></svg>")]
    [InlineData("%!PS-Adobe-3.0")]
    public async Task Other_formats_are_unsupported(string content)
    {
        var ex = await Assert.ThrowsAsync<PhotoRejectedException>(() =>
            Processor().ProcessAsync(new MemoryStream(Encoding.Latin1.GetBytes(content)), CancellationToken.None));
        Assert.Equal("Photo.UnsupportedType", ex.Code);
    }

    [Fact]
    public async Task Over_the_limit_is_refused_with_the_limit_and_reading_stops_early()
    {
        var options = new PhotoOptions(); // 10 MiB default
        var upload = new LazyCountingStream(100 * 1000 * 1000);

        var ex = await Assert.ThrowsAsync<PhotoRejectedException>(() => Processor(options).ProcessAsync(upload, CancellationToken.None));

        Assert.Equal("Photo.TooLarge", ex.Code);
        Assert.Equal([10d], ex.Args);
        // Read at most one chunk past the limit (in fact one byte), nowhere near the 100 MB on offer.
        Assert.InRange(upload.BytesRead, options.MaxBytesPerPhoto + 1, options.MaxBytesPerPhoto + 81920);
        AssertNoTempFiles();
        AssertStorageEmpty();
    }

    [Fact]
    public async Task Exactly_at_the_limit_is_accepted_one_byte_less_is_not()
    {
        var jpeg = PhotoTestImages.Jpeg(64, 64);

        await Processor(new PhotoOptions { MaxBytesPerPhoto = jpeg.Length }).ProcessAsync(new MemoryStream(jpeg), CancellationToken.None);
        var ex = await Assert.ThrowsAsync<PhotoRejectedException>(() =>
            Processor(new PhotoOptions { MaxBytesPerPhoto = jpeg.Length - 1 }).ProcessAsync(new MemoryStream(jpeg), CancellationToken.None));

        Assert.Equal("Photo.TooLarge", ex.Code);
        AssertNoTempFiles();
    }

    [Fact]
    public async Task Limit_arg_is_in_megabytes()
    {
        var ex = await Assert.ThrowsAsync<PhotoRejectedException>(() =>
            Processor(new PhotoOptions { MaxBytesPerPhoto = 3 * MiB / 2 }).ProcessAsync(new LazyCountingStream(2 * MiB), CancellationToken.None));

        Assert.Equal([1.5d], ex.Args);
    }

    [Fact]
    public async Task Empty_upload_is_refused()
    {
        var ex = await Assert.ThrowsAsync<PhotoRejectedException>(() => Processor().ProcessAsync(new MemoryStream(), CancellationToken.None));

        Assert.Equal("Photo.Empty", ex.Code);
        Assert.Empty(ex.Args);
        AssertNoTempFiles();
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 })] // JPEG header only
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })] // PNG signature only
    public async Task Truncated_header_plus_garbage_is_unreadable(byte[] header)
    {
        var garbage = new byte[4096];
        new Random(42).NextBytes(garbage);

        var ex = await Assert.ThrowsAsync<PhotoRejectedException>(() =>
            Processor().ProcessAsync(new MemoryStream([.. header, .. garbage]), CancellationToken.None));

        Assert.Equal("Photo.Unreadable", ex.Code);
        Assert.IsAssignableFrom<MagickException>(ex.InnerException);
        AssertNoTempFiles();
        AssertStorageEmpty();
    }

    [Fact]
    public async Task Jpeg_signature_in_front_of_svg_is_unreadable_not_rendered()
    {
        // Sniffed as JPEG, so only the JPEG decoder ever sees it; the SVG is just bad JPEG data.
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>"u8.ToArray();
        var ex = await Assert.ThrowsAsync<PhotoRejectedException>(() =>
            Processor().ProcessAsync(new MemoryStream([0xFF, 0xD8, 0xFF, 0xE0, .. svg]), CancellationToken.None));

        Assert.Equal("Photo.Unreadable", ex.Code);
    }

    [Fact]
    public async Task Decompression_bomb_is_refused_before_decoding()
    {
        var bomb = PhotoTestImages.PngClaiming(10_000, 10_000); // ~100 bytes claiming 100 megapixels
        Assert.True(bomb.Length < 1024);

        var ex = await Assert.ThrowsAsync<PhotoRejectedException>(() =>
            Processor().ProcessAsync(new MemoryStream(bomb), CancellationToken.None));

        Assert.Equal("Photo.TooManyPixels", ex.Code);
        Assert.Equal([50d], ex.Args);
        AssertNoTempFiles();
    }

    [Fact]
    public async Task Cancellation_leaves_no_temp_files()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Processor().ProcessAsync(new MemoryStream(PhotoTestImages.Jpeg(64, 64)), cts.Token));

        AssertNoTempFiles();
        AssertStorageEmpty();
    }

    [Fact]
    public async Task Photo_is_removed_again_when_its_thumbnail_cannot_be_stored()
    {
        var failing = new ThumbnailFailingStorage(_storage);
        var processor = new PhotoProcessor(failing, Options.Create(new PhotoOptions()), new FakeTimeProvider(Now), _spool);

        await Assert.ThrowsAsync<IOException>(() => processor.ProcessAsync(new MemoryStream(PhotoTestImages.Jpeg(64, 64)), CancellationToken.None));

        Assert.NotNull(failing.WrittenPhotoKey);
        Assert.False(await _storage.ExistsAsync(failing.WrittenPhotoKey, CancellationToken.None));
        AssertNoTempFiles();
    }

    private PhotoProcessor Processor(PhotoOptions? options = null) =>
        new(_storage, Options.Create(options ?? new PhotoOptions()), new FakeTimeProvider(Now), _spool);

    private async Task<MagickImage> LoadAsync(string key)
    {
        await using var stream = await _storage.OpenReadAsync(key, CancellationToken.None);
        Assert.NotNull(stream);
        return new MagickImage(stream, MagickFormat.Jpeg);
    }

    private async Task<byte[]> ReadAllAsync(string key)
    {
        await using var stream = await _storage.OpenReadAsync(key, CancellationToken.None);
        Assert.NotNull(stream);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private void AssertNoTempFiles() =>
        Assert.Empty(Directory.Exists(_spool) ? Directory.EnumerateFileSystemEntries(_spool) : []);

    private void AssertStorageEmpty() =>
        Assert.Empty(Directory.Exists(_storage.RootDirectory)
            ? Directory.EnumerateFiles(_storage.RootDirectory, "*", SearchOption.AllDirectories)
            : []);

    private sealed class ThumbnailFailingStorage(IPhotoStorage inner) : IPhotoStorage
    {
        public string? WrittenPhotoKey { get; private set; }

        public async Task WriteAsync(string key, Stream content, CancellationToken ct)
        {
            if (key.EndsWith("-thumb.jpg", StringComparison.Ordinal))
            {
                throw new IOException("disk full");
            }

            await inner.WriteAsync(key, content, ct);
            WrittenPhotoKey = key;
        }

        public Task<Stream?> OpenReadAsync(string key, CancellationToken ct) => inner.OpenReadAsync(key, ct);
        public Task DeleteAsync(string key, CancellationToken ct) => inner.DeleteAsync(key, ct);
        public Task<bool> ExistsAsync(string key, CancellationToken ct) => inner.ExistsAsync(key, ct);
    }
}
