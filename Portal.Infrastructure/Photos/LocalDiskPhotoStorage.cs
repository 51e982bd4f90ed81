using Microsoft.Extensions.Options;

namespace Portal.Infrastructure.Photos;

/// <summary>
/// Photos as plain files under <see cref="PhotoOptions.RootPath"/>. Good for a single server;
/// several web nodes need a shared volume or another <see cref="IPhotoStorage"/>.
/// </summary>
public sealed class LocalDiskPhotoStorage : IPhotoStorage
{
    private const int BufferSize = 81920;
    private const int MaxKeyLength = 260;

    private readonly string _root;

    /// <param name="contentRootPath">Base for a relative RootPath; empty means the current directory.</param>
    public LocalDiskPhotoStorage(IOptions<PhotoOptions> options, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rootPath = options.Value.RootPath;
        if (string.IsNullOrWhiteSpace(rootPath))
        {
            throw new ArgumentException($"{PhotoOptions.SectionName}:RootPath is empty.", nameof(options));
        }

        var basePath = string.IsNullOrWhiteSpace(contentRootPath) ? Directory.GetCurrentDirectory() : contentRootPath;
        // Path.Combine keeps an absolute RootPath as it is.
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(basePath, rootPath)));
    }

    /// <summary>The absolute directory the files are kept in.</summary>
    public string RootDirectory => _root;

    public async Task WriteAsync(string key, Stream content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = ResolvePath(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Write beside the target, then rename: readers see either the old file or the whole
        // new one, never a half-written photo. Same directory, so the rename is atomic.
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, BufferSize, ct);
                // Flush to disk before the rename so a crash cannot leave a renamed but empty file.
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        var path = ResolvePath(key);
        ct.ThrowIfCancellationRequested();
        try
        {
            // FileShare.Delete: a photo being downloaded can still be discarded.
            Stream stream = new FileStream(
                path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Opening and catching, rather than File.Exists first, leaves no gap for a concurrent delete.
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var path = ResolvePath(key);
        ct.ThrowIfCancellationRequested();
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone, directory and all.
        }

        return Task.CompletedTask;
    }

    public Task<bool> ExistsAsync(string key, CancellationToken ct)
    {
        var path = ResolvePath(key);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(File.Exists(path));
    }

    /// <summary>
    /// Keys come from our own code, but they end up in file paths, so anything that could step
    /// outside the root or mean different things on different OSes is refused outright.
    /// </summary>
    internal string ResolvePath(string key)
    {
        ValidateKey(key);
        var full = Path.GetFullPath(Path.Combine(_root, key));
        // Belt and braces: the rules above already keep the path under the root.
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Photo key '{key}' resolves outside the storage root.", nameof(key));
        }

        return full;
    }

    internal static void ValidateKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0 || key.Length > MaxKeyLength)
        {
            throw new ArgumentException("Photo key is empty or too long.", nameof(key));
        }

        if (key.Contains('\\'))
        {
            throw new ArgumentException($"Photo key '{key}' contains a backslash.", nameof(key));
        }

        if (key.StartsWith('/') || Path.IsPathRooted(key))
        {
            throw new ArgumentException($"Photo key '{key}' is absolute.", nameof(key));
        }

        if (key.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Photo key '{key}' contains '..'.", nameof(key));
        }

        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('/' or '.' or '_' or '-'))
            {
                throw new ArgumentException($"Photo key '{key}' contains a character outside [a-zA-Z0-9/._-].", nameof(key));
            }
        }

        // Empty or "." segments ("a//b", "a/./b", "a/") would give one file several keys.
        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                throw new ArgumentException($"Photo key '{key}' has an empty or '.' segment.", nameof(key));
            }
        }
    }

    private static void TryDelete(string path)
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
