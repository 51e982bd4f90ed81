using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Photos;

namespace Portal.Infrastructure.Requests;

/// <summary>
/// Removes photos that were picked for a request that was never filed, so abandoned drafts do not
/// keep residents' pictures (personal information) on disk.
/// </summary>
public sealed class StagedPhotoSweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<StagedPhotoSweeper> logger) : PeriodicJob(clock, logger)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);

    /// <summary>Deletes staged photos older than <see cref="MaxAge"/>; returns how many went.</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var storage = scope.ServiceProvider.GetRequiredService<IPhotoStorage>();
        await using var db = await factory.CreateDbContextAsync(ct);
        var cutoff = Clock.GetUtcNow() - MaxAge;
        var stale = await db.StagedPhotos.Where(p => p.UploadedAt < cutoff).ToListAsync(ct);
        foreach (var photo in stale)
        {
            await storage.DeleteAsync(photo.StorageKey, ct);
            await storage.DeleteAsync(photo.ThumbnailKey, ct);
        }

        db.StagedPhotos.RemoveRange(stale);
        await db.SaveChangesAsync(ct);
        return stale.Count;
    }

    protected override string DoneMessage => "Removed {Count} photo(s) of drafts never filed.";

    protected override Task<int> RunOnceAsync(CancellationToken ct) => SweepAsync(ct);
}
