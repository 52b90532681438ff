using System.Globalization;
using Hotline.Domain;
using Hotline.Domain.Organisation;
using Hotline.Features.Knowledge;
using Hotline.Infrastructure.Search;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Hotline.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Search;

public sealed record SearchHitDto(
    string Kind, long EntityId, string Title, string TitleHtml, string SnippetHtml, double Score, string? Category,
    IReadOnlyList<string> RegionCodes, string? Status, DateTimeOffset SortAt, DateTimeOffset? PeriodStart, DateTimeOffset? PeriodEnd)
{
    public static SearchHitDto From(SearchHit h) => new(
        h.Kind, h.EntityId, h.Title, h.TitleHtml, h.SnippetHtml, h.Score, h.Category, h.RegionCodes, h.Status,
        KnowledgeContentDto.Local(h.SortAtUtc), KnowledgeContentDto.Local(h.PeriodStartUtc), KnowledgeContentDto.Local(h.PeriodEndUtc));
}

public sealed record SearchResultsDto(IReadOnlyList<SearchHitDto> Items, int Total, bool TotalIsCapped, string Mode, IReadOnlyList<string> Terms, int Page, int PageSize)
{
    public static SearchResultsDto From(SearchResults r) =>
        new(r.Items.Select(SearchHitDto.From).ToList(), r.Total, r.TotalIsCapped, r.Mode, r.Terms, r.Page, r.PageSize);
}

/// <summary>
/// Reading the query string of a search the same way everywhere: text up to <see cref="ParsedQuery.MaxInputLength"/>
/// characters (anything typed is accepted; only a longer one, a bad number or a bad region code is a 400).
/// </summary>
public static class SearchRequest
{
    public static (int Page, int PageSize) Paging(string? page, string? pageSize, Validation validation, int defaultSize = 20, string sizeField = "pageSize")
    {
        var p = 1;
        var s = defaultSize;
        if (page is not null && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out p) || p < 1 || p > 10_000))
        {
            validation.Add("page", "Give a page number from 1.");
        }

        if (pageSize is not null && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out s) || s < 1 || s > SearchQuery.MaxPageSize))
        {
            validation.Add(sizeField, $"Give a number from 1 to {SearchQuery.MaxPageSize}.");
        }

        return (p, s);
    }

    public static void Text(string? text, string field, Validation validation) =>
        validation.Require(text is null || text.Length <= ParsedQuery.MaxInputLength, field, $"At most {ParsedQuery.MaxInputLength} characters.");

    public static void Region(string? regionCode, Validation validation) =>
        validation.Require(regionCode is null || (regionCode.Length is 6 or 9 or 12 && regionCode.All(char.IsAsciiDigit)), "regionCode", "A region code is 6, 9 or 12 digits.");

    public static void Field(string? value, string field, int maxLength, Validation validation) =>
        validation.Require(value is null || value.Length <= maxLength, field, $"At most {maxLength} characters.");
}

/// <summary>
/// One search over every kind of indexed document the caller may see (knowledge now; work orders join by indexing
/// themselves with their own kind). Documents that are not public are found only within the caller's unit scope.
/// </summary>
public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", Search).WithTags("Search").RequireAuthorization(Policies.Staff)
            .WithSummary("Full-text search over the documents the caller may see; kind is repeatable.");
        return app;
    }

    private static async Task<Ok<SearchResultsDto>> Search(
        [MaxLength(Limits.SearchText)] string? q, string[]? kind, string? regionCode, string? category, string? status, DateTimeOffset? from, DateTimeOffset? to, string? page, string? pageSize,
        CurrentUser user, ISearchIndex index, TimeProvider time, CancellationToken ct)
    {
        var validation = new Validation();
        SearchRequest.Text(q, "q", validation);
        SearchRequest.Region(regionCode, validation);
        SearchRequest.Field(category, "category", 100, validation);
        SearchRequest.Field(status, "status", 32, validation);
        var kinds = (kind ?? []).Where(k => !string.IsNullOrWhiteSpace(k)).Distinct(StringComparer.Ordinal).ToList();
        validation.Require(kinds.Count > 0 && kinds.Count <= 10 && kinds.All(k => k.Length <= 32), "kind", "Name one to ten kinds of document, e.g. kind=knowledge.article.");
        var (p, s) = SearchRequest.Paging(page, pageSize, validation);
        validation.ThrowIfInvalid();

        var results = await index.SearchAsync(
            new SearchQuery
            {
                Text = q,
                Kinds = kinds,
                RegionCode = regionCode,
                Category = category,
                Status = status,
                SortFromUtc = from?.UtcDateTime,
                SortToUtc = to?.UtcDateTime,
                NowUtc = time.GetUtcNow().UtcDateTime,
                Page = p,
                PageSize = s,
            },
            SearchCaller.Staff(user.Scope, maskPersonalData: !user.Roles.Any(r => r.IsCentreRole())),
            ct);
        return TypedResults.Ok(SearchResultsDto.From(results));
    }
}
