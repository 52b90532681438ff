using System.Globalization;
using Hotline.Domain.Assessment;
using Hotline.Features.Supervision.Proposals;

namespace Hotline.Features.Assessment.Rankings;

/// <summary>
/// The figures supervision's "unit-figure" triggers read (issue 16's disabled low-rate and falling-rank triggers), from the
/// last ended month's assessment: <c>onTimeRate</c>, the on-time completion rate (a fraction) of each ranked unit (a unit too
/// few to rank is not flagged on two orders), and <c>rankFall</c>, the places a unit fell in its group since the month before
/// (ranked in both months, in the same group). Other figures are not known here.
/// </summary>
public sealed class RankingFigureSource(RankingService rankings) : IUnitFigureSource
{
    public const string OnTimeRate = "onTimeRate";
    public const string RankFall = "rankFall";

    public async Task<IReadOnlyList<UnitFigure>?> ReadAsync(string figure, CancellationToken ct)
    {
        var month = AssessmentMonth.Of(rankings.Today).Previous;
        switch (figure)
        {
            case OnTimeRate:
                {
                    var ranking = await rankings.ForMonthAsync(month, ct);
                    var scores = ranking.Scores.ToDictionary(s => s.UnitId);
                    return ranking.Rows
                        .Where(r => r.Rank is not null && scores.TryGetValue(r.Unit.UnitId, out var s) && s.Figures.TryGetValue("on-time-completion", out var f) && f.Rate is not null)
                        .Select(r =>
                        {
                            var rate = scores[r.Unit.UnitId].Figures["on-time-completion"].Rate!.Value;
                            return new UnitFigure(r.Unit.UnitId, r.Unit.Name, r.Unit.Path, rate, $"{month.Key} 按时办结率 {ServiceTargets.Percent(rate)!.Value.ToString("0.00", CultureInfo.InvariantCulture)}%");
                        })
                        .ToList();
                }

            case RankFall:
                {
                    var now = await rankings.ForMonthAsync(month, ct);
                    var before = (await rankings.ForMonthAsync(month.Previous, ct)).Rows.Where(r => r.Rank is not null).ToDictionary(r => r.Unit.UnitId);
                    return now.Rows
                        .Where(r => r.Rank is not null && before.TryGetValue(r.Unit.UnitId, out var b) && b.Group.Key == r.Group.Key)
                        .Select(r =>
                        {
                            var fall = r.Rank!.Value - before[r.Unit.UnitId].Rank!.Value;
                            return new UnitFigure(r.Unit.UnitId, r.Unit.Name, r.Unit.Path, fall, $"{month.Key} 排名第{r.Rank}（上月第{before[r.Unit.UnitId].Rank}）");
                        })
                        .ToList();
                }

            default:
                return null;
        }
    }
}
