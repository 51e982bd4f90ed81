using System.Globalization;

namespace Portal.Infrastructure.Photos;

/// <summary>
/// The error codes a rejected photo carries. The UI localizes them ("Error.{Code}") and formats
/// the args into the text, so the args are values (numbers, the format list), never prose.
/// </summary>
public static class PhotoErrorCodes
{
    /// <summary>Args: the per-photo limit in MB (double, e.g. 10).</summary>
    public const string TooLarge = "Photo.TooLarge";

    /// <summary>Args: the accepted formats as one display string, e.g. "JPEG, PNG, WebP, HEIC".</summary>
    public const string UnsupportedType = "Photo.UnsupportedType";

    /// <summary>No args. The content claims an accepted format but does not decode.</summary>
    public const string Unreadable = "Photo.Unreadable";

    /// <summary>No args.</summary>
    public const string Empty = "Photo.Empty";

    /// <summary>Args: the limit in megapixels (double, e.g. 50).</summary>
    public const string TooManyPixels = "Photo.TooManyPixels";

    /// <summary>Args: the maximum number of photos per request (int).</summary>
    public const string TooMany = "Photo.TooMany";

    /// <summary>Args: the per-request limit in MB (double, e.g. 30).</summary>
    public const string RequestTooLarge = "Photo.RequestTooLarge";
}

/// <summary>A photo refused for a reason the resident can act on; carries a code and args for the UI.</summary>
public sealed class PhotoRejectedException : Exception
{
    public PhotoRejectedException(string code, params object[] args)
        : base(Describe(code, args))
    {
        Code = code;
        Args = args;
    }

    public PhotoRejectedException(string code, Exception innerException, params object[] args)
        : base(Describe(code, args), innerException)
    {
        Code = code;
        Args = args;
    }

    public string Code { get; }

    public object[] Args { get; }

    /// <summary>Bytes as MB for display args: binary MB, one decimal at most (10 MiB → 10).</summary>
    internal static double ToMegabytes(long bytes) => Math.Round(bytes / (1024d * 1024d), 1);

    // Only for logs; users see the localized text.
    private static string Describe(string code, object[] args) =>
        args.Length == 0
            ? code
            : $"{code} ({string.Join(", ", args.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture)))})";
}
