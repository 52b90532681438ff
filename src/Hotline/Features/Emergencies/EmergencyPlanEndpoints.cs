using Hotline.Domain;
using Hotline.Domain.Dispatch;
using Hotline.Domain.Emergencies;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Emergencies;

public sealed record EmergencyPlanDto(long Id, string CategoryCode, string Name, long LeadUnitId, string LeadUnitName, string LeadContact, IReadOnlyList<EmergencyPlanUnit> CoUnits, long Version)
{
    public static EmergencyPlanDto From(EmergencyPlan p) => new(p.Id, p.CategoryCode, p.Name, p.LeadUnitId, p.LeadUnitName, p.LeadContact, p.CoUnits, p.Version);
}

public sealed record EmergencyPlanCoUnitRequest(long? UnitId, [property: MaxLength(Limits.ShortText)] string? Contact);

public sealed record EmergencyPlanRequest(
    [property: MaxLength(Limits.Code)] string? CategoryCode,
    [property: MaxLength(Limits.LongName)] string? Name,
    long? LeadUnitId,
    [property: MaxLength(Limits.ShortText)] string? LeadContact,
    [property: MaxLength(EmergencyPlan.MaxCoUnits)] IReadOnlyList<EmergencyPlanCoUnitRequest>? CoUnits,
    long? Version);

/// <summary>The emergency plan catalogue (应急预案, issue 15): category → the units to alert and to phone.</summary>
public static class EmergencyPlanEndpoints
{
    public static IEndpointRouteBuilder MapEmergencyPlans(this IEndpointRouteBuilder app)
    {
        var plans = app.MapGroup("/api/emergency-plans").WithTags("Emergencies");
        plans.MapGet("/", async (HotlineDbContext db, CancellationToken ct) =>
            TypedResults.Ok((await db.Set<EmergencyPlan>().AsNoTracking().ToListAsync(ct)).OrderBy(p => p.CategoryCode, StringComparer.Ordinal).Select(EmergencyPlanDto.From).ToList()))
            .RequireAuthorization(Policies.ReadCatalogue);
        plans.MapPost("/", Create).RequireAuthorization(Policies.ManageEmergencyPlans);
        plans.MapPut("/{id:long}", Update).RequireAuthorization(Policies.ManageEmergencyPlans);
        plans.MapDelete("/{id:long}", Delete).RequireAuthorization(Policies.ManageEmergencyPlans);
        return app;
    }

    private static async Task<Created<EmergencyPlanDto>> Create(EmergencyPlanRequest request, HotlineDbContext db, CancellationToken ct)
    {
        var (category, lead, coUnits) = await ResolveAsync(request, db, ct);
        if (await db.Set<EmergencyPlan>().AnyAsync(p => p.CategoryCode == category, ct))
        {
            throw new DomainException("emergency_plan.category_taken", "This category has a plan already: edit it.");
        }

        var plan = EmergencyPlan.Create(category, request.Name ?? string.Empty, lead, request.LeadContact ?? string.Empty, coUnits);
        db.Add(plan);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/emergency-plans/{plan.Id}", EmergencyPlanDto.From(plan));
    }

    private static async Task<Ok<EmergencyPlanDto>> Update(long id, EmergencyPlanRequest request, HotlineDbContext db, CancellationToken ct)
    {
        var plan = await db.Set<EmergencyPlan>().SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("emergency_plan.not_found", "No such plan.");
        db.ExpectVersion(plan, request.Version ?? throw ValidationException.For("version", "Give the version you edited."));
        var (category, lead, coUnits) = await ResolveAsync(request, db, ct);
        if (await db.Set<EmergencyPlan>().AnyAsync(p => p.CategoryCode == category && p.Id != id, ct))
        {
            throw new DomainException("emergency_plan.category_taken", "This category has a plan already: edit it.");
        }

        plan.Update(category, request.Name ?? string.Empty, lead, request.LeadContact ?? string.Empty, coUnits);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(EmergencyPlanDto.From(plan));
    }

    private static async Task<NoContent> Delete(long id, HotlineDbContext db, CancellationToken ct)
    {
        var plan = await db.Set<EmergencyPlan>().SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("emergency_plan.not_found", "No such plan.");
        db.Remove(plan);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<(string Category, Domain.Organisation.Unit Lead, List<(Domain.Organisation.Unit, string)> CoUnits)> ResolveAsync(
        EmergencyPlanRequest request, HotlineDbContext db, CancellationToken ct)
    {
        var code = request.CategoryCode?.Trim() ?? string.Empty;
        if (!await db.Set<Category>().AnyAsync(c => c.Code == code && c.IsActive, ct))
        {
            throw ValidationException.For("categoryCode", "Choose an active category.");
        }

        var lead = await UnitAsync(db, request.LeadUnitId, "leadUnitId", ct);
        var coUnits = new List<(Domain.Organisation.Unit, string)>();
        foreach (var co in request.CoUnits ?? [])
        {
            coUnits.Add((await UnitAsync(db, co.UnitId, "coUnits", ct), co.Contact ?? string.Empty));
        }

        return (code, lead, coUnits);
    }

    private static async Task<Domain.Organisation.Unit> UnitAsync(HotlineDbContext db, long? id, string field, CancellationToken ct) =>
        id is { } unitId && await db.Units.SingleOrDefaultAsync(u => u.Id == unitId && u.IsActive, ct) is { } unit
            ? unit
            : throw ValidationException.For(field, "Choose an active unit.");
}
