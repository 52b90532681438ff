using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Assessment;

/// <summary>One unit's circulated result for a month, frozen as it was circulated.</summary>
public sealed record CirculatedRow(
    long UnitId, string UnitCode, string UnitName, string UnitPath, string? GroupKey, string? GroupName, int? Rank, int RankedInGroup,
    bool TooFewToRank, long AssessedOrders, decimal? Composite, decimal QualitativePoints, Dictionary<string, decimal?> Figures,
    Dictionary<string, bool?> TargetsMet);

/// <summary>
/// The month's results circulated to the units (通报): what was circulated, when and by whom, frozen. One per month; each unit
/// reads its own rows, the centre and leaders all.
/// </summary>
public sealed class Circulation
{
    private Circulation()
    {
        Month = CirculatedByName = string.Empty;
    }

    public long Id { get; private set; }

    public string Month { get; private set; }

    public DateTime CirculatedAtUtc { get; private set; }

    public string CirculatedByName { get; private set; }

    public List<CirculatedRow> Rows { get; private set; } = [];

    /// <summary>Circulates a closed month's results (the centre manager only).</summary>
    public static Circulation Create(string month, bool monthClosed, IReadOnlyList<CirculatedRow> rows, Actor actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(rows);
        if (!monthClosed)
        {
            throw ValidationException.For("month", "Only a month that has ended is circulated.");
        }

        if (!actor.Roles.Overlaps(AssessmentSetting.ConfigureRoles) || !actor.Scope.IsPlatformWide)
        {
            throw new ForbiddenException("circulation_centre_manager_only", "Only the centre manager circulates the results.");
        }

        return new Circulation { Month = month, CirculatedAtUtc = nowUtc, CirculatedByName = actor.Name, Rows = [.. rows] };
    }
}
