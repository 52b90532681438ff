using Hotline.Infrastructure.Jobs;

namespace Hotline.Features.Supervision.Proposals;

public static class ProposalServices
{
    /// <summary>The proposal job, the trigger sources (one per kind) and the routes of proposals, triggers and difficult issues.</summary>
    public static IServiceCollection AddSupervisionProposals(this IServiceCollection services)
    {
        services.AddSingletonHostedService<ProposalJob>();
        services.AddScoped<ITriggerSource, OrderLightSource>();
        services.AddScoped<ITriggerSource, OrderRedoSource>();
        services.AddScoped<ITriggerSource, OrderRepeatSource>();
        services.AddScoped<ITriggerSource, OrderUnsignedSource>();
        services.AddScoped<ITriggerSource, OrderLatenessSource>();
        services.AddScoped<ITriggerSource, KnowledgeExpiredSource>();
        services.AddScoped<ITriggerSource, KnowledgeErrorReportSource>();
        services.AddScoped<ITriggerSource, UnitFigureTriggerSource>();
        return services;
    }

    public static IEndpointRouteBuilder MapSupervisionProposalRoutes(this IEndpointRouteBuilder app) =>
        app.MapSupervisionProposals().MapSupervisionTriggers().MapDifficultIssues();
}
