using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.Requests;

/// <summary>
/// Something saved in the same transaction as a new request, and able to stop the filing first: the
/// integration API's Idempotency-Key with the answer a retry gets back. Both calls run inside the
/// write section of the filing.
/// </summary>
public interface IFilingReceipt
{
    /// <summary>False when the filing must not happen after all (the key was used meanwhile).</summary>
    Task<bool> MayFileAsync(PortalDbContext db, CancellationToken ct);

    /// <summary>Adds what must be saved with the request, once the request has its id.</summary>
    void Record(PortalDbContext db, FiledRequest filed);
}
