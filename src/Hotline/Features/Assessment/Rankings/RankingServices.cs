using Hotline.Features.Supervision;
using Hotline.Infrastructure.Jobs;

namespace Hotline.Features.Assessment.Rankings;

/// <summary>Issue 17: rankings, the interview list (约谈), service targets, qualitative items, circulation and the 综合考核 export.</summary>
public static class RankingServices
{
    public static IServiceCollection AddAssessmentRankings(this IServiceCollection services)
    {
        services.AddScoped<RankingService>();
        services.AddScoped<ResultSheet>();
        services.AddScoped<InterviewService>();
        services.AddScoped<MisconductLookup>();
        services.AddSingletonHostedService<InterviewJob>();
        services.AddScoped<Supervision.Proposals.IUnitFigureSource, RankingFigureSource>(); // the low-rate and falling-rank supervision triggers
        return services;
    }

    public static IEndpointRouteBuilder MapAssessmentRankings(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/assessment").WithTags("Assessment").MapRankings().MapInterviews().MapQualitative().MapCirculations();
        return app;
    }
}
