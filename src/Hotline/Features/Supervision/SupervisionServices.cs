using Hotline.Features.Supervision.Proposals;
using Hotline.Infrastructure.Jobs;

namespace Hotline.Features.Supervision;

public static class SupervisionServices
{
    /// <summary>The alert lights and automatic reminders (S7, S8).</summary>
    public static IServiceCollection AddSupervision(this IServiceCollection services)
    {
        services.AddSingletonHostedService<AlertLightJob>();
        services.AddScoped<NoticeStore>();
        services.AddSupervisionProposals(); // issue 16, proposals
        return services;
    }
}
