using Microsoft.EntityFrameworkCore;
using Portal.Domain.Requests;
using Portal.Infrastructure.Common;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Estates;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Integrations;

public sealed record ApiKeyRow(
    int Id, string Name, int EstateId, string EstateName, Channel Channel, string Prefix,
    DateTimeOffset CreatedAt, string CreatedByName, DateTimeOffset? RevokedAt, string? RevokedByName, string TimeZoneId);

/// <summary>A key just issued: <see cref="Key"/> is the only copy of the full key there will ever be.</summary>
public sealed record IssuedApiKey(ApiKeyRow Row, string Key);

public sealed record EstateChoice(int Id, string Name);

/// <summary>
/// Administrators issue, list and revoke the API keys of other channels' systems, for the estates
/// they work for. Everyone else gets "not found" or an empty list.
/// </summary>
public sealed class ApiKeys(IDbContextFactory<PortalDbContext> factory, ApiKeyVerifier verifier, TimeProvider clock)
{
    /// <summary>Channels an integration may report; the portal is the residents' own.</summary>
    public static readonly IReadOnlyList<Channel> Channels = [Channel.WeChat, Channel.Phone, Channel.Email, Channel.Letter, Channel.CommentBook, Channel.WalkIn];

    public async Task<IReadOnlyList<EstateChoice>> EstatesAsync(CurrentUser user, CancellationToken ct = default)
    {
        if (!MayManage(user))
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.StaffEstateIdsAsync(user, ct);
        return await db.Estates.Where(e => estates.Contains(e.Id)).OrderBy(e => e.Name).Select(e => new EstateChoice(e.Id, e.Name)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(CurrentUser user, CancellationToken ct = default)
    {
        if (!MayManage(user))
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.StaffEstateIdsAsync(user, ct);
        return await Rows(db, db.ApiKeys.Where(k => estates.Contains(k.EstateId))).ToListAsync(ct);
    }

    public async Task<Outcome<IssuedApiKey>> IssueAsync(CurrentUser user, string? name, int estateId, Channel channel, CancellationToken ct = default)
    {
        if (!MayManage(user))
        {
            return Outcome<IssuedApiKey>.NotFound;
        }

        name = name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return Outcome<IssuedApiKey>.Fail("ApiKey.NameRequired");
        }

        if (name.Length > ApiKey.MaxNameLength)
        {
            return Outcome<IssuedApiKey>.Fail("ApiKey.NameTooLong", ApiKey.MaxNameLength);
        }

        if (!Channels.Contains(channel))
        {
            return Outcome<IssuedApiKey>.Fail("ApiKey.ChannelNotAllowed");
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.StaffEstateIdsAsync(user, ct);
        if (!estates.Contains(estateId))
        {
            return Outcome<IssuedApiKey>.NotFound;
        }

        for (var attempt = 1; ; attempt++)
        {
            var (prefix, secret, full) = ApiKeyFormat.Generate();
            var key = new ApiKey(name, estateId, channel, prefix, ApiKeyFormat.Hash(secret), clock.GetUtcNow(), user.UserId, user.DisplayName);
            db.ApiKeys.Add(key);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // The random prefix was taken (one in a trillion); draw another.
                db.ApiKeys.Remove(key);
                continue;
            }

            verifier.Forget(prefix);
            var row = await Rows(db, db.ApiKeys.Where(k => k.Id == key.Id)).FirstAsync(ct);
            return Outcome<IssuedApiKey>.Ok(new IssuedApiKey(row, full));
        }
    }

    /// <summary>Stops the key at once on this node; calls with it get 401.</summary>
    public async Task<Outcome> RevokeAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        if (!MayManage(user))
        {
            return Outcome.NotFound;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.StaffEstateIdsAsync(user, ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id && estates.Contains(k.EstateId), ct);
        if (key is null)
        {
            return Outcome.NotFound;
        }

        key.Revoke(clock.GetUtcNow(), user.DisplayName);
        await db.SaveChangesAsync(ct);
        verifier.Forget(key.Prefix);
        return Outcome.Success;
    }

    private static bool MayManage(CurrentUser user) => user.IsInRole(Roles.Admin);

    /// <summary>Active keys first, newest first.</summary>
    private static IQueryable<ApiKeyRow> Rows(PortalDbContext db, IQueryable<ApiKey> keys) =>
        from k in keys
        join e in db.Estates on k.EstateId equals e.Id
        orderby k.RevokedAt == null descending, k.CreatedAt descending
        select new ApiKeyRow(k.Id, k.Name, k.EstateId, e.Name, k.Channel, k.Prefix, k.CreatedAt, k.CreatedByName, k.RevokedAt, k.RevokedByName, e.TimeZoneId);
}
