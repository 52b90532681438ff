namespace Hotline.Domain.Assessment;

/// <summary>
/// The rules an assessment is computed with: the composite's weights (响应率 / 解决率 / 满意率, in percent, summing to 100)
/// and the exclusion switches. Versioned by the day they take effect; a period is computed with the version in force on
/// its last day for the weights (a period spanning a change is weighted whole with the later weights: one period, one
/// composite), and each order with the exclusion switches in force on the day it is counted in.
/// </summary>
public sealed record AssessmentRules(
    DateOnly EffectiveFrom, int ResponseWeight, int SolveWeight, int SatisfactionWeight,
    bool ExcludeInvalid, bool ExcludeDuplicate, bool ExcludeUnreasonable, bool ExcludeExempt)
{
    /// <summary>The rules before any version was recorded: 30 / 35 / 35, every exclusion on.</summary>
    public static readonly AssessmentRules Default = new(new DateOnly(2000, 1, 1), 30, 35, 35, true, true, true, true);

    /// <summary>Refuses weights that are negative or do not sum to 100 (field-named).</summary>
    public AssessmentRules Validated()
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, value) in new[] { ("responseWeight", ResponseWeight), ("solveWeight", SolveWeight), ("satisfactionWeight", SatisfactionWeight) })
        {
            if (value is < 0 or > 100)
            {
                errors[field] = ["Use 0–100."];
            }
        }

        if (errors.Count == 0 && ResponseWeight + SolveWeight + SatisfactionWeight != 100)
        {
            errors["satisfactionWeight"] = ["The three weights sum to 100."];
        }

        return errors.Count > 0 ? throw new ValidationException(errors) : this;
    }

    /// <summary>
    /// A new version takes effect on a later day than today (the orders already counted keep the switches they were
    /// computed with, so the stored facts stay exact) and on a day no other version takes effect.
    /// </summary>
    public static void CheckNewVersion(DateOnly effectiveFrom, DateOnly today, IEnumerable<DateOnly> existing)
    {
        if (effectiveFrom <= today)
        {
            throw ValidationException.For("effectiveFrom", "A new version takes effect from tomorrow or later.");
        }

        if (effectiveFrom.Year > 2100)
        {
            throw ValidationException.For("effectiveFrom", "Use a day up to 2100.");
        }

        if (existing.Contains(effectiveFrom))
        {
            throw ValidationException.For("effectiveFrom", "Another version already takes effect that day.");
        }
    }

    /// <summary>The version in force on <paramref name="day"/>: the latest taking effect on or before it, or <see cref="Default"/>.</summary>
    public static AssessmentRules InForce(IEnumerable<AssessmentRules> versions, DateOnly day) =>
        versions.Where(v => v.EffectiveFrom <= day).OrderByDescending(v => v.EffectiveFrom).FirstOrDefault() ?? Default;

    /// <summary>
    /// The days a version governs: from its first day to the day before the next version takes effect (null: still open).
    /// A period is weighted with the version governing its last day; each order is counted with the version governing the
    /// day it is counted in.
    /// </summary>
    public static DateOnly? GovernsUntil(DateOnly effectiveFrom, IEnumerable<DateOnly> others) =>
        others.Where(d => d > effectiveFrom).Order().Select(d => (DateOnly?)d.AddDays(-1)).FirstOrDefault();
}
