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
}
