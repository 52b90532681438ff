using Hotline.Domain;
using Hotline.Domain.Knowledge;
using Hotline.Domain.Organisation;
using Hotline.Features.Organisation;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Knowledge;

/// <summary>
/// Writing and reviewing knowledge (S10). Units write and maintain the articles they own (within their scope); the
/// centre's reviewers approve or reject each submission; every step lands on the article's timeline, and approval,
/// withdrawal and expiry change the search index in the same transaction.
/// </summary>
public static class KnowledgeEndpoints
{
    public static IEndpointRouteBuilder MapKnowledge(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/knowledge").WithTags("Knowledge");
        var articles = group.MapGroup("/articles");
        articles.MapGet("/", List).RequireAuthorization(Policies.KnowledgeMaintain);
        articles.MapPost("/", Create).RequireAuthorization(Policies.KnowledgeAuthor);
        articles.MapGet("/{id:long}", Get).RequireAuthorization(Policies.Staff);
        articles.MapPut("/{id:long}", Edit).RequireAuthorization(Policies.KnowledgeAuthor);
        articles.MapPost("/{id:long}/submit", Submit).RequireAuthorization(Policies.KnowledgeAuthor);
        articles.MapPost("/{id:long}/recall", Recall).RequireAuthorization(Policies.KnowledgeAuthor);
        articles.MapPost("/{id:long}/approve", Approve).RequireAuthorization(Policies.KnowledgeReview);
        articles.MapPost("/{id:long}/reject", Reject).RequireAuthorization(Policies.KnowledgeReview);
        articles.MapPost("/{id:long}/withdraw", Withdraw).RequireAuthorization(Policies.KnowledgeMaintain);
        articles.MapGet("/{id:long}/timeline", Timeline).RequireAuthorization(Policies.KnowledgeMaintain);
        articles.MapGet("/{id:long}/versions", Versions).RequireAuthorization(Policies.KnowledgeMaintain);
        articles.MapPost("/{id:long}/used", Use).RequireAuthorization(Policies.Staff);
        group.MapKnowledgeUse();
        return app;
    }

    private static async Task<Ok<Paged<ArticleSummaryDto>>> List(
        string? status, string? kind, long? ownerUnitId, [MaxLength(Limits.SearchText)] string? q, int? page, int? pageSize, CurrentUser user, HotlineDbContext db, CancellationToken ct)
    {
        var validation = new Validation();
        var statusFilter = validation.Enum<KnowledgeStatus>(status, "status");
        var kindFilter = validation.Enum<KnowledgeKind>(kind, "kind");
        validation.ThrowIfInvalid();
        var size = Math.Clamp(pageSize ?? 50, 1, 200);
        var number = Math.Max(page ?? 1, 1);
        var scope = user.Scope.Path;
        var query = from a in db.Set<KnowledgeArticle>().AsNoTracking()
                    join u in db.Set<Unit>() on a.OwnerUnitId equals u.Id
                    where u.Path.StartsWith(scope)
                    select new { a, u.Name };
        if (statusFilter is { } s)
        {
            query = query.Where(x => x.a.Status == s);
        }

        if (kindFilter is { } k)
        {
            query = query.Where(x => x.a.Kind == k);
        }

        if (ownerUnitId is { } owner)
        {
            query = query.Where(x => x.a.OwnerUnitId == owner);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(x => x.a.Title.Contains(text));
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(x => x.a.UpdatedAtUtc).ThenByDescending(x => x.a.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        var items = rows.Select(x => new ArticleSummaryDto(
            x.a.Id, x.a.Kind, x.a.Title, x.a.Category, x.a.Status, new UnitName(x.a.OwnerUnitId, x.Name), x.a.LiveVersion, x.a.IsCitizenVisible,
            KnowledgeContentDto.Local(x.a.ExpiresAtUtc), KnowledgeContentDto.Local(x.a.LiveExpiresAtUtc), KnowledgeContentDto.Local(x.a.UpdatedAtUtc),
            x.a.ViewCount, x.a.UseCount)).ToList();
        return TypedResults.Ok(new Paged<ArticleSummaryDto>(items, total, number, size));
    }

    private static async Task<Created<ArticleDto>> Create(CreateArticleRequest request, CurrentUser user, HotlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var content = (request.Content ?? throw ValidationException.For("content", "Give the article's content.")).ToContent();
        var owner = await UnitLookup.FindInScopeAsync(db, request.OwnerUnitId ?? user.UnitId, user, ct);
        var article = KnowledgeArticle.Create(content, owner.Id, Actor(user), Now(time));
        db.Add(article);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/knowledge/articles/{article.Id}", await ToDto(db, article, owner, maintainer: true, ct));
    }

    /// <summary>Anyone on the staff reads the live version (a view is counted); the owner's maintainers and the reviewers also see the working copy.</summary>
    private static async Task<Ok<ArticleDto>> Get(long id, CurrentUser user, HotlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var (article, owner) = await Load(db, id, ct);
        var maintainer = IsMaintainer(user, owner);
        var live = article.IsLive && !article.IsDueToExpire(Now(time));
        if (!live && !maintainer)
        {
            throw KnowledgeLookup.NotFound();
        }

        if (live)
        {
            await db.Set<KnowledgeArticle>().Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ViewCount, a => a.ViewCount + 1), ct);
        }

        return TypedResults.Ok(await ToDto(db, article, owner, maintainer, ct, viewed: live));
    }

    private static async Task<Ok<ArticleDto>> Edit(long id, EditArticleRequest request, CurrentUser user, HotlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (request.Version is null)
        {
            throw ValidationException.For("version", "Give the version you edited, so that a concurrent change is not overwritten.");
        }

        var content = (request.Content ?? throw ValidationException.For("content", "Give the article's content.")).ToContent();
        var (article, owner) = await LoadForMaintainer(db, id, user, request.Version, ct);
        article.Edit(content, Actor(user), Now(time), Note(request.Note));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ToDto(db, article, owner, maintainer: true, ct));
    }

    private static Task<Ok<ArticleDto>> Submit(long id, ArticleActionRequest request, CurrentUser user, HotlineDbContext db, TimeProvider time, CancellationToken ct) =>
        Act(id, request, user, db, a => a.Submit(Actor(user), Now(time), Note(request.Note)), ct);

    private static Task<Ok<ArticleDto>> Recall(long id, ArticleActionRequest request, CurrentUser user, HotlineDbContext db, TimeProvider time, CancellationToken ct) =>
        Act(id, request, user, db, a => a.Recall(Actor(user), Now(time)), ct);

    private static Task<Ok<ArticleDto>> Reject(long id, ArticleActionRequest request, CurrentUser user, HotlineDbContext db, TimeProvider time, CancellationToken ct) =>
        Act(id, request, user, db, a => a.Reject(Actor(user), Now(time), request.Note), ct);

    private static async Task<Ok<ArticleDto>> Approve(long id, ArticleActionRequest request, CurrentUser user, HotlineDbContext db, KnowledgeIndexer indexer, TimeProvider time, CancellationToken ct)
    {
        var (article, owner) = await LoadForMaintainer(db, id, user, request.Version, ct);
        var previous = article.PublishedVersions > 0
            ? (await db.Set<KnowledgeArticleVersion>().AsNoTracking().SingleAsync(v => v.ArticleId == id && v.Number == article.PublishedVersions, ct)).Content
            : null;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var version = article.Approve(Actor(user), Now(time), Note(request.Note), previous);
        db.Add(version);
        await db.SaveChangesAsync(ct);
        await indexer.SyncAsync(db, article, version, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await ToDto(db, article, owner, maintainer: true, ct));
    }

    private static async Task<Ok<ArticleDto>> Withdraw(long id, ArticleActionRequest request, CurrentUser user, HotlineDbContext db, KnowledgeIndexer indexer, TimeProvider time, CancellationToken ct)
    {
        var (article, owner) = await LoadForMaintainer(db, id, user, request.Version, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        article.Withdraw(Actor(user), Now(time), request.Note);
        await db.SaveChangesAsync(ct);
        await indexer.SyncAsync(db, article, null, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await ToDto(db, article, owner, maintainer: true, ct));
    }

    private static async Task<Ok<List<ArticleEventDto>>> Timeline(long id, CurrentUser user, HotlineDbContext db, CancellationToken ct)
    {
        var (article, _) = await LoadForMaintainer(db, id, user, null, ct);
        return TypedResults.Ok(article.Events.OrderBy(e => e.AtUtc).ThenBy(e => e.Id).Select(ArticleEventDto.From).ToList());
    }

    private static async Task<Ok<List<ArticleVersionDto>>> Versions(long id, CurrentUser user, HotlineDbContext db, CancellationToken ct)
    {
        await LoadForMaintainer(db, id, user, null, ct);
        var versions = await db.Set<KnowledgeArticleVersion>().AsNoTracking().Where(v => v.ArticleId == id).OrderByDescending(v => v.Number).ToListAsync(ct);
        return TypedResults.Ok(versions.Select(ArticleVersionDto.From).ToList());
    }

    /// <summary>"Used in an answer": counts the use, records who and for which work order, and returns the live text for the direct answer.</summary>
    private static async Task<Ok<UsedArticleDto>> Use(long id, UseArticleRequest? request, CurrentUser user, HotlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var now = Now(time);
        var live = await KnowledgeLookup.FindLiveAsync(db, id, now, ct);
        if (live is null)
        {
            if (!await db.Set<KnowledgeArticle>().AnyAsync(a => a.Id == id, ct))
            {
                throw KnowledgeLookup.NotFound();
            }

            throw new DomainException("knowledge.not_live", "The article is not published (or has expired); it cannot be used in an answer.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var uses = await KnowledgeLookup.RecordUseAsync(db, live, user.Id, user.UnitId, request?.WorkOrderId, now, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new UsedArticleDto(id, live.Version, live.Title, live.Body, uses));
    }

    private static async Task<Ok<ArticleDto>> Act(long id, ArticleActionRequest request, CurrentUser user, HotlineDbContext db, Action<KnowledgeArticle> action, CancellationToken ct)
    {
        var (article, owner) = await LoadForMaintainer(db, id, user, request.Version, ct);
        action(article);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ToDto(db, article, owner, maintainer: true, ct));
    }

    internal static async Task<(KnowledgeArticle Article, Unit Owner)> Load(HotlineDbContext db, long id, CancellationToken ct)
    {
        var article = await db.Set<KnowledgeArticle>().Include(a => a.Events).SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw KnowledgeLookup.NotFound();
        var owner = await db.Set<Unit>().SingleAsync(u => u.Id == article.OwnerUnitId, ct);
        return (article, owner);
    }

    /// <summary>Loads an article its caller maintains: the owner's subtree for unit staff, everything for the centre. Others get 404.</summary>
    internal static async Task<(KnowledgeArticle Article, Unit Owner)> LoadForMaintainer(HotlineDbContext db, long id, CurrentUser user, long? expectedVersion, CancellationToken ct)
    {
        var (article, owner) = await Load(db, id, ct);
        if (!IsMaintainer(user, owner))
        {
            throw KnowledgeLookup.NotFound();
        }

        if (expectedVersion is { } v)
        {
            db.ExpectVersion(article, v);
        }

        return (article, owner);
    }

    internal static bool IsMaintainer(CurrentUser user, Unit owner) =>
        user.HasAny(Policies.RolesByPolicy[Policies.KnowledgeMaintain].ToArray()) && user.Scope.Covers(owner.Path);

    internal static KnowledgeActor Actor(CurrentUser user) => new(user.Id, user.DisplayName, user.UnitId);

    internal static DateTime Now(TimeProvider time) => time.GetUtcNow().UtcDateTime;

    private static string? Note(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim() is { Length: <= 500 } n ? n : throw ValidationException.For("note", "At most 500 characters.");

    private static async Task<ArticleDto> ToDto(HotlineDbContext db, KnowledgeArticle a, Unit owner, bool maintainer, CancellationToken ct, bool viewed = false)
    {
        KnowledgeArticleVersion? live = null;
        if (a.LiveVersion is { } number)
        {
            live = await db.Set<KnowledgeArticleVersion>().AsNoTracking().SingleAsync(v => v.ArticleId == a.Id && v.Number == number, ct);
        }

        var openReports = await db.Set<KnowledgeErrorReport>().CountAsync(r => r.ArticleId == a.Id && r.Status == ErrorReportStatus.Open, ct);
        return new ArticleDto(
            a.Id, new UnitName(owner.Id, owner.Name), a.Status, a.LiveVersion, KnowledgeContentDto.Local(live?.PublishedAtUtc),
            live is null ? null : KnowledgeContentDto.From(live.Content), maintainer ? KnowledgeContentDto.From(a.Content) : null,
            a.PublishedVersions, a.ViewCount + (viewed ? 1 : 0), a.UseCount, openReports,
            KnowledgeContentDto.Local(a.CreatedAtUtc), KnowledgeContentDto.Local(a.UpdatedAtUtc), a.Version);
    }
}
