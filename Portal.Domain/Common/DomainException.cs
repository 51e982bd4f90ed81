using System.Globalization;

namespace Portal.Domain.Common;

/// <summary>
/// A business rule refused the operation (业务规则异常).
/// <see cref="Code"/> is a stable key such as <c>Request.IllegalTransition</c> that the UI localizes;
/// <see cref="Exception.Message"/> is English and meant for logs only.
/// </summary>
public class DomainException : Exception
{
    public DomainException(string code, params object[] args)
        : base(FormatMessage(code, args))
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Code = code;
        // Copied so that the caller cannot change what was reported after the fact.
        Args = args is null ? [] : [.. args];
    }

    /// <summary>Stable key the UI translates, e.g. <c>Request.StaffOnly</c>.</summary>
    public string Code { get; }

    /// <summary>Values the localized message may place into its template.</summary>
    public IReadOnlyList<object> Args { get; }

    private static string FormatMessage(string code, object[]? args) =>
        args is null || args.Length == 0
            ? code
            : $"{code} ({string.Join(", ", args.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture)))})";
}
