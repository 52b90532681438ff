using Hotline.Features.Supervision;
using Hotline.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        // Until the assessment engine registers its IUnitScores, nothing is assessed; the engine's registration replaces this.
        services.TryAddScoped<IUnitScores, NoUnitScores>();
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

/// <summary>No scores: what rankings read before the assessment engine is registered (a fresh worktree of issue 17's parts).</summary>
internal sealed class NoUnitScores : IUnitScores
{
    public Task<IReadOnlyList<UnitScore>> ForPeriodAsync(Domain.Organisation.AccessScope scope, Domain.Assessment.AssessmentPeriod period, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<UnitScore>>([]);
}
