using Hotline.Domain.Analytics;
using Hotline.Domain.Assessment;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Assessment.Dashboards;
using Hotline.Features.Assessment.Rankings;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Assessment.Reports;

/// <summary>The part of the unit tree a report covers: the author's whole scope, or one unit's subtree inside it.</summary>
public sealed record ReportScope(long? UnitId, string Path, string Name)
{
    public AccessScope Access => new(Path);
}

/// <summary>
/// Reads every figure of an analysis report from the services that already compute them: the dashboards' queries (volume,
/// trend, categories, regions, rising categories; the work-order list's scope), the hot spots and early warnings stored
/// by analytics, the engine's scores (<see cref="IUnitScores"/>), the month's ranking (<see cref="RankingService"/>) and the
/// interview list. Nothing is counted again here.
/// </summary>
public sealed class ReportQueries(HotlineDbContext db, DashboardQueries dashboards, IUnitScores scores, RankingService rankings)
{
    /// <summary>The caller's whole scope, or the subtree of <paramref name="unitId"/> when the caller's scope covers it (404 otherwise).</summary>
    public async Task<ReportScope> ScopeAsync(Actor actor, long? unitId, CancellationToken ct)
    {
        if (unitId is { } id)
        {
            var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
            return unit is not null && actor.Scope.Covers(unit.Path)
                ? new ReportScope(unit.Id, unit.Path, unit.Name)
                : throw new Domain.NotFoundException("unit_not_found", "No such unit in your scope.");
        }

        if (actor.Scope.IsPlatformWide)
        {
            return new ReportScope(null, AccessScope.Platform.Path, "全市");
        }

        // A unit's or county office's whole scope is the subtree of the unit at its path: named by id, so the figures of a saved
        // report stay on that subtree whoever reads them later.
        var top = await db.Units.AsNoTracking().Where(u => u.Path == actor.Scope.Path).Select(u => new { u.Id, u.Name }).FirstOrDefaultAsync(ct);
        return top is null ? new ReportScope(null, actor.Scope.Path, actor.UnitName) : new ReportScope(top.Id, actor.Scope.Path, top.Name);
    }

    public async Task<ReportFigures> FiguresAsync(Actor actor, ReportScope scope, AssessmentPeriod period, CancellationToken ct)
    {
        var filters = DashboardFilters.None with { UnitSubtree = scope.UnitId };
        var (yearEarlier, previous) = (period.YearEarlier(), period.Previous());
        var grain = ReportFigures.GrainFor(period.Days);
        var (needFrom, _) = VolumeTrend.DaysNeeded(period, grain);
        var first = new[] { needFrom, yearEarlier.From, previous.From }.Min();
        var daily = await dashboards.DailyAsync(actor, filters, first, period.To, ct);
        long Sum(AssessmentPeriod p) => daily.Where(d => d.Key >= p.From && d.Key <= p.To).Sum(d => d.Value);
        var (total, lastYear, before) = (Sum(period), Sum(yearEarlier), Sum(previous));
        var trend = VolumeTrend.Build(period, grain, daily).Select(b => new ReportTrendPoint(b.From, b.To, b.Count)).ToList();

        var (categoryNames, places) = await dashboards.NamesAsync(ct);
        var categories = Shares(await dashboards.CategoryCountsAsync(actor, period, filters, CategoryLength, ct), categoryNames);
        var regions = Shares((await dashboards.CountByAsync(actor, period, filters, DashboardDimension.Region, null, ct)).ToDictionary(r => r.Key, r => r.Count), places);
        var rising = RisingCategories.Rank(
                await dashboards.CategoryCountsAsync(actor, period, filters, 6, ct), await dashboards.CategoryCountsAsync(actor, previous, filters, 6, ct),
                RisingCategories.DefaultMinVolume, ReportFigures.TopRows)
            .Select(r => new ReportRising(r.Code, categoryNames.GetValueOrDefault(r.Code, r.Code), r.Current, r.Previous, r.Growth)).ToList();

        var (hotSpots, warnings) = await SignalsAsync(scope, period, categoryNames, ct);
        var (ratesUnit, composite, rates) = await RatesAsync(scope, period, ct);
        var (month, minimum, ranking) = await RankingAsync(scope, period, ct);
        return new ReportFigures(
            period.From, period.To, scope.Name, total, before, VolumeTrend.Change(total, before), lastYear, VolumeTrend.Change(total, lastYear), grain, trend,
            categories, regions, rising, hotSpots, warnings, ratesUnit, composite, rates, month, minimum, ranking, await InterviewsAsync(scope, period, ct));
    }

    /// <summary>Top categories are read at the second level of the tree (4 digits): the first level is too coarse for a briefing.</summary>
    public const int CategoryLength = 4;

    private static List<ReportShare> Shares(Dictionary<string, long> counts, Dictionary<string, string> names)
    {
        var sum = counts.Values.Sum();
        return counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(ReportFigures.TopRows)
            .Select(c => new ReportShare(c.Key, names.GetValueOrDefault(c.Key, c.Key), c.Value, sum == 0 ? 0 : Math.Round((decimal)c.Value / sum, 4))).ToList();
    }

    /// <summary>The event hot spots of the last detection run of the report's period, and the warnings raised in it, in the scope.</summary>
    private async Task<(List<ReportSignal>, List<ReportSignal>)> SignalsAsync(ReportScope scope, AssessmentPeriod period, Dictionary<string, string> categoryNames, CancellationToken ct)
    {
        var (start, end) = DashboardFilters.Utc(period.From, period.To);
        // The run of the hot-spot period nearest the report's (a month's report reads the month's run), else any run in it.
        var wanted = HotSpotPeriods.Nearest(period.Days);
        var run = await db.Set<HotSpotRun>().AsNoTracking().Where(r => r.RanAtUtc >= start && r.RanAtUtc < end)
            .OrderByDescending(r => r.Period == wanted).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        var inScope = scope.Access.IsPlatformWide ? null : (await db.Units.AsNoTracking().Where(u => u.Path.StartsWith(scope.Path)).Select(u => u.Id).ToListAsync(ct)).ToHashSet();
        var spots = run is null ? [] : await db.Set<HotSpot>().AsNoTracking().Where(h => h.RunId == run.Id && h.List == HotSpotListKind.Events).OrderBy(h => h.Rank).ToListAsync(ct);
        var hot = spots.Where(s => inScope is null || s.UnitIds.Any(inScope.Contains)).Take(ReportFigures.TopRows)
            .Select(s => new ReportSignal(string.Join("、", s.Terms.Take(3)), s.PlaceName, s.Size, s.Growth is { } g ? Math.Round(g, 3) : null, s.Emerging)).ToList();
        var query = db.Set<EarlyWarning>().AsNoTracking().Where(w => w.RaisedAtUtc >= start && w.RaisedAtUtc < end);
        if (inScope is not null)
        {
            var prefix = scope.Path;
            var routed = db.Set<EarlyWarningUnit>().Where(u => u.UnitPath.StartsWith(prefix)).Select(u => u.WarningId);
            query = query.Where(w => routed.Contains(w.Id));
        }

        var warnings = await query.OrderByDescending(w => w.Size).ThenBy(w => w.Id).Take(ReportFigures.TopRows).ToListAsync(ct);
        return (hot, warnings.Select(w => new ReportSignal(
            ReportDrafts.WarningTitle(w.Kind, w.Terms, w.CategoryCode is { } c ? categoryNames.GetValueOrDefault(c, c) : null), w.PlaceName, w.Size,
            w.Growth is { } g ? Math.Round(g, 3) : null, false)).ToList());
    }

    /// <summary>The engine's figures of the scope's top unit: the chosen unit, or the top of the scope with the most orders assessed.</summary>
    private async Task<(string?, decimal?, List<ReportRate>)> RatesAsync(ReportScope scope, AssessmentPeriod period, CancellationToken ct)
    {
        var all = await scores.ForPeriodAsync(scope.Access, period, ct);
        var top = all.Where(s => !all.Any(o => o.UnitId != s.UnitId && s.UnitPath.StartsWith(o.UnitPath, StringComparison.Ordinal)))
            .OrderByDescending(s => s.AssessedOrders).ThenBy(s => s.UnitPath, StringComparer.Ordinal).FirstOrDefault();
        if (top is null)
        {
            return (null, null, []);
        }

        var rates = Formulas.List.Where(f => top.Figures.ContainsKey(f.Code))
            .Select(f => (f, v: top.Figures[f.Code]))
            .Select(x => new ReportRate(x.f.Code, x.f.NameZh, x.v.Numerator, x.v.Denominator, x.f.Kind == FigureKind.Rate ? x.v.Rate : null)).ToList();
        return (top.UnitName, top.Composite, rates);
    }

    /// <summary>The ranking of the period's last month (once it has begun), the rows inside the scope.</summary>
    private async Task<(string?, int, List<ReportRankingRow>)> RankingAsync(ReportScope scope, AssessmentPeriod period, CancellationToken ct)
    {
        var month = AssessmentMonth.Of(period.To);
        if (month.Start > rankings.Today)
        {
            return (null, 0, []);
        }

        var ranking = await rankings.ForMonthAsync(month, ct);
        var rows = ranking.Rows.Where(r => scope.Access.Covers(r.Unit.Path))
            .Select(r => new ReportRankingRow(GroupName(r.Group), r.Unit.Name, r.AssessedOrders, r.Composite, r.Rank, r.TooFewToRank, r.InBottomThree)).ToList();
        return ($"{month.Year}年{month.Month}月", ranking.MinimumOrders, rows);
    }

    private async Task<List<ReportInterview>> InterviewsAsync(ReportScope scope, AssessmentPeriod period, CancellationToken ct)
    {
        var months = period.Months().Select(m => new AssessmentMonth(m.Year, m.Month).Key).ToList();
        var prefix = scope.Path;
        var list = await db.Set<InterviewProposal>().AsNoTracking()
            .Where(p => months.Contains(p.Month) && p.UnitPath.StartsWith(prefix) && p.State != InterviewState.Dismissed)
            .OrderBy(p => p.Month).ThenBy(p => p.UnitName).ThenBy(p => p.Id).ToListAsync(ct);
        return list.Select(p => new ReportInterview(p.UnitName, p.Month, p.Reason.ToString(), p.State.ToString(), p.Basis)).ToList();
    }

    /// <summary>A comparable group's name as a briefing prints it.</summary>
    public static string GroupName(RankingGroup group) => group.Kind switch
    {
        RankingGroupKind.District => "区县",
        RankingGroupKind.CityDepartment => "市直部门",
        RankingGroupKind.Utility => "公共服务企业",
        RankingGroupKind.DistrictDepartment => $"{group.CountyName}区县部门",
        RankingGroupKind.Street => $"{group.CountyName}乡镇街道",
        _ => group.Key,
    };
}
