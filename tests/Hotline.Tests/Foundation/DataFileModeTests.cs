using Hotline.Infrastructure.Backup;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.KeyRing;
using Hotline.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Hotline.Tests.Foundation;

/// <summary>
/// Files holding callers' data or secrets are the server account's alone (issue 13, item 12): a new data folder is
/// 0700; a new SQLite database, its -wal and -shm files and the development key-ring certificate are 0600. And the
/// PostgreSQL tools get the connection through libpq's environment, never the command line.
/// </summary>
public sealed class DataFileModeTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hotline-modes-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void NewSqliteDatabase_FolderIs0700_DatabaseWalAndShmAre0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes
        }

        var folder = Path.Combine(_root, "data");
        var file = Path.Combine(folder, "hotline.db");

        using (var connection = new SqliteConnection(DatabaseSetup.ResolveSqlite($"Data Source={file}")))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE callers (name TEXT); INSERT INTO callers VALUES ('张三');";
            command.ExecuteNonQuery();

            Assert.Equal(DataFiles.FolderMode, File.GetUnixFileMode(folder));
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                Assert.True(File.Exists(path), $"{path} was not created");
                Assert.Equal(DataFiles.FileMode, File.GetUnixFileMode(path));
            }
        }
    }

    [Fact]
    public void OlderDatabaseOpenToOthers_IsNamedInAWarning_AnOwnerOnlyOneIsNot()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes
        }

        var file = DatabaseSetup.SqliteFile($"Data Source={Path.Combine(_root, "data", "hotline.db")}");
        Assert.Null(DataFiles.LooseModeWarning(file)); // not there yet
        DataFiles.TryCreateFile(file);
        Assert.Null(DataFiles.LooseModeWarning(file));

        File.SetUnixFileMode(file, DataFiles.FileMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var warning = DataFiles.LooseModeWarning(file);

        Assert.NotNull(warning);
        Assert.StartsWith($"{file} can be read by other accounts", warning, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {file}*", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void DevelopmentCertificate_IsGeneratedOnceOwnerOnly_AndReadAgainAfterwards()
    {
        var folder = Path.Combine(_root, "data");
        var path = Path.Combine(folder, "data-protection.pfx");

        using var first = KeyRingCertificates.LoadOrCreateDevelopmentCertificate(path);
        using var second = KeyRingCertificates.LoadOrCreateDevelopmentCertificate(path);

        Assert.Equal(first.Thumbprint, second.Thumbprint);
        Assert.True(first.HasPrivateKey);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(DataFiles.FileMode, File.GetUnixFileMode(path));
            Assert.Equal(DataFiles.FolderMode, File.GetUnixFileMode(folder));
        }
    }

    [Fact]
    public void PostgresTools_GetTheConnectionThroughLibpqVariables()
    {
        var environment = PostgresTools.LibpqEnvironment("Host=db.example;Port=5433;Username=hotline;Password=s3cret;Database=hotline_prod;SSL Mode=Require");

        Assert.Equal("db.example", environment["PGHOST"]);
        Assert.Equal("5433", environment["PGPORT"]);
        Assert.Equal("hotline", environment["PGUSER"]);
        Assert.Equal("s3cret", environment["PGPASSWORD"]);
        Assert.Equal("hotline_prod", environment["PGDATABASE"]);
        Assert.Equal("require", environment["PGSSLMODE"]);
    }

    [Theory]
    [InlineData("backup", "--output", "out.backup", "pg_dump")]
    [InlineData("restore", "--input", "in.backup", "pg_restore")]
    public async Task PostgresVerbs_WithoutTheTool_ExitWithTheToolNotFoundCode(string verb, string option, string file, string tool)
    {
        var empty = Directory.CreateDirectory(Path.Combine(_root, "bin")).FullName;
        var (code, output, error) = await HotlineProcess.RunAsync(
            new Dictionary<string, string>
            {
                ["Database__Provider"] = "Postgres",
                ["Database__ConnectionString"] = "Host=127.0.0.1;Port=1;Username=nobody;Password=unused;Database=none",
                ["Backup__PostgresBinDirectory"] = empty,
            },
            _root,
            verb,
            option,
            file);

        Assert.True(code == BackupCommands.ToolNotFound, $"exit code {code}: {output}{error}");
        Assert.Contains($"{tool} was not found in Backup:PostgresBinDirectory", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root, file)));
    }
}
