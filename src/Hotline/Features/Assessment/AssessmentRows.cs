using Hotline.Domain.Assessment;
using Hotline.Domain.WorkOrders;

namespace Hotline.Features.Assessment;

/// <summary>The columns of <see cref="AssessmentMeasures"/>, shared by the fact and the rollup rows (one int column per measure).</summary>
public abstract class MeasureColumns
{
    public int Registered { get; set; }

    public int Held { get; set; }

    public int Assessed { get; set; }

    public int OnTimeNum { get; set; }

    public int OnTimeDen { get; set; }

    public int SignNum { get; set; }

    public int SignDen { get; set; }

    public int ReturnNum { get; set; }

    public int ReturnDen { get; set; }

    public int LateReturnNum { get; set; }

    public int RedoNum { get; set; }

    public int RedoDen { get; set; }

    public int ExtensionNum { get; set; }

    public int ExtensionDen { get; set; }

    public int ProcessNum { get; set; }

    public int ProcessDen { get; set; }

    public int ResultNum { get; set; }

    public int ResultDen { get; set; }

    public int RepeatNum { get; set; }

    public int ResponseNum { get; set; }

    public int ResponseDen { get; set; }

    public int SolveNum { get; set; }

    public int SolveDen { get; set; }

    public int SatisfiedNum { get; set; }

    public int SatisfiedDen { get; set; }

    public int ExcludedInvalid { get; set; }

    public int ExcludedDuplicate { get; set; }

    public int ExcludedUnreasonable { get; set; }

    public int ExcludedExempt { get; set; }

    public int ExcludedAppealed { get; set; }

    public int CompletionNum { get; set; }

    public int CompletionDen { get; set; }

    public int CallbackNum { get; set; }

    public int CallbackDen { get; set; }

    public AssessmentMeasures Measures => new()
    {
        Registered = Registered,
        Held = Held,
        Assessed = Assessed,
        OnTimeNum = OnTimeNum,
        OnTimeDen = OnTimeDen,
        SignNum = SignNum,
        SignDen = SignDen,
        ReturnNum = ReturnNum,
        ReturnDen = ReturnDen,
        LateReturnNum = LateReturnNum,
        RedoNum = RedoNum,
        RedoDen = RedoDen,
        ExtensionNum = ExtensionNum,
        ExtensionDen = ExtensionDen,
        ProcessNum = ProcessNum,
        ProcessDen = ProcessDen,
        ResultNum = ResultNum,
        ResultDen = ResultDen,
        RepeatNum = RepeatNum,
        ResponseNum = ResponseNum,
        ResponseDen = ResponseDen,
        SolveNum = SolveNum,
        SolveDen = SolveDen,
        SatisfiedNum = SatisfiedNum,
        SatisfiedDen = SatisfiedDen,
        ExcludedInvalid = ExcludedInvalid,
        ExcludedDuplicate = ExcludedDuplicate,
        ExcludedUnreasonable = ExcludedUnreasonable,
        ExcludedExempt = ExcludedExempt,
        ExcludedAppealed = ExcludedAppealed,
        CompletionNum = CompletionNum,
        CompletionDen = CompletionDen,
        CallbackNum = CallbackNum,
        CallbackDen = CallbackDen,
    };

    public void SetMeasures(AssessmentMeasures m)
    {
        Registered = m.Registered;
        Held = m.Held;
        Assessed = m.Assessed;
        OnTimeNum = m.OnTimeNum;
        OnTimeDen = m.OnTimeDen;
        SignNum = m.SignNum;
        SignDen = m.SignDen;
        ReturnNum = m.ReturnNum;
        ReturnDen = m.ReturnDen;
        LateReturnNum = m.LateReturnNum;
        RedoNum = m.RedoNum;
        RedoDen = m.RedoDen;
        ExtensionNum = m.ExtensionNum;
        ExtensionDen = m.ExtensionDen;
        ProcessNum = m.ProcessNum;
        ProcessDen = m.ProcessDen;
        ResultNum = m.ResultNum;
        ResultDen = m.ResultDen;
        RepeatNum = m.RepeatNum;
        ResponseNum = m.ResponseNum;
        ResponseDen = m.ResponseDen;
        SolveNum = m.SolveNum;
        SolveDen = m.SolveDen;
        SatisfiedNum = m.SatisfiedNum;
        SatisfiedDen = m.SatisfiedDen;
        ExcludedInvalid = m.ExcludedInvalid;
        ExcludedDuplicate = m.ExcludedDuplicate;
        ExcludedUnreasonable = m.ExcludedUnreasonable;
        ExcludedExempt = m.ExcludedExempt;
        ExcludedAppealed = m.ExcludedAppealed;
        CompletionNum = m.CompletionNum;
        CompletionDen = m.CompletionDen;
        CallbackNum = m.CallbackNum;
        CallbackDen = m.CallbackDen;
    }
}

/// <summary>
/// Table <c>assessment_facts</c>: one row per (order, unit that held it as lead), and one per order with unit 0 (the order
/// itself: <c>registered</c> = 1, for volume counts). Each row holds the numerators and denominators of every formula of
/// <see cref="Formulas"/> for that unit, with exclusions and approved appeals applied, the order's dimensions and the day it
/// is counted in (its registration day, China time). <see cref="OpenDueUtc"/> is the handling deadline of an order still
/// open with this unit (the live part of the on-time denominator: overdue once it passes). Kept by
/// <see cref="AssessmentFactWriter"/>; the drill-down reads it.
/// </summary>
public sealed class AssessmentFactRow : MeasureColumns
{
    public long WorkOrderId { get; set; }

    public long UnitId { get; set; }

    public DateOnly Day { get; set; }

    public string CategoryCode { get; set; } = string.Empty;

    public string RegionCode { get; set; } = string.Empty;

    public Channel Channel { get; set; }

    public RequestType RequestType { get; set; }

    public DateTime? OpenDueUtc { get; set; }

    /// <summary>The order's current lead unit's path (null without one), for the dashboards' counts (<see cref="Dashboards.DashboardCounts"/>).</summary>
    public string? LeadUnitPath { get; set; }

    /// <summary>On the unit-0 fact only: the order's co-units' paths (null without co-units), for the counts of the unit subtrees that see it.</summary>
    public string? CoUnitPaths { get; set; }

    public static AssessmentFactRow From(AssessmentFact f)
    {
        var row = new AssessmentFactRow
        {
            WorkOrderId = f.WorkOrderId,
            UnitId = f.UnitId,
            Day = f.Day,
            CategoryCode = f.CategoryCode,
            RegionCode = f.RegionCode,
            Channel = f.Channel,
            RequestType = f.RequestType,
            OpenDueUtc = f.OpenDueUtc,
            LeadUnitPath = f.LeadUnitPath,
            CoUnitPaths = f.CoUnitPaths,
        };
        row.SetMeasures(f.Measures);
        return row;
    }

    public RollupKey Key => new(Day, UnitId, CategoryCode, RegionCode, Channel, RequestType);
}

/// <summary>A rollup row's key: day × unit × category × region × channel × request type.</summary>
public readonly record struct RollupKey(DateOnly Day, long UnitId, string CategoryCode, string RegionCode, Channel Channel, RequestType RequestType);

/// <summary>
/// Table <c>assessment_rollups</c>: the sums of <see cref="AssessmentFactRow"/> per day × unit (0: the orders themselves) ×
/// category × region × channel × request type. Exactly the GROUP BY of the facts (a test proves it after a random mix of
/// lifecycle actions); a unit's figures for a period are the sums of its subtree's rows over the period's days. Dashboards
/// read volumes from the unit-0 rows (<c>registered</c>) and rates from the unit rows.
/// </summary>
public sealed class AssessmentRollupRow : MeasureColumns
{
    public DateOnly Day { get; set; }

    public long UnitId { get; set; }

    public string CategoryCode { get; set; } = string.Empty;

    public string RegionCode { get; set; } = string.Empty;

    public Channel Channel { get; set; }

    public RequestType RequestType { get; set; }

    public RollupKey Key => new(Day, UnitId, CategoryCode, RegionCode, Channel, RequestType);
}
