using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Hotline.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests use: the one named by <c>HOTLINE_TEST_POSTGRES</c> (the test script starts a
/// throwaway cluster and sets it), or else a throwaway cluster this process creates with initdb/pg_ctl and removes on exit.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "HOTLINE_TEST_POSTGRES";
    private static readonly Lazy<string> Admin = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Connection string of a superuser on the maintenance database.</summary>
    public static string AdminConnectionString => Admin.Value;

    /// <summary>Creates an empty UTF-8 database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "hotline_test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 50 }.ToString();
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given)
        {
            return given;
        }

        var binaries = FindBinaries();
        var root = Path.Combine(Path.GetTempPath(), $"hotline-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(root);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", $"postgres:postgres {root}", null);
        }

        Run(Path.Combine(binaries, "initdb"), $"-D {data} -E UTF8 --locale=C.UTF-8 -A trust -U postgres", asRoot ? "postgres" : null);
        var port = FreePort();
        Run(Path.Combine(binaries, "pg_ctl"),
            $"-D {data} -l {root}/log -w -o \"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start",
            asRoot ? "postgres" : null);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Run(Path.Combine(binaries, "pg_ctl"), $"-D {data} -m immediate stop", asRoot ? "postgres" : null);
                Directory.Delete(root, recursive: true);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                // Best effort: the temporary folder is removed by the OS eventually.
            }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    private static string FindBinaries()
    {
        foreach (var candidate in new[] { "/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin", "/usr/local/bin", "/usr/bin" })
        {
            if (File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"PostgreSQL's initdb was not found; install PostgreSQL or set {EnvironmentVariable}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, string arguments, string? asUser)
    {
        var info = asUser is null
            ? new ProcessStartInfo(file, arguments)
            : new ProcessStartInfo("runuser", $"-u {asUser} -- {file} {arguments}");
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {error}{output.Result}");
        }
    }
}
