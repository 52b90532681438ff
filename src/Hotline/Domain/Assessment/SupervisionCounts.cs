using System.Linq.Expressions;
using Hotline.Domain.Calendar;
using Hotline.Domain.Supervision;

namespace Hotline.Domain.Assessment;

/// <summary>Where a figure's counts come from: the orders' facts (every figure but the ledger's) or the supervision ledger.</summary>
public enum FigureSource
{
    Orders,
    SupervisionLedger,

    /// <summary>Issue 18: the citizens' 好差评 ratings (<see cref="ServiceRatingCounts"/>).</summary>
    ServiceRatings,
}

/// <summary>The supervision ledger's counts of one unit (or a sum of units) in a period: notices issued and misconduct records.</summary>
public readonly record struct SupervisionTally(long Notices, long Misconduct)
{
    public static SupervisionTally operator +(SupervisionTally a, SupervisionTally b) => new(a.Notices + b.Notices, a.Misconduct + b.Misconduct);
}

/// <summary>
/// The supervision counts (督办计数) as assessment figures, written once: a notice (督办单) counts for the unit it was issued to
/// on the local day it was issued; a misconduct record (不作为、慢作为 and the other codes: every record counts in assessment)
/// on the local day it was recorded. Nothing is excluded and nothing is appealed (an appeal is on one order's count; the
/// ledger has its own corrections). Informational: not in the composite score.
/// </summary>
public static class SupervisionCounts
{
    /// <summary>The notices counted in <paramref name="period"/>: issued from its first day's local midnight to its last day's end.</summary>
    public static Expression<Func<SupervisionNotice, bool>> NoticesIn(AssessmentPeriod period)
    {
        var (from, to) = Bounds(period);
        return n => n.IssuedAtUtc >= from && n.IssuedAtUtc < to;
    }

    /// <summary>The misconduct records counted in <paramref name="period"/>: recorded on one of its local days.</summary>
    public static Expression<Func<MisconductRecord, bool>> MisconductIn(AssessmentPeriod period)
    {
        var (from, to) = Bounds(period);
        return m => m.RecordedAtUtc >= from && m.RecordedAtUtc < to;
    }

    /// <summary>The period's local days as a half-open UTC range.</summary>
    public static (DateTime From, DateTime To) Bounds(AssessmentPeriod period) =>
        (ChinaTime.StartOfDay(period.From).UtcDateTime, ChinaTime.StartOfDay(period.To.AddDays(1)).UtcDateTime);
}
