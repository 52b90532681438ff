using Hotline.Domain;
using Hotline.Domain.Dispatch;
using Hotline.Domain.Emergencies;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static Hotline.Features.WorkOrders.WorkOrderRoutes;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Emergencies;

public sealed record RaiseEmergencyRequest([property: MaxLength(Limits.Reason)] string? Note, long? Version);

public sealed record EmergencyCheckRequest([property: MaxLength(Limits.Reason)] string? Note, long? Version);

public sealed record EmergencyCallRequest(
    [property: MaxLength(Limits.LongName)] string? Department,
    [property: MaxLength(Limits.ShortText)] string? Contact,
    DateTimeOffset? CalledAt,
    [property: MaxLength(Limits.Reason)] string? Agreed,
    long? Version);

public sealed record EmergencyReportRequest([property: MaxLength(EmergencyReports.MaxDepartments)] IReadOnlyList<string>? Departments, long? Version);

/// <summary>The limits of a report's addressees.</summary>
public static class EmergencyReports
{
    public const int MaxDepartments = 10;
}

/// <summary>
/// Emergency work orders (S4, issue 15): raise (紧急上报), the duty team leader's check (confirm or dismiss), the
/// dispatcher's confirming call, the report to the city government's departments, and the plan an emergency is routed by.
/// </summary>
public static class EmergencyEndpoints
{
    public static IEndpointRouteBuilder MapEmergencies(this IEndpointRouteBuilder app)
    {
        var group = Group(app);
        group.MapPost("/{id:long}/raise-emergency", (long id, RaiseEmergencyRequest r, WorkOrderCommands c, DutyRosterLookup roster, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, async (o, clock) => o.RaiseEmergency(c.Actor, clock, await roster.OnDutyAsync(clock.UtcNow, ct), r.Note), ct)))
            .RequireAuthorization(Policies.Intake);
        group.MapPost("/{id:long}/confirm-emergency", (long id, EmergencyCheckRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.ConfirmEmergency(c.Actor, clock, r.Note), ct)))
            .RequireAuthorization(Policies.CheckEmergency);
        group.MapPost("/{id:long}/dismiss-emergency", (long id, ReasonRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.DismissEmergency(c.Actor, clock, r.Reason ?? string.Empty), ct)))
            .RequireAuthorization(Policies.CheckEmergency);
        group.MapPost("/{id:long}/record-emergency-call", (long id, EmergencyCallRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.RecordEmergencyCall(
                c.Actor, clock, r.Department ?? string.Empty, r.Contact ?? string.Empty, r.CalledAt?.UtcDateTime ?? clock.UtcNow, r.Agreed ?? string.Empty), ct)))
            .RequireAuthorization(Policies.Dispatch);
        group.MapPost("/{id:long}/report-emergency", (long id, EmergencyReportRequest r, WorkOrderCommands c, HotlineDbContext db, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, async (o, clock) =>
            {
                var departments = r.Departments ?? [];
                var category = await db.Set<Category>().AsNoTracking().Where(x => x.Code == o.CategoryCode).Select(x => x.Name).SingleOrDefaultAsync(ct) ?? o.CategoryCode;
                o.ReportEmergency(c.Actor, clock, departments, EmergencyReportText.Compose(o, category, [.. departments.Select(d => d.Trim()).Where(d => d.Length > 0)], c.Actor.Name, clock.UtcNow));
            }, ct)))
            .RequireAuthorization(Policies.ReportEmergency);
        group.MapGet("/{id:long}/emergency-plan", EmergencyPlanFor).RequireAuthorization(Policies.Dispatch);
        return app;
    }

    /// <summary>The plan an emergency of this order's category is routed by (its units are proposed when dispatching); null when none.</summary>
    private static async Task<Ok<EmergencyPlanDto?>> EmergencyPlanFor(long id, WorkOrderCommands c, HotlineDbContext db, CancellationToken ct)
    {
        var order = await c.LoadVisibleAsync(id, ct);
        var plans = await db.Set<EmergencyPlan>().AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok<EmergencyPlanDto?>(EmergencyPlan.For(plans, order.CategoryCode) is { } plan ? EmergencyPlanDto.From(plan) : null);
    }
}
