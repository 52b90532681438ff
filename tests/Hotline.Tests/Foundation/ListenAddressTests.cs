using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.Foundation;

/// <summary>
/// The server listens on 127.0.0.1:5080 unless ASPNETCORE_URLS, --urls or Urls says otherwise (README,
/// "Configuration"); a default in appsettings.json once outranked ASPNETCORE_URLS.
/// </summary>
public sealed class ListenAddressTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hotline-urls-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void CreateBuilder_NothingSet_ListensOnTheLoopbackDefault()
    {
        Assert.True(
            string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")),
            "this test expects ASPNETCORE_URLS to be unset in the test run");

        var builder = HotlineApp.CreateBuilder([], "Production");

        Assert.Equal("http://127.0.0.1:5080", builder.Configuration[WebHostDefaults.ServerUrlsKey]);
    }

    [Fact]
    public void CreateBuilder_UrlsArgument_OverridesTheDefault()
    {
        var builder = HotlineApp.CreateBuilder(["--urls", "http://127.0.0.1:5999"], "Production");

        Assert.Equal("http://127.0.0.1:5999", builder.Configuration[WebHostDefaults.ServerUrlsKey]);
    }

    [Fact]
    public async Task Server_WithAspNetCoreUrls_ListensOnThatAddress()
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Hotline.dll"));
        info.Environment["ASPNETCORE_URLS"] = url;
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Database__Provider"] = "Sqlite";
        info.Environment["Database__ConnectionString"] = $"Data Source={Path.Combine(_folder, "hotline.db")}";
        info.Environment["Security__PasswordHashIterations"] = "1000";
        TestCertificates.AddTo(info.Environment);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        HttpStatusCode? status;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
            status = await PollHealthAsync(client, process, TimeSpan.FromSeconds(120));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }

        var log = await output + await error;
        // The health answer on that address is the proof; the start-up log line may still be queued when the process is killed.
        Assert.True(status == HttpStatusCode.OK, $"no healthy answer on {url} ({status}); the server wrote:\n{log}");
    }

    private static async Task<HttpStatusCode?> PollHealthAsync(HttpClient client, Process process, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        HttpStatusCode? last = null;
        while (clock.Elapsed < limit && !process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync("/health");
                last = response.StatusCode;
                if (last == HttpStatusCode.OK)
                {
                    return last;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy to answer in time: ask again.
            }

            await Task.Delay(250);
        }

        return last;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
