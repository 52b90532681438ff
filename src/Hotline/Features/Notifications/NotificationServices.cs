using Hotline.Infrastructure.Jobs;

namespace Hotline.Features.Notifications;

public static class NotificationServices
{
    /// <summary>Workbench notifications: the follower that makes them from the timeline and the job that escalates them.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddSingletonHostedService<NotificationFollower>();
        services.AddSingletonHostedService<NotificationEscalationJob>();
        return services;
    }
}
