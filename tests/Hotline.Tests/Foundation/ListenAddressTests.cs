using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

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
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
            var status = await PollHealthAsync(client, process, TimeSpan.FromSeconds(90));

            Assert.True(status == HttpStatusCode.OK, $"no answer on {url} ({status})");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }

        Assert.Contains($"listening on {url}", await output + await error, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode?> PollHealthAsync(HttpClient client, Process process, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit && !process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync("/health");
                return response.StatusCode;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(250);
            }
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
