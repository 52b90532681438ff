using Hotline.Infrastructure.Jobs;
using Hotline.Infrastructure.Security;

namespace Hotline.Features.LiveUpdates;

public static class LiveUpdateServices
{
    public static IServiceCollection AddLiveUpdates(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingletonHostedService<LiveUpdatePublisher>();
        services.AddSingletonHostedService<NotificationPublisher>();
        return services;
    }

    public static IEndpointRouteBuilder MapLiveUpdates(this IEndpointRouteBuilder app)
    {
        app.MapHub<WorkOrderHub>("/hubs/work-orders").RequireAuthorization(Policies.Staff);
        return app;
    }
}
