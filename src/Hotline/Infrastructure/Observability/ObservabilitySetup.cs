using Hotline.Infrastructure.Jobs;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Hotline.Infrastructure.Observability;

/// <summary>
/// Logs, metrics, traces and health (issue 13): JSON log lines carrying the request's id and trace id outside
/// Development; the server's, ASP.NET Core's, the database clients' and the runtime's metrics at an authenticated
/// <c>/metrics</c> for Prometheus; traces over OTLP only when an endpoint is configured; liveness and readiness.
/// </summary>
public static class ObservabilitySetup
{
    /// <summary>The tag of the health checks readiness runs (liveness runs none).</summary>
    public const string ReadyTag = "ready";

    public const string MetricsPath = "/metrics";

    /// <summary>The series one metric keeps at most (OpenTelemetry's cardinality limit; its default is 2,000).</summary>
    public const int MaxSeries = 500;

    private static readonly string[] AspNetCoreMeters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Diagnostics",
    ];

    public static WebApplicationBuilder AddHotlineObservability(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        var options = configuration.GetSection(ObservabilityOptions.Section).Get<ObservabilityOptions>() ?? new ObservabilityOptions();
        if (options.MetricsToken is { Length: > 0 and < ObservabilityOptions.MinimumTokenLength })
        {
            throw new StartupRefusedException(
                $"Refusing to start: Observability:MetricsToken must be at least {ObservabilityOptions.MinimumTokenLength} characters long (or unset).");
        }

        services.Configure<ObservabilityOptions>(configuration.GetSection(ObservabilityOptions.Section));
        AddLogging(builder);

        services.AddSingleton<JobHeartbeats>();
        services.AddSingleton<HotlineMetrics>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<JobLagHealthCheck>("jobs", tags: [ReadyTag]);

        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, MetricsTokenHandler>(MetricsTokenHandler.SchemeName, null);
        // The metrics policy admits its staff roles (Policies.RolesByPolicy) and, besides, the scraper's token. The token
        // scheme is challenged first: it only sets headers, and the cookie scheme after it writes the problem.
        var roles = Policies.RolesByPolicy[Policies.ReadMetrics].Select(r => r.ToString()).ToArray();
        services.PostConfigure<AuthorizationOptions>(o => o.AddPolicy(Policies.ReadMetrics, p => p
            .AddAuthenticationSchemes(MetricsTokenHandler.SchemeName, CookieAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.HasClaim(MetricsTokenHandler.ScraperClaim, "true") || roles.Any(c.User.IsInRole))));

        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService("hotline-12345"));
        telemetry.WithMetrics(metrics => metrics
            .AddMeter(HotlineMetrics.MeterName)
            // ASP.NET Core's meters that say something per request or connection. Not those recorded several times in every
            // request for little news (routing's match attempts, authentication's and authorisation's, the memory pool's
            // rents): each recording costs on the intake path.
            .AddMeter(AspNetCoreMeters)
            .AddMeter("Npgsql", "Microsoft.EntityFrameworkCore", "System.Runtime")
            // Each metric stream allocates room for its series up front: 2,000 by default, about 144 KB a stream (a test
            // run's heap held 5,212 such arrays, 751 MB). Our label sets (route × method × status, a job's name) stay far
            // below MaxSeries, and a series past it is counted under OpenTelemetry's overflow label, not lost.
            .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = MaxSeries })
            // Every scrape reads the current values: the exporter's default keeps an answer for 300 ms, so a scrape right
            // after another missed what happened in between (a scraper every 15 s or more gains nothing from the cache).
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));

        // Traces cost an activity per request and per command: recorded only when someone collects them.
        var otlp = options.OtlpEndpoint is { Length: > 0 } ? options.OtlpEndpoint : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (!string.IsNullOrEmpty(otlp))
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsPlumbing(http.Request.Path))
                .AddNpgsql()
                .AddOtlpExporter(o => o.Endpoint = new Uri(otlp)));
        }

        return builder;
    }

    public static WebApplication MapHotlineObservability(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Built now, so the jobs' lag gauge is there from the first scrape.
        app.Services.GetRequiredService<HotlineMetrics>();

        // Plain "Healthy" / "Unhealthy" (503), no internals; /health stays readiness for what already calls it.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        var ready = new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) };
        app.MapHealthChecks("/health/ready", ready).AllowAnonymous();
        app.MapHealthChecks("/health", ready).AllowAnonymous();

        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(Policies.ReadMetrics).ExcludeFromDescription();
        return app;
    }

    private static bool IsPlumbing(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);

    /// <summary>ASP.NET Core's "Request starting" and "Request finished" lines, which write the query string.</summary>
    public const string RequestLineCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// Development: one short line per entry. Elsewhere: one JSON object per line, with the scopes, so every line of a
    /// request carries its RequestId (the <c>traceId</c> of its problem answers) and its TraceId and SpanId.
    /// </summary>
    private static void AddLogging(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        }
        else
        {
            builder.Logging.AddJsonConsole(o => { o.UseUtcTimestamp = true; o.IncludeScopes = true; });
        }

        // The request lines carry the query string, and the search box's text in it can be a phone number or a name: they
        // are never written, whatever level the configuration asks for (the request metrics and the RequestId scope
        // replace them). A rule per provider named in the configuration, so no provider's own rule lets them through.
        builder.Services.PostConfigure<LoggerFilterOptions>(o =>
        {
            foreach (var provider in o.Rules.Select(r => r.ProviderName).Append(null).Distinct(StringComparer.Ordinal).ToList())
            {
                o.Rules.Add(new LoggerFilterRule(provider, RequestLineCategory, LogLevel.Warning, null));
            }
        });
    }
}
