using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.Integrations;

/// <summary>Who is calling the intake API: one API key, its estate and its channel.</summary>
public sealed record IntegrationCaller(int ApiKeyId, string Name, int EstateId, Channel Channel, string Prefix);

/// <summary>
/// Checks the key sent with each API call. The prefix→key lookup is cached for
/// <see cref="CacheFor"/> so a busy integration does not cost a query per call; revoking on this
/// node drops the entry at once (<see cref="Forget"/>), another node notices within that time.
/// </summary>
public sealed class ApiKeyVerifier(IDbContextFactory<PortalDbContext> factory) : IDisposable
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    // Its own cache, bounded: unknown prefixes are cached too (to spare the database), so a flood of
    // made-up keys must not grow memory without limit. When full, lookups simply go to the database.
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    // Compared against when the prefix is unknown, so an unknown and a wrong key cost the same.
    private static readonly byte[] NoKey = new byte[32];

    private sealed record Known(IntegrationCaller Caller, byte[] SecretHash);

    public async Task<IntegrationCaller?> VerifyAsync(string? presented, CancellationToken ct = default)
    {
        if (!ApiKeyFormat.TryParse(presented, out var prefix, out var secret))
        {
            return null;
        }

        var hash = ApiKeyFormat.Hash(secret);
        var known = await _cache.GetOrCreateAsync(prefix, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            entry.Size = 1;
            await using var db = await factory.CreateDbContextAsync(ct);
            var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Prefix == prefix && k.RevokedAt == null, ct);
            return key is null ? null : new Known(new IntegrationCaller(key.Id, key.Name, key.EstateId, key.Channel, key.Prefix), key.SecretHash);
        });

        var matches = ApiKeyFormat.Matches(known?.SecretHash ?? NoKey, hash);
        return matches && known is not null ? known.Caller : null;
    }

    /// <summary>Makes the next call read the key from the database (after a revoke or an issue).</summary>
    public void Forget(string prefix) => _cache.Remove(prefix);

    public void Dispose() => _cache.Dispose();
}
