using System.Globalization;
using Hotline.Domain.Analytics;

namespace Hotline.Features.Assessment.Reports;

/// <summary>A table of a printed report: its caption, its column heads and its rows as printed.</summary>
public sealed record ReportTable(string Caption, IReadOnlyList<string> Heads, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>A chart of a printed report: a line (the volume trend) or bars (the top categories), labels and values.</summary>
public sealed record ReportChart(string Caption, bool Line, string SeriesName, IReadOnlyList<string> Labels, IReadOnlyList<long> Values);

/// <summary>One section of a printed report: its heading, its (edited) text, then its charts and tables.</summary>
public sealed record ReportPart(ReportSection Section, string Heading, string Text, IReadOnlyList<ReportChart> Charts, IReadOnlyList<ReportTable> Tables);

/// <summary>
/// What a printed report shows, in order, laid out once for both prints (the .docx and the printable HTML): each section's
/// heading and text, the volume trend's line and the top categories' bars, and the tables of categories, regions, hot spots,
/// warnings, rates, the ranking and the interview list. Aggregates only: no order and no caller appears.
/// </summary>
public static class ReportLayout
{
    public static IReadOnlyList<ReportPart> Parts(ReportFigures f, IReadOnlyDictionary<ReportSection, string> texts) =>
    [
        new(ReportSection.Volume, "一、受理总量与趋势", texts[ReportSection.Volume],
            [new ReportChart("受理量趋势", true, "受理量", f.Trend.Select(p => p.From == p.To ? $"{p.From:M/d}" : $"{p.From:M/d}–{p.To:M/d}").ToList(), f.Trend.Select(p => p.Count).ToList())],
            [new ReportTable("受理总量", ["本期", "上期", "环比", "去年同期", "同比"],
                [[N(f.Total), N(f.PreviousTotal), ReportDrafts.Change(f.PeriodOnPeriod), N(f.YearEarlierTotal), ReportDrafts.Change(f.YearOnYear)]])]),
        new(ReportSection.Categories, "二、诉求类别", texts[ReportSection.Categories],
            [new ReportChart("诉求量居前的类别", false, "件数", f.Categories.Select(c => c.Name).ToList(), f.Categories.Select(c => c.Count).ToList())],
            [
                new ReportTable("诉求量居前的类别", ["类别", "件数", "占比"], f.Categories.Select(c => Row(c.Name, N(c.Count), ReportDrafts.Percent(c.Share))).ToList()),
                new ReportTable("上升较快的类别", ["类别", "本期", "上期", "变化"], f.Rising.Select(r => Row(r.Name, N(r.Current), N(r.Previous), ReportDrafts.Change(r.Growth))).ToList()),
            ]),
        new(ReportSection.Regions, "三、区域分布", texts[ReportSection.Regions], [],
            [new ReportTable("诉求量居前的区域", ["区域", "件数", "占比"], f.Regions.Select(r => Row(r.Name, N(r.Count), ReportDrafts.Percent(r.Share))).ToList())]),
        new(ReportSection.HotSpots, "四、热点与预警", texts[ReportSection.HotSpots], [],
            [
                new ReportTable("高频共性问题", ["问题", "地点", "件数", "变化", "苗头性"], f.HotSpots.Select(h => Row(h.Title, h.Place ?? "—", N(h.Size), Growth(h.Growth), h.Emerging ? "是" : "否")).ToList()),
                new ReportTable("预警", ["预警", "地点", "件数"], f.Warnings.Select(w => Row(w.Title, w.Place ?? "—", N(w.Size))).ToList()),
            ]),
        new(ReportSection.Rates, "五、考核指标", texts[ReportSection.Rates], [],
            [new ReportTable(f.RatesUnitName is null ? "考核指标" : $"考核指标（{f.RatesUnitName}）", ["指标", "分子", "分母", "结果"],
                [.. f.Rates.Select(r => Row(r.Name, N(r.Numerator), r.Rate is null ? "—" : N(r.Denominator), r.Rate is { } v ? ReportDrafts.Percent(v) : N(r.Numerator))),
                 .. f.Composite is { } c ? [Row("综合得分", "—", "—", c.ToString("0.00", CultureInfo.InvariantCulture))] : Array.Empty<string[]>()])]),
        new(ReportSection.Rankings, "六、考核排名", texts[ReportSection.Rankings], [],
            [new ReportTable(f.RankingMonth is null ? "排名" : $"{f.RankingMonth}排名", ["分组", "单位", "考核工单", "综合得分", "名次"],
                f.Rankings.Select(r => Row(r.Group, r.UnitName, N(r.AssessedOrders), r.Composite?.ToString("0.00", CultureInfo.InvariantCulture) ?? "—",
                    r.TooFewToRank ? "样本不足" : r.Rank is { } k ? (r.InBottomThree ? $"{k}（后三位）" : N(k)) : "—")).ToList())]),
        new(ReportSection.Interviews, "七、约谈名单", texts[ReportSection.Interviews], [],
            [new ReportTable("约谈名单", ["单位", "月份", "依据", "状态"], f.Interviews.Select(i => Row(i.UnitName, i.Month, i.Basis, ReportDrafts.StateName(i.State))).ToList())]),
    ];

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Growth(double? growth) => growth is { } g ? ReportDrafts.Change((decimal)g) : "—";

    private static string[] Row(params string[] cells) => cells;
}
