using System.Threading.RateLimiting;
using Hotline.Features.Supervision.Proposals;
using Hotline.Infrastructure.Jobs;
using Microsoft.AspNetCore.RateLimiting;

namespace Hotline.Features.Supervision;

public static class SupervisionServices
{
    /// <summary>The alert lights and automatic reminders (S7, S8); supervision notices, their lights and the public listing (issue 16).</summary>
    public static IServiceCollection AddSupervision(this IServiceCollection services)
    {
        services.AddSingletonHostedService<AlertLightJob>();
        services.AddScoped<NoticeStore>();
        services.AddScoped<NoticeQueries>();
        services.AddScoped<NoticeCommands>();
        services.AddSingletonHostedService<NoticeLightJob>();
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            var perMinute = configuration.GetValue("Portal:SupervisionListingRequestsPerMinute", 60);
            o.AddPolicy(PublicListingEndpoints.RateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                Infrastructure.Web.ClientAddress.Of(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        services.AddSupervisionProposals(); // issue 16, proposals
        return services;
    }
}
