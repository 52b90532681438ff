namespace Hotline.Infrastructure.Observability;

/// <summary>Settings of logs, metrics, traces and health (configuration section <c>Observability</c>; README lists them).</summary>
public sealed class ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>The shortest <see cref="MetricsToken"/> accepted.</summary>
    public const int MinimumTokenLength = 32;

    /// <summary>A bearer token that lets a Prometheus scraper read <c>/metrics</c> without a staff session; none by default.</summary>
    public string? MetricsToken { get; set; }

    /// <summary>Where traces go over OTLP (e.g. <c>http://collector:4317</c>); with neither this nor OTEL_EXPORTER_OTLP_ENDPOINT, no trace is recorded.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Readiness fails when a background loop (a timeline follower, the alert lights) has not finished a pass for longer.</summary>
    public double MaxJobLagSeconds { get; set; } = 300;
}
