namespace Portal.Infrastructure.Integrations;

/// <summary>
/// One Idempotency-Key an integration sent with a POST: reserved before the request is registered
/// (a unique index on key and API key lets exactly one caller through), then completed with the
/// answer, which a retry gets back instead of a second request. Kept for <see cref="IdempotencyStore.KeepFor"/>.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int MaxKeyLength = 100;
    public const int MaxResponseLength = 4000;

    internal IdempotencyRecord(int apiKeyId, string key, byte[] fingerprint, DateTimeOffset createdAt)
    {
        ApiKeyId = apiKeyId;
        Key = key;
        Fingerprint = fingerprint;
        CreatedAt = createdAt;
    }

    // For EF Core.
    private IdempotencyRecord()
    {
        Key = null!;
        Fingerprint = null!;
    }

    public long Id { get; private set; }

    public int ApiKeyId { get; private set; }

    public string Key { get; private set; }

    /// <summary>SHA-256 of the raw request body: the same key with another body is a client bug.</summary>
    public byte[] Fingerprint { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Null while the first call is still being handled.</summary>
    public int? StatusCode { get; private set; }

    public string? ResponseBody { get; private set; }

    public string? Location { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    internal void Complete(int statusCode, string responseBody, string? location, DateTimeOffset at)
    {
        StatusCode = statusCode;
        ResponseBody = responseBody;
        Location = location;
        CompletedAt = at;
    }
}
