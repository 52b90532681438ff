using Hotline.Infrastructure.Jobs;

namespace Hotline.Features.Analytics;

public static class AnalyticsServices
{
    /// <summary>Hot spots, early warnings and seasonal reminders (S11).</summary>
    public static IServiceCollection AddAnalytics(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AnalyticsOptions>(configuration.GetSection(AnalyticsOptions.Section));
        services.AddSingletonHostedService<HotSpotJob>();
        return services;
    }
}
