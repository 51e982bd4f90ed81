using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Audit;

/// <summary>
/// Adds an <see cref="AuditEntry"/> to the context the change is made in, so the entry and the change
/// are saved together or not at all. Callers pass plain snapshots (anonymous objects or records) of
/// the fields an administrator would want to compare, never secrets such as password hashes.
/// </summary>
public static class AuditLog
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };

    /// <summary>The actor recorded for a change made from the server's command line.</summary>
    public static CurrentUser CommandLine { get; } = new("system", "Command line", new HashSet<string>());

    public static void Record(
        this PortalDbContext db,
        CurrentUser by,
        DateTimeOffset at,
        string action,
        string entityType,
        object entityId,
        int? estateId,
        object? before,
        object? after)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        db.AuditEntries.Add(new AuditEntry(
            at,
            by.UserId,
            by.DisplayName,
            action,
            entityType,
            Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            estateId,
            before is null ? null : JsonSerializer.Serialize(before, Json),
            after is null ? null : JsonSerializer.Serialize(after, Json)));
    }
}
