using Hotline.Infrastructure.Jobs;

namespace Hotline.Features.Intake;

public static class IntakeServices
{
    public static IServiceCollection AddIntake(this IServiceCollection services)
    {
        services.AddSingleton<WorkOrderNumbers>();
        services.AddOptions<RegistrationWriterOptions>().BindConfiguration(RegistrationWriterOptions.Section);
        services.AddSingleton<RegistrationWriter>();
        services.AddScoped<IntakeRegistration>();
        services.AddSingletonHostedService<RepeatCandidateIndex>();
        services.AddOptions<Callback.CallbackPolicyOptions>().BindConfiguration(Callback.CallbackPolicyOptions.Section);
        services.AddSingleton<Callback.CallbackPolicy>();
        return services;
    }
}
