using System.Diagnostics;
using Npgsql;

namespace Hotline.Infrastructure.Backup;

/// <summary>
/// Finds and runs pg_dump / pg_restore: in <c>Backup:PostgresBinDirectory</c> when set (and only there), otherwise on the
/// PATH, otherwise in the newest /usr/lib/postgresql/*/bin (Debian's layout). The connection string reaches them through
/// libpq's environment variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, …), so the password never shows in a process list.
/// </summary>
public sealed class PostgresTools(string? binDirectory)
{
    public string Find(string name)
    {
        var candidates = !string.IsNullOrWhiteSpace(binDirectory)
            ? [binDirectory]
            : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Concat(DebianDirectories());
        foreach (var directory in candidates)
        {
            var path = Path.Combine(directory, OperatingSystem.IsWindows() ? name + ".exe" : name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new BackupFailedException(BackupCommands.ToolNotFound,
            string.IsNullOrWhiteSpace(binDirectory)
                ? $"{name} was not found on the PATH; install PostgreSQL's client programs (the server's major version or newer) or set Backup:PostgresBinDirectory."
                : $"{name} was not found in Backup:PostgresBinDirectory ({binDirectory}).");
    }

    /// <summary>Runs a tool with the connection's parts in the environment; its standard output is returned, a failure is a <see cref="BackupFailedException"/>.</summary>
    public async Task<string> RunAsync(string name, string connectionString, IEnumerable<string> arguments, CancellationToken ct)
    {
        var info = new ProcessStartInfo(Find(name)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (variable, value) in LibpqEnvironment(connectionString))
        {
            info.Environment[variable] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new BackupFailedException(BackupCommands.ToolFailed, $"{name} failed (exit code {process.ExitCode}): {(await error).Trim()}");
        }

        return await output;
    }

    /// <summary>libpq's variables for the parts of an Npgsql connection string that it sets.</summary>
    public static Dictionary<string, string> LibpqEnvironment(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var environment = new Dictionary<string, string>();
        Add(environment, "PGHOST", builder.Host);
        Add(environment, "PGPORT", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(environment, "PGDATABASE", builder.Database);
        Add(environment, "PGUSER", builder.Username);
        Add(environment, "PGPASSWORD", builder.Password);
        Add(environment, "PGSSLMODE", builder.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        });
        Add(environment, "PGSSLROOTCERT", builder.RootCertificate);
        return environment;
    }

    private static void Add(Dictionary<string, string> environment, string variable, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            environment[variable] = value;
        }
    }

    private static IEnumerable<string> DebianDirectories()
    {
        const string root = "/usr/lib/postgresql";
        return Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (Directory: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Directory, "bin"))
            : [];
    }
}
