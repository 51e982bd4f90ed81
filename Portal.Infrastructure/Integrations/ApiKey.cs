using Portal.Domain.Requests;

namespace Portal.Infrastructure.Integrations;

/// <summary>
/// The key one outside system (the WeChat bridge, a call-centre) uses to register requests for one
/// estate (接口密钥). Only a SHA-256 hash of the secret is kept, so a copy of the database does not
/// give anyone a working key; the full key is shown once, when it is issued.
/// </summary>
public sealed class ApiKey
{
    public const int MaxNameLength = 100;

    internal ApiKey(string name, int estateId, Channel channel, string prefix, byte[] secretHash, DateTimeOffset createdAt, string createdById, string createdByName)
    {
        Name = name;
        EstateId = estateId;
        Channel = channel;
        Prefix = prefix;
        SecretHash = secretHash;
        CreatedAt = createdAt;
        CreatedById = createdById;
        CreatedByName = createdByName;
    }

    // For EF Core.
    private ApiKey()
    {
        Name = Prefix = CreatedById = CreatedByName = null!;
        SecretHash = null!;
    }

    public int Id { get; private set; }

    /// <summary>What the integration is, e.g. "WeChat bridge"; shown on the timeline as the filer.</summary>
    public string Name { get; private set; }

    /// <summary>The one estate this key registers for and reads from.</summary>
    public int EstateId { get; private set; }

    /// <summary>The channel every request registered with this key is recorded under.</summary>
    public Channel Channel { get; private set; }

    /// <summary>The public part of the key, used to find it; not a secret.</summary>
    public string Prefix { get; private set; }

    public byte[] SecretHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedById { get; private set; }

    /// <summary>Copied at the time so the list reads the same after a rename.</summary>
    public string CreatedByName { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevokedByName { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>Stops the key for good; revoking twice keeps the first time.</summary>
    public void Revoke(DateTimeOffset at, string byName)
    {
        if (IsRevoked)
        {
            return;
        }

        RevokedAt = at;
        RevokedByName = byName;
    }
}
