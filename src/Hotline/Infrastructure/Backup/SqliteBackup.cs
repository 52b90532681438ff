using Hotline.Infrastructure.Data;
using Microsoft.Data.Sqlite;

namespace Hotline.Infrastructure.Backup;

/// <summary>
/// SQLite's online backup API: a consistent copy page by page while the server keeps writing. The backup is one
/// self-contained file (rollback journal, not WAL); a restore copies it back into the configured file and turns WAL on again.
/// </summary>
public static class SqliteBackup
{
    public static Task<string> Backup(string connectionString, string output)
    {
        var file = DatabaseSetup.SqliteFile(connectionString);
        if (!File.Exists(file))
        {
            throw new BackupFailedException(BackupCommands.NotHotline, $"there is no database at {file}.");
        }

        using var source = Open(file, SqliteOpenMode.ReadWrite);
        RequireHotline(source, $"the database at {file}");
        if (!DataFiles.TryCreateFile(output))
        {
            throw new BackupFailedException(BackupCommands.FileError, $"{output} exists already; choose a new name or remove it.");
        }

        try
        {
            using var destination = Open(output, SqliteOpenMode.ReadWrite);
            source.BackupDatabase(destination);
            Execute(destination, "PRAGMA journal_mode=DELETE;");
            return Task.FromResult($"Backed up {file} to {output} ({Migrations(destination)} migrations, {new FileInfo(output).Length} bytes).");
        }
        catch
        {
            SqliteConnection.ClearAllPools();
            File.Delete(output);
            throw;
        }
    }

    public static Task<string> Restore(string connectionString, string input, bool force)
    {
        if (!File.Exists(input))
        {
            throw new BackupFailedException(BackupCommands.FileError, $"{input} does not exist.");
        }

        using var source = Open(input, SqliteOpenMode.ReadOnly);
        RequireHotline(source, input);
        var file = DatabaseSetup.SqliteFile(connectionString);
        using var target = new SqliteConnection(new SqliteConnectionStringBuilder(DatabaseSetup.ResolveSqlite(connectionString)) { Pooling = false }.ToString());
        target.Open();
        var tables = Scalar(target, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%';");
        if (tables > 0 && !force)
        {
            throw new BackupFailedException(BackupCommands.TargetNotEmpty, $"the database at {file} is not empty ({tables} tables); restore into an empty one, or stop the server and add --force to replace it.");
        }

        source.BackupDatabase(target);
        Execute(target, "PRAGMA journal_mode=WAL;");
        return Task.FromResult($"Restored {file} from {input} ({Migrations(target)} migrations).");
    }

    private static SqliteConnection Open(string file, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString());
        try
        {
            connection.Open();
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new BackupFailedException(BackupCommands.FileError, $"cannot open {file}: {e.Message}");
        }
    }

    /// <summary>A Hotline database has the migrations table with at least one migration in it.</summary>
    private static void RequireHotline(SqliteConnection connection, string what)
    {
        try
        {
            if (Scalar(connection, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{BackupCommands.MigrationsTable}';") == 1
                && Migrations(connection) > 0)
            {
                return;
            }
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 /* SQLITE_NOTADB */ or 11 /* SQLITE_CORRUPT */)
        {
            throw new BackupFailedException(BackupCommands.NotHotline, $"{what} is not an SQLite database.");
        }

        throw new BackupFailedException(BackupCommands.NotHotline, $"{what} is not a Hotline database (no migrations recorded).");
    }

    private static long Migrations(SqliteConnection connection) => Scalar(connection, $"SELECT count(*) FROM \"{BackupCommands.MigrationsTable}\";");

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
