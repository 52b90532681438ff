namespace Hotline.Domain.Analytics;

/// <summary>The sections of an analysis report (分析专报), in the order they are printed.</summary>
public enum ReportSection
{
    Volume,
    Categories,
    Regions,
    HotSpots,
    Rates,
    Rankings,
    Interviews,
}

/// <summary>One point of the report's volume trend (a day or a week of the period).</summary>
public sealed record ReportTrendPoint(DateOnly From, DateOnly To, long Count);

/// <summary>A category, region or rising category of the period: its count and share of the period's total.</summary>
public sealed record ReportShare(string Key, string Name, long Count, decimal Share);

/// <summary>A hot category rising: this period against the period of the same length before.</summary>
public sealed record ReportRising(string Code, string Name, long Current, long Previous, decimal? Growth);

/// <summary>A hot spot or early warning of the period, as the report names it (no order, no caller).</summary>
public sealed record ReportSignal(string Title, string? Place, int Size, double? Growth, bool Emerging);

/// <summary>One engine figure of the scope (a rate, or a count when <see cref="Rate"/> is null and the figure is a count).</summary>
public sealed record ReportRate(string Code, string Name, long Numerator, long Denominator, decimal? Rate);

/// <summary>One unit's row of the month's ranking; <see cref="TooFewToRank"/> rows carry no rank (样本不足).</summary>
public sealed record ReportRankingRow(string Group, string UnitName, long AssessedOrders, decimal? Composite, int? Rank, bool TooFewToRank, bool InBottomThree);

/// <summary>A unit on the interview list of a month of the period (proposed, confirmed or interviewed).</summary>
public sealed record ReportInterview(string UnitName, string Month, string Reason, string State, string Basis);

/// <summary>
/// Every figure of one analysis report for a period and a scope, as read from the dashboards' queries, the hot spots and
/// warnings, the engine and the rankings (nothing here is computed again): the text drafts are written from it.
/// </summary>
public sealed record ReportFigures(
    DateOnly From, DateOnly To, string ScopeName, long Total, long PreviousTotal, decimal? PeriodOnPeriod, long YearEarlierTotal, decimal? YearOnYear,
    TimeGrain Grain, IReadOnlyList<ReportTrendPoint> Trend, IReadOnlyList<ReportShare> Categories, IReadOnlyList<ReportShare> Regions,
    IReadOnlyList<ReportRising> Rising, IReadOnlyList<ReportSignal> HotSpots, IReadOnlyList<ReportSignal> Warnings, string? RatesUnitName, decimal? Composite,
    IReadOnlyList<ReportRate> Rates, string? RankingMonth, int MinimumOrders, IReadOnlyList<ReportRankingRow> Rankings, IReadOnlyList<ReportInterview> Interviews)
{
    /// <summary>The grain of the report's trend: by day up to two months, by week beyond.</summary>
    public static TimeGrain GrainFor(int days) => days <= 62 ? TimeGrain.Day : TimeGrain.Week;

    /// <summary>How many rows of categories, regions, rising categories, hot spots and warnings a report shows.</summary>
    public const int TopRows = 10;
}
