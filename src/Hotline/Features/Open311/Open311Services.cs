using System.Threading.RateLimiting;
using Hotline.Domain.Citizens;
using Hotline.Features.Citizens;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Hotline.Features.Open311;

public static class Open311Services
{
    /// <summary>Open311 GeoReport v2 (issue 18): its settings and its rate limit.</summary>
    public static IServiceCollection AddOpen311(this IServiceCollection services)
    {
        services.AddOptions<Open311Options>().BindConfiguration(Open311Options.Section);
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(Open311Endpoints.RateLimit, http =>
        {
            var options = http.RequestServices.GetRequiredService<IOptionsMonitor<Open311Options>>().CurrentValue;
            // Per key when the header or the query names one (a key in a POST's form is not read before the body: that
            // POST counts against its client address), else per address.
            var key = http.Request.Headers[CitizenAccess.KeyHeader].ToString() is { Length: > 0 } header ? header : http.Request.Query["api_key"].ToString();
            return string.IsNullOrEmpty(key) || key.Length > 200
                ? RateLimitPartition.GetFixedWindowLimiter("open311-address:" + ClientAddress.Of(http), _ => Window(options.RequestsPerAddressPerMinute))
                : RateLimitPartition.GetFixedWindowLimiter("open311-key:" + CitizenRules.Hash(key), _ => Window(options.RequestsPerKeyPerMinute));
        }));
        return services;
    }

    private static FixedWindowRateLimiterOptions Window(int perMinute) => new() { PermitLimit = Math.Max(1, perMinute), Window = TimeSpan.FromMinutes(1) };
}
