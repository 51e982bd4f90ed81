using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.Integrations;

public enum IdempotencyState
{
    /// <summary>This call holds the key and must register the request, then complete or release it.</summary>
    Reserved,

    /// <summary>The key was used with the same body and answered: send the stored answer again.</summary>
    Replay,

    /// <summary>The key was used with another body.</summary>
    Mismatch,

    /// <summary>Another call with the same key is still being handled.</summary>
    InProgress,
}

public sealed record IdempotencyClaim(IdempotencyState State, long RecordId = 0, int StatusCode = 0, string? ResponseBody = null, string? Location = null);

/// <summary>
/// Makes a POST with an Idempotency-Key happen once. The key is reserved in the database first, so
/// two concurrent calls cannot both register: the unique index lets one insert through and the
/// other reads what the first left. Only a created request is remembered; a refused call releases
/// the key, so the caller can correct the body and send it again under the same key.
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<PortalDbContext> factory, TimeProvider clock)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(24);

    public async Task<IdempotencyClaim> ReserveAsync(int apiKeyId, string key, byte[] fingerprint, CancellationToken ct = default)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow();
            var existing = await db.IdempotencyRecords.FirstOrDefaultAsync(r => r.ApiKeyId == apiKeyId && r.Key == key, ct);
            try
            {
                if (existing is not null && existing.CreatedAt > now - KeepFor)
                {
                    return Decide(existing, fingerprint);
                }

                if (existing is not null)
                {
                    // Older than a day: the key is free again, as the documentation promises.
                    db.IdempotencyRecords.Remove(existing);
                }

                var record = new IdempotencyRecord(apiKeyId, key, fingerprint, now);
                db.IdempotencyRecords.Add(record);
                await db.SaveChangesAsync(ct);
                return new IdempotencyClaim(IdempotencyState.Reserved, record.Id);
            }
            catch (DbUpdateException)
            {
                // Another call reserved (or freed) the key between our read and our write; read again.
            }
        }

        return new IdempotencyClaim(IdempotencyState.InProgress);
    }

    /// <summary>Stores the answer a retry will get. Not cancellable: the request exists by now.</summary>
    public async Task CompleteAsync(long recordId, int statusCode, string responseBody, string? location)
    {
        await using var db = await factory.CreateDbContextAsync();
        var record = await db.IdempotencyRecords.FirstAsync(r => r.Id == recordId);
        record.Complete(statusCode, responseBody, location, clock.GetUtcNow());
        await db.SaveChangesAsync();
    }

    /// <summary>Frees the key after a refused or failed call.</summary>
    public async Task ReleaseAsync(long recordId)
    {
        await using var db = await factory.CreateDbContextAsync();
        await db.IdempotencyRecords.Where(r => r.Id == recordId && r.StatusCode == null).ExecuteDeleteAsync();
    }

    /// <summary>Removes keys older than <see cref="KeepFor"/>; returns how many went.</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var cutoff = clock.GetUtcNow() - KeepFor;
        return await db.IdempotencyRecords.Where(r => r.CreatedAt <= cutoff).ExecuteDeleteAsync(ct);
    }

    private static IdempotencyClaim Decide(IdempotencyRecord existing, byte[] fingerprint)
    {
        if (!existing.Fingerprint.AsSpan().SequenceEqual(fingerprint))
        {
            return new IdempotencyClaim(IdempotencyState.Mismatch, existing.Id);
        }

        return existing.StatusCode is { } status
            ? new IdempotencyClaim(IdempotencyState.Replay, existing.Id, status, existing.ResponseBody, existing.Location)
            : new IdempotencyClaim(IdempotencyState.InProgress, existing.Id);
    }
}
