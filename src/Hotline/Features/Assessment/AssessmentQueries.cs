using System.Data.Common;
using Hotline.Domain.Assessment;
using Hotline.Domain.Citizens;
using Hotline.Domain.Organisation;
using Hotline.Domain.Supervision;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hotline.Features.Assessment;

/// <summary>
/// Reads the rollups: the sums of every measure per unit over a period's days (one GROUP BY over
/// <c>assessment_rollups</c>), and the live part of the on-time denominator (the facts still open past their deadline).
/// Implements <see cref="IUnitScores"/>: each unit in scope is scored on its whole subtree.
/// </summary>
public sealed class AssessmentQueries(HotlineDbContext db, TimeProvider time) : IUnitScores
{
    internal static readonly string Sums = string.Join(", ", AssessmentMeasures.Names.Select(n => $"SUM({HotlineDbContext.ToSnakeCase(n)})"));

    /// <summary>The sums of each unit's own rows (not its subtree) over the period; unit 0 (the orders themselves) left out.</summary>
    public async Task<Dictionary<long, AssessmentMeasures>> SumsByUnitAsync(AssessmentPeriod period, CancellationToken ct)
    {
        var result = new Dictionary<long, AssessmentMeasures>();
        await ReadAsync(
            $"SELECT unit_id, {Sums} FROM assessment_rollups WHERE day >= @from AND day <= @to AND unit_id <> 0 GROUP BY unit_id",
            period,
            r =>
            {
                var values = new long[AssessmentMeasures.Names.Length];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = r.IsDBNull(i + 1) ? 0 : Convert.ToInt64(r.GetValue(i + 1), System.Globalization.CultureInfo.InvariantCulture);
                }

                result[r.GetInt64(0)] = AssessmentMeasures.FromArray(values);
            },
            ct);
        return result;
    }

    /// <summary>Per unit, the orders counted in the period that are still open with it past the handling deadline now.</summary>
    public async Task<Dictionary<long, long>> OverdueOpenByUnitAsync(AssessmentPeriod period, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Set<AssessmentFactRow>().AsNoTracking()
            .Where(f => f.OpenDueUtc != null && f.OpenDueUtc < now && f.Day >= period.From && f.Day <= period.To)
            .GroupBy(f => f.UnitId).Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }

    /// <summary>Each unit's own sums and overdue open orders over the period, with the approved appeals applied.</summary>
    public async Task<(Dictionary<long, AssessmentMeasures> Sums, Dictionary<long, long> Overdue)> PeriodSumsAsync(AssessmentPeriod period, CancellationToken ct)
    {
        var sums = await SumsByUnitAsync(period, ct);
        var overdue = await OverdueOpenByUnitAsync(period, ct);
        ApplyAppeals(sums, overdue, await AppealedFactsAsync(period, null, ct), f => f.UnitId, time.GetUtcNow().UtcDateTime);
        return (sums, overdue);
    }

    /// <summary>
    /// Takes the approved appeals out of sums kept by <paramref name="key"/> (unit, day, …): each appealed fact's measures are
    /// replaced by what the appeal leaves of them, and an open fact past its deadline stops counting as overdue when the
    /// on-time figure is appealed.
    /// </summary>
    public static void ApplyAppeals<TKey>(
        Dictionary<TKey, AssessmentMeasures> sums, Dictionary<TKey, long> overdue, IEnumerable<(AssessmentFactRow Fact, IReadOnlySet<string> Codes)> appealed,
        Func<AssessmentFactRow, TKey> key, DateTime nowUtc)
        where TKey : notnull
    {
        foreach (var (fact, codes) in appealed)
        {
            var k = key(fact);
            sums[k] = sums.GetValueOrDefault(k) - fact.Measures + AssessmentFacts.Appealed(fact.Measures, codes);
            if (fact.OpenDueUtc < nowUtc && (codes.Contains(Formulas.OnTimeCompletion) || codes.Contains(Formulas.All)))
            {
                overdue[k] = overdue.GetValueOrDefault(k) - 1;
            }
        }
    }

    /// <summary>The facts counted in the period that approved appeals change, with the formula codes appealed (of <paramref name="unitIds"/> only, when given).</summary>
    public async Task<List<(AssessmentFactRow Fact, IReadOnlySet<string> Codes)>> AppealedFactsAsync(AssessmentPeriod period, IReadOnlyCollection<long>? unitIds, CancellationToken ct)
    {
        var appeals = db.Set<AssessmentAppeal>().AsNoTracking().Where(a => a.State == AppealState.Approved);
        if (unitIds is not null)
        {
            appeals = appeals.Where(a => unitIds.Contains(a.UnitId));
        }

        var rows = await appeals
            .Join(db.Set<AssessmentFactRow>().AsNoTracking(), a => new { a.WorkOrderId, a.UnitId }, f => new { f.WorkOrderId, f.UnitId }, (a, f) => new { a.FormulaCode, Fact = f })
            .Where(x => x.Fact.Day >= period.From && x.Fact.Day <= period.To)
            .ToListAsync(ct);
        return [.. rows.GroupBy(r => (r.Fact.WorkOrderId, r.Fact.UnitId))
            .Select(g => (g.First().Fact, (IReadOnlySet<string>)g.Select(x => x.FormulaCode).ToHashSet()))];
    }

    /// <summary>Each unit's own supervision ledger counts in the period (<see cref="SupervisionCounts"/>): two GROUP BYs over the ledger.</summary>
    public async Task<Dictionary<long, SupervisionTally>> LedgerByUnitAsync(AssessmentPeriod period, CancellationToken ct)
    {
        var notices = await db.Set<SupervisionNotice>().AsNoTracking().Where(SupervisionCounts.NoticesIn(period))
            .GroupBy(n => n.UnitId).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var records = await db.Set<MisconductRecord>().AsNoTracking().Where(SupervisionCounts.MisconductIn(period))
            .GroupBy(m => m.UnitId).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var result = notices.ToDictionary(n => n.Key, n => new SupervisionTally(n.Count, 0));
        foreach (var r in records)
        {
            result[r.Key] = result.GetValueOrDefault(r.Key) + new SupervisionTally(0, r.Count);
        }

        return result;
    }

    /// <summary>Each unit's own 好差评 counts in the period (<see cref="ServiceRatingCounts"/>), as of now: one GROUP BY over the ratings.</summary>
    public async Task<Dictionary<long, ServiceRatingTally>> RatingsByUnitAsync(AssessmentPeriod period, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var rated = db.Set<ServiceRating>().AsNoTracking().Where(ServiceRatingCounts.RatedIn(period)).Where(r => r.UnitId != null);
        var all = await rated.GroupBy(r => r.UnitId!.Value).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var good = await rated.Where(ServiceRatingCounts.Good).GroupBy(r => r.UnitId!.Value).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var bad = await rated.Where(ServiceRatingCounts.BadCountedAt(now)).GroupBy(r => r.UnitId!.Value).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var inTime = await rated.Where(ServiceRatingCounts.BadInTime).GroupBy(r => r.UnitId!.Value).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return all.ToDictionary(a => a.Key, a => new ServiceRatingTally(a.Count, good.GetValueOrDefault(a.Key), bad.GetValueOrDefault(a.Key), inTime.GetValueOrDefault(a.Key)));
    }

    /// <summary>The rule version a period is computed with: the one in force on its last day.</summary>
    public async Task<AssessmentRules> RulesForAsync(AssessmentPeriod period, CancellationToken ct) =>
        AssessmentRules.InForce(await AssessmentContext.LoadRulesAsync(db, ct), period.To);

    public async Task<IReadOnlyList<UnitScore>> ForPeriodAsync(AccessScope scope, AssessmentPeriod period, CancellationToken ct)
    {
        var units = await db.Set<Unit>().AsNoTracking().OrderBy(u => u.Path).ToListAsync(ct);
        var (sums, overdue) = await PeriodSumsAsync(period, ct);
        var ledger = await LedgerByUnitAsync(period, ct);
        var ratings = await RatingsByUnitAsync(period, ct);
        var rules = await RulesForAsync(period, ct);
        return [.. units.Where(u => scope.Covers(u.Path)).Select(u => Score(u, units, sums, overdue, rules, ledger, ratings))];
    }

    /// <summary>One unit's score on its subtree.</summary>
    public static UnitScore Score(
        Unit unit, IReadOnlyList<Unit> units, Dictionary<long, AssessmentMeasures> sums, Dictionary<long, long> overdue, AssessmentRules rules,
        IReadOnlyDictionary<long, SupervisionTally>? ledger = null, IReadOnlyDictionary<long, ServiceRatingTally>? ratings = null)
    {
        var subtree = units.Where(u => u.Path.StartsWith(unit.Path, StringComparison.Ordinal)).Select(u => u.Id).ToList();
        var total = subtree.Aggregate(default(AssessmentMeasures), (acc, id) => acc + sums.GetValueOrDefault(id));
        var late = subtree.Sum(id => overdue.GetValueOrDefault(id));
        var counted = ledger is null ? default : subtree.Aggregate(default(SupervisionTally), (acc, id) => acc + ledger.GetValueOrDefault(id));
        var rated = ratings is null ? default : subtree.Aggregate(default(ServiceRatingTally), (acc, id) => acc + ratings.GetValueOrDefault(id));
        var evaluated = Formulas.Evaluate(total, late, counted, rated);
        var figures = evaluated.ToDictionary(f => f.Key, f => new FigureValue(f.Value.Numerator, f.Value.Denominator, f.Value.Rate));
        var assessed = total.Assessed;
        return new UnitScore(unit.Id, unit.Code, unit.Name, unit.Path, unit.Kind, assessed, figures, assessed == 0 ? null : Formulas.Composite(evaluated, rules));
    }

    internal async Task ReadAsync(string sql, AssessmentPeriod period, Action<DbDataReader> row, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(ct);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = sql;
            Add(command, "@from", period.From);
            Add(command, "@to", period.To);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                row(reader);
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static void Add(DbCommand command, string name, DateOnly value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
