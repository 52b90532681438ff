using Hotline.Infrastructure.Jobs;

namespace Hotline.Features.Supervision;

public static class CorrectionServices
{
    /// <summary>Correction and accountability (issue 16): corrections' save path, the circulars and their monthly job.</summary>
    public static IServiceCollection AddSupervisionCorrection(this IServiceCollection services)
    {
        services.AddScoped<CorrectionStore>();
        services.AddScoped<CircularGenerator>();
        services.AddSingletonHostedService<CircularJob>();
        return services;
    }
}
