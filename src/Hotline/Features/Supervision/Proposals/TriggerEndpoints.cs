using Hotline.Domain;
using Hotline.Domain.Supervision;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Supervision.Proposals;

public sealed record TriggerDto(
    long Id, string Code, string Name, string SourceKind, IReadOnlyDictionary<string, string?> Parameters, IReadOnlyList<string> ParameterNames, bool Enabled, bool HasSource,
    SupervisionMethod DefaultMethod, int DefaultDeadlineWorkingDays, string DefaultDemand, long Version);

/// <summary>One parameter of a trigger's source (a threshold or a figure's name).</summary>
public sealed record TriggerParameter([property: MaxLength(SupervisionLimits.Trigger)] string? Name, [property: MaxLength(Limits.Reference)] string? Value);

public sealed record TriggerRequest(
    bool? Enabled,
    [property: MaxLength(10)] IReadOnlyList<TriggerParameter>? Parameters,
    SupervisionMethod? DefaultMethod,
    int? DefaultDeadlineWorkingDays,
    [property: MaxLength(Limits.MediumText)] string? DefaultDemand,
    long? Version);

/// <summary>The trigger list (S8) as data: everyone who supervises reads it; administrators and the centre manager tune it.</summary>
public static class TriggerEndpoints
{
    public static IEndpointRouteBuilder MapSupervisionTriggers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/supervision/triggers").WithTags("Supervision");
        group.MapGet("/", List).RequireAuthorization(Policies.ReadSupervisionTriggers);
        group.MapPut("/{code}", Update).RequireAuthorization(Policies.ManageSupervisionTriggers);
        return app;
    }

    private static async Task<Ok<List<TriggerDto>>> List(HotlineDbContext db, IServiceProvider services, CancellationToken ct)
    {
        var kinds = Readable(services);
        var triggers = await db.Set<SupervisionTrigger>().AsNoTracking().OrderBy(t => t.Id).ToListAsync(ct);
        return TypedResults.Ok(triggers.Select(t => Dto(t, kinds)).ToList());
    }

    private static async Task<Ok<TriggerDto>> Update(string code, TriggerRequest request, HotlineDbContext db, IServiceProvider services, CancellationToken ct)
    {
        var trigger = await db.Set<SupervisionTrigger>().SingleOrDefaultAsync(t => t.Code == code, ct)
            ?? throw new NotFoundException("trigger_not_found", "No such trigger.");
        var version = request.Version ?? throw ValidationException.For("version", "Give the version you edited.");
        if (version != trigger.Version)
        {
            throw new ConcurrencyConflictException("The trigger was changed by someone else; reload it.");
        }

        db.ExpectVersion(trigger, version);
        var parameters = request.Parameters is null ? trigger.Parameters : Parameters(request.Parameters);
        trigger.Change(
            request.Enabled ?? trigger.Enabled, parameters, request.DefaultMethod ?? trigger.DefaultMethod,
            request.DefaultDeadlineWorkingDays ?? trigger.DefaultDeadlineWorkingDays, request.DefaultDemand ?? trigger.DefaultDemand);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("The trigger was changed by someone else; reload it.");
        }

        return TypedResults.Ok(Dto(trigger, Readable(services)));
    }

    private static Dictionary<string, string?> Parameters(IReadOnlyList<TriggerParameter> parameters)
    {
        if (parameters.Any(p => string.IsNullOrWhiteSpace(p.Name)) || parameters.DistinctBy(p => p.Name!.Trim()).Count() != parameters.Count)
        {
            throw ValidationException.For("parameters", "Name each parameter once.");
        }

        return parameters.ToDictionary(p => p.Name!.Trim(), p => p.Value);
    }

    /// <summary>The source kinds the server can read now (a unit-figure trigger needs a figure provider).</summary>
    private static HashSet<string> Readable(IServiceProvider services)
    {
        var kinds = services.GetServices<ITriggerSource>().Select(s => s.Kind).ToHashSet();
        if (!services.GetServices<IUnitFigureSource>().Any())
        {
            kinds.Remove(TriggerSourceKinds.UnitFigure);
        }

        return kinds;
    }

    private static TriggerDto Dto(SupervisionTrigger t, HashSet<string> kinds) => new(
        t.Id, t.Code, t.Name, t.SourceKind, t.Parameters, TriggerSourceKinds.Parameters.GetValueOrDefault(t.SourceKind)?.Keys.ToList() ?? [], t.Enabled, kinds.Contains(t.SourceKind),
        t.DefaultMethod, t.DefaultDeadlineWorkingDays, t.DefaultDemand, t.Version);
}
