using System.Net;
using System.Net.Http.Headers;
using Hotline.Features.Supervision;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;

namespace Hotline.Tests.Observability;

/// <summary>
/// /metrics (issue 13): Prometheus text for administrators, supervisors, centre managers and a scraper's token, refused
/// to anyone else; it carries ASP.NET Core's request metrics and the server's own instruments once the jobs did something.
/// </summary>
public abstract class MetricsTests(MetricsTests.ObservedApp app)
{
    public const string Token = "scrape-token-for-tests-0123456789abcdef";

    private readonly WorkOrderApi _api = new(app);

    [Fact]
    public async Task Metrics_RefuseAnAnonymousCallerAndAWrongToken_AndAnAgent()
    {
        using var anonymous = await app.Anonymous().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains(anonymous.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");

        using var wrong = await Scrape(app.Anonymous(), Token[..^1] + "X");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        using var agent = await (await app.SignInAsync("agent")).GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Forbidden, agent.StatusCode);

        // The token opens /metrics only, not the API.
        var scraper = app.Anonymous();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var api = await scraper.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("supervisor")]
    public async Task Metrics_ForAnAdministratorOrSupervisor_AreThePrometheusText_WithRequestMetrics(string user)
    {
        var client = await app.SignInAsync(user);
        await client.GetAsync("/api/units").ShouldBeOk();

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("http_route=\"/api/units/\"", text, StringComparison.Ordinal);
        Assert.Contains("hotline_jobs_lag_seconds{", text, StringComparison.Ordinal);
        Assert.Contains("job=\"timeline:live-updates\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_WithTheToken_CountTheLightsTurnedAndTheRemindersSent()
    {
        var id = await _api.Dispatched(WorkOrderApi.Order(subject: "路灯不亮"));
        await _api.Ok("supervisor", id, "remind", new { text = "请尽快签收" });
        app.Time.Set(new DateTimeOffset(2026, 3, 7, 8, 0, 0, TimeSpan.FromHours(8)));
        _api.SignOutAll();
        await app.Services.GetRequiredService<AlertLightJob>().RunOnceAsync(CancellationToken.None);
        Assert.Equal("yellow", (await _api.Get("dispatcher", id)).GetProperty("light").GetString());

        using var response = await Scrape(app.Anonymous(), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(Value(text, "hotline_alert_lights_turned_total{", "light=\"yellow\"") >= 1, text);
        Assert.True(Value(text, "hotline_reminders_sent_total{", "kind=\"manual\"") >= 1, text);
        Assert.Contains("job=\"alert-lights\"", text, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> Scrape(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    /// <summary>The value of the first sample of <paramref name="series"/> whose labels contain <paramref name="label"/>, or -1.</summary>
    private static double Value(string text, string series, string label)
    {
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(series, StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal));
        return line is null ? -1 : double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    public abstract class ObservedApp(DatabaseProvider provider) : AppFixture(provider)
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Observability:MetricsToken", Token)];
    }

    public sealed class ObservedSqliteApp() : ObservedApp(DatabaseProvider.Sqlite);

    public sealed class ObservedPostgresApp() : ObservedApp(DatabaseProvider.Postgres);
}

/// <summary>
/// Alone, after the parallel tests: OpenTelemetry's listeners see every meter of the process, so with other servers running
/// beside it a server's exporter can show their instruments in place of its own (one server per process in production).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsSerial
{
    public const string Name = "metrics";
}

[Collection(MetricsSerial.Name)]
public sealed class MetricsTests_Sqlite(MetricsTests.ObservedSqliteApp app) : MetricsTests(app), IClassFixture<MetricsTests.ObservedSqliteApp>;

[Collection(MetricsSerial.Name)]
public sealed class MetricsTests_Postgres(MetricsTests.ObservedPostgresApp app) : MetricsTests(app), IClassFixture<MetricsTests.ObservedPostgresApp>;
