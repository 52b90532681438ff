using Hotline.Infrastructure.Jobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Hotline.Infrastructure.Observability;

/// <summary>Unhealthy when a background loop of this node has not finished a pass for longer than <see cref="ObservabilityOptions.MaxJobLagSeconds"/>.</summary>
public sealed class JobLagHealthCheck(JobHeartbeats heartbeats, IOptions<ObservabilityOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var limit = TimeSpan.FromSeconds(options.Value.MaxJobLagSeconds);
        var late = heartbeats.Lags().Where(l => l.Lag > limit).Select(l => l.Job).Order(StringComparer.Ordinal).ToList();
        return Task.FromResult(late.Count == 0
            ? HealthCheckResult.Healthy("background loops current")
            : HealthCheckResult.Unhealthy($"behind for more than {limit.TotalSeconds:0} s: {string.Join(", ", late)}"));
    }
}
