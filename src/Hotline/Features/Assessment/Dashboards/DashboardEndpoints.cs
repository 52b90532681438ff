using Hotline.Domain;
using Hotline.Domain.Analytics;
using Hotline.Domain.Assessment;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Assessment.Dashboards;

/// <summary>The work-order list's filters that list exactly the orders behind a figure (added to the dashboard's own filters and period).</summary>
public sealed record Drill(string? CategoryCode = null, string? RegionCode = null, long? UnitSubtree = null, long? UnitId = null, string? Channel = null,
    string? RequestType = null, DateOnly? From = null, DateOnly? To = null);

public sealed record TrendBucketView(
    DateOnly From, DateOnly To, long Count, DateOnly YearEarlierFrom, DateOnly YearEarlierTo, long YearEarlier, decimal? YearOnYear,
    DateOnly PreviousFrom, DateOnly PreviousTo, long Previous, decimal? PeriodOnPeriod);

/// <summary>The volume of a period by bucket, and the period's total against the same period a year earlier and the period just before.</summary>
public sealed record VolumeTrendView(
    DateOnly From, DateOnly To, TimeGrain Grain, long Total, DateOnly YearEarlierFrom, DateOnly YearEarlierTo, long YearEarlierTotal, decimal? YearOnYear,
    DateOnly PreviousFrom, DateOnly PreviousTo, long PreviousTotal, decimal? PeriodOnPeriod, IReadOnlyList<TrendBucketView> Buckets);

/// <param name="HasChildren">A level lies below (click to drill down).</param>
public sealed record BreakdownRow(string Key, string Name, long Count, decimal Share, bool HasChildren, Drill Drill);

public sealed record BreakdownView(DashboardDimension Dimension, string? Parent, DateOnly From, DateOnly To, long Total, IReadOnlyList<BreakdownRow> Rows);

public sealed record RisingRow(string Code, string Name, long Current, long Previous, decimal? Growth, Drill Drill, Drill PreviousDrill);

public sealed record RisingView(DateOnly From, DateOnly To, DateOnly PreviousFrom, DateOnly PreviousTo, int MinVolume, IReadOnlyList<RisingRow> Rows);

public sealed record WeekCount(DateOnly WeekStart, long Count, Drill Drill);

/// <param name="Key">Null for the total of the filtered orders.</param>
public sealed record ForecastSeries(string? Key, string Name, IReadOnlyList<WeekCount> History, Forecast Forecast);

public sealed record ForecastView(DateOnly LastWeekStart, int Weeks, IReadOnlyList<ForecastSeries> Series);

/// <summary>
/// The S11 dashboards (<c>/api/dashboards</c>): volume trend with year on year and period on period, breakdowns by channel,
/// request type, category, region and unit (a tree level at a time), hot categories rising and the weekly forecast. Every
/// figure is counted on the caller's scope and carries the list filters of the orders behind it.
/// </summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboards(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dashboards").WithTags("Dashboards").RequireAuthorization(Policies.Dashboards);
        group.MapGet("/volume", Volume);
        group.MapGet("/breakdown", Breakdown);
        group.MapGet("/rising", Rising);
        group.MapGet("/forecast", ForecastAsync);
        return app;
    }

    /// <summary>Orders by day, week or month (<c>grain</c>) of the period <c>from</c>–<c>to</c>, with the year before and the bucket before.</summary>
    internal static async Task<Ok<VolumeTrendView>> Volume(
        DashboardQueries queries, CurrentUser user, [MaxLength(Limits.QueryValue)] string? from, [MaxLength(Limits.QueryValue)] string? to,
        [MaxLength(Limits.QueryValue)] string? grain, [MaxLength(Limits.QueryValue)] string? channel, [MaxLength(Limits.QueryValue)] string? requestType,
        [MaxLength(Limits.QueryValue)] string? categoryCode, [MaxLength(Limits.QueryValue)] string? regionCode, long? unitSubtree, CancellationToken ct)
    {
        var g = ParseGrain(grain);
        var (period, filters) = DashboardFilters.Parse(from, to, channel, requestType, categoryCode, regionCode, unitSubtree);
        var (needFrom, _) = VolumeTrend.DaysNeeded(period, g);
        var yearEarlier = period.YearEarlier();
        var previous = period.Previous();
        var first = new[] { needFrom, yearEarlier.From, previous.From }.Min();
        var daily = await queries.DailyAsync(user.ToActor(), filters, first, period.To, ct);
        long Sum(AssessmentPeriod p) => daily.Where(d => d.Key >= p.From && d.Key <= p.To).Sum(d => d.Value);
        var buckets = VolumeTrend.Build(period, g, daily);
        var (total, lastYear, before) = (Sum(period), Sum(yearEarlier), Sum(previous));
        return TypedResults.Ok(new VolumeTrendView(
            period.From, period.To, g, total, yearEarlier.From, yearEarlier.To, lastYear, VolumeTrend.Change(total, lastYear), previous.From, previous.To, before,
            VolumeTrend.Change(total, before),
            buckets.Select(b => new TrendBucketView(b.From, b.To, b.Count, b.YearEarlierFrom, b.YearEarlierTo, b.YearEarlier, b.YearOnYear, b.PreviousFrom, b.PreviousTo,
                b.Previous, b.PeriodOnPeriod)).ToList()));
    }

    /// <summary>Orders of the period per channel, request type, or one level of the category, region or unit tree under <c>parent</c>.</summary>
    internal static async Task<Ok<BreakdownView>> Breakdown(
        DashboardQueries queries, CurrentUser user, [MaxLength(Limits.QueryValue)] string? dimension, [MaxLength(Limits.QueryValue)] string? parent,
        [MaxLength(Limits.QueryValue)] string? from, [MaxLength(Limits.QueryValue)] string? to, [MaxLength(Limits.QueryValue)] string? channel,
        [MaxLength(Limits.QueryValue)] string? requestType, [MaxLength(Limits.QueryValue)] string? categoryCode, [MaxLength(Limits.QueryValue)] string? regionCode,
        long? unitSubtree, CancellationToken ct)
    {
        var v = new Validation();
        var dim = DashboardFilters.Enum<DashboardDimension>(dimension, "dimension", v);
        v.Require(dimension is not null, "dimension", "Give channel, requestType, category, region or unit.");
        v.ThrowIfInvalid();
        var (period, filters) = DashboardFilters.Parse(from, to, channel, requestType, categoryCode, regionCode, unitSubtree);
        parent = string.IsNullOrWhiteSpace(parent) ? null : parent.Trim();
        DashboardFilters.CheckParent(dim!.Value, parent);
        var actor = user.ToActor();
        var rows = dim.Value == DashboardDimension.Unit
            ? await UnitRowsAsync(queries, actor, period, filters, parent, ct)
            : await CodeRowsAsync(queries, actor, period, filters, dim.Value, parent, ct);
        var total = rows.Sum(r => r.Count);
        return TypedResults.Ok(new BreakdownView(dim.Value, parent, period.From, period.To, total,
            rows.Select(r => r with { Share = total == 0 ? 0 : Math.Round((decimal)r.Count / total, 4) }).OrderByDescending(r => r.Count).ThenBy(r => r.Key, StringComparer.Ordinal).ToList()));
    }

    private static async Task<List<BreakdownRow>> CodeRowsAsync(
        DashboardQueries queries, Domain.WorkOrders.Actor actor, AssessmentPeriod period, DashboardFilters filters, DashboardDimension dim, string? parent, CancellationToken ct)
    {
        var counts = await queries.CountByAsync(actor, period, filters, dim, parent, ct);
        var (categories, places) = await queries.NamesAsync(ct);
        var childLength = DashboardRules.ChildLength(dim, parent);
        return counts.Select(c => dim switch
        {
            DashboardDimension.Channel => new BreakdownRow(Camel(c.Key), Camel(c.Key), c.Count, 0, false, new Drill(Channel: Camel(c.Key))),
            DashboardDimension.RequestType => new BreakdownRow(Camel(c.Key), Camel(c.Key), c.Count, 0, false, new Drill(RequestType: Camel(c.Key))),
            DashboardDimension.Category => new BreakdownRow(c.Key, categories.GetValueOrDefault(c.Key, c.Key), c.Count, 0,
                c.Key.Length == childLength && DashboardRules.ChildLength(dim, c.Key) is not null, new Drill(CategoryCode: c.Key)),
            _ => new BreakdownRow(c.Key, places.GetValueOrDefault(c.Key, c.Key), c.Count, 0,
                c.Key.Length == childLength && DashboardRules.ChildLength(dim, c.Key) is not null, new Drill(RegionCode: c.Key)),
        }).ToList();
    }

    private static async Task<List<BreakdownRow>> UnitRowsAsync(
        DashboardQueries queries, Domain.WorkOrders.Actor actor, AssessmentPeriod period, DashboardFilters filters, string? parent, CancellationToken ct)
    {
        var (unit, children) = await queries.UnitLevelAsync(actor.Scope, parent is null ? null : long.Parse(parent, System.Globalization.CultureInfo.InvariantCulture), ct);
        var byPath = await queries.CountByAsync(actor, period, filters, DashboardDimension.Unit, null, ct);
        var rows = children
            .Select(c => new BreakdownRow(c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Name,
                byPath.Where(p => p.Key.StartsWith(c.Path, StringComparison.Ordinal)).Sum(p => p.Count), 0, true, new Drill(UnitSubtree: c.Id)))
            .Where(r => r.Count > 0)
            .ToList();
        if (unit is not null && byPath.Where(p => p.Key == unit.Path).Sum(p => p.Count) is var own and > 0)
        {
            // The orders the parent unit leads itself: the list's exact lead-unit filter.
            rows.Add(new BreakdownRow(unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), unit.Name, own, 0, false, new Drill(UnitId: unit.Id)));
        }

        return rows;
    }

    /// <summary>Hot categories rising: this period against the period of the same length before, at the category level <c>level</c> (1–3).</summary>
    internal static async Task<Ok<RisingView>> Rising(
        DashboardQueries queries, CurrentUser user, [MaxLength(Limits.QueryValue)] string? from, [MaxLength(Limits.QueryValue)] string? to, int? level, int? minVolume, int? top,
        [MaxLength(Limits.QueryValue)] string? channel, [MaxLength(Limits.QueryValue)] string? requestType, [MaxLength(Limits.QueryValue)] string? categoryCode,
        [MaxLength(Limits.QueryValue)] string? regionCode, long? unitSubtree, CancellationToken ct)
    {
        var v = new Validation();
        v.Require(level is null or >= 1 and <= 3, "level", "A category level is 1, 2 or 3.");
        v.Require(minVolume is null or >= 1 and <= RisingCategories.MaxMinVolume, "minVolume", $"Give 1–{RisingCategories.MaxMinVolume}.");
        v.Require(top is null or >= 1 and <= RisingCategories.MaxTop, "top", $"Give 1–{RisingCategories.MaxTop}.");
        v.ThrowIfInvalid();
        var (period, filters) = DashboardFilters.Parse(from, to, channel, requestType, categoryCode, regionCode, unitSubtree);
        var previous = period.Previous();
        var length = (level ?? 3) * 2;
        var actor = user.ToActor();
        var current = await queries.CategoryCountsAsync(actor, period, filters, length, ct);
        var before = await queries.CategoryCountsAsync(actor, previous, filters, length, ct);
        var min = minVolume ?? RisingCategories.DefaultMinVolume;
        var ranked = RisingCategories.Rank(current, before, min, top ?? RisingCategories.DefaultTop);
        var (names, _) = await queries.NamesAsync(ct);
        return TypedResults.Ok(new RisingView(period.From, period.To, previous.From, previous.To, min, ranked.Select(r => new RisingRow(
            r.Code, names.GetValueOrDefault(r.Code, r.Code), r.Current, r.Previous, r.Growth, new Drill(CategoryCode: r.Code),
            new Drill(CategoryCode: r.Code, From: previous.From, To: previous.To))).ToList()));
    }

    /// <summary>
    /// The forecast of the next <c>weeks</c> (1–12, default 8) weeks after the last complete week: the total of the filtered
    /// orders, and with <c>dimension</c> (category or region) the largest keys one level under <c>parent</c>.
    /// </summary>
    internal static async Task<Ok<ForecastView>> ForecastAsync(
        DashboardQueries queries, CurrentUser user, TimeProvider time, int? weeks, [MaxLength(Limits.QueryValue)] string? dimension,
        [MaxLength(Limits.QueryValue)] string? parent, [MaxLength(Limits.QueryValue)] string? channel, [MaxLength(Limits.QueryValue)] string? requestType,
        [MaxLength(Limits.QueryValue)] string? categoryCode, [MaxLength(Limits.QueryValue)] string? regionCode, long? unitSubtree, CancellationToken ct)
    {
        var v = new Validation();
        var dim = DashboardFilters.Enum<DashboardDimension>(dimension, "dimension", v);
        v.Require(dim is null or DashboardDimension.Category or DashboardDimension.Region, "dimension", "Forecast by category or region.");
        v.Require(weeks is null or >= 1 and <= VolumeForecast.MaxHorizon, "weeks", $"Forecast 1–{VolumeForecast.MaxHorizon} weeks.");
        v.ThrowIfInvalid();
        parent = string.IsNullOrWhiteSpace(parent) ? null : parent.Trim();
        if (dim is { } d)
        {
            DashboardFilters.CheckParent(d, parent);
        }

        var today = DashboardQueries.LocalDay(time.GetUtcNow());
        var lastWeek = VolumeTrend.WeekStart(today).AddDays(-7);
        var firstWeek = lastWeek.AddDays(-7 * (VolumeForecast.HistoryWeeks - 1));
        var (_, filters) = DashboardFilters.Parse(
            firstWeek.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), lastWeek.AddDays(6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            channel, requestType, categoryCode, regionCode, unitSubtree);
        var horizon = weeks ?? 8;
        var actor = user.ToActor();
        var series = new List<ForecastSeries>();
        var total = await queries.DailyAsync(actor, filters, firstWeek, lastWeek.AddDays(6), ct);
        series.Add(Series(null, "total", total.Select(t => (t.Key, t.Value)), firstWeek, horizon, new Drill()));
        if (dim is { } by)
        {
            var daily = await queries.DailyByAsync(actor, filters, firstWeek, lastWeek.AddDays(6), by, parent, ct);
            var (categories, places) = await queries.NamesAsync(ct);
            var recentFrom = lastWeek.AddDays(-7 * (VolumeForecast.LevelWeeks - 1));
            foreach (var key in daily.Where(r => r.Day >= recentFrom).GroupBy(r => r.Key).OrderByDescending(g => g.Sum(r => r.Count)).ThenBy(g => g.Key, StringComparer.Ordinal).Take(5).Select(g => g.Key))
            {
                var name = (by == DashboardDimension.Category ? categories : places).GetValueOrDefault(key, key);
                var drill = by == DashboardDimension.Category ? new Drill(CategoryCode: key) : new Drill(RegionCode: key);
                series.Add(Series(key, name, daily.Where(r => r.Key == key).Select(r => (r.Day, r.Count)), firstWeek, horizon, drill));
            }
        }

        return TypedResults.Ok(new ForecastView(lastWeek, horizon, series));
    }

    private static ForecastSeries Series(string? key, string name, IEnumerable<(DateOnly Day, long Count)> daily, DateOnly firstWeek, int horizon, Drill drill)
    {
        var weekly = new long[VolumeForecast.HistoryWeeks];
        foreach (var (day, count) in daily)
        {
            weekly[(day.DayNumber - firstWeek.DayNumber) / 7] += count;
        }

        var lastWeek = firstWeek.AddDays(7 * (VolumeForecast.HistoryWeeks - 1));
        var shown = weekly.Select((c, i) => new WeekCount(firstWeek.AddDays(7 * i), c, drill with { From = firstWeek.AddDays(7 * i), To = firstWeek.AddDays((7 * i) + 6) }))
            .TakeLast(2 * VolumeForecast.LevelWeeks + VolumeForecast.BacktestWeeks).ToList();
        return new ForecastSeries(key, name, shown, VolumeForecast.Make(weekly, lastWeek, horizon));
    }

    private static TimeGrain ParseGrain(string? grain)
    {
        var v = new Validation();
        var g = DashboardFilters.Enum<TimeGrain>(grain, "grain", v);
        v.ThrowIfInvalid();
        return g ?? TimeGrain.Day;
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
