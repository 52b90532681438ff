namespace Hotline.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The <c>Database</c> configuration section (also <c>Database__Provider</c> etc. in the environment).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite a relative <c>Data Source</c> is resolved against the current directory.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/hotline.db";

    /// <summary>Apply pending migrations when the server starts (the default); otherwise run <c>hotline migrate</c>.</summary>
    public bool MigrateOnStart { get; set; } = true;
}
