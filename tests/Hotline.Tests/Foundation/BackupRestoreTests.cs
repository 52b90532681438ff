using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Infrastructure.Backup;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hotline.Tests.Foundation;

/// <summary>
/// <c>hotline backup</c> and <c>hotline restore</c> as an operator runs them (the real executable, issue 13, item 13): a
/// platform with demo orders backed up and restored into a fresh database has every row of every table, the restored
/// server signs in, reads an order and honours a session of the original; a restore refuses a non-empty database
/// unless forced, and a file that is not a Hotline backup.
/// </summary>
public abstract class BackupRestoreTests(DatabaseProvider provider) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hotline-backup-").FullName;

    private string BackupFile => Path.Combine(_folder, "hotline.backup");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task BackupThenRestore_IntoAFreshDatabase_HasEveryRow_AndTheRestoredServerServes()
    {
        await using var sourceDatabase = await ThrowawayDatabase.CreateAsync(provider);
        var source = sourceDatabase.ConnectionString;
        await using var targetDatabase = await ThrowawayDatabase.CreateAsync(provider);
        var target = targetDatabase.ConnectionString;
        string cookie;
        await using (var original = await RunningServer.StartAsync(provider, source, [new("Seed:DemoWorkOrders", "true")]))
        {
            cookie = await original.SignInAsync("agent");
        }

        var backup = await RunCliAsync(source, "backup", "--output", BackupFile);
        Assert.True(backup.Code == 0, backup.Output);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(DataFiles.FileMode, File.GetUnixFileMode(BackupFile));
        }

        var restore = await RunCliAsync(target, "restore", "--input", BackupFile);
        Assert.True(restore.Code == 0, restore.Output);
        if (provider == DatabaseProvider.Sqlite && !OperatingSystem.IsWindows())
        {
            Assert.Equal(DataFiles.FileMode, File.GetUnixFileMode(new SqliteConnectionStringBuilder(target).DataSource));
        }

        var counts = await TableCountsAsync(source);
        Assert.Equal(counts, await TableCountsAsync(target));
        Assert.Equal(11, counts["work_orders"]);
        Assert.True(counts["users"] > 10 && counts["data_protection_keys"] > 0 && counts["work_order_events"] > 11);
        foreach (var table in new[] { "work_orders", "work_order_events", "users", "units", "data_protection_keys", "__EFMigrationsHistory" })
        {
            Assert.Equal(await RowsAsync(source, table), await RowsAsync(target, table));
        }

        await using var restored = await RunningServer.StartAsync(provider, target, []);
        using (var me = await restored.GetAsync("/api/auth/me", cookie))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode); // the key ring came back too, still encrypted with the certificate
        }

        var admin = await restored.SignInAsync("admin");
        var (id, number) = await FirstOrderAsync(target);
        using var order = await restored.GetAsync($"/api/work-orders/{id}", admin);
        Assert.Equal(HttpStatusCode.OK, order.StatusCode);
        var body = await order.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(number, body.GetProperty("number").GetString());
    }

    [Fact]
    public async Task Restore_RefusesANonEmptyDatabaseUnlessForced_AndAFileThatIsNotAHotlineBackup()
    {
        await using var sourceDatabase = await ThrowawayDatabase.CreateAsync(provider);
        var source = sourceDatabase.ConnectionString;
        await using var targetDatabase = await ThrowawayDatabase.CreateAsync(provider);
        var target = targetDatabase.ConnectionString;
        await using (var running = await RunningServer.StartAsync(provider, source, [new("Seed:DemoWorkOrders", "true")]))
        {
            // While the server runs: SQLite's online backup, pg_dump's snapshot.
            var backup = await RunCliAsync(source, "backup", "--output", BackupFile);
            Assert.True(backup.Code == 0, backup.Output);
            var again = await RunCliAsync(source, "backup", "--output", BackupFile);
            Assert.True(again.Code == BackupCommands.FileError, again.Output);
            Assert.Contains("exists already", again.Output, StringComparison.Ordinal);

            var intoTheLiveOne = await RunCliAsync(source, "restore", "--input", BackupFile);
            Assert.True(intoTheLiveOne.Code == BackupCommands.TargetNotEmpty, intoTheLiveOne.Output);
        }

        var text = Path.Combine(_folder, "notes.txt");
        await File.WriteAllTextAsync(text, "这不是备份 / not a backup\n");
        var notABackup = await RunCliAsync(target, "restore", "--input", text);
        Assert.True(notABackup.Code == BackupCommands.NotHotline, notABackup.Output);
        Assert.Empty(await TableCountsAsync(target));

        var first = await RunCliAsync(target, "restore", "--input", BackupFile);
        Assert.True(first.Code == 0, first.Output);
        var second = await RunCliAsync(target, "restore", "--input", BackupFile);
        Assert.True(second.Code == BackupCommands.TargetNotEmpty, second.Output);
        Assert.Contains("--force", second.Output, StringComparison.Ordinal);

        var forced = await RunCliAsync(target, "restore", "--input", BackupFile, "--force");
        Assert.True(forced.Code == 0, forced.Output);
        Assert.Equal(11, (await TableCountsAsync(target))["work_orders"]);
    }

    /// <summary>Every table's row count.</summary>
    private async Task<Dictionary<string, long>> TableCountsAsync(string connectionString)
    {
        await using var connection = await OpenAsync(connectionString);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = provider == DatabaseProvider.Sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM \"{table}\"";
            counts[table] = Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        return counts;
    }

    /// <summary>A table's rows, every column as text, in the order of the first column.</summary>
    private async Task<List<string>> RowsAsync(string connectionString, string table)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    private async Task<(long Id, string Number)> FirstOrderAsync(string connectionString)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, number FROM work_orders ORDER BY id LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.GetString(1));
    }

    private async Task<DbConnection> OpenAsync(string connectionString)
    {
        DbConnection connection = provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString())
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs the real executable in Production (the verbs need no key-ring certificate) with the database given through the environment.</summary>
    private Task<(int Code, string Output)> RunCliAsync(string connectionString, params string[] args) =>
        HotlineProcess.RunWithDatabaseAsync(provider, connectionString, _folder, args);
}

public sealed class BackupRestoreTests_Sqlite() : BackupRestoreTests(DatabaseProvider.Sqlite);

public sealed class BackupRestoreTests_Postgres() : BackupRestoreTests(DatabaseProvider.Postgres);
