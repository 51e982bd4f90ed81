using Microsoft.Extensions.Options;
using Portal.Infrastructure.Photos;

namespace Portal.Tests.Infrastructure.Photos;

public sealed class LocalDiskPhotoStorageTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "portal-photo-storage-tests-" + Guid.NewGuid().ToString("N"));
    private readonly LocalDiskPhotoStorage _storage;

    public LocalDiskPhotoStorageTests() =>
        _storage = new LocalDiskPhotoStorage(Options.Create(new PhotoOptions { RootPath = "photos" }), _dir);

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task Round_trip_write_exists_read_delete()
    {
        const string key = "2026/11/3f2a0000000000000000000000000001.jpg";
        byte[] content = [1, 2, 3, 4, 5];

        Assert.False(await _storage.ExistsAsync(key, CancellationToken.None));
        await _storage.WriteAsync(key, new MemoryStream(content), CancellationToken.None);

        Assert.True(await _storage.ExistsAsync(key, CancellationToken.None));
        Assert.True(File.Exists(Path.Combine(_dir, "photos", "2026", "11", "3f2a0000000000000000000000000001.jpg")));
        Assert.Equal(content, await ReadAllAsync(key));

        await _storage.DeleteAsync(key, CancellationToken.None);
        Assert.False(await _storage.ExistsAsync(key, CancellationToken.None));
        Assert.Null(await _storage.OpenReadAsync(key, CancellationToken.None));
        AssertNoTempFiles();
    }

    [Fact]
    public async Task Write_replaces_an_existing_file()
    {
        await _storage.WriteAsync("a/b.jpg", new MemoryStream([1, 1, 1, 1]), CancellationToken.None);
        await _storage.WriteAsync("a/b.jpg", new MemoryStream([2]), CancellationToken.None);

        Assert.Equal([2], await ReadAllAsync("a/b.jpg"));
        AssertNoTempFiles();
    }

    [Fact]
    public async Task Streams_large_content_from_a_non_seekable_source()
    {
        const long length = 5 * 1024 * 1024 + 17;
        await _storage.WriteAsync("big.jpg", new LazyCountingStream(length), CancellationToken.None);

        await using var read = await _storage.OpenReadAsync("big.jpg", CancellationToken.None);
        Assert.NotNull(read);
        var stream = Assert.IsType<FileStream>(read);
        Assert.True(stream.IsAsync);
        Assert.Equal(length, stream.Length);
    }

    [Fact]
    public async Task Missing_file_reads_as_null_and_deletes_quietly()
    {
        Assert.Null(await _storage.OpenReadAsync("2030/01/nothing.jpg", CancellationToken.None));
        await _storage.DeleteAsync("2030/01/nothing.jpg", CancellationToken.None);
        await _storage.DeleteAsync("nothing.jpg", CancellationToken.None);
    }

    [Fact]
    public async Task Failed_write_leaves_neither_file_nor_temp_file()
    {
        await Assert.ThrowsAsync<IOException>(() =>
            _storage.WriteAsync("2026/11/broken.jpg", new FailingStream(afterBytes: 100_000), CancellationToken.None));

        Assert.False(await _storage.ExistsAsync("2026/11/broken.jpg", CancellationToken.None));
        AssertNoTempFiles();
    }

    [Fact]
    public async Task Failed_overwrite_keeps_the_old_file()
    {
        await _storage.WriteAsync("keep.jpg", new MemoryStream([7, 7, 7]), CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(() =>
            _storage.WriteAsync("keep.jpg", new FailingStream(afterBytes: 10), CancellationToken.None));

        Assert.Equal([7, 7, 7], await ReadAllAsync("keep.jpg"));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\b")]
    [InlineData("..")]
    [InlineData("a/../../b")]
    [InlineData("a/..")]
    [InlineData("")]
    [InlineData("a//b.jpg")]
    [InlineData("a/./b.jpg")]
    [InlineData("a/")]
    [InlineData("C:/Windows/x.jpg")]
    [InlineData("a b.jpg")]
    [InlineData("a%2F..%2Fb")]
    [InlineData("caf\u00e9.jpg")]
    [InlineData("a\0.jpg")]
    [InlineData("~/x.jpg")]
    public async Task Refuses_keys_that_could_leave_the_root_or_are_not_canonical(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _storage.WriteAsync(key, new MemoryStream([1]), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _storage.OpenReadAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _storage.DeleteAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _storage.ExistsAsync(key, CancellationToken.None));
        Assert.False(Directory.Exists(_dir) && Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories).Any());
    }

    [Theory]
    [InlineData("x.jpg")]
    [InlineData("2026/11/0195f3e8a1b27c3d9e4f5a6b7c8d9e0f-thumb.jpg")]
    [InlineData("A_b-C.d/e.JPG")]
    public async Task Accepts_ordinary_keys(string key)
    {
        await _storage.WriteAsync(key, new MemoryStream([9]), CancellationToken.None);
        Assert.True(await _storage.ExistsAsync(key, CancellationToken.None));
    }

    [Fact]
    public void Relative_root_is_under_the_content_root_and_absolute_root_is_kept()
    {
        Assert.Equal(Path.Combine(_dir, "photos"), _storage.RootDirectory);

        var absolute = Path.Combine(_dir, "elsewhere");
        var other = new LocalDiskPhotoStorage(Options.Create(new PhotoOptions { RootPath = absolute }), "/ignored/content/root");
        Assert.Equal(absolute, other.RootDirectory);

        var defaults = new LocalDiskPhotoStorage(Options.Create(new PhotoOptions()), "");
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "App_Data", "photos"), defaults.RootDirectory);
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
        Assert.Empty(Directory.Exists(_dir) ? Directory.EnumerateFiles(_dir, "*.tmp", SearchOption.AllDirectories) : []);

    /// <summary>An upload that breaks off part-way, like a dropped phone connection.</summary>
    private sealed class FailingStream(long afterBytes) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= afterBytes)
            {
                throw new IOException("connection reset");
            }

            var n = (int)Math.Min(count, afterBytes - _position);
            Array.Fill(buffer, (byte)0xAB, offset, n);
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
