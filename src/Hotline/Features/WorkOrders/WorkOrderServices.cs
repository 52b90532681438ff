using Hotline.Features.Dispatch;
using Hotline.Features.Supervision;

namespace Hotline.Features.WorkOrders;

public static class WorkOrderServices
{
    public static IServiceCollection AddWorkOrders(this IServiceCollection services)
    {
        services.AddSingleton<WorkOrderNumbers>();
        services.AddSingleton<WorkOrderClocks>();
        services.AddSingleton<CategoryDirectory>();
        services.AddScoped<WorkOrderCommands>();
        services.AddScoped<WorkOrderIndexer>();
        services.AddScoped<Infrastructure.Search.ISearchSource>(sp => sp.GetRequiredService<WorkOrderIndexer>());
        services.AddSingleton<AlertLightJob>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertLightJob>());
        services.AddSignalR();
        services.AddSingleton<LiveUpdates.LiveUpdatePublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveUpdates.LiveUpdatePublisher>());
        return services;
    }
}
