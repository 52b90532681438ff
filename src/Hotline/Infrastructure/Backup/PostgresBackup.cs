using Hotline.Infrastructure.Data;
using Npgsql;

namespace Hotline.Infrastructure.Backup;

/// <summary>
/// PostgreSQL: <c>pg_dump --format=custom</c> into a file created 0600, and <c>pg_restore</c> in one transaction that stops
/// at the first error. Owners and grants are not restored: the objects belong to the account that restores.
/// </summary>
public static class PostgresBackup
{
    public static async Task<string> BackupAsync(string connectionString, string output, PostgresTools tools, CancellationToken ct)
    {
        tools.Find("pg_dump"); // before anything is created
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (!await HasMigrationsAsync(connectionString, ct))
        {
            throw new BackupFailedException(BackupCommands.NotHotline, $"the database {database} is not a Hotline database (no migrations recorded).");
        }

        if (!DataFiles.TryCreateFile(output))
        {
            throw new BackupFailedException(BackupCommands.FileError, $"{output} exists already; choose a new name or remove it.");
        }

        try
        {
            await tools.RunAsync("pg_dump", connectionString, ["--format=custom", $"--file={output}"], ct);
        }
        catch
        {
            File.Delete(output);
            throw;
        }

        return $"Backed up the database {database} to {output} (pg_dump custom format, {new FileInfo(output).Length} bytes).";
    }

    public static async Task<string> RestoreAsync(string connectionString, string input, bool force, PostgresTools tools, CancellationToken ct)
    {
        tools.Find("pg_restore");
        if (!File.Exists(input))
        {
            throw new BackupFailedException(BackupCommands.FileError, $"{input} does not exist.");
        }

        string contents;
        try
        {
            contents = await tools.RunAsync("pg_restore", connectionString, ["--list", input], ct);
        }
        catch (BackupFailedException failure) when (failure.ExitCode == BackupCommands.ToolFailed)
        {
            throw new BackupFailedException(BackupCommands.NotHotline, $"{input} is not a pg_dump custom-format archive ({failure.Message}).");
        }

        if (!contents.Contains($" TABLE DATA public {BackupCommands.MigrationsTable} ", StringComparison.Ordinal))
        {
            throw new BackupFailedException(BackupCommands.NotHotline, $"{input} is not a Hotline backup (it has no {BackupCommands.MigrationsTable} table).");
        }

        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        var tables = await TablesAsync(connectionString, ct);
        if (tables > 0 && !force)
        {
            throw new BackupFailedException(BackupCommands.TargetNotEmpty, $"the database {database} is not empty ({tables} tables); restore into an empty one, or stop the server and add --force to replace it.");
        }

        string[] clean = force ? ["--clean", "--if-exists"] : [];
        await tools.RunAsync("pg_restore", connectionString, [$"--dbname={database}", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", .. clean, input], ct);
        return $"Restored the database {database} from {input}.";
    }

    private static async Task<bool> HasMigrationsAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = await OpenAsync(connectionString, ct);
        await using var exists = new NpgsqlCommand($"SELECT to_regclass('public.\"{BackupCommands.MigrationsTable}\"') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(ct))!)
        {
            return false;
        }

        await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{BackupCommands.MigrationsTable}\"", connection);
        return (long)(await count.ExecuteScalarAsync(ct))! > 0;
    }

    private static async Task<long> TablesAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = await OpenAsync(connectionString, ct);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch (NpgsqlException e)
        {
            await connection.DisposeAsync();
            throw new BackupFailedException(BackupCommands.ToolFailed, $"cannot connect to the database: {e.Message}");
        }
    }
}
