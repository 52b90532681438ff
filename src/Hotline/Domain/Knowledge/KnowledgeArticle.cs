namespace Hotline.Domain.Knowledge;

/// <summary>
/// Where the working copy of an article stands: written (Draft), waiting for the centre (InReview), live (Published),
/// or taken out of use by its expiry date (Expired) or by a person (Withdrawn). A published article that is being
/// revised goes back to Draft while its last published version stays live.
/// </summary>
public enum KnowledgeStatus
{
    Draft,
    InReview,
    Published,
    Expired,
    Withdrawn,
}

/// <summary>What happened to an article: the entries of its timeline.</summary>
public enum KnowledgeAction
{
    Created,
    Edited,
    Submitted,
    Recalled,
    Approved,
    Rejected,
    Withdrawn,
    Expired,
    ErrorReported,
    ErrorResolved,
}

/// <summary>Who did something: a member of staff, or the system (no user id).</summary>
public sealed record KnowledgeActor(long? UserId, string Name, long? UnitId)
{
    public static readonly KnowledgeActor System = new(null, "系统", null);
}

/// <summary>
/// A knowledge article or notice (S10), owned by a unit. The unit edits the working copy and submits it; the centre
/// approves it, which freezes a new <see cref="KnowledgeArticleVersion"/> and makes it the live one (the one agents and
/// citizens find), or rejects it back to draft. Every step is a <see cref="KnowledgeArticleEvent"/> on the timeline.
/// </summary>
public sealed class KnowledgeArticle
{
    /// <summary>The one transition table: from which working-copy statuses each action may be taken.</summary>
    private static readonly Dictionary<KnowledgeAction, KnowledgeStatus[]> AllowedFrom = new()
    {
        [KnowledgeAction.Edited] = [KnowledgeStatus.Draft, KnowledgeStatus.Published, KnowledgeStatus.Expired, KnowledgeStatus.Withdrawn],
        [KnowledgeAction.Submitted] = [KnowledgeStatus.Draft],
        [KnowledgeAction.Recalled] = [KnowledgeStatus.InReview],
        [KnowledgeAction.Approved] = [KnowledgeStatus.InReview],
        [KnowledgeAction.Rejected] = [KnowledgeStatus.InReview],
    };

    private KnowledgeArticle()
    {
        Title = Body = Category = CreatedByName = string.Empty;
    }

    public long Id { get; private set; }

    public long OwnerUnitId { get; private set; }

    public KnowledgeKind Kind { get; private set; }

    public string Title { get; private set; }

    public string Body { get; private set; }

    public string Category { get; private set; }

    public List<string> RegionCodes { get; private set; } = [];

    public List<string> Keywords { get; private set; } = [];

    public bool IsCitizenVisible { get; private set; }

    public DateTime? EffectiveFromUtc { get; private set; }

    public DateTime? ExpiresAtUtc { get; private set; }

    public DateTime? PeriodStartUtc { get; private set; }

    public DateTime? PeriodEndUtc { get; private set; }

    public KnowledgeStatus Status { get; private set; }

    /// <summary>Number of the version agents and citizens see; null while nothing is live.</summary>
    public int? LiveVersion { get; private set; }

    /// <summary>The live version's expiry date (the working copy may already carry a new one).</summary>
    public DateTime? LiveExpiresAtUtc { get; private set; }

    /// <summary>How many versions were ever published.</summary>
    public int PublishedVersions { get; private set; }

    /// <summary>Who submitted the copy under review; the centre reviewer must be someone else.</summary>
    public long? SubmittedById { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public long? CreatedById { get; private set; }

    public string CreatedByName { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public long ViewCount { get; private set; }

    public long UseCount { get; private set; }

    public long Version { get; private set; }

    public List<KnowledgeArticleEvent> Events { get; private set; } = [];

    public bool IsLive => LiveVersion is not null;

    public KnowledgeContent Content => new(Kind, Title, Body, Category, RegionCodes, Keywords, IsCitizenVisible, EffectiveFromUtc, ExpiresAtUtc, PeriodStartUtc, PeriodEndUtc);

    public static KnowledgeArticle Create(KnowledgeContent content, long ownerUnitId, KnowledgeActor author, DateTime nowUtc)
    {
        var article = new KnowledgeArticle
        {
            OwnerUnitId = ownerUnitId,
            Status = KnowledgeStatus.Draft,
            CreatedAtUtc = nowUtc,
            CreatedById = author.UserId,
            CreatedByName = author.Name,
        };
        article.Apply(content, nowUtc);
        article.Record(KnowledgeAction.Created, author, nowUtc);
        return article;
    }

    /// <summary>Changes the working copy. A live article stays live with its last published version until the revision is approved.</summary>
    public void Edit(KnowledgeContent content, KnowledgeActor editor, DateTime nowUtc, string? note = null)
    {
        Ensure(KnowledgeAction.Edited);
        var changed = content.ChangedFrom(Content);
        if (changed.Count == 0)
        {
            return;
        }

        Apply(content, nowUtc);
        Status = KnowledgeStatus.Draft;
        Record(KnowledgeAction.Edited, editor, nowUtc, note, fields: changed);
    }

    public void Submit(KnowledgeActor author, DateTime nowUtc, string? note = null)
    {
        Ensure(KnowledgeAction.Submitted);
        if (ExpiresAtUtc is { } expiry && expiry <= nowUtc)
        {
            throw new DomainException("knowledge.expiry_in_past", "The expiry date has passed; set a later one before submitting.");
        }

        Status = KnowledgeStatus.InReview;
        SubmittedById = author.UserId;
        Record(KnowledgeAction.Submitted, author, nowUtc, note);
    }

    /// <summary>The author takes a submission back to keep editing it.</summary>
    public void Recall(KnowledgeActor author, DateTime nowUtc)
    {
        Ensure(KnowledgeAction.Recalled);
        Status = KnowledgeStatus.Draft;
        SubmittedById = null;
        Record(KnowledgeAction.Recalled, author, nowUtc);
    }

    /// <summary>The centre approves the submission: a new version is frozen and becomes the live one.</summary>
    public KnowledgeArticleVersion Approve(KnowledgeActor reviewer, DateTime nowUtc, string? note, KnowledgeContent? previous)
    {
        Ensure(KnowledgeAction.Approved);
        EnsureNotSelfReview(reviewer);
        if (ExpiresAtUtc is { } expiry && expiry <= nowUtc)
        {
            throw new DomainException("knowledge.expiry_in_past", "The expiry date has passed; the author must set a later one.");
        }

        var content = Content;
        PublishedVersions++;
        LiveVersion = PublishedVersions;
        LiveExpiresAtUtc = ExpiresAtUtc;
        Status = KnowledgeStatus.Published;
        var changed = previous is null ? [] : content.ChangedFrom(previous);
        Record(KnowledgeAction.Approved, reviewer, nowUtc, note, PublishedVersions, changed);
        var version = KnowledgeArticleVersion.Freeze(this, content, changed, reviewer, nowUtc, note);
        SubmittedById = null;
        return version;
    }

    public void Reject(KnowledgeActor reviewer, DateTime nowUtc, string? reason)
    {
        Ensure(KnowledgeAction.Rejected);
        EnsureNotSelfReview(reviewer);
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            throw ValidationException.For("reason", "Say what must change (1–500 characters).");
        }

        Status = KnowledgeStatus.Draft;
        SubmittedById = null;
        Record(KnowledgeAction.Rejected, reviewer, nowUtc, reason.Trim());
    }

    /// <summary>Takes the live version out of use (wrong, superseded, no longer offered). The working copy remains for revision.</summary>
    public void Withdraw(KnowledgeActor actor, DateTime nowUtc, string? reason)
    {
        if (!IsLive)
        {
            throw new DomainException("knowledge.not_live", "Only a published article can be withdrawn.");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            throw ValidationException.For("reason", "Say why the article is withdrawn (1–500 characters).");
        }

        Record(KnowledgeAction.Withdrawn, actor, nowUtc, reason.Trim(), LiveVersion);
        LiveVersion = null;
        LiveExpiresAtUtc = null;
        Status = KnowledgeStatus.Withdrawn;
        SubmittedById = null;
    }

    /// <summary>True when the live version's expiry date has come; it then leaves search.</summary>
    public bool IsDueToExpire(DateTime nowUtc) => LiveExpiresAtUtc is { } expiry && expiry <= nowUtc && IsLive;

    /// <summary>The expiry job takes an article whose live version reached its expiry date out of use.</summary>
    public void Expire(DateTime nowUtc)
    {
        if (!IsDueToExpire(nowUtc))
        {
            throw new DomainException("knowledge.not_due_to_expire", "The article's live version has not reached its expiry date.");
        }

        Record(KnowledgeAction.Expired, KnowledgeActor.System, nowUtc, null, LiveVersion);
        LiveVersion = null;
        LiveExpiresAtUtc = null;
        if (Status == KnowledgeStatus.Published)
        {
            Status = KnowledgeStatus.Expired;
        }
    }

    public void RecordErrorReport(KnowledgeActor reporter, DateTime nowUtc, long reportId) =>
        Record(KnowledgeAction.ErrorReported, reporter, nowUtc, $"#{reportId}");

    public void RecordErrorResolution(KnowledgeActor resolver, DateTime nowUtc, long reportId, string note) =>
        Record(KnowledgeAction.ErrorResolved, resolver, nowUtc, $"#{reportId}: {note}");

    private void Ensure(KnowledgeAction action)
    {
        if (!AllowedFrom[action].Contains(Status))
        {
            throw new DomainException("knowledge.invalid_transition", $"An article that is {Status} cannot be {action}.");
        }
    }

    private void EnsureNotSelfReview(KnowledgeActor reviewer)
    {
        if (reviewer.UserId is { } id && id == SubmittedById)
        {
            throw new DomainException("knowledge.self_review", "Someone other than the submitter reviews an article.");
        }
    }

    private void Apply(KnowledgeContent content, DateTime nowUtc)
    {
        Kind = content.Kind;
        Title = content.Title;
        Body = content.Body;
        Category = content.Category;
        RegionCodes = content.RegionCodes.ToList();
        Keywords = content.Keywords.ToList();
        IsCitizenVisible = content.IsCitizenVisible;
        EffectiveFromUtc = content.EffectiveFromUtc;
        ExpiresAtUtc = content.ExpiresAtUtc;
        PeriodStartUtc = content.PeriodStartUtc;
        PeriodEndUtc = content.PeriodEndUtc;
        UpdatedAtUtc = nowUtc;
    }

    private void Record(KnowledgeAction action, KnowledgeActor actor, DateTime nowUtc, string? note = null, int? version = null, IReadOnlyList<string>? fields = null) =>
        Events.Add(new KnowledgeArticleEvent(action, actor, nowUtc, note, version, fields is { Count: > 0 } ? string.Join(',', fields) : null));
}

/// <summary>One entry of an article's timeline: who did what, when, and which fields changed.</summary>
public sealed class KnowledgeArticleEvent
{
    private KnowledgeArticleEvent()
    {
        ActorName = string.Empty;
    }

    internal KnowledgeArticleEvent(KnowledgeAction action, KnowledgeActor actor, DateTime atUtc, string? note, int? version, string? changedFields)
    {
        Action = action;
        ActorId = actor.UserId;
        ActorName = actor.Name;
        ActorUnitId = actor.UnitId;
        AtUtc = atUtc;
        Note = note;
        ArticleVersion = version;
        ChangedFields = changedFields;
    }

    public long Id { get; private set; }

    public long ArticleId { get; private set; }

    public KnowledgeAction Action { get; private set; }

    public long? ActorId { get; private set; }

    public string ActorName { get; private set; }

    public long? ActorUnitId { get; private set; }

    public DateTime AtUtc { get; private set; }

    public string? Note { get; private set; }

    /// <summary>The published version the entry concerns (approval, withdrawal, expiry).</summary>
    public int? ArticleVersion { get; private set; }

    /// <summary>Comma-separated field names changed by an edit or an approval.</summary>
    public string? ChangedFields { get; private set; }
}

/// <summary>A published version, kept for good: the content agents and citizens saw from its publication on.</summary>
public sealed class KnowledgeArticleVersion
{
    private KnowledgeArticleVersion()
    {
        ApprovedByName = string.Empty;
        Content = null!;
    }

    public long Id { get; private set; }

    public long ArticleId { get; private set; }

    public int Number { get; private set; }

    public KnowledgeContent Content { get; private set; }

    /// <summary>Comma-separated names of the fields changed since the previous version.</summary>
    public string? ChangedFields { get; private set; }

    public string? Note { get; private set; }

    public long? ApprovedById { get; private set; }

    public string ApprovedByName { get; private set; }

    public DateTime PublishedAtUtc { get; private set; }

    internal static KnowledgeArticleVersion Freeze(KnowledgeArticle article, KnowledgeContent content, IReadOnlyList<string> changed, KnowledgeActor reviewer, DateTime nowUtc, string? note) => new()
    {
        ArticleId = article.Id,
        Number = article.PublishedVersions,
        Content = content,
        ChangedFields = changed.Count > 0 ? string.Join(',', changed) : null,
        Note = note,
        ApprovedById = reviewer.UserId,
        ApprovedByName = reviewer.Name,
        PublishedAtUtc = nowUtc,
    };
}
