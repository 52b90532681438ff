using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.Foundation;

/// <summary>
/// The real executable as an operator starts it, on a throwaway SQLite file: a refused start and an unknown command end
/// the process with a documented exit code and a message on standard error, never a stack trace (issue 13, items 11
/// and 14).
/// </summary>
public sealed class StartupProcessTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("hotline-process-").FullName;

    private string DatabaseFile => Path.Combine(_folder, "hotline.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Production_WithADefaultPasswordAccount_PrintsOneLineAndExitsWithTheRefusalCode()
    {
        var seeded = await RunAsync("seed");
        Assert.True(seeded.Code == 0, seeded.Output + seeded.Error);

        var (code, output, error) = await RunAsync();

        Assert.True(code == HotlineApp.RefusedExitCode, $"exit code {code}; the server wrote:\n{output}\n{error}");
        Assert.Equal(3, HotlineApp.RefusedExitCode); // README documents the number
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("Refusing to start in Production", line, StringComparison.Ordinal);
        Assert.Contains("default password", line, StringComparison.Ordinal);
        Assert.Contains("admin", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_WithoutAKeyRingCertificate_PrintsOneLineAndExitsWithTheRefusalCode()
    {
        var (code, output, error) = await RunAsync(new Dictionary<string, string> { ["DataProtection__CertificatePath"] = "" });

        Assert.True(code == HotlineApp.RefusedExitCode, $"exit code {code}; the server wrote:\n{output}\n{error}");
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("Refusing to start in Production: DataProtection:CertificatePath is not set.", line, StringComparison.Ordinal);
        Assert.Contains("Keys at rest", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Security__TrustedProxies", "10.0.0.1,not-an-address", "Security:TrustedProxies: 'not-an-address'")]
    [InlineData("Security__AllowedOrigins", "ftp://files.example", "Security:AllowedOrigins: 'ftp://files.example'")]
    [InlineData("Security__SignInThrottle__Account__FreeFailures", "0", "Security:SignInThrottle: FreeFailures")]
    [InlineData("Security__LoginAttemptsPerMinute", "0", "Security:LoginAttemptsPerMinute")]
    public async Task MalformedSecuritySetting_PrintsOneLineAndExitsWithTheRefusalCode(string variable, string value, string message)
    {
        var (code, output, error) = await RunAsync(new Dictionary<string, string> { [variable] = value });

        Assert.True(code == HotlineApp.RefusedExitCode, $"exit code {code}; the server wrote:\n{output}\n{error}");
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith(message, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("regenerate")]
    [InlineData("serve", "regenerate")]
    [InlineData("Generate", "--urls", "http://127.0.0.1:1")]
    public async Task UnknownCommand_PrintsTheUsageAndExits1_WithoutStartingTheServer(params string[] args)
    {
        var (code, output, error) = await RunAsync(args);

        Assert.True(code == 1, $"exit code {code}; the process wrote:\n{output}\n{error}");
        Assert.Contains($"Unknown command '{(args[0] == "serve" ? args[1] : args[0])}'.", error, StringComparison.Ordinal);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
        Assert.Contains("migrate", error, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", output + error, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(DatabaseFile), "the server started and created its database");
    }

    /// <summary>Runs Hotline.dll in Production on this test's database and a free port; kills it if it is still running after the limit.</summary>
    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    /// <summary>The same with extra environment variables (settings as an operator gives them).</summary>
    private async Task<(int Code, string Output, string Error)> RunAsync(Dictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Hotline.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort()}";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Database__Provider"] = "Sqlite";
        info.Environment["Database__ConnectionString"] = $"Data Source={DatabaseFile}";
        info.Environment["Security__PasswordHashIterations"] = "1000";
        TestCertificates.AddTo(info.Environment);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"'hotline {string.Join(' ', args)}' was still running after {Limit.TotalSeconds} s:\n{await output}\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
