using Hotline.Domain.Assessment;

namespace Hotline.Features.Assessment;

/// <summary>A formula as the UI shows it beside its figure (zh-CN and English wording from the registry).</summary>
public sealed record FormulaDto(
    string Code, FigureKind Kind, string NameZh, string NameEn, string NumeratorZh, string DenominatorZh, string NumeratorEn, string DenominatorEn,
    string CountedInZh, string CountedInEn, IReadOnlyList<ExclusionKind> Exclusions, FigureSource Source)
{
    public static FormulaDto From(Formula f) => new(
        f.Code, f.Kind, f.NameZh, f.NameEn, f.NumeratorZh, f.DenominatorZh, f.NumeratorEn, f.DenominatorEn, f.CountedInTextZh, f.CountedInTextEn, f.Exclusions, f.Source);
}

public sealed record RulesDto(DateOnly EffectiveFrom, int ResponseWeight, int SolveWeight, int SatisfactionWeight, bool ExcludeInvalid, bool ExcludeDuplicate, bool ExcludeUnreasonable, bool ExcludeExempt)
{
    public static RulesDto From(AssessmentRules r) =>
        new(r.EffectiveFrom, r.ResponseWeight, r.SolveWeight, r.SatisfactionWeight, r.ExcludeInvalid, r.ExcludeDuplicate, r.ExcludeUnreasonable, r.ExcludeExempt);
}

/// <summary>The scores of the units in the caller's scope for a period, with the rules they were computed with.</summary>
public sealed record ScoresDto(DateOnly From, DateOnly To, RulesDto Rules, IReadOnlyList<UnitScore> Units);

public sealed record ExclusionCount(ExclusionKind Kind, long Count);

/// <summary>One figure of one unit with its formula, the exclusions it applied (and how many orders each took out) and the appeals that changed it.</summary>
public sealed record FigureDetail(FormulaDto Formula, long Numerator, long Denominator, decimal? Rate, IReadOnlyList<ExclusionCount> Exclusions, IReadOnlyList<AppealDto> Appeals);

public sealed record UnitAssessmentDto(UnitScore Score, DateOnly From, DateOnly To, RulesDto Rules, IReadOnlyList<FigureDetail> Figures);

public sealed record AppealDto(
    long Id, long WorkOrderId, string WorkOrderNumber, long UnitId, string UnitName, string Formula, string Reason, string Evidence, AppealState State,
    DateTimeOffset FiledAt, string FiledByName, DateTimeOffset? DecidedAt, string? DecidedByName, string? DecisionNote, long Version)
{
    /// <summary>The files filed as evidence (issue 18), downloaded through <c>/api/attachments/{id}</c> by whoever sees the appeal.</summary>
    public IReadOnlyList<AppealFileDto> Files { get; init; } = [];

    public static AppealDto From(AssessmentAppeal a) => new(
        a.Id, a.WorkOrderId, a.WorkOrderNumber, a.UnitId, a.UnitName, a.FormulaCode, a.Reason, a.Evidence, a.State,
        WorkOrders.WorkOrderDto.Local(a.FiledAtUtc), a.FiledByName, WorkOrders.WorkOrderDto.Local(a.DecidedAtUtc), a.DecidedByName, a.DecisionNote, a.Version);
}

/// <summary>One evidence file of an appeal: its id for the download and the thumbnail, its name, type and size.</summary>
public sealed record AppealFileDto(long Id, string Name, string ContentType, long Size, bool IsImage);

/// <summary>Which orders behind a figure a drill-down lists.</summary>
public enum FigurePart
{
    Numerator,
    Denominator,
    Excluded,
}
