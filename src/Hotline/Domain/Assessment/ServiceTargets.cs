namespace Hotline.Domain.Assessment;

/// <summary>
/// The service targets "三个100%" (S9, Xianning): each target, the setting that holds its percentage, and the figure of the
/// assessment engine that measures it (by formula code), written once here:
/// <list type="bullet">
/// <item>completion rate (办结率): the engine's <see cref="Formulas.CompletionRate"/> — orders closed among the orders a unit leads;</item>
/// <item>callback rate (回访率): the engine's <see cref="Formulas.CallbackRate"/> — orders called back (reached or not) among those due a callback;</item>
/// <item>effective connection rate (有效接通率): not measured until the call centre exists.</item>
/// </list>
/// A target is met when the measured rate (a percentage, rounded to two decimals) is at least the target. A target whose figure
/// the engine does not give, or whose denominator is 0, is "not measured", never met or missed.
/// </summary>
public static class ServiceTargets
{
    public sealed record Definition(string Code, AssessmentSettingKey Setting, string? FigureCode);

    public static readonly IReadOnlyList<Definition> All =
    [
        new("completion", AssessmentSettingKey.CompletionTarget, Formulas.CompletionRate),
        new("callback", AssessmentSettingKey.CallbackTarget, Formulas.CallbackRate),
        new("connection", AssessmentSettingKey.ConnectionTarget, null),
    ];

    /// <summary>The measured percentage from a rate given as a fraction (0–1), or null when not measured.</summary>
    public static decimal? Percent(decimal? rate) => rate is { } r ? Math.Round(r * 100, 2, MidpointRounding.AwayFromZero) : null;

    /// <summary>Met (true), missed (false) or not measured (null).</summary>
    public static bool? Met(decimal? measuredPercent, decimal targetPercent) => measuredPercent is { } m ? m >= targetPercent : null;
}
