using Hotline.Domain;
using Hotline.Domain.Calendar;
using Hotline.Domain.Knowledge;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Knowledge;

public sealed record KnowledgeContentDto(
    KnowledgeKind Kind, string Title, string Body, string Category, IReadOnlyList<string> RegionCodes, IReadOnlyList<string> Keywords,
    bool IsCitizenVisible, DateTimeOffset? EffectiveFrom, DateTimeOffset? ExpiresAt, DateTimeOffset? PeriodStart, DateTimeOffset? PeriodEnd)
{
    public static KnowledgeContentDto From(KnowledgeContent c) => new(
        c.Kind, c.Title, c.Body, c.Category, c.RegionCodes, c.Keywords, c.IsCitizenVisible,
        Local(c.EffectiveFromUtc), Local(c.ExpiresAtUtc), Local(c.PeriodStartUtc), Local(c.PeriodEndUtc));

    internal static DateTimeOffset? Local(DateTime? utc) => utc is { } v ? Local(v) : null;

    internal static DateTimeOffset Local(DateTime utc) => ChinaTime.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
}

/// <summary>The body of a create or edit: the content fields (times ISO-8601 with an offset).</summary>
public sealed record KnowledgeContentRequest(
    KnowledgeKind? Kind, [property: MaxLength(KnowledgeContent.MaxTitleLength)] string? Title, [property: MaxLength(KnowledgeContent.MaxBodyLength)] string? Body, [property: MaxLength(KnowledgeContent.MaxCategoryLength)] string? Category, [property: MaxLength(KnowledgeContent.MaxRegions)] IReadOnlyList<string>? RegionCodes, [property: MaxLength(KnowledgeContent.MaxKeywords)] IReadOnlyList<string>? Keywords,
    bool? IsCitizenVisible, DateTimeOffset? EffectiveFrom, DateTimeOffset? ExpiresAt, DateTimeOffset? PeriodStart, DateTimeOffset? PeriodEnd)
{
    public KnowledgeContent ToContent()
    {
        if (Kind is null)
        {
            throw Domain.ValidationException.For("kind", "Give the kind: answerWording, serviceGuide, policy, faq or notice.");
        }

        return KnowledgeContent.Create(
            Kind.Value, Title, Body, Category, RegionCodes, Keywords, IsCitizenVisible ?? false,
            EffectiveFrom?.UtcDateTime, ExpiresAt?.UtcDateTime, PeriodStart?.UtcDateTime, PeriodEnd?.UtcDateTime);
    }
}

public sealed record CreateArticleRequest(long? OwnerUnitId, KnowledgeContentRequest? Content);

public sealed record EditArticleRequest(KnowledgeContentRequest? Content, [property: MaxLength(Limits.Reason)] string? Note, long? Version);

public sealed record ArticleActionRequest([property: MaxLength(Limits.Reason)] string? Note, long? Version);

public sealed record UnitName(long Id, string Name);

/// <summary>
/// An article as a reader sees it: the live version (what agents and citizens get), and for its maintainers also the
/// working copy and workflow status.
/// </summary>
public sealed record ArticleDto(
    long Id,
    UnitName OwnerUnit,
    KnowledgeStatus Status,
    int? LiveVersion,
    DateTimeOffset? LivePublishedAt,
    KnowledgeContentDto? Live,
    KnowledgeContentDto? WorkingCopy,
    int PublishedVersions,
    long ViewCount,
    long UseCount,
    int OpenErrorReports,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);

public sealed record ArticleSummaryDto(
    long Id, KnowledgeKind Kind, string Title, string Category, KnowledgeStatus Status, UnitName OwnerUnit, int? LiveVersion,
    bool IsCitizenVisible, DateTimeOffset? ExpiresAt, DateTimeOffset? LiveExpiresAt, DateTimeOffset UpdatedAt, long ViewCount, long UseCount);

public sealed record ArticleEventDto(KnowledgeAction Action, string ActorName, long? ActorId, DateTimeOffset At, string? Note, int? Version, IReadOnlyList<string> ChangedFields)
{
    public static ArticleEventDto From(KnowledgeArticleEvent e) => new(
        e.Action, e.ActorName, e.ActorId, KnowledgeContentDto.Local(e.AtUtc), e.Note, e.ArticleVersion,
        e.ChangedFields?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? []);
}

public sealed record ArticleVersionDto(int Number, KnowledgeContentDto Content, IReadOnlyList<string> ChangedFields, string? Note, string ApprovedBy, DateTimeOffset PublishedAt)
{
    public static ArticleVersionDto From(KnowledgeArticleVersion v) => new(
        v.Number, KnowledgeContentDto.From(v.Content), v.ChangedFields?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [], v.Note, v.ApprovedByName,
        KnowledgeContentDto.Local(v.PublishedAtUtc));
}

public sealed record ErrorReportRequest([property: MaxLength(KnowledgeErrorReport.MaxTextLength)] string? Text);

public sealed record ResolveErrorReportRequest(ErrorReportOutcome? Outcome, [property: MaxLength(Limits.Reason)] string? Note, long? Version);

public sealed record ErrorReportDto(
    long Id, long ArticleId, string ArticleTitle, UnitName OwnerUnit, string Text, string ReportedBy, DateTimeOffset ReportedAt,
    ErrorReportStatus Status, ErrorReportOutcome? Outcome, string? ResolutionNote, string? ResolvedBy, DateTimeOffset? ResolvedAt, long Version);

public sealed record ExpiryWarningDto(long Id, long ArticleId, string ArticleTitle, UnitName OwnerUnit, DateTimeOffset ExpiresAt, DateTimeOffset WarnedAt, int DaysLeft);

public sealed record UseArticleRequest(long? WorkOrderId);

/// <summary>What the agent's direct answer is filled with after "use this article".</summary>
public sealed record UsedArticleDto(long ArticleId, int Version, string Title, string Body, long UseCount);

public sealed record SuggestionsDto(IReadOnlyList<Search.SearchHitDto> Articles, IReadOnlyList<Search.SearchHitDto> Notices);
