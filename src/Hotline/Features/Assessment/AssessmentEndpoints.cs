using Hotline.Domain;
using Hotline.Domain.Assessment;
using Hotline.Domain.Citizens;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Assessment;

/// <summary>
/// The assessment (S9): the formulas, the scores of the units in the caller's scope for a period, one unit's figures with
/// their formulas, the orders behind a figure (drill-down), and the rebuild of the facts and rollups.
/// </summary>
public static class AssessmentEndpoints
{
    public static IEndpointRouteBuilder MapAssessment(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessment").WithTags("Assessment");
        group.MapGet("/formulas", () => TypedResults.Ok(Formulas.List.Select(FormulaDto.From).ToList())).RequireAuthorization(Policies.ReadAssessment);
        group.MapGet("/scores", Scores).RequireAuthorization(Policies.ReadAssessment);
        group.MapGet("/units/{unitId:long}", Unit).RequireAuthorization(Policies.ReadAssessment);
        group.MapGet("/units/{unitId:long}/orders", Orders).RequireAuthorization(Policies.ReadAssessment);
        group.MapPost("/rollups/rebuild", async (AssessmentFollower follower, CancellationToken ct) =>
            await follower.RebuildAsync(ct) is { } read
                ? TypedResults.Ok(new RebuildResult(read))
                : throw new DomainException("assessment.rebuild_busy", "Another node is maintaining the rollups now; try again later."))
            .RequireAuthorization(Policies.RebuildAssessment);
        app.MapAssessmentRules();
        app.MapAssessmentLedger();
        app.MapAssessmentAppeals();
        return app;
    }

    public sealed record RebuildResult(long Orders);

    internal static async Task<Ok<ScoresDto>> Scores(
        AssessmentQueries queries, CurrentUser user, int? year, int? month, int? quarter, [MaxLength(10)] string? from, [MaxLength(10)] string? to, CancellationToken ct)
    {
        var period = PeriodChoice.Parse(year, month, quarter, from, to);
        var units = await queries.ForPeriodAsync(user.Scope, period, ct);
        return TypedResults.Ok(new ScoresDto(period.From, period.To, RulesDto.From(await queries.RulesForAsync(period, ct)), units));
    }

    internal static async Task<Ok<UnitAssessmentDto>> Unit(
        long unitId, AssessmentQueries queries, HotlineDbContext db, CurrentUser user,
        int? year, int? month, int? quarter, [MaxLength(10)] string? from, [MaxLength(10)] string? to, CancellationToken ct)
    {
        var period = PeriodChoice.Parse(year, month, quarter, from, to);
        var units = await db.Set<Unit>().AsNoTracking().ToListAsync(ct);
        var unit = InScope(units, unitId, user);
        var (sums, overdue) = await queries.PeriodSumsAsync(period, ct);
        var rules = await queries.RulesForAsync(period, ct);
        var score = AssessmentQueries.Score(unit, units, sums, overdue, rules, await queries.LedgerByUnitAsync(period, ct), await queries.RatingsByUnitAsync(period, ct));
        var subtree = Subtree(units, unit);
        var total = subtree.Aggregate(default(AssessmentMeasures), (acc, id) => acc + sums.GetValueOrDefault(id));
        var appealed = await queries.AppealedFactsAsync(period, subtree, ct);
        var appealIds = appealed.Select(a => (a.Fact.WorkOrderId, a.Fact.UnitId)).ToHashSet();
        var orderIds = appealIds.Select(a => a.WorkOrderId).ToList();
        var appeals = (await db.Set<AssessmentAppeal>().AsNoTracking()
            .Where(a => a.State == AppealState.Approved && orderIds.Contains(a.WorkOrderId)).ToListAsync(ct))
            .Where(a => appealIds.Contains((a.WorkOrderId, a.UnitId))).ToList();

        var figures = Formulas.List.Select(f =>
        {
            var value = score.Figures[f.Code];
            var mine = appeals.Where(a => f.Source == FigureSource.Orders && (a.FormulaCode == f.Code || a.FormulaCode == Formulas.All)).Select(AppealDto.From).ToList();
            var exclusions = f.Exclusions.Select(kind => new ExclusionCount(kind, kind switch
            {
                ExclusionKind.Invalid => total.ExcludedInvalid,
                ExclusionKind.Duplicate => total.ExcludedDuplicate,
                ExclusionKind.Unreasonable => total.ExcludedUnreasonable,
                ExclusionKind.Exempt => total.ExcludedExempt,
                _ => mine.Count,
            })).ToList();
            return new FigureDetail(FormulaDto.From(f), value.Numerator, value.Denominator, value.Rate, exclusions, mine);
        }).ToList();
        return TypedResults.Ok(new UnitAssessmentDto(score, period.From, period.To, RulesDto.From(rules), figures));
    }

    /// <summary>The orders behind one figure of one unit (its subtree) in a period, as the work-order list shows them (masked alike).</summary>
    private static async Task<Ok<Paged<WorkOrderSummary>>> Orders(
        long unitId, [MaxLength(Limits.Reference)] string? formula, [MaxLength(Limits.Reference)] string? part, AssessmentQueries queries, HotlineDbContext db, CurrentUser user,
        WorkOrderClocks clocks, int? year, int? month, int? quarter, [MaxLength(10)] string? from, [MaxLength(10)] string? to, int? page, int? pageSize,
        CancellationToken ct)
    {
        var ids = await DrillIdsAsync(unitId, formula, part, queries, db, user, clocks, PeriodChoice.Parse(year, month, quarter, from, to), ct);
        var (number, size) = Paging.Normalise(page, pageSize);
        var total = await ids.CountAsync(ct);
        var pageIds = await ids.OrderByDescending(id => id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        var orders = await db.Set<WorkOrder>().AsNoTracking().Where(w => pageIds.Contains(w.Id)).OrderByDescending(w => w.Id).ToListAsync(ct);
        var actor = user.ToActor();
        return TypedResults.Ok(new Paged<WorkOrderSummary>([.. orders.Select(o => WorkOrderSummary.From(o, actor, clocks.Calendar, clocks.Now))], total, number, size));
    }

    /// <summary>The ids of the orders behind one figure (<paramref name="part"/>: numerator, denominator or excluded) of one unit's subtree in a period (the drill-down and its export).</summary>
    internal static async Task<IQueryable<long>> DrillIdsAsync(
        long unitId, string? formula, string? part, AssessmentQueries queries, HotlineDbContext db, CurrentUser user, WorkOrderClocks clocks, AssessmentPeriod period,
        CancellationToken ct)
    {
        var definition = formula is not null && Formulas.ByCode.TryGetValue(formula, out var f) && f.Source != FigureSource.SupervisionLedger
            ? f : throw ValidationException.For("formula", "Use a formula code of /api/assessment/formulas counting orders (the ledger's figures drill down to /ledger).");
        var units = await db.Set<Unit>().AsNoTracking().ToListAsync(ct);
        var subtree = Subtree(units, InScope(units, unitId, user));
        if (definition.Source == FigureSource.ServiceRatings)
        {
            return RatedOrders(db, subtree, definition.Code, Parse<FigurePart>(part, "part") ?? FigurePart.Numerator, period, clocks.Now.UtcDateTime);
        }

        var appealed = (await queries.AppealedFactsAsync(period, subtree, ct))
            .Where(a => a.Codes.Contains(definition.Code) || a.Codes.Contains(Formulas.All)).Select(a => a.Fact.WorkOrderId).ToList();
        var now = clocks.Now.UtcDateTime;
        var facts = db.Set<AssessmentFactRow>().AsNoTracking().Where(x => subtree.Contains(x.UnitId) && x.Day >= period.From && x.Day <= period.To);
        var onTime = definition.Code == Formulas.OnTimeCompletion;
        var exempt = definition.ExcludesExempt;
        facts = (Parse<FigurePart>(part, "part") ?? FigurePart.Numerator) switch
        {
            FigurePart.Numerator => facts.Where(x => EF.Property<int>(x, definition.NumeratorMeasure) > 0 && !appealed.Contains(x.WorkOrderId)),
            FigurePart.Denominator => facts.Where(x => (EF.Property<int>(x, definition.DenominatorMeasure) > 0 || (onTime && x.OpenDueUtc < now)) && !appealed.Contains(x.WorkOrderId)),
            _ => facts.Where(x => x.Held > 0 && (x.ExcludedInvalid > 0 || x.ExcludedDuplicate > 0 || x.ExcludedUnreasonable > 0 || (exempt && x.ExcludedExempt > 0) || appealed.Contains(x.WorkOrderId))),
        };
        return facts.Select(x => x.WorkOrderId).Distinct();
    }

    /// <summary>The orders behind a 好差评 figure (issue 18): the ratings of the period counted in its numerator or denominator; nothing is excluded.</summary>
    private static IQueryable<long> RatedOrders(HotlineDbContext db, List<long> subtree, string code, FigurePart part, AssessmentPeriod period, DateTime nowUtc)
    {
        var ratings = db.Set<ServiceRating>().AsNoTracking().Where(ServiceRatingCounts.RatedIn(period)).Where(r => r.UnitId != null && subtree.Contains(r.UnitId.Value));
        var good = code == Formulas.GoodRatingRate;
        ratings = part switch
        {
            FigurePart.Numerator => ratings.Where(good ? ServiceRatingCounts.Good : ServiceRatingCounts.BadInTime),
            FigurePart.Denominator => good ? ratings : ratings.Where(ServiceRatingCounts.BadCountedAt(nowUtc)),
            _ => ratings.Where(r => false),
        };
        return ratings.Select(r => r.WorkOrderId);
    }

    /// <summary>An enum query value by name, any case (null when absent; a field-named 400 when unknown).</summary>
    internal static T? Parse<T>(string? value, string field)
        where T : struct, Enum =>
        value is null ? null
        : Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _) ? parsed
        : throw ValidationException.For(field, $"Use one of: {string.Join(", ", Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}.");

    /// <summary>The unit, when the caller's scope covers it (404 otherwise: outside the scope a unit is not shown to exist).</summary>
    internal static Unit InScope(IReadOnlyList<Unit> units, long unitId, CurrentUser user) =>
        units.FirstOrDefault(u => u.Id == unitId) is { } unit && user.Scope.Covers(unit.Path) ? unit : throw new NotFoundException("unit_not_found", "No such unit in your scope.");

    internal static List<long> Subtree(IReadOnlyList<Unit> units, Unit unit) => [.. units.Where(u => u.Path.StartsWith(unit.Path, StringComparison.Ordinal)).Select(u => u.Id)];
}
