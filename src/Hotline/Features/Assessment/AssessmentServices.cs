using Hotline.Infrastructure.Jobs;

namespace Hotline.Features.Assessment;

public static class AssessmentServices
{
    /// <summary>The assessment engine (issue 17): the facts' follower, the queries behind <see cref="IUnitScores"/>.</summary>
    public static IServiceCollection AddAssessment(this IServiceCollection services)
    {
        services.AddSingletonHostedService<AssessmentFollower>();
        services.AddScoped<AssessmentQueries>();
        services.AddScoped<IUnitScores>(sp => sp.GetRequiredService<AssessmentQueries>());
        services.AddScoped<AssessmentFactWriter>();
        services.AddSingleton<Infrastructure.Data.IAfterBulkLoad, AssessmentAfterBulkLoad>(); // hotline generate
        return services;
    }
}
