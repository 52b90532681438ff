using Hotline.Features.Dispatch.Routing;
using Hotline.Infrastructure.Jobs;

namespace Hotline.Features.Dispatch;

public static class DispatchServices
{
    /// <summary>The dispatch catalogue, and routing models and suggestions (S4).</summary>
    public static IServiceCollection AddDispatch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CategoryDirectory>();
        services.Configure<RoutingOptions>(configuration.GetSection(RoutingOptions.Section));
        services.AddSingleton<RouterModelRegistry>();
        services.AddHostedService<RouterModelLoader>();
        services.AddSingleton<RouterTraining>();
        services.AddScoped<RoutingSuggestions>();
        services.AddSingletonHostedService<RouterTrainingJob>();
        services.AddSingletonHostedService<RoutingOutcomeRecorder>();
        return services;
    }
}
