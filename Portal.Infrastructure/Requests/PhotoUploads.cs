using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Requests;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Photos;

namespace Portal.Infrastructure.Requests;

public sealed record StagedPhotoView(Guid Id, long Length, int Width, int Height);

public sealed record PhotoContent(Stream Content, string ContentType);

/// <summary>
/// Receives photos as the resident picks them, and serves photos back only to those allowed to
/// see them: the request's own resident, or staff of its estate.
/// </summary>
public sealed class PhotoUploads(
    IDbContextFactory<PortalDbContext> factory,
    PhotoProcessor processor,
    IPhotoStorage storage,
    IOptions<PhotoOptions> options,
    TimeProvider clock)
{
    /// <param name="alreadyAttached">The staged photos already on this draft, for the per-request limits.</param>
    public async Task<Outcome<StagedPhotoView>> StageAsync(CurrentUser user, IReadOnlyCollection<Guid> alreadyAttached, Stream upload, CancellationToken ct = default)
    {
        var limits = options.Value;
        await using var db = await factory.CreateDbContextAsync(ct);
        var existing = await db.StagedPhotos
            .Where(p => p.OwnerUserId == user.UserId && alreadyAttached.Contains(p.Id))
            .Select(p => p.Length)
            .ToListAsync(ct);
        if (existing.Count >= limits.MaxPhotosPerRequest)
        {
            return Outcome<StagedPhotoView>.Fail("Photo.TooMany", limits.MaxPhotosPerRequest);
        }

        ProcessedPhoto processed;
        try
        {
            processed = await processor.ProcessAsync(upload, ct);
        }
        catch (PhotoRejectedException rejected)
        {
            return Outcome<StagedPhotoView>.Fail(rejected.Code, rejected.Args);
        }

        try
        {
            // The stored size is only known after processing; over budget, nothing may stay behind.
            PhotoRequestBudget.EnsureWithinRequestLimits(existing, processed.Length, limits);
        }
        catch (PhotoRejectedException rejected)
        {
            await storage.DeleteAsync(processed.StorageKey, ct);
            await storage.DeleteAsync(processed.ThumbnailKey, ct);
            return Outcome<StagedPhotoView>.Fail(rejected.Code, rejected.Args);
        }

        db.StagedPhotos.Add(new StagedPhoto
        {
            Id = processed.Id,
            OwnerUserId = user.UserId,
            StorageKey = processed.StorageKey,
            ThumbnailKey = processed.ThumbnailKey,
            ContentType = processed.ContentType,
            Length = processed.Length,
            Width = processed.Width,
            Height = processed.Height,
            UploadedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        return Outcome<StagedPhotoView>.Ok(new StagedPhotoView(processed.Id, processed.Length, processed.Width, processed.Height));
    }

    public async Task DiscardAsync(CurrentUser user, Guid stagedId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var staged = await db.StagedPhotos.FirstOrDefaultAsync(p => p.Id == stagedId && p.OwnerUserId == user.UserId, ct);
        if (staged is null)
        {
            return;
        }

        db.StagedPhotos.Remove(staged);
        await db.SaveChangesAsync(ct);
        await storage.DeleteAsync(staged.StorageKey, ct);
        await storage.DeleteAsync(staged.ThumbnailKey, ct);
    }

    /// <summary>Opens a photo for this user, or null when it does not exist or is not theirs to see.</summary>
    public async Task<PhotoContent?> OpenAsync(CurrentUser user, Guid photoId, bool thumbnail, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.StaffEstateIdsAsync(user, ct);
        var onRequest = await (
            from p in db.Set<RequestPhoto>()
            join r in db.ServiceRequests on p.ServiceRequestId equals r.Id
            where p.Id == photoId && (r.ResidentId == user.UserId || estates.Contains(r.Location.EstateId))
            select new { p.StorageKey, p.ThumbnailKey, p.ContentType }).FirstOrDefaultAsync(ct);
        var found = onRequest
            ?? await db.StagedPhotos
                .Where(p => p.Id == photoId && p.OwnerUserId == user.UserId)
                .Select(p => new { p.StorageKey, p.ThumbnailKey, p.ContentType })
                .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        var stream = await storage.OpenReadAsync(thumbnail ? found.ThumbnailKey : found.StorageKey, ct);
        return stream is null ? null : new PhotoContent(stream, found.ContentType);
    }
}
