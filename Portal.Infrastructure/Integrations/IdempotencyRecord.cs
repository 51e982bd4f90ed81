namespace Portal.Infrastructure.Integrations;

/// <summary>
/// One Idempotency-Key an integration sent with a POST, saved with the request it created and the
/// answer a retry gets back instead of a second request (a unique index on key and API key lets
/// exactly one caller through). Kept for <see cref="IdempotencyStore.KeepFor"/>.
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

    /// <summary>Always set now; null only on a key the earlier two-step store left behind (treated as free).</summary>
    public int? StatusCode { get; private set; }

    public string? ResponseBody { get; private set; }

    public string? Location { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>A record known by id only, to delete it without reading it.</summary>
    internal static IdempotencyRecord Stub(long id) => new() { Id = id };

    internal void Complete(int statusCode, string responseBody, string? location, DateTimeOffset at)
    {
        StatusCode = statusCode;
        ResponseBody = responseBody;
        Location = location;
        CompletedAt = at;
    }
}
