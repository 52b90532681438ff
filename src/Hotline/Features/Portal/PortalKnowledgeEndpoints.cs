using Hotline.Domain;
using Hotline.Domain.Knowledge;
using Hotline.Features.Knowledge;
using Hotline.Features.Search;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Search;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Portal;

public sealed record PortalArticleDto(
    long Id, KnowledgeKind Kind, string Title, string Body, string Category, IReadOnlyList<string> RegionCodes,
    DateTimeOffset PublishedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? PeriodStart, DateTimeOffset? PeriodEnd);

/// <summary>
/// Citizen self-service (自助查询): anyone may search and read the live articles and notices marked citizen-visible.
/// Anonymous, so rate-limited per client address (<c>Portal:KnowledgeRequestsPerMinute</c>, default 60).
/// </summary>
public static class PortalKnowledgeEndpoints
{
    public const string RateLimit = "portal-knowledge";

    public static IEndpointRouteBuilder MapPortalKnowledge(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/portal/knowledge").WithTags("Portal").AllowAnonymous().RequireRateLimiting(RateLimit);
        group.MapGet("/", Search).WithSummary("Search the citizen-visible knowledge base; kind=notice gives the notices (of a region with regionCode).");
        group.MapGet("/{id:long}", Get);
        return app;
    }

    private static async Task<Ok<SearchResultsDto>> Search(
        [MaxLength(Limits.SearchText)] string? q, string? category, string? regionCode, string? kind, string? page, string? pageSize, ISearchIndex index, TimeProvider time,
        CancellationToken ct)
    {
        var validation = new Validation();
        var kinds = kind switch
        {
            null or "" => KnowledgeIndexer.Kinds,
            "notice" => [KnowledgeIndexer.NoticeKind],
            "article" => [KnowledgeIndexer.ArticleKind],
            _ => null,
        };
        if (kinds is null)
        {
            validation.Require(false, "kind", "Use notice or article, or leave it out.");
        }

        SearchRequest.Text(q, "q", validation);
        SearchRequest.Region(regionCode, validation);
        SearchRequest.Field(category, "category", KnowledgeContent.MaxCategoryLength, validation);
        var (p, s) = SearchRequest.Paging(page, pageSize, validation, defaultSize: 10);
        validation.ThrowIfInvalid();
        var results = await index.SearchAsync(
            new SearchQuery { Text = q, Kinds = kinds!, Category = category, RegionCode = regionCode, NowUtc = time.GetUtcNow().UtcDateTime, Page = p, PageSize = s },
            SearchCaller.Citizen, ct);
        return TypedResults.Ok(SearchResultsDto.From(results));
    }

    private static async Task<Ok<PortalArticleDto>> Get(long id, HotlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var live = await KnowledgeLookup.FindLiveAsync(db, id, now, ct);
        if (live is not { IsCitizenVisible: true })
        {
            throw KnowledgeLookup.NotFound();
        }

        var version = await db.Set<KnowledgeArticleVersion>().AsNoTracking().SingleAsync(v => v.ArticleId == id && v.Number == live.Version, ct);
        await db.Set<KnowledgeArticle>().Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ViewCount, a => a.ViewCount + 1), ct);
        var c = version.Content;
        return TypedResults.Ok(new PortalArticleDto(
            id, c.Kind, c.Title, c.Body, c.Category, c.RegionCodes, KnowledgeContentDto.Local(version.PublishedAtUtc),
            KnowledgeContentDto.Local(c.ExpiresAtUtc), KnowledgeContentDto.Local(c.PeriodStartUtc), KnowledgeContentDto.Local(c.PeriodEndUtc)));
    }
}
