using System.CommandLine;
using Hotline.Infrastructure.Data;

namespace Hotline.Infrastructure.Backup;

/// <summary>
/// <c>hotline backup --output FILE</c> and <c>hotline restore --input FILE [--force]</c> for the configured database
/// (README, "Backup and restore"). SQLite: SQLite's online backup, safe while the server runs. PostgreSQL: pg_dump's
/// custom format and pg_restore, found on the PATH or in <c>Backup:PostgresBinDirectory</c>.
/// Exit codes: 0 done, 1 usage error, 2 a file cannot be used (the backup exists already, the input is missing or
/// unreadable), 3 not a Hotline database or backup, 4 the target database is not empty (restore without --force),
/// 5 pg_dump/pg_restore not found, 6 the PostgreSQL server cannot be reached or pg_dump/pg_restore failed (its message follows).
/// </summary>
public static class BackupCommands
{
    public const int FileError = 2;
    public const int NotHotline = 3;
    public const int TargetNotEmpty = 4;
    public const int ToolNotFound = 5;
    public const int ToolFailed = 6;

    /// <summary>The one table every Hotline database has from its first migration on.</summary>
    public const string MigrationsTable = "__EFMigrationsHistory";

    public static Command Backup(Func<IConfiguration> configuration)
    {
        var output = new Option<string>("--output", "-o") { Description = "The backup file to write (must not exist; created readable by its owner only).", Required = true };
        var command = new Command("backup", "Back up the configured database into one file (SQLite: online backup; PostgreSQL: pg_dump -Fc).") { output };
        command.SetAction((result, ct) => RunAsync(result, configuration, (database, tools) => database.Provider switch
        {
            DatabaseProvider.Postgres => PostgresBackup.BackupAsync(database.ConnectionString, Path.GetFullPath(result.GetValue(output)!), tools, ct),
            _ => SqliteBackup.Backup(database.ConnectionString, Path.GetFullPath(result.GetValue(output)!)),
        }));
        return command;
    }

    public static Command Restore(Func<IConfiguration> configuration)
    {
        var input = new Option<string>("--input", "-i") { Description = "A file 'hotline backup' wrote.", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace the configured database even if it holds data (stop the server first)." };
        var command = new Command("restore", "Restore the configured database from a backup file; an empty database unless --force.") { input, force };
        command.SetAction((result, ct) => RunAsync(result, configuration, (database, tools) => database.Provider switch
        {
            DatabaseProvider.Postgres => PostgresBackup.RestoreAsync(database.ConnectionString, Path.GetFullPath(result.GetValue(input)!), result.GetValue(force), tools, ct),
            _ => SqliteBackup.Restore(database.ConnectionString, Path.GetFullPath(result.GetValue(input)!), result.GetValue(force)),
        }));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, Func<IConfiguration> configuration, Func<DatabaseOptions, PostgresTools, Task<string>> run)
    {
        var settings = configuration();
        var database = settings.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var tools = new PostgresTools(settings["Backup:PostgresBinDirectory"]);
        try
        {
            var done = await run(database, tools);
            await result.InvocationConfiguration.Output.WriteLineAsync(done);
            return 0;
        }
        catch (BackupFailedException failure)
        {
            await result.InvocationConfiguration.Error.WriteLineAsync($"error: {failure.Message}");
            return failure.ExitCode;
        }
    }
}

/// <summary>A backup or restore that cannot go on: the message for standard error and the documented exit code.</summary>
public sealed class BackupFailedException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
