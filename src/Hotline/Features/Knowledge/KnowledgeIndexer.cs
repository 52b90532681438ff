using Hotline.Domain;
using Hotline.Domain.Knowledge;
using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Search;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Knowledge;

/// <summary>
/// Keeps the search index in step with the knowledge base: only live versions are indexed (published, not withdrawn,
/// not expired), with the effective and expiry dates that the search itself enforces to the second.
/// </summary>
public sealed class KnowledgeIndexer(ISearchIndex index) : ISearchSource
{
    public const string ArticleKind = "knowledge.article";
    public const string NoticeKind = "knowledge.notice";

    public static readonly IReadOnlyList<string> Kinds = [ArticleKind, NoticeKind];

    public static string KindOf(KnowledgeKind kind) => kind == KnowledgeKind.Notice ? NoticeKind : ArticleKind;

    /// <summary>Indexes the live version (or removes the article when nothing is live), inside the caller's transaction.</summary>
    public async Task SyncAsync(HotlineDbContext db, KnowledgeArticle article, KnowledgeArticleVersion? live, CancellationToken ct)
    {
        if (!article.IsLive)
        {
            foreach (var kind in Kinds)
            {
                await index.RemoveAsync(db, kind, article.Id, ct);
            }

            return;
        }

        live ??= await db.Set<KnowledgeArticleVersion>().SingleAsync(v => v.ArticleId == article.Id && v.Number == article.LiveVersion, ct);
        var ownerPath = await db.Set<Unit>().Where(u => u.Id == article.OwnerUnitId).Select(u => u.Path).SingleAsync(ct);
        var content = live.Content;

        // A revision may change the kind (article ↔ notice): the other kind's entry must not linger.
        await index.RemoveAsync(db, KindOf(content.Kind) == ArticleKind ? NoticeKind : ArticleKind, article.Id, ct);
        await index.UpsertAsync(db, ToDocument(article.Id, ownerPath, content, live.PublishedAtUtc), ct);
    }

    public string Name => "knowledge";

    public async Task<(long LastId, int Count)?> ReindexAsync(HotlineDbContext context, long afterId, int batch, CancellationToken ct)
    {
        // PostgreSQL: locked until the batch commits, so a workflow step racing in writes its document after ours.
        var ids = context.IsPostgres
            ? await context.Database.SqlQuery<long>($"SELECT id AS \"Value\" FROM knowledge_articles WHERE id > {afterId} ORDER BY id LIMIT {batch} FOR UPDATE").ToListAsync(ct)
            : await context.Set<KnowledgeArticle>().Where(a => a.Id > afterId).OrderBy(a => a.Id).Select(a => a.Id).Take(batch).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return null;
        }

        foreach (var article in await context.Set<KnowledgeArticle>().AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(ct))
        {
            await SyncAsync(context, article, null, ct);
        }

        return (ids[^1], ids.Count);
    }

    public static SearchDocument ToDocument(long articleId, string ownerUnitPath, KnowledgeContent content, DateTime publishedAtUtc) => new()
    {
        Kind = KindOf(content.Kind),
        EntityId = articleId,
        OwnerUnitPath = ownerUnitPath,
        Visibility = content.IsCitizenVisible ? SearchVisibility.Citizen : SearchVisibility.Staff,
        Title = content.Title,
        Body = content.Body,
        Keywords = string.Join(' ', content.Keywords),
        RegionCodes = content.RegionCodes,
        Category = content.Category,
        Status = "published",
        EffectiveFromUtc = content.EffectiveFromUtc,
        ExpiresAtUtc = content.ExpiresAtUtc,
        PeriodStartUtc = content.PeriodStartUtc,
        PeriodEndUtc = content.PeriodEndUtc,
        SortAtUtc = publishedAtUtc,
    };
}

/// <summary>A live article as other features need it (the dispatcher's "knowledge base already answers" send-back).</summary>
public sealed record LiveArticle(long Id, int Version, string Title, string Body, bool IsCitizenVisible);

/// <summary>Lookups other features call: is this article live and usable now?</summary>
public static class KnowledgeLookup
{
    public static NotFoundException NotFound() => new("knowledge.not_found", "No such article.");

    /// <summary>The article's live version if it is published, in effect and not expired at <paramref name="nowUtc"/>; otherwise null.</summary>
    public static async Task<LiveArticle?> FindLiveAsync(HotlineDbContext db, long articleId, DateTime nowUtc, CancellationToken ct = default)
    {
        var article = await db.Set<KnowledgeArticle>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == articleId, ct);
        if (article is not { LiveVersion: { } number } || article.IsDueToExpire(nowUtc))
        {
            return null;
        }

        var version = await db.Set<KnowledgeArticleVersion>().AsNoTracking().SingleAsync(v => v.ArticleId == articleId && v.Number == number, ct);
        var content = version.Content;
        if (content.EffectiveFromUtc is { } from && from > nowUtc)
        {
            return null;
        }

        return new LiveArticle(articleId, number, content.Title, content.Body, content.IsCitizenVisible);
    }

    /// <summary>
    /// Records that a live article was used in an answer (who, which version, which work order) and counts the use with
    /// an atomic increment, inside the caller's transaction. Returns the new use count.
    /// </summary>
    public static async Task<long> RecordUseAsync(HotlineDbContext db, LiveArticle article, long userId, long unitId, long? workOrderId, DateTime nowUtc, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(article);
        db.Add(KnowledgeUsage.Record(article.Id, article.Version, userId, unitId, workOrderId, nowUtc));
        await db.SaveChangesAsync(ct);
        await db.Set<KnowledgeArticle>().Where(a => a.Id == article.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.UseCount, a => a.UseCount + 1), ct);
        return await db.Set<KnowledgeArticle>().Where(a => a.Id == article.Id).Select(a => a.UseCount).SingleAsync(ct);
    }
}
