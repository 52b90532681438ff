using Hotline.Features.SmartDispatch.HotSpots;
using Hotline.Features.SmartDispatch.Repeats;
using Hotline.Features.SmartDispatch.Routing;

namespace Hotline.Features.SmartDispatch;

/// <summary>Wiring of smart dispatch (issue 6): routing models and suggestions, repeat candidates, hot spots and early warning.</summary>
public static class SmartDispatchServices
{
    public static IServiceCollection AddSmartDispatch(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmartDispatchOptions>(configuration.GetSection(SmartDispatchOptions.Section));
        services.AddSingleton<RouterModelRegistry>();
        services.AddHostedService<RouterModelLoader>();
        services.AddSingleton<RouterTraining>();
        services.AddScoped<RoutingSuggestions>();
        Hosted<RouterTrainingJob>(services);
        Hosted<RoutingOutcomeRecorder>(services);
        Hosted<RepeatCandidateIndex>(services);
        Hosted<HotSpotJob>(services);
        return services;
    }

    public static IEndpointRouteBuilder MapSmartDispatch(this IEndpointRouteBuilder app) => app.MapRouting().MapRepeatCandidates().MapHotSpots();

    /// <summary>A background service that tests and endpoints can also call directly (one instance).</summary>
    private static void Hosted<T>(IServiceCollection services)
        where T : class, IHostedService
    {
        services.AddSingleton<T>();
        services.AddHostedService(sp => sp.GetRequiredService<T>());
    }
}
