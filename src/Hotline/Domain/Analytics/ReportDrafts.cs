using System.Globalization;

namespace Hotline.Domain.Analytics;

/// <summary>
/// The generated text of an analysis report, written once from its figures: one zh-CN draft per section from a small set of
/// templates, deterministic (the same figures give the same words). A leader edits the drafts; the figures are not edited.
/// </summary>
public static class ReportDrafts
{
    public static IReadOnlyDictionary<ReportSection, string> Write(ReportFigures f) => new Dictionary<ReportSection, string>
    {
        [ReportSection.Volume] = Volume(f),
        [ReportSection.Categories] = Categories(f),
        [ReportSection.Regions] = Regions(f),
        [ReportSection.HotSpots] = HotSpots(f),
        [ReportSection.Rates] = Rates(f),
        [ReportSection.Rankings] = Rankings(f),
        [ReportSection.Interviews] = Interviews(f),
    };

    /// <summary>The default title: "{scope}12345热线{period}分析专报".</summary>
    public static string Title(ReportFigures f) => $"{f.ScopeName}12345热线{PeriodName(f.From, f.To)}诉求分析专报";

    /// <summary>
    /// An early warning as the report names it: its kind as the warnings page names it, then its first three keywords, or a
    /// seasonal reminder's category ("热点问题：停水、自来水、抢修", "季节提醒：供水（去年同月高发）"). The warning's stored title is
    /// the job's English line for logs and the API, which a Chinese report does not print.
    /// </summary>
    public static string WarningTitle(EarlyWarningKind kind, IReadOnlyList<string> terms, string? categoryName)
    {
        var about = string.Join("、", terms.Take(3));
        return kind switch
        {
            EarlyWarningKind.HotSpot => about.Length == 0 ? "热点问题" : $"热点问题：{about}",
            EarlyWarningKind.EmergingIssue => about.Length == 0 ? "新发问题" : $"新发问题：{about}",
            _ => $"季节提醒：{categoryName ?? "诉求"}（去年同月高发）",
        };
    }

    /// <summary>A month as "2026年11月", a whole year as "2026年", anything else as its two dates.</summary>
    public static string PeriodName(DateOnly from, DateOnly to) =>
        from.Day == 1 && to == from.AddMonths(1).AddDays(-1) ? $"{from.Year}年{from.Month}月"
        : from is { Day: 1, Month: 1 } && to == new DateOnly(from.Year, 12, 31) ? $"{from.Year}年"
        : from.Day == 1 && (from.Month - 1) % 3 == 0 && to == from.AddMonths(3).AddDays(-1) ? $"{from.Year}年第{((from.Month - 1) / 3) + 1}季度"
        : $"{from:yyyy年M月d日}至{to:yyyy年M月d日}";

    /// <summary>A change as "上升12.5%" / "下降3.0%" / "持平"; "无可比数据" when the earlier figure was zero.</summary>
    public static string Change(decimal? change) => change switch
    {
        null => "无可比数据",
        0 => "持平",
        > 0 => $"上升{Percent(change.Value)}",
        _ => $"下降{Percent(-change.Value)}",
    };

    /// <summary>A fraction as a percentage with one decimal ("87.5%").</summary>
    public static string Percent(decimal fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Volume(ReportFigures f)
    {
        var text = $"{PeriodName(f.From, f.To)}，{f.ScopeName}共受理群众诉求{f.Total}件，环比{Change(f.PeriodOnPeriod)}（上期{f.PreviousTotal}件），同比{Change(f.YearOnYear)}（去年同期{f.YearEarlierTotal}件）。";
        if (f.Trend.Count > 0 && f.Total > 0)
        {
            var peak = f.Trend.OrderByDescending(p => p.Count).ThenBy(p => p.From).First();
            var when = peak.From == peak.To ? $"{peak.From:M月d日}" : $"{peak.From:M月d日}至{peak.To:M月d日}";
            text += $"受理量最高的{(f.Grain == TimeGrain.Day ? "一天" : "一周")}为{when}，共{peak.Count}件。";
        }

        return text;
    }

    private static string Categories(ReportFigures f)
    {
        if (f.Categories.Count == 0)
        {
            return "本期无诉求分类数据。";
        }

        var top = string.Join("、", f.Categories.Take(3).Select(c => $"{c.Name}（{c.Count}件，占{Percent(c.Share)}）"));
        var text = $"诉求量居前的类别为{top}。";
        var rising = f.Rising.Where(r => r.Growth is > 0).Take(3).ToList();
        text += rising.Count == 0
            ? "与上期相比，无明显上升的类别。"
            : $"与上期相比，上升较快的类别为{string.Join("、", rising.Select(r => $"{r.Name}（{r.Previous}件→{r.Current}件，{Change(r.Growth)}）"))}，建议相关单位提前研判。";
        return text;
    }

    private static string Regions(ReportFigures f) => f.Regions.Count == 0
        ? "本期无区域分布数据。"
        : $"从区域分布看，诉求量居前的为{string.Join("、", f.Regions.Take(3).Select(r => $"{r.Name}（{r.Count}件，占{Percent(r.Share)}）"))}。";

    private static string HotSpots(ReportFigures f)
    {
        var text = f.HotSpots.Count == 0
            ? "本期未发现高频共性问题。"
            : $"本期发现高频共性问题{f.HotSpots.Count}个，主要有{string.Join("；", f.HotSpots.Take(3).Select(h => $"{h.Place ?? "全市"}“{h.Title}”（{h.Size}件）"))}。";
        var emerging = f.HotSpots.Count(h => h.Emerging);
        if (emerging > 0)
        {
            text += $"其中苗头性问题{emerging}个。";
        }

        return text + (f.Warnings.Count == 0
            ? "本期无预警。"
            : $"本期发出预警{f.Warnings.Count}条，包括{string.Join("；", f.Warnings.Take(3).Select(w => $"{w.Place ?? "全市"}“{w.Title}”（{w.Size}件）"))}，请相关单位关注。");
    }

    private static string Rates(ReportFigures f)
    {
        if (f.RatesUnitName is null || f.Rates.Count == 0)
        {
            return "本期无考核数据。";
        }

        var shown = f.Rates.Where(r => r.Rate is not null).Select(r => $"{r.Name}{Percent(r.Rate!.Value)}");
        var text = $"{f.RatesUnitName}本期{string.Join("，", shown)}。";
        return f.Composite is { } c ? text + $"综合得分{c.ToString("0.00", CultureInfo.InvariantCulture)}分。" : text;
    }

    private static string Rankings(ReportFigures f)
    {
        if (f.RankingMonth is null || f.Rankings.Count == 0)
        {
            return "本期无排名数据。";
        }

        var ranked = f.Rankings.Where(r => r.Rank is not null).ToList();
        var text = $"{f.RankingMonth}排名中，";
        var tops = ranked.Where(r => r.Rank == 1).Select(r => $"{r.Group}第一名为{r.UnitName}").ToList();
        text += tops.Count == 0 ? "暂无可排名单位。" : string.Join("，", tops) + "。";
        var bottom = ranked.Where(r => r.InBottomThree).Select(r => r.UnitName).Distinct().ToList();
        if (bottom.Count > 0)
        {
            text += $"排名后三位的单位有{string.Join("、", bottom)}，请加强办理。";
        }

        var few = f.Rankings.Count(r => r.TooFewToRank);
        return few > 0 ? text + $"另有{few}个单位考核工单不足{f.MinimumOrders}件，样本不足，不参与排名。" : text;
    }

    private static string Interviews(ReportFigures f) => f.Interviews.Count == 0
        ? "本期无约谈单位。"
        : $"本期列入约谈名单的单位{f.Interviews.Select(i => i.UnitName).Distinct().Count()}个：{string.Join("；", f.Interviews.Select(i => $"{i.UnitName}（{i.Month}，{i.Basis}，{StateName(i.State)}）"))}。";

    /// <summary>An interview proposal's state as a briefing prints it.</summary>
    public static string StateName(string state) => state switch
    {
        "Proposed" => "拟约谈",
        "Confirmed" => "已确认",
        "Interviewed" => "已约谈",
        _ => state,
    };
}
