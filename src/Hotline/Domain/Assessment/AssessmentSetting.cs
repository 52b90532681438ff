using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Assessment;

/// <summary>The settings of rankings and service targets that the centre manager configures, each versioned by the month it takes effect.</summary>
public enum AssessmentSettingKey
{
    /// <summary>The minimum number of assessed orders before a unit is ranked (a whole number).</summary>
    RankingMinimumOrders,

    /// <summary>The target of the completion rate (办结率), a percentage ("三个100%").</summary>
    CompletionTarget,

    /// <summary>The target of the callback rate (回访率), a percentage.</summary>
    CallbackTarget,

    /// <summary>The target of the effective connection rate (有效接通率), a percentage; not measured until the call centre exists.</summary>
    ConnectionTarget,
}

/// <summary>
/// One value of one setting, in force from the first day of <see cref="EffectiveFrom"/>'s month until a later value takes
/// effect. Values are only ever added, and never for a month that has begun before the current one, so a closed month is
/// always read with the rules that were in force then.
/// </summary>
public sealed class AssessmentSetting
{
    /// <summary>Who configures: the centre manager (S9).</summary>
    public static readonly IReadOnlySet<Role> ConfigureRoles = new HashSet<Role> { Role.CentreManager };

    public const int MaxMinimumOrders = 10_000;

    private AssessmentSetting()
    {
        SetByName = string.Empty;
    }

    public long Id { get; private set; }

    public AssessmentSettingKey Key { get; private set; }

    /// <summary>The first day of the month the value takes effect.</summary>
    public DateOnly EffectiveFrom { get; private set; }

    public decimal Value { get; private set; }

    public DateTime SetAtUtc { get; private set; }

    public string SetByName { get; private set; }

    /// <summary>The value used when nothing was configured: 10 orders, and 100% for every target ("三个100%").</summary>
    public static decimal Default(AssessmentSettingKey key) => key switch
    {
        AssessmentSettingKey.RankingMinimumOrders => 10,
        AssessmentSettingKey.CompletionTarget or AssessmentSettingKey.CallbackTarget or AssessmentSettingKey.ConnectionTarget => 100,
    };

    /// <summary>The value in force in the month starting <paramref name="monthStart"/>: the latest to take effect on or before it.</summary>
    public static decimal InForce(IEnumerable<AssessmentSetting> values, AssessmentSettingKey key, DateOnly monthStart) =>
        values.Where(v => v.Key == key && v.EffectiveFrom <= monthStart)
            .OrderByDescending(v => v.EffectiveFrom).ThenByDescending(v => v.SetAtUtc).ThenByDescending(v => v.Id)
            .Select(v => (decimal?)v.Value).FirstOrDefault() ?? Default(key);

    public static AssessmentSetting Create(AssessmentSettingKey? key, decimal? value, int? effectiveYear, int? effectiveMonth, Actor actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new Dictionary<string, string[]>();
        if (key is not { } k || !Enum.IsDefined(k))
        {
            throw ValidationException.For("key", "Unknown setting.");
        }

        if (value is not { } v)
        {
            errors["value"] = ["Give a value."];
        }
        else if (k == AssessmentSettingKey.RankingMinimumOrders && (v != decimal.Truncate(v) || v < 1 || v > MaxMinimumOrders))
        {
            errors["value"] = [$"Give a whole number of orders, 1–{MaxMinimumOrders}."];
        }
        else if (k != AssessmentSettingKey.RankingMinimumOrders && (v < 0 || v > 100 || v != Math.Round(v, 2)))
        {
            errors["value"] = ["Give a percentage, 0–100, at most two decimals."];
        }

        var thisMonth = MonthStart(DateOnly.FromDateTime(nowUtc.Add(Calendar.ChinaTime.Offset)));
        DateOnly from = default;
        if (effectiveYear is not { } y || effectiveMonth is not { } m || y is < 2000 or > 2100 || m is < 1 or > 12)
        {
            errors["effectiveFrom"] = ["Give the month it takes effect as yyyy-MM."];
        }
        else if ((from = new DateOnly(y, m, 1)) < thisMonth)
        {
            errors["effectiveFrom"] = ["A value takes effect this month or later: a month that has begun keeps its rules."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        if (!actor.Roles.Overlaps(ConfigureRoles) || !actor.Scope.IsPlatformWide)
        {
            throw new ForbiddenException("assessment_configure_centre_only", "Only the centre manager configures assessment.");
        }

        return new AssessmentSetting { Key = k, Value = value!.Value, EffectiveFrom = from, SetAtUtc = nowUtc, SetByName = actor.Name };
    }

    public static DateOnly MonthStart(DateOnly day) => new(day.Year, day.Month, 1);
}
