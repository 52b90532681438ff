using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hotline.Infrastructure.Data;
using Hotline.Seeding;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hotline.Tests.Infrastructure;

/// <summary>
/// One running server (real Kestrel on a loopback port, real database) per test class, built exactly as production
/// builds it, with the demo platform seeded and a clock the tests control.
/// </summary>
public abstract class AppFixture(DatabaseProvider provider) : IAsyncLifetime
{
    /// <summary>Monday 2 March 2026, 09:00 in Shanghai: an ordinary working day.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    public static readonly JsonSerializerOptions Json = CreateJsonOptions();

    private readonly List<HttpClient> _clients = [];

    public DatabaseProvider Provider { get; } = provider;

    public ManualTimeProvider Time { get; } = new(DefaultNow);

    public string ConnectionString { get; private set; } = string.Empty;

    public WebApplication App { get; private set; } = null!;

    public IServiceProvider Services => App.Services;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Extra configuration a derived fixture wants (overrides the defaults below).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [];

    /// <summary>A last word on the builder before the app is built, e.g. a logger provider that captures every line.</summary>
    protected virtual void ConfigureBuilder(WebApplicationBuilder builder)
    {
    }

    public async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync(Provider);
        var builder = HotlineApp.CreateBuilder([], "Development");
        builder.Configuration.AddInMemoryCollection(Settings(Provider, ConnectionString));
        builder.Configuration.AddInMemoryCollection(ExtraSettings);
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        ConfigureBuilder(builder);
        App = HotlineApp.Build(builder);
        await HotlineApp.InitialiseAsync(App);
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        var files = App.Services.GetRequiredService<Hotline.Features.Attachments.FileStoreOptions>().FullRoot;
        await App.StopAsync();
        await App.DisposeAsync();
        await DropDatabaseAsync(Provider, ConnectionString);
        if (Directory.Exists(files) && files.StartsWith(Path.GetTempPath(), StringComparison.Ordinal))
        {
            Directory.Delete(files, recursive: true);
        }
    }

    public static IEnumerable<KeyValuePair<string, string?>> Settings(DatabaseProvider provider, string connectionString) =>
    [
        new("Database:Provider", provider.ToString()),
        new("Database:ConnectionString", connectionString),
        new("Security:PasswordHashIterations", "1000"),
        // Every test's request comes from 127.0.0.1: limits and the throttle per client address would tie unrelated
        // tests together. SecuritySettingsTests run them at their defaults, from addresses of their own.
        new("Security:LoginAttemptsPerMinute", "100000"),
        new("Security:LoginAttemptsPerAccountPerMinute", "100000"),
        new("Security:SignInThrottle:Address:FreeFailures", "100000"),
        // Issue 18: the citizen API's limit per client address (the tests all come from loopback); CitizenApiTests checks the codes' own limits.
        new("Citizens:RequestsPerAddressPerMinute", "100000"),
        new("Open311:RequestsPerAddressPerMinute", "100000"),
        // Issue 18: the mailbox listing's limit and the interception's flood per address (every test's client is loopback);
        // the flood per phone keeps its default (MailboxAndInterceptionTests).
        new("Mailbox:ListingRequestsPerMinute", "100000"),
        new("Interception:SubmissionsPerAddressPerHour", "100000"),
        new("Chat:CitizenRequestsPerMinute", "100000"),
        // Issue 19: no server reads every order's entities again by itself; the tests that stale rows on purpose would race it
        // (WorkOrderEntitiesTests runs the job itself).
        new("SmartDispatch:EntityRereadMinutes", "0"),
        new("Seed:DemoOnFirstStart", "true"),
        new("Seed:DemoWorkOrders", "false"),
        // Issue 15: the tests' orders keep the default dispatch window; the clock tests add Henan's rules themselves.
        new("Seed:DemoDeadlineRules", "false"),
        // Issue 15 (S6): no sampled callbacks of direct answers, so an answer at intake closes unless a test asks otherwise.
        new("Callback:SamplePercent", "0"),
        new("Logging:LogLevel:Default", "Warning"),
        new("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error"),
        // The test servers write nothing to the console: the tests that break the database or the index on purpose log
        // hundreds of expected errors, and among them CI's excerpt of the run missed the one test that failed. A test
        // asserts what a server answers; LogScrubTests read the log through their own provider. Set
        // HOTLINE_TEST_SERVER_LOG=Warning (or any level) to see the servers' lines again while debugging.
        new("Logging:Console:LogLevel:Default", Environment.GetEnvironmentVariable("HOTLINE_TEST_SERVER_LOG") is { Length: > 0 } level ? level : "None"),
        // The key ring is encrypted as in production, with one certificate made once per test run.
        new("DataProtection:CertificatePath", TestCertificates.KeyRingPath),
        new("DataProtection:CertificatePassword", TestCertificates.Password),
        // Issue 18: each server keeps its uploaded files in a folder of its own.
        new("Files:Root", Path.Combine(Path.GetTempPath(), $"hotline-files-{Guid.NewGuid():N}")),
    ];

    public static async Task<string> CreateDatabaseAsync(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => await PostgresServer.CreateDatabaseAsync(),
        DatabaseProvider.Sqlite => $"Data Source={Path.Combine(Path.GetTempPath(), $"hotline-test-{Guid.NewGuid():N}.db")}",
    };

    public static async Task DropDatabaseAsync(DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                await PostgresServer.DropDatabaseAsync(connectionString);
                break;
            case DatabaseProvider.Sqlite:
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
                foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                {
                    File.Delete(path);
                }

                break;
        }
    }

    /// <summary>
    /// A client without a session. With <paramref name="from"/> (another loopback address, such as 127.0.0.7) its
    /// connections come from that address, so the server sees a different client, as it would another machine.
    /// </summary>
    public HttpClient Anonymous(IPAddress? from = null)
    {
        var handler = new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        if (from is not null)
        {
            handler.ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(from.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        var client = new HttpClient(handler) { BaseAddress = BaseAddress };
        _clients.Add(client);
        return client;
    }

    /// <summary>A client signed in as a demo account (README lists them).</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password = DemoData.DefaultPassword, IPAddress? from = null)
    {
        var client = Anonymous(from);
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        Assert.True(response.IsSuccessStatusCode, $"sign-in as {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}

public sealed class SqliteApp() : AppFixture(DatabaseProvider.Sqlite);

public sealed class PostgresApp() : AppFixture(DatabaseProvider.Postgres);
