using Hotline.Domain;
using Hotline.Domain.Knowledge;
using Hotline.Domain.Organisation;
using Hotline.Features.Search;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Search;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Hotline.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Knowledge;

public sealed record KnowledgeCategoryDto(string Category, int Articles);

/// <summary>
/// What the agent is typing (the subject and events of a call) and the caller's region. POST, so that the account of the
/// call, which often names the caller or gives a phone number, stays out of URLs and logs.
/// </summary>
public sealed record SuggestionsRequest([property: MaxLength(Limits.SearchText)] string? Text, [property: MaxLength(Limits.Code)] string? RegionCode, int? Limit);

/// <summary>
/// Using the knowledge base: search, suggestions while an agent registers a call, categories, error reports (查漏纠错)
/// routed to the owning unit, and the owners' expiry warnings.
/// </summary>
public static class KnowledgeUseEndpoints
{
    public const int MaxSuggestions = 10;

    public static RouteGroupBuilder MapKnowledgeUse(this RouteGroupBuilder group)
    {
        group.MapGet("/search", Search).RequireAuthorization(Policies.Staff)
            .WithSummary("Full-text search over live articles and notices; kind = article or notice.");
        group.MapPost("/suggestions", Suggestions).RequireAuthorization(Policies.Staff)
            .WithSummary("While an agent types the events: the best matching live articles, and the notices in force for the region.");
        group.MapGet("/categories", Categories).RequireAuthorization(Policies.Staff);
        group.MapPost("/articles/{id:long}/error-reports", ReportError).RequireAuthorization(Policies.Staff);
        group.MapGet("/error-reports", ErrorReports).RequireAuthorization(Policies.KnowledgeMaintain);
        group.MapPost("/error-reports/{id:long}/resolve", ResolveError).RequireAuthorization(Policies.KnowledgeMaintain);
        group.MapGet("/expiry-warnings", ExpiryWarnings).RequireAuthorization(Policies.KnowledgeMaintain);
        return group;
    }

    private static async Task<Ok<SearchResultsDto>> Search(
        [MaxLength(Limits.SearchText)] string? q, string? kind, string? category, string? regionCode, string? page, string? pageSize,
        CurrentUser user, ISearchIndex index, TimeProvider time, CancellationToken ct)
    {
        var validation = new Validation();
        SearchRequest.Text(q, "q", validation);
        SearchRequest.Region(regionCode, validation);
        SearchRequest.Field(category, "category", KnowledgeContent.MaxCategoryLength, validation);
        validation.Require(kind is null or "article" or "notice", "kind", "Use article or notice (or leave it out for both).");
        var (p, s) = SearchRequest.Paging(page, pageSize, validation);
        validation.ThrowIfInvalid();

        var kinds = kind switch
        {
            "article" => [KnowledgeIndexer.ArticleKind],
            "notice" => [KnowledgeIndexer.NoticeKind],
            _ => KnowledgeIndexer.Kinds,
        };
        var results = await index.SearchAsync(
            new SearchQuery { Text = q, Kinds = kinds, Category = category, RegionCode = regionCode, NowUtc = KnowledgeEndpoints.Now(time), Page = p, PageSize = s },
            SearchCaller.Staff(user.Scope), ct);
        return TypedResults.Ok(SearchResultsDto.From(results));
    }

    private static async Task<Ok<SuggestionsDto>> Suggestions(SuggestionsRequest request, CurrentUser user, ISearchIndex index, TimeProvider time, CancellationToken ct)
    {
        var (text, regionCode) = (request.Text, request.RegionCode);
        var size = request.Limit ?? 5;
        var validation = new Validation();
        SearchRequest.Text(text, "text", validation);
        SearchRequest.Region(regionCode, validation);
        validation.Require(size is >= 1 and <= MaxSuggestions, "limit", $"Give a number from 1 to {MaxSuggestions}.");
        validation.ThrowIfInvalid();

        var now = KnowledgeEndpoints.Now(time);
        var caller = SearchCaller.Staff(user.Scope);

        // Ranked by the words of the matter only: the hotline's framing of every call (来电人反映…要求相关部门处理) would
        // otherwise bring up the articles that happen to use it (confidentiality, progress enquiries) for any call.
        text = Boilerplate.Strip(TextNormalizer.Normalize(text));
        var parsed = ParsedQuery.Parse(text);
        IReadOnlyList<SearchHit> articles = [];
        if (!parsed.IsEmpty)
        {
            var found = await index.SearchAsync(
                new SearchQuery { Text = text, Kinds = [KnowledgeIndexer.ArticleKind], RegionCode = regionCode, NowUtc = now, PageSize = size }, caller, ct);
            articles = found.Items;
        }

        // Notices in force for the area: those the text matches first, then the rest of them.
        var current = new SearchQuery { Kinds = [KnowledgeIndexer.NoticeKind], RegionCode = regionCode, ActiveAtUtc = now, NowUtc = now, PageSize = size };
        var notices = parsed.IsEmpty ? [] : (await index.SearchAsync(current with { Text = text }, caller, ct)).Items.ToList();
        if (notices.Count < size)
        {
            var all = await index.SearchAsync(current, caller, ct);
            notices.AddRange(all.Items.Where(n => notices.All(m => m.EntityId != n.EntityId)).Take(size - notices.Count));
        }

        return TypedResults.Ok(new SuggestionsDto(articles.Select(SearchHitDto.From).ToList(), notices.Select(SearchHitDto.From).ToList()));
    }

    private static async Task<Ok<List<KnowledgeCategoryDto>>> Categories(HotlineDbContext db, CancellationToken ct)
    {
        var rows = await db.Set<KnowledgeArticle>().AsNoTracking().Where(a => a.LiveVersion != null)
            .GroupBy(a => a.Category).Select(g => new KnowledgeCategoryDto(g.Key, g.Count())).ToListAsync(ct);
        return TypedResults.Ok(rows.OrderByDescending(c => c.Articles).ThenBy(c => c.Category, StringComparer.Ordinal).ToList());
    }

    /// <summary>Any member of staff who can read the article reports an error; it is routed to the owning unit.</summary>
    private static async Task<Created<ErrorReportDto>> ReportError(long id, ErrorReportRequest request, CurrentUser user, HotlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var now = KnowledgeEndpoints.Now(time);
        var (article, owner) = await KnowledgeEndpoints.Load(db, id, ct);
        if (!article.IsLive && !KnowledgeEndpoints.IsMaintainer(user, owner))
        {
            throw KnowledgeLookup.NotFound();
        }

        var report = KnowledgeErrorReport.File(article, request.Text, user.Id, user.DisplayName, now);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Add(report);
        await db.SaveChangesAsync(ct);
        article.RecordErrorReport(KnowledgeEndpoints.Actor(user), now, report.Id);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/knowledge/error-reports/{report.Id}", ToDto(report, article.Title, owner));
    }

    private static async Task<Ok<List<ErrorReportDto>>> ErrorReports(string? status, long? articleId, CurrentUser user, HotlineDbContext db, CancellationToken ct)
    {
        var validation = new Validation();
        var statusFilter = validation.Enum<ErrorReportStatus>(status, "status");
        validation.ThrowIfInvalid();
        var scope = user.Scope.Path;
        var query = from r in db.Set<KnowledgeErrorReport>().AsNoTracking()
                    join u in db.Set<Unit>() on r.OwnerUnitId equals u.Id
                    join a in db.Set<KnowledgeArticle>() on r.ArticleId equals a.Id
                    where u.Path.StartsWith(scope)
                    select new { r, u, a.Title };
        if (statusFilter is { } s)
        {
            query = query.Where(x => x.r.Status == s);
        }

        if (articleId is { } article)
        {
            query = query.Where(x => x.r.ArticleId == article);
        }

        var rows = await query.OrderByDescending(x => x.r.ReportedAtUtc).ThenByDescending(x => x.r.Id).Take(500).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(x => ToDto(x.r, x.Title, x.u)).ToList());
    }

    private static async Task<Ok<ErrorReportDto>> ResolveError(long id, ResolveErrorReportRequest request, CurrentUser user, HotlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var report = await db.Set<KnowledgeErrorReport>().SingleOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new NotFoundException("knowledge.error_report_not_found", "No such error report.");
        var owner = await db.Set<Unit>().SingleAsync(u => u.Id == report.OwnerUnitId, ct);
        user.EnsureCovers(owner.Path, "knowledge.error_report");
        if (request.Version is { } version)
        {
            db.ExpectVersion(report, version);
        }

        if (request.Outcome is null)
        {
            throw ValidationException.For("outcome", "Use corrected or noChangeNeeded.");
        }

        var now = KnowledgeEndpoints.Now(time);
        report.Resolve(request.Outcome.Value, request.Note, user.Id, user.DisplayName, now);
        var (article, _) = await KnowledgeEndpoints.Load(db, report.ArticleId, ct);
        article.RecordErrorResolution(KnowledgeEndpoints.Actor(user), now, report.Id, report.ResolutionNote!);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(report, article.Title, owner));
    }

    /// <summary>Warnings that still stand: the article is live and still expires on the date warned about.</summary>
    private static async Task<Ok<List<ExpiryWarningDto>>> ExpiryWarnings(CurrentUser user, HotlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var now = KnowledgeEndpoints.Now(time);
        var scope = user.Scope.Path;
        var rows = await (from w in db.Set<KnowledgeExpiryWarning>().AsNoTracking()
                          join a in db.Set<KnowledgeArticle>() on w.ArticleId equals a.Id
                          join u in db.Set<Unit>() on a.OwnerUnitId equals u.Id
                          where u.Path.StartsWith(scope) && a.LiveVersion != null && a.LiveExpiresAtUtc == w.ExpiresAtUtc
                          orderby w.ExpiresAtUtc
                          select new { w, a.Title, UnitId = u.Id, u.Name }).Take(500).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(x => new ExpiryWarningDto(
            x.w.Id, x.w.ArticleId, x.Title, new UnitName(x.UnitId, x.Name), KnowledgeContentDto.Local(x.w.ExpiresAtUtc), KnowledgeContentDto.Local(x.w.WarnedAtUtc),
            Math.Max(0, (int)Math.Ceiling((x.w.ExpiresAtUtc - now).TotalDays)))).ToList());
    }

    private static ErrorReportDto ToDto(KnowledgeErrorReport r, string title, Unit owner) => new(
        r.Id, r.ArticleId, title, new UnitName(owner.Id, owner.Name), r.Text, r.ReportedByName, KnowledgeContentDto.Local(r.ReportedAtUtc),
        r.Status, r.Outcome, r.ResolutionNote, r.ResolvedByName, KnowledgeContentDto.Local(r.ResolvedAtUtc), r.Version);
}
