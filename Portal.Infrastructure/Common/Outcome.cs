namespace Portal.Infrastructure.Common;

/// <summary>
/// What a use case answers: success, or an error code the UI localizes ("Error.{Code}").
/// Rule violations come back as values rather than exceptions so pages can show them inline.
/// </summary>
public record Outcome(string? ErrorCode, IReadOnlyList<object> Args)
{
    public bool Succeeded => ErrorCode is null;

    public static Outcome Success { get; } = new(null, []);

    public static Outcome Fail(string code, params object[] args) => new(code, args);

    /// <summary>Not found and not yours are the same answer, so ids cannot be probed.</summary>
    public static Outcome NotFound { get; } = new("NotFound", []);
}

public sealed record Outcome<T>(T? Value, string? ErrorCode, IReadOnlyList<object> Args) : Outcome(ErrorCode, Args)
{
    public static Outcome<T> Ok(T value) => new(value, null, []);

    public static new Outcome<T> Fail(string code, params object[] args) => new(default, code, args);

    public static new Outcome<T> NotFound { get; } = new(default, "NotFound", []);
}

/// <summary>One invalid field: its name in the form, the message key and its arguments.</summary>
public sealed record FieldError(string Field, string Code, params object[] Args);
