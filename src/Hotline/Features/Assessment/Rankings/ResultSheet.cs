using Hotline.Domain.Assessment;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Assessment.Rankings;

/// <summary>
/// A month's result per ranked unit as it is circulated and exported: the rank and composite from the month's ranking, the
/// engine's figures, the qualitative points (a separate line) and which service targets the unit met.
/// </summary>
public sealed class ResultSheet(HotlineDbContext db, RankingService rankings)
{
    /// <summary>The figure codes shown as columns, in order, with their Chinese headers.</summary>
    public static readonly IReadOnlyList<(string Code, string Header)> FigureColumns =
    [
        ("response-rate", "响应率"), ("solve-rate", "解决率"), ("satisfaction-rate", "满意率"), ("on-time-completion", "按时办结率"),
        ("process-satisfaction", "过程满意率"), ("result-satisfaction", "结果满意率"),
    ];

    public async Task<IReadOnlyList<CirculatedRow>> RowsAsync(AssessmentMonth month, CancellationToken ct)
    {
        var ranking = await rankings.ForMonthAsync(month, ct);
        var key = month.Key;
        var points = (await db.Set<QualitativeScore>().AsNoTracking().Where(q => q.Month == key).Select(q => new { q.UnitId, q.Points }).ToListAsync(ct))
            .GroupBy(q => q.UnitId).ToDictionary(g => g.Key, g => g.Sum(q => q.Points));
        var targets = new Dictionary<string, decimal>();
        foreach (var t in ServiceTargets.All)
        {
            targets[t.Code] = await rankings.SettingAsync(t.Setting, month, ct);
        }

        var scores = ranking.Scores.ToDictionary(s => s.UnitId);
        var rankedByGroup = ranking.Rows.GroupBy(r => r.Group.Key).ToDictionary(g => g.Key, g => g.Count(r => r.Rank is not null));
        return ranking.Rows.Select(r =>
        {
            var figures = scores.TryGetValue(r.Unit.UnitId, out var s) ? s.Figures : new Dictionary<string, FigureValue>();
            return new CirculatedRow(
                r.Unit.UnitId, r.Unit.Code, r.Unit.Name, r.Unit.Path, r.Group.Key, GroupName(r.Group), r.Rank, rankedByGroup[r.Group.Key], r.TooFewToRank,
                r.AssessedOrders, r.Composite, points.GetValueOrDefault(r.Unit.UnitId),
                figures.ToDictionary(f => f.Key, f => ServiceTargets.Percent(f.Value.Rate)),
                ServiceTargets.All.ToDictionary(t => t.Code, t => ServiceTargets.Met(t.FigureCode is { } c && figures.TryGetValue(c, out var f) ? ServiceTargets.Percent(f.Rate) : null, targets[t.Code])));
        }).ToList();
    }

    public static string GroupName(RankingGroup group) => group.Kind switch
    {
        RankingGroupKind.District => "县区",
        RankingGroupKind.CityDepartment => "市直部门",
        RankingGroupKind.Utility => "公共服务企业",
        RankingGroupKind.DistrictDepartment => $"{group.CountyName}部门",
        RankingGroupKind.Street => $"{group.CountyName}乡镇街道",
    };

    /// <summary>One sheet, one row per unit, Chinese headers: what the government's comprehensive assessment (综合考核) takes.</summary>
    public static async Task<byte[]> WorkbookAsync(IReadOnlyList<CirculatedRow> rows, CancellationToken ct)
    {
        var sheet = rows.Select(r =>
        {
            var row = new Dictionary<string, object?>
            {
                ["单位代码"] = r.UnitCode,
                ["单位名称"] = r.UnitName,
                ["考核组"] = r.GroupName,
                ["考核工单数"] = r.AssessedOrders,
            };
            foreach (var (code, header) in FigureColumns)
            {
                row[header] = r.Figures.GetValueOrDefault(code);
            }

            row["综合得分"] = r.Composite;
            row["定性加减分"] = r.QualitativePoints;
            row["排名"] = r.Rank;
            row["参排单位数"] = r.RankedInGroup;
            row["备注"] = r.TooFewToRank ? "样本不足，不参与排名" : "";
            return row;
        }).ToList();
        using var stream = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(stream, sheet, sheetName: "综合考核", cancellationToken: ct);
        return stream.ToArray();
    }
}
