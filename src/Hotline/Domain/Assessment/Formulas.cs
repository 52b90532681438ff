namespace Hotline.Domain.Assessment;

/// <summary>Whether a figure is a rate (numerator over denominator) or a count (the numerator alone).</summary>
public enum FigureKind
{
    Rate,
    Count,
}

/// <summary>An exclusion as a figure lists it.</summary>
public enum ExclusionKind
{
    /// <summary>Invalid: not accepted, or abuse / no content (无效).</summary>
    Invalid,

    /// <summary>Duplicate: merged into another order, or linked as a repeat of an order still open (重复).</summary>
    Duplicate,

    /// <summary>Unreasonable: closed as policy-compliant though the citizen was not satisfied (不合理诉求).</summary>
    Unreasonable,

    /// <summary>Mediation or law enforcement, exempt from callback: satisfaction figures only (调解、执法类).</summary>
    Exempt,

    /// <summary>An approved appeal took the order out for this unit and figure (申诉核减).</summary>
    Appealed,
}

/// <summary>
/// One formula, written once: its stable code (the API key), its names and wording (zh-CN first), how numerator and
/// denominator count, the exclusions it applies, and how its sums are read from <see cref="AssessmentMeasures"/>.
/// Every order is counted in the day it was registered (local calendar), for every unit that held it as lead; the
/// supervision ledger's figures (<see cref="FigureSource.SupervisionLedger"/>) count the ledger's entries instead, in the
/// day each was issued or recorded (<see cref="SupervisionCounts"/>), and say so in <paramref name="CountedZh"/>.
/// </summary>
public sealed record Formula(
    string Code, FigureKind Kind, string NameZh, string NameEn, string NumeratorZh, string DenominatorZh, string NumeratorEn, string DenominatorEn,
    IReadOnlyList<ExclusionKind> Exclusions, string NumeratorMeasure, string DenominatorMeasure,
    FigureSource Source = FigureSource.Orders, string? CountedZh = null, string? CountedEn = null)
{
    private readonly int _num = Array.IndexOf(AssessmentMeasures.Names, NumeratorMeasure);
    private readonly int _den = Array.IndexOf(AssessmentMeasures.Names, DenominatorMeasure);

    /// <summary>The numerator read from a sum of facts (the measure named <see cref="NumeratorMeasure"/>).</summary>
    public long Numerator(AssessmentMeasures m) => _num < 0 ? 0 : m.ToArray()[_num];

    /// <summary>The denominator read from a sum of facts; for a count, the orders held (not shown as a rate).</summary>
    public long Denominator(AssessmentMeasures m) => _den < 0 ? 0 : m.ToArray()[_den];

    /// <summary>Whether the figure is a satisfaction figure (exempt cases excluded).</summary>
    public bool ExcludesExempt => Exclusions.Contains(ExclusionKind.Exempt);

    /// <summary>The time an order is counted in, the same for every formula.</summary>
    public const string CountedInZh = "按工单登记日（平台本地日历）计入";

    public const string CountedInEn = "Counted in the day the order was registered (platform local calendar)";

    /// <summary>The time this figure's cases are counted in (zh-CN).</summary>
    public string CountedInTextZh => CountedZh ?? CountedInZh;

    public string CountedInTextEn => CountedEn ?? CountedInEn;
}

/// <summary>The registry of formulas: the only place a figure's definition is written.</summary>
public static class Formulas
{
    public const string OnTimeCompletion = "on-time-completion";
    public const string SignTimeliness = "sign-timeliness";
    public const string ReturnRate = "return-rate";
    public const string LateReturns = "late-returns";
    public const string RedoRate = "redo-rate";
    public const string ExtensionRate = "extension-rate";
    public const string ProcessSatisfaction = "process-satisfaction";
    public const string ResultSatisfaction = "result-satisfaction";
    public const string RepeatAfterClosure = "repeat-after-closure";
    public const string ResponseRate = "response-rate";
    public const string SolveRate = "solve-rate";
    public const string SatisfactionRate = "satisfaction-rate";

    /// <summary>The service targets' figures ("三个100%"): the completion rate (办结率) and the callback rate (回访率).</summary>
    public const string CompletionRate = "completion-rate";

    public const string CallbackRate = "callback-rate";

    /// <summary>The supervision counts (from the supervision ledger; informational, not in the composite).</summary>
    public const string SupervisionNotices = "supervision-notices";

    public const string MisconductRecords = "misconduct-records";

    /// <summary>Issue 18: the 好差评 figures (from the citizens' ratings; informational, not in the composite).</summary>
    public const string GoodRatingRate = "good-rating-rate";

    public const string BadRatingFollowUpRate = "bad-rating-follow-up-rate";

    /// <summary>An appeal for every figure.</summary>
    public const string All = "all";

    private static readonly ExclusionKind[] Base = [ExclusionKind.Invalid, ExclusionKind.Duplicate, ExclusionKind.Unreasonable, ExclusionKind.Appealed];
    private static readonly ExclusionKind[] ForSatisfaction = [.. Base, ExclusionKind.Exempt];

    public static readonly IReadOnlyList<Formula> List =
    [
        new(OnTimeCompletion, FigureKind.Rate, "按时办结率", "On-time completion rate",
            "本单位按时限答复的工单数", "本单位已答复的工单数 + 仍在本单位办理且已超办理时限的工单数",
            "orders the unit replied to within the deadline", "orders the unit replied to + orders still open with the unit past the handling deadline",
            Base, nameof(AssessmentMeasures.OnTimeNum), nameof(AssessmentMeasures.OnTimeDen)),
        new(SignTimeliness, FigureKind.Rate, "签收及时率", "Sign-in timeliness",
            "在回退时限内签收的工单数", "本单位（现承办）已签收的工单数",
            "orders signed within the return window", "orders the unit (current lead) signed",
            Base, nameof(AssessmentMeasures.SignNum), nameof(AssessmentMeasures.SignDen)),
        new(ReturnRate, FigureKind.Rate, "退单率", "Return rate",
            "本单位退回的工单数", "本单位作为主办承办过的工单数",
            "orders the unit returned", "orders the unit held as lead",
            Base, nameof(AssessmentMeasures.ReturnNum), nameof(AssessmentMeasures.ReturnDen)),
        new(LateReturns, FigureKind.Count, "超时退单数", "Late returns",
            "本单位超过回退时限退回的工单数", "—", "orders the unit returned after the return window", "—",
            Base, nameof(AssessmentMeasures.LateReturnNum), nameof(AssessmentMeasures.Held)),
        new(RedoRate, FigureKind.Rate, "重办率", "Redo rate",
            "本单位答复后被退回重办的工单数", "本单位已答复的工单数",
            "orders sent back for redo after the unit's reply", "orders the unit replied to",
            Base, nameof(AssessmentMeasures.RedoNum), nameof(AssessmentMeasures.RedoDen)),
        new(ExtensionRate, FigureKind.Rate, "延期率", "Extension rate",
            "获准延期的工单数", "本单位现承办的工单数",
            "orders with an approved extension", "orders the unit currently leads",
            Base, nameof(AssessmentMeasures.ExtensionNum), nameof(AssessmentMeasures.ExtensionDen)),
        new(ProcessSatisfaction, FigureKind.Rate, "过程满意率", "Process satisfaction rate",
            "回访对办理过程满意或基本满意的工单数", "回访接通并评价的工单数",
            "orders whose callback rated the process satisfied or basically satisfied", "orders with a reached, rated callback",
            ForSatisfaction, nameof(AssessmentMeasures.ProcessNum), nameof(AssessmentMeasures.ProcessDen)),
        new(ResultSatisfaction, FigureKind.Rate, "结果满意率", "Result satisfaction rate",
            "回访对办理结果满意或基本满意的工单数", "回访接通并评价的工单数",
            "orders whose callback rated the result satisfied or basically satisfied", "orders with a reached, rated callback",
            ForSatisfaction, nameof(AssessmentMeasures.ResultNum), nameof(AssessmentMeasures.ResultDen)),
        new(RepeatAfterClosure, FigureKind.Count, "办结后重复诉求数", "Repeats after closure",
            "关联为已办结工单重复诉求的新工单数", "—", "new orders linked as repeats of a closed order", "—",
            Base, nameof(AssessmentMeasures.RepeatNum), nameof(AssessmentMeasures.Held)),
        new(ResponseRate, FigureKind.Rate, "响应率", "Response rate",
            "答复时已联系诉求人的工单数", "本单位已答复的工单数",
            "orders whose reply says the citizen was contacted", "orders the unit replied to",
            Base, nameof(AssessmentMeasures.ResponseNum), nameof(AssessmentMeasures.ResponseDen)),
        new(SolveRate, FigureKind.Rate, "解决率", "Solve rate",
            "答复为已解决且回访未表示不满意的工单数", "本单位已答复的工单数",
            "orders replied as resolved and not found unsatisfied at callback", "orders the unit replied to",
            Base, nameof(AssessmentMeasures.SolveNum), nameof(AssessmentMeasures.SolveDen)),
        new(SatisfactionRate, FigureKind.Rate, "满意率", "Satisfaction rate",
            "回访过程与结果均满意或基本满意的工单数", "回访接通并评价的工单数",
            "orders rated satisfied or basically satisfied for both process and result", "orders with a reached, rated callback",
            ForSatisfaction, nameof(AssessmentMeasures.SatisfiedNum), nameof(AssessmentMeasures.SatisfiedDen)),
        new(CompletionRate, FigureKind.Rate, "办结率", "Completion rate",
            "本单位现承办且已办结（含归档）的工单数", "本单位现承办的工单数",
            "orders the unit currently leads that are closed (or archived)", "orders the unit currently leads",
            Base, nameof(AssessmentMeasures.CompletionNum), nameof(AssessmentMeasures.CompletionDen)),
        new(CallbackRate, FigureKind.Rate, "回访率", "Callback rate",
            "已回访（含未接通的回访尝试）的工单数", "答复已通过审核、应当回访的工单数",
            "orders called back (an attempt that did not reach the citizen counts)", "orders whose reply the centre accepted, due a callback",
            ForSatisfaction, nameof(AssessmentMeasures.CallbackNum), nameof(AssessmentMeasures.CallbackDen)),
        new(SupervisionNotices, FigureKind.Count, "督办单数", "Supervision notices",
            "督办机构向本单位发出的督办单数", "—", "supervision notices issued to the unit", "—",
            [], nameof(SupervisionTally.Notices), nameof(AssessmentMeasures.Held), FigureSource.SupervisionLedger,
            "按督办单签发日（平台本地日历）计入；仅供参考，不计入综合得分", "Counted in the day the notice was issued (platform local calendar); informational, not in the composite"),
        new(MisconductRecords, FigureKind.Count, "问责记录数", "Misconduct records",
            "记录在本单位的不作为、慢作为等问责记录数", "—", "misconduct records (inaction, slow action and the other codes) of the unit", "—",
            [], nameof(SupervisionTally.Misconduct), nameof(AssessmentMeasures.Held), FigureSource.SupervisionLedger,
            "按问责记录登记日（平台本地日历）计入；仅供参考，不计入综合得分", "Counted in the day the record was made (platform local calendar); informational, not in the composite"),
        new(GoodRatingRate, FigureKind.Rate, "好评率", "Good rating rate (好差评)",
            "评价为非常满意、满意或基本满意的工单数", "诉求人作出“好差评”评价的工单数",
            "orders rated very satisfied, satisfied or basically satisfied", "orders the citizen rated (好差评)",
            [], nameof(ServiceRatingTally.Good), nameof(ServiceRatingTally.Rated), FigureSource.ServiceRatings,
            "按评价日（平台本地日历）计入评价时的主办单位；仅供参考，不计入综合得分",
            "Counted in the day of the rating (platform local calendar), for the lead unit when rated; informational, not in the composite"),
        new(BadRatingFollowUpRate, FigureKind.Rate, "差评整改率", "Bad rating follow-up rate",
            "在5个工作日内完成整改或回访（核实、整改、解释说明）的差评数", "已完成整改或回访、或已超过5个工作日期限的差评数",
            "bad ratings followed up (verified, rectified, explained) within 5 working days", "bad ratings followed up or past their 5 working days",
            [], nameof(ServiceRatingTally.BadFollowedUpInTime), nameof(ServiceRatingTally.BadCounted), FigureSource.ServiceRatings,
            "按评价日（平台本地日历）计入评价时的主办单位；期限内尚未整改的差评暂不计入；仅供参考，不计入综合得分",
            "Counted in the day of the rating, for the lead unit when rated; a bad rating still within its deadline is not yet counted; informational, not in the composite"),
    ];

    public static readonly IReadOnlyDictionary<string, Formula> ByCode = List.ToDictionary(f => f.Code);

    /// <summary>Whether <paramref name="code"/> names a formula counting orders, or <see cref="All"/> (what an appeal may name).</summary>
    public static bool IsKnown(string code) => code == All || (ByCode.TryGetValue(code, out var f) && f.Source == FigureSource.Orders);

    /// <summary>
    /// The figures of a sum of facts; <paramref name="overdueOpen"/> is the live part of the on-time denominator,
    /// <paramref name="ledger"/> the supervision ledger's counts of the same units and period, <paramref name="ratings"/>
    /// their 好差评 counts (<see cref="ServiceRatingCounts"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, (long Numerator, long Denominator, decimal? Rate)> Evaluate(
        AssessmentMeasures m, long overdueOpen, SupervisionTally ledger = default, ServiceRatingTally ratings = default)
    {
        var figures = new Dictionary<string, (long, long, decimal?)>();
        foreach (var f in List)
        {
            var num = f.Code switch
            {
                SupervisionNotices => ledger.Notices,
                MisconductRecords => ledger.Misconduct,
                GoodRatingRate => ratings.Good,
                BadRatingFollowUpRate => ratings.BadFollowedUpInTime,
                _ => f.Numerator(m),
            };
            var den = f.Code switch
            {
                GoodRatingRate => ratings.Rated,
                BadRatingFollowUpRate => ratings.BadCounted,
                OnTimeCompletion => f.Denominator(m) + overdueOpen,
                _ => f.Denominator(m),
            };
            figures[f.Code] = (num, den, f.Kind == FigureKind.Rate ? Rate(num, den) : null);
        }

        return figures;
    }

    /// <summary>
    /// The composite score (0–100): the weighted mean of 响应率, 解决率 and 满意率 in percent; a rate without a denominator
    /// is left out and the others' weights renormalised; null when none has one.
    /// </summary>
    public static decimal? Composite(IReadOnlyDictionary<string, (long Numerator, long Denominator, decimal? Rate)> figures, AssessmentRules rules)
    {
        decimal sum = 0;
        decimal weights = 0;
        foreach (var (code, weight) in new[] { (ResponseRate, rules.ResponseWeight), (SolveRate, rules.SolveWeight), (SatisfactionRate, rules.SatisfactionWeight) })
        {
            if (figures[code].Rate is { } rate && weight > 0)
            {
                sum += rate * 100 * weight;
                weights += weight;
            }
        }

        return weights == 0 ? null : Math.Round(sum / weights, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>A rate rounded half away from zero to 4 decimals (0.9375), null when the denominator is 0.</summary>
    public static decimal? Rate(long numerator, long denominator) => denominator == 0 ? null : Math.Round((decimal)numerator / denominator, 4, MidpointRounding.AwayFromZero);
}
