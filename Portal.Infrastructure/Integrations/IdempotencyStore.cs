using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure.Integrations;

public enum IdempotencyState
{
    /// <summary>The key was used with the same body and answered: send the stored answer again.</summary>
    Replay,

    /// <summary>The key was used with another body.</summary>
    Mismatch,
}

public sealed record IdempotencyClaim(IdempotencyState State, long RecordId, int StatusCode = 0, string? ResponseBody = null, string? Location = null);

/// <summary>The answer a created request gets, kept for a retry of the same call.</summary>
public sealed record StoredAnswer(int StatusCode, string Body, string? Location);

/// <summary>
/// Makes a POST with an Idempotency-Key happen once. A key is written only together with the request
/// it created, in the same transaction, with the answer a retry gets back; a refused call leaves
/// nothing behind, so the caller can correct the body and send it again under the same key. Two
/// concurrent calls with one key meet in the filing's write section (or at the unique index on the
/// API key and the key): the second finds the first's answer and replays it.
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<PortalDbContext> factory, TimeProvider clock)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(24);

    private TimeProvider Clock => clock;

    /// <summary>
    /// The earlier answer for this key, or null when the key is new (or older than
    /// <see cref="KeepFor"/>, which frees it). Then file with <see cref="Receipt"/>.
    /// </summary>
    public async Task<(IdempotencyClaim? Claim, IdempotencyReceipt Receipt)> CheckAsync(
        int apiKeyId, string key, byte[] fingerprint, Func<FiledRequest, StoredAnswer> answer, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var receipt = new IdempotencyReceipt(this, apiKeyId, key, fingerprint, answer);
        return (await receipt.FindAsync(db, ct), receipt);
    }

    // Compiled: every call of the intake API asks it first.
    private static readonly Func<PortalDbContext, int, string, CancellationToken, Task<IdempotencyRecord?>> RecordOf = EF.CompileAsyncQuery(
        (PortalDbContext db, int apiKeyId, string key, CancellationToken ct) => db.IdempotencyRecords.AsNoTracking().FirstOrDefault(r => r.ApiKeyId == apiKeyId && r.Key == key));

    /// <summary>Removes keys older than <see cref="KeepFor"/>; returns how many went.</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var cutoff = clock.GetUtcNow() - KeepFor;
        return await db.IdempotencyRecords.Where(r => r.CreatedAt <= cutoff).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// One call's key, saved with the request it creates. Outside the write section the key was
    /// checked once; inside, it is checked again only when a first try failed (another call with the
    /// same key may have won the unique index meanwhile).
    /// </summary>
    public sealed class IdempotencyReceipt(IdempotencyStore store, int apiKeyId, string key, byte[] fingerprint, Func<FiledRequest, StoredAnswer> answer) : IFilingReceipt
    {
        private int _tries;
        private long? _expiredId;

        /// <summary>What stopped the filing: the answer of the call that used the key first.</summary>
        public IdempotencyClaim? Claim { get; private set; }

        /// <summary>The answer saved with the request.</summary>
        public StoredAnswer? Answer { get; private set; }

        public async Task<bool> MayFileAsync(PortalDbContext db, CancellationToken ct)
        {
            if (_tries++ == 0)
            {
                return true;
            }

            Claim = await FindAsync(db, ct);
            return Claim is null;
        }

        public void Record(PortalDbContext db, FiledRequest filed)
        {
            if (_expiredId is { } expired)
            {
                // Older than a day: the key is free again, as the documentation promises.
                db.IdempotencyRecords.Remove(db.IdempotencyRecords.Attach(IdempotencyRecord.Stub(expired)).Entity);
            }

            var now = store.Clock.GetUtcNow();
            Answer = answer(filed);
            var record = new IdempotencyRecord(apiKeyId, key, fingerprint, now);
            record.Complete(Answer.StatusCode, Answer.Body, Answer.Location, now);
            db.IdempotencyRecords.Add(record);
        }

        internal async Task<IdempotencyClaim?> FindAsync(PortalDbContext db, CancellationToken ct)
        {
            var existing = await RecordOf(db, apiKeyId, key, ct);
            if (existing is null)
            {
                _expiredId = null;
                return null;
            }

            // A record without an answer was left by the earlier two-step store when its process
            // stopped mid-call (a failed call released its key): the key is free, like an old one.
            if (existing.CreatedAt <= store.Clock.GetUtcNow() - KeepFor || existing.StatusCode is null)
            {
                _expiredId = existing.Id;
                return null;
            }

            return existing.Fingerprint.AsSpan().SequenceEqual(fingerprint)
                ? new IdempotencyClaim(IdempotencyState.Replay, existing.Id, existing.StatusCode.Value, existing.ResponseBody, existing.Location)
                : new IdempotencyClaim(IdempotencyState.Mismatch, existing.Id);
        }
    }
}
