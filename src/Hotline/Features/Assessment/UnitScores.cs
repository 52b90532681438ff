using Hotline.Domain.Assessment;
using Hotline.Domain.Organisation;

namespace Hotline.Features.Assessment;

/// <summary>One figure of one unit: its numerator and denominator as the formula counts them, and the rate (null when the denominator is 0).</summary>
public sealed record FigureValue(long Numerator, long Denominator, decimal? Rate);

/// <summary>
/// One unit's assessment for a period, computed with the rules in force then: every figure by its formula code, the number
/// of orders assessed (what the minimum sample of a ranking counts) and the composite score (null when nothing was assessed).
/// </summary>
public sealed record UnitScore(
    long UnitId, string UnitCode, string UnitName, string UnitPath, UnitKind Kind, long AssessedOrders,
    IReadOnlyDictionary<string, FigureValue> Figures, decimal? Composite);

/// <summary>
/// The assessment engine as the other parts of assessment read it (rankings, the interview list, circulation, exports):
/// the scores of every unit inside <paramref name="scope"/> (each unit's subtree included in its figures) for a period.
/// </summary>
public interface IUnitScores
{
    Task<IReadOnlyList<UnitScore>> ForPeriodAsync(AccessScope scope, AssessmentPeriod period, CancellationToken ct);
}
