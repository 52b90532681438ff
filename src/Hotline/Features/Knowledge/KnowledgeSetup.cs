using System.Threading.RateLimiting;
using Hotline.Features.Portal;
using Microsoft.AspNetCore.RateLimiting;

namespace Hotline.Features.Knowledge;

public static class KnowledgeSetup
{
    public static IServiceCollection AddKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<KnowledgeIndexer>();
        services.AddScoped<Infrastructure.Search.ISearchSource>(sp => sp.GetRequiredService<KnowledgeIndexer>());
        services.AddSingleton<KnowledgeExpiryJob>();
        services.AddHostedService(sp => sp.GetRequiredService<KnowledgeExpiryJob>());
        services.Configure<RateLimiterOptions>(o =>
        {
            var perMinute = configuration.GetValue("Portal:KnowledgeRequestsPerMinute", 60);
            o.AddPolicy(PortalKnowledgeEndpoints.RateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                Infrastructure.Web.ClientAddress.Of(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        return services;
    }
}
