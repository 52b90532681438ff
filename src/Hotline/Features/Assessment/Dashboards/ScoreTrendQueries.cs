using System.Globalization;
using Hotline.Domain.Analytics;
using Hotline.Domain.Assessment;
using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Assessment.Dashboards;

/// <summary>One point of the trend: its days, the orders assessed, the trend's figures and the composite.</summary>
public sealed record ScoreTrendPoint(DateOnly From, DateOnly To, long AssessedOrders, IReadOnlyDictionary<string, FigureValue> Figures, decimal? Composite);

/// <summary>
/// The on-time and satisfaction trends for the caller's scope (or one unit's subtree in it): the figures' formulas, the rules in
/// force at the period's end, and a point per week or month.
/// </summary>
public sealed record ScoreTrendView(
    DateOnly From, DateOnly To, TimeGrain Grain, long? UnitId, string? UnitName, RulesDto Rules, IReadOnlyList<FormulaDto> Formulas, IReadOnlyList<ScoreTrendPoint> Points);

/// <summary>
/// Reads the trend from the assessment engine's rollups in one pass: the sums of every measure per day over the whole period
/// for the units of the scope (one GROUP BY over <c>assessment_rollups</c>), the overdue open facts per day, and the approved
/// appeals applied by <see cref="AssessmentQueries.ApplyAppeals"/> as the unit scores apply them; each point is then summed from its days.
/// </summary>
public sealed class ScoreTrendQueries(HotlineDbContext db, AssessmentQueries assessment, TimeProvider time)
{
    public async Task<ScoreTrendView> TrendAsync(AccessScope scope, AssessmentPeriod period, long? unitId, CancellationToken ct)
    {
        var points = ScoreTrend.Points(period);
        var units = await db.Set<Unit>().AsNoTracking().ToListAsync(ct);
        Unit? unit = null;
        List<long>? ids;
        if (unitId is { } id)
        {
            unit = units.FirstOrDefault(u => u.Id == id) is { } u && scope.Covers(u.Path) ? u : throw Domain.ValidationException.For("unitId", "No such unit in your scope.");
            ids = [.. units.Where(x => x.Path.StartsWith(unit.Path, StringComparison.Ordinal)).Select(x => x.Id)];
        }
        else
        {
            ids = scope.IsPlatformWide ? null : [.. units.Where(x => scope.Covers(x.Path)).Select(x => x.Id)];
        }

        var (sums, overdue) = await DailySumsAsync(period, ids, ct);
        var rules = await AssessmentContext.LoadRulesAsync(db, ct);
        var result = points.Select(p =>
        {
            var (figures, composite, assessed) = ScoreTrend.Evaluate(p, sums, overdue, rules);
            return new ScoreTrendPoint(p.From, p.To, assessed, ScoreTrend.Figures.ToDictionary(c => c, c => new FigureValue(figures[c].Numerator, figures[c].Denominator, figures[c].Rate)), composite);
        }).ToList();
        return new ScoreTrendView(period.From, period.To, ScoreTrend.GrainOf(period), unit?.Id, unit?.Name, RulesDto.From(AssessmentRules.InForce(rules, period.To)),
            [.. ScoreTrend.Figures.Select(c => FormulaDto.From(Domain.Assessment.Formulas.ByCode[c]))], result);
    }

    /// <summary>Per local day, the measures of the units given (null: every unit) with approved appeals applied, and their overdue open facts.</summary>
    public async Task<(Dictionary<DateOnly, AssessmentMeasures> Sums, Dictionary<DateOnly, long> Overdue)> DailySumsAsync(
        AssessmentPeriod period, IReadOnlyCollection<long>? unitIds, CancellationToken ct)
    {
        var sums = new Dictionary<DateOnly, AssessmentMeasures>();
        if (unitIds is { Count: 0 })
        {
            return (sums, []);
        }

        // The ids are the server's own longs, written as literals (no text from the request reaches the SQL).
        var units = unitIds is null ? "" : $" AND unit_id IN ({string.Join(",", unitIds.Select(i => i.ToString(CultureInfo.InvariantCulture)))})";
        await assessment.ReadAsync(
            $"SELECT day, {AssessmentQueries.Sums} FROM assessment_rollups WHERE day >= @from AND day <= @to AND unit_id <> 0{units} GROUP BY day",
            period,
            r =>
            {
                var values = new long[AssessmentMeasures.Names.Length];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = r.IsDBNull(i + 1) ? 0 : Convert.ToInt64(r.GetValue(i + 1), CultureInfo.InvariantCulture);
                }

                sums[r.GetFieldValue<DateOnly>(0)] = AssessmentMeasures.FromArray(values);
            },
            ct);

        var now = time.GetUtcNow().UtcDateTime;
        var facts = db.Set<AssessmentFactRow>().AsNoTracking().Where(f => f.OpenDueUtc != null && f.OpenDueUtc < now && f.Day >= period.From && f.Day <= period.To);
        facts = unitIds is null ? facts.Where(f => f.UnitId != 0) : facts.Where(f => unitIds.Contains(f.UnitId));
        var overdue = await facts.GroupBy(f => f.Day).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        AssessmentQueries.ApplyAppeals(sums, overdue, await assessment.AppealedFactsAsync(period, unitIds, ct), f => f.Day, now);
        return (sums, overdue);
    }
}
