using System.Net;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Hotline.Tests.Observability;

/// <summary>
/// Liveness (the process answers, nothing else is asked) and readiness (the database answers and no background loop is
/// behind): plain "Healthy" or "Unhealthy" with 503, anonymous, no internals. /health stays readiness.
/// </summary>
public abstract class HealthTests(AppFixture app)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/health")]
    public async Task Health_OnARunningServer_IsHealthy(string path)
    {
        using var response = await app.Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}

public sealed class HealthTests_Sqlite(SqliteApp app) : HealthTests(app), IClassFixture<SqliteApp>;

public sealed class HealthTests_Postgres(PostgresApp app) : HealthTests(app), IClassFixture<PostgresApp>;

/// <summary>
/// A server whose database cannot be reached (a missing directory for SQLite, a closed port for PostgreSQL) is alive
/// but not ready: liveness answers 200, readiness and /health 503 "Unhealthy", saying nothing of why.
/// </summary>
public abstract class UnreachableDatabaseHealthTests(DatabaseProvider provider) : IAsyncLifetime
{
    private WebApplication _app = null!;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        var connectionString = provider switch
        {
            DatabaseProvider.Sqlite => $"Data Source={Path.Combine(Path.GetTempPath(), $"hotline-missing-{Guid.NewGuid():N}", "hotline.db")};Mode=ReadWrite",
            DatabaseProvider.Postgres => "Host=127.0.0.1;Port=9;Database=hotline;Username=hotline;Password=x;Timeout=3",
        };
        var builder = HotlineApp.CreateBuilder([], "Development");
        builder.Configuration.AddInMemoryCollection(AppFixture.Settings(provider, connectionString));
        builder.Configuration.AddInMemoryCollection([new("Database:MigrateOnStart", "false"), new("Logging:LogLevel:Default", "None")]);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = HotlineApp.Build(builder);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _address = new Uri(address);
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task UnreachableDatabase_AliveButNotReady()
    {
        using var client = new HttpClient { BaseAddress = _address };
        using var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        foreach (var path in new[] { "/health/ready", "/health" })
        {
            using var ready = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        }
    }
}

public sealed class UnreachableDatabaseHealthTests_Sqlite() : UnreachableDatabaseHealthTests(DatabaseProvider.Sqlite);

public sealed class UnreachableDatabaseHealthTests_Postgres() : UnreachableDatabaseHealthTests(DatabaseProvider.Postgres);

/// <summary>
/// With a lag limit the alert-light job (one pass a minute) cannot keep, the running server is alive but not ready: the
/// real heartbeats reach readiness over HTTP.
/// </summary>
[SingleDatabase("the jobs' lag does not depend on the database; HealthTests and UnreachableDatabaseHealthTests cover both")]
public sealed class JobLagReadinessTests(JobLagReadinessTests.ImpatientApp app) : IClassFixture<JobLagReadinessTests.ImpatientApp>
{
    [Fact]
    public async Task LoopBehindTheLimit_AliveButNotReady()
    {
        using var live = await app.Anonymous().GetAsync("/health/live");
        using var ready = await app.Anonymous().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
    }

    public sealed class ImpatientApp() : AppFixture(DatabaseProvider.Sqlite)
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Observability:MaxJobLagSeconds", "0.001")];
    }
}
