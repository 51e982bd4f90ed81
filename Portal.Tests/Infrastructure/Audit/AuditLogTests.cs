using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Audit;

/// <summary>The audit log over the real SQLite file: written with the change, never rewritten.</summary>
public sealed class AuditLogTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 9, 30, 0, TimeSpan.Zero);
    private static readonly CurrentUser Admin = new("admin-1", "管理员 Admin", new HashSet<string> { Roles.Admin });

    private readonly PortalFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task An_entry_is_saved_with_its_change_and_keeps_before_and_after_as_json()
    {
        var contexts = _factory.Get<IDbContextFactory<PortalDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Record(Admin, At, "Estate.Renamed", "Estate", 7, estateId: 7, before: new { Name = "海景花园" }, after: new { Name = "海景花园二期" });
            await db.SaveChangesAsync();
        }

        await using var read = await contexts.CreateDbContextAsync();
        var entry = await read.AuditEntries.SingleAsync(e => e.Action == "Estate.Renamed");
        Assert.Equal(("admin-1", "管理员 Admin", "Estate", "7", 7), (entry.ActorId, entry.ActorName, entry.EntityType, entry.EntityId, entry.EstateId));
        Assert.Equal(At, entry.At);
        Assert.Equal("海景花园", JsonDocument.Parse(entry.Before!).RootElement.GetProperty("Name").GetString());
        Assert.Equal("海景花园二期", JsonDocument.Parse(entry.After!).RootElement.GetProperty("Name").GetString());
    }

    [Fact]
    public async Task An_entry_cannot_be_changed_or_deleted_through_the_context()
    {
        var contexts = _factory.Get<IDbContextFactory<PortalDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Record(Admin, At, "Unit.CodeRevoked", "Unit", 12, estateId: 1, before: null, after: new { Code = "revoked" });
            await db.SaveChangesAsync();
        }

        await using (var db = await contexts.CreateDbContextAsync())
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Action == "Unit.CodeRevoked");
            db.AuditEntries.Remove(entry);
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        await using (var db = await contexts.CreateDbContextAsync())
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Action == "Unit.CodeRevoked");
            db.Entry(entry).Property(e => e.ActorName).CurrentValue = "someone else";
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }

        await using var check = await contexts.CreateDbContextAsync();
        var kept = await check.AuditEntries.SingleAsync(e => e.Action == "Unit.CodeRevoked");
        Assert.Equal("管理员 Admin", kept.ActorName);
    }
}
