namespace Hotline.Infrastructure.Jobs;

public static class HostedServices
{
    /// <summary>A background service that tests and endpoints can also call directly: one instance, also the hosted one.</summary>
    public static IServiceCollection AddSingletonHostedService<T>(this IServiceCollection services)
        where T : class, IHostedService
    {
        services.AddSingleton<T>();
        services.AddHostedService(sp => sp.GetRequiredService<T>());
        return services;
    }
}
