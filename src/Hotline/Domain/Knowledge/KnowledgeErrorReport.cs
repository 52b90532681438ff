namespace Hotline.Domain.Knowledge;

public enum ErrorReportStatus
{
    Open,
    Resolved,
}

/// <summary>How the owning unit settled an error report.</summary>
public enum ErrorReportOutcome
{
    /// <summary>The article was (or is being) corrected.</summary>
    Corrected,

    /// <summary>The article is right as it stands; the note explains why.</summary>
    NoChangeNeeded,
}

/// <summary>
/// 查漏纠错: a member of staff reports that an article is wrong, missing something or out of date. The report goes to
/// the unit that owns the article, which resolves it with an outcome and a note.
/// </summary>
public sealed class KnowledgeErrorReport
{
    public const int MaxTextLength = 1000;

    private KnowledgeErrorReport()
    {
        Text = ReportedByName = string.Empty;
    }

    public long Id { get; private set; }

    public long ArticleId { get; private set; }

    /// <summary>The unit the report is routed to: the article's owner when it was reported.</summary>
    public long OwnerUnitId { get; private set; }

    public string Text { get; private set; }

    public long ReportedById { get; private set; }

    public string ReportedByName { get; private set; }

    public DateTime ReportedAtUtc { get; private set; }

    public ErrorReportStatus Status { get; private set; }

    public ErrorReportOutcome? Outcome { get; private set; }

    public string? ResolutionNote { get; private set; }

    public long? ResolvedById { get; private set; }

    public string? ResolvedByName { get; private set; }

    public DateTime? ResolvedAtUtc { get; private set; }

    public long Version { get; private set; }

    public static KnowledgeErrorReport File(KnowledgeArticle article, string? text, long reporterId, string reporterName, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > MaxTextLength)
        {
            throw ValidationException.For("text", $"Describe the error in 1–{MaxTextLength} characters.");
        }

        return new KnowledgeErrorReport
        {
            ArticleId = article.Id,
            OwnerUnitId = article.OwnerUnitId,
            Text = text.Trim(),
            ReportedById = reporterId,
            ReportedByName = reporterName,
            ReportedAtUtc = nowUtc,
            Status = ErrorReportStatus.Open,
        };
    }

    public void Resolve(ErrorReportOutcome outcome, string? note, long resolverId, string resolverName, DateTime nowUtc)
    {
        if (Status != ErrorReportStatus.Open)
        {
            throw new DomainException("knowledge.error_report_resolved", "The error report is already resolved.");
        }

        if (!Enum.IsDefined(outcome))
        {
            throw ValidationException.For("outcome", "Use corrected or noChangeNeeded.");
        }

        if (string.IsNullOrWhiteSpace(note) || note.Trim().Length > 500)
        {
            throw ValidationException.For("note", "Say what was done (1–500 characters).");
        }

        Status = ErrorReportStatus.Resolved;
        Outcome = outcome;
        ResolutionNote = note.Trim();
        ResolvedById = resolverId;
        ResolvedByName = resolverName;
        ResolvedAtUtc = nowUtc;
    }
}
