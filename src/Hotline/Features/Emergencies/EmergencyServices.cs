namespace Hotline.Features.Emergencies;

public static class EmergencyServices
{
    /// <summary>Emergency work orders (issue 15): the roster's lookup of who is on duty.</summary>
    public static IServiceCollection AddEmergencies(this IServiceCollection services) => services.AddScoped<DutyRosterLookup>();

    public static IEndpointRouteBuilder MapEmergencyEndpoints(this IEndpointRouteBuilder app) => app.MapEmergencies().MapDutyRoster().MapEmergencyPlans();
}
