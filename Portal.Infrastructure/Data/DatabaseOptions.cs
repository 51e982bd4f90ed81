namespace Portal.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>Bound from "Portal:Database"; the connection string comes from "ConnectionStrings:Portal".</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Portal:Database";
    public const string ConnectionStringName = "Portal";
    public const string DefaultSqliteConnectionString = "Data Source=App_Data/portal.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Create the demo estate and logins on the first run of the embedded default.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>
    /// SQLite's <c>synchronous</c> setting on every connection. <see cref="SqliteSynchronous.Normal"/>, the
    /// setting SQLite recommends with WAL: a commit does not wait for the disk; the database cannot be
    /// corrupted, but the last commits before a power cut or an OS crash can be lost (not on an app crash).
    /// <see cref="SqliteSynchronous.Full"/> waits for the disk at every commit (ADR 0012).
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Normal;
}

public enum SqliteSynchronous
{
    Normal,
    Full,
}
