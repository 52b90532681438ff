using Hotline.Domain.Assessment;

namespace Hotline.Domain.Analytics;

/// <summary>
/// The on-time and satisfaction trends of the dashboards (S11, issue 17): the assessment engine's figures for the caller's
/// scope, one point per month (per week for a period shorter than <see cref="WeeklyBelowDays"/> days), each point computed
/// exactly as the assessment computes a unit's period (<see cref="Formulas.Evaluate"/> and <see cref="Formulas.Composite"/>
/// with the rules in force on the point's last day).
/// </summary>
public static class ScoreTrend
{
    /// <summary>A period shorter than this (about three months) is shown week by week.</summary>
    public const int WeeklyBelowDays = 92;

    /// <summary>The most points one trend holds (three years by month).</summary>
    public const int MaxPoints = 40;

    /// <summary>The figures the trend shows, in order (codes of the formula registry): 按时办结率, 满意率 (result), 响应率, 解决率, 满意率.</summary>
    public static readonly IReadOnlyList<string> Figures =
    [
        Formulas.OnTimeCompletion, Formulas.ResultSatisfaction, Formulas.ResponseRate, Formulas.SolveRate, Formulas.SatisfactionRate,
    ];

    /// <summary>The grain of a period's points: by week under <see cref="WeeklyBelowDays"/> days, by month otherwise.</summary>
    public static TimeGrain GrainOf(AssessmentPeriod period) => period.Days < WeeklyBelowDays ? TimeGrain.Week : TimeGrain.Month;

    /// <summary>The points of a period (the first and the last cut to the period), refused with the field named when too many.</summary>
    public static IReadOnlyList<AssessmentPeriod> Points(AssessmentPeriod period)
    {
        var buckets = VolumeTrend.Buckets(period, GrainOf(period));
        if (buckets.Count > MaxPoints)
        {
            throw ValidationException.For("to", $"A trend holds at most {MaxPoints} points: choose a shorter period.");
        }

        return [.. buckets.Select(b => AssessmentPeriod.Range(b.From, b.To))];
    }

    /// <summary>One point: the figures of the sums of its days, and the composite with the rules in force on its last day.</summary>
    public static (IReadOnlyDictionary<string, (long Numerator, long Denominator, decimal? Rate)> Figures, decimal? Composite, long Assessed) Evaluate(
        AssessmentPeriod point, IReadOnlyDictionary<DateOnly, AssessmentMeasures> sums, IReadOnlyDictionary<DateOnly, long> overdueOpen, IEnumerable<AssessmentRules> rules)
    {
        var total = default(AssessmentMeasures);
        long late = 0;
        for (var day = point.From; day <= point.To; day = day.AddDays(1))
        {
            total += sums.GetValueOrDefault(day);
            late += overdueOpen.GetValueOrDefault(day);
        }

        var figures = Formulas.Evaluate(total, late);
        return (figures, total.Assessed == 0 ? null : Formulas.Composite(figures, AssessmentRules.InForce(rules, point.To)), total.Assessed);
    }
}
