using Hotline.Infrastructure.Jobs;
using Hotline.Infrastructure.Search;
using Hotline.Infrastructure.Timeline;

namespace Hotline.Features.WorkOrders;

public static class WorkOrderServices
{
    /// <summary>What every capability shares: the clocks, the one load → verb → save path, the counts every screen shows, and the order's search documents.</summary>
    public static IServiceCollection AddWorkOrders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<WorkOrderClocks>();
        services.AddScoped<WorkOrderCommands>();
        services.AddScoped<WorkOrderStore>();
        services.AddSingleton<Entities.WorkOrderEntityExtractor>(); // issue 19: one per node, shared with the repeat index
        services.AddSingleton<Infrastructure.Data.IAfterBulkLoad, Entities.EntityAfterBulkLoad>(); // hotline generate
        services.AddSingletonHostedService<Entities.EntityRereadJob>(); // issue 19: stored entities read again when the reading changes
        services.AddScoped<WorkOrderCountQuery>();
        services.AddScoped<ISearchSource, WorkOrderSearchSource>();
        services.Configure<TimelineFollowOptions>(configuration.GetSection(TimelineFollowOptions.Section));
        return services;
    }
}
