using Hotline.Infrastructure.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hotline.Infrastructure.Web;

/// <summary>Healthy when the database answers a query.</summary>
public sealed class DatabaseHealthCheck(HotlineDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy($"{db.Database.ProviderName} reachable")
                : HealthCheckResult.Unhealthy("database unreachable");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("database unreachable", e);
        }
    }
}
