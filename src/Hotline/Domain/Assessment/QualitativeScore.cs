using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Assessment;

/// <summary>The qualitative items scored by hand (S9).</summary>
public enum QualitativeItem
{
    /// <summary>Rules made (制度建设).</summary>
    RulesMade,

    /// <summary>Long-term mechanisms (长效机制).</summary>
    LongTermMechanism,

    /// <summary>Improvements (工作改进、创新).</summary>
    Improvement,
}

/// <summary>
/// A hand-given score of one qualitative item for one unit and month, with the reason and who gave it when. It is a separate
/// line of the unit's result, never folded into the composite. One per unit, month and item; edited with a version check.
/// </summary>
public sealed class QualitativeScore
{
    /// <summary>A score is between −<see cref="MaxPoints"/> and +<see cref="MaxPoints"/> points (deductions allowed).</summary>
    public const decimal MaxPoints = 10;

    private QualitativeScore()
    {
        Month = UnitName = UnitPath = Reason = ScoredByName = string.Empty;
    }

    public long Id { get; private set; }

    public long UnitId { get; private set; }

    public string UnitName { get; private set; }

    public string UnitPath { get; private set; }

    public string Month { get; private set; }

    public QualitativeItem Item { get; private set; }

    public decimal Points { get; private set; }

    public string Reason { get; private set; }

    public DateTime ScoredAtUtc { get; private set; }

    public string ScoredByName { get; private set; }

    public long Version { get; private set; }

    public static QualitativeScore Create(long unitId, string unitName, string unitPath, string month, QualitativeItem? item, decimal? points, string? reason, Actor actor, DateTime nowUtc)
    {
        var errors = Check(points, reason);
        if (item is not { } i || !Enum.IsDefined(i))
        {
            errors["item"] = ["Choose the item: rulesMade, longTermMechanism or improvement."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        EnsureMayScore(actor, unitPath);
        return new QualitativeScore
        {
            UnitId = unitId,
            UnitName = unitName,
            UnitPath = unitPath,
            Month = month,
            Item = item!.Value,
            Points = points!.Value,
            Reason = reason!.Trim(),
            ScoredAtUtc = nowUtc,
            ScoredByName = actor.Name,
        };
    }

    public void Change(decimal? points, string? reason, Actor actor, DateTime nowUtc)
    {
        var errors = Check(points, reason);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        EnsureMayScore(actor, UnitPath);
        (Points, Reason, ScoredAtUtc, ScoredByName) = (points!.Value, reason!.Trim(), nowUtc, actor.Name);
    }

    private static Dictionary<string, string[]> Check(decimal? points, string? reason)
    {
        var errors = new Dictionary<string, string[]>();
        if (points is not { } p || p < -MaxPoints || p > MaxPoints || p != Math.Round(p, 2))
        {
            errors["points"] = [$"Give points from −{MaxPoints} to {MaxPoints}, at most two decimals."];
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            errors["reason"] = ["Give the reason for the score."];
        }

        return errors;
    }

    private static void EnsureMayScore(Actor actor, string unitPath)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Roles.Overlaps(AssessmentSetting.ConfigureRoles) || !actor.Scope.Covers(unitPath))
        {
            throw new ForbiddenException("qualitative_centre_manager_only", "Only the centre manager scores qualitative items.");
        }
    }
}
