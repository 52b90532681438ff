using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Data;

namespace Hotline.Infrastructure.Search;

/// <summary>
/// The full-text search engine. This implementation keeps the index in the application database (PostgreSQL
/// <c>tsvector</c> + GIN, SQLite FTS5) so that an index row commits or rolls back with the entity it describes; an
/// external engine (OpenSearch) would implement <see cref="UpsertAsync"/> by writing an outbox row in the same
/// transaction instead.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Adds or replaces a document inside the caller's open transaction on <paramref name="context"/>.</summary>
    Task UpsertAsync(HotlineDbContext context, SearchDocument document, CancellationToken cancellationToken = default);

    /// <summary>Removes a document (if indexed) inside the caller's open transaction on <paramref name="context"/>.</summary>
    Task RemoveAsync(HotlineDbContext context, string kind, long entityId, CancellationToken cancellationToken = default);

    Task<SearchResults> SearchAsync(SearchQuery query, SearchCaller caller, CancellationToken cancellationToken = default);

    /// <summary>
    /// The entities of the newest documents (at most <see cref="SearchQuery.RankingWindow"/>) that hold every term of the
    /// text, or of all documents when the text has none, with the query's filters and the caller's scope; newest first.
    /// For lists that filter by text and sort by their own order.
    /// </summary>
    Task<SearchIds> FindIdsAsync(SearchQuery query, SearchCaller caller, CancellationToken cancellationToken = default);
}

/// <summary>Who is searching: a citizen (citizen-visible documents only) or a member of staff with a unit scope.</summary>
public sealed record SearchCaller(AccessScope? Scope, bool MaskPersonalData)
{
    public static readonly SearchCaller Citizen = new(null, true);

    public static SearchCaller Staff(AccessScope scope, bool maskPersonalData = true) => new(scope, maskPersonalData);

    public bool IsCitizen => Scope is null;
}

/// <summary>What to search for. Text may be anything a person types; filters narrow it.</summary>
public sealed record SearchQuery
{
    public const int MaxPageSize = 50;

    /// <summary>Results are ranked within the newest this-many matches of each stage (and paging stops there).</summary>
    public const int RankingWindow = 1000;

    /// <summary>The window of the relaxed (any-term) stage: a fallback for colloquial queries, whose terms together are
    /// found in many documents, so it looks at fewer of them.</summary>
    public const int RelaxedWindow = 200;

    public string? Text { get; init; }

    /// <summary>Document kinds to search; at least one.</summary>
    public required IReadOnlyList<string> Kinds { get; init; }

    /// <summary>Only documents that apply to this region: everywhere, a region containing it, or a region inside it.</summary>
    public string? RegionCode { get; init; }

    public string? Category { get; init; }

    public string? Status { get; init; }

    /// <summary>Required tags: a document must carry at least one tag of every group (<see cref="SearchDocument.Tags"/>).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Tags { get; init; } = [];

    /// <summary>Only documents with a period that includes this moment (documents without a period are left out).</summary>
    public DateTime? ActiveAtUtc { get; init; }

    public DateTime? SortFromUtc { get; init; }

    public DateTime? SortToUtc { get; init; }

    /// <summary>The moment effective and expiry dates are judged against.</summary>
    public required DateTime NowUtc { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 20;
}

public sealed record SearchHit(
    string Kind,
    long EntityId,
    string Title,
    string TitleHtml,
    string SnippetHtml,
    double Score,
    string? Category,
    IReadOnlyList<string> RegionCodes,
    string? Status,
    DateTime SortAtUtc,
    DateTime? PeriodStartUtc,
    DateTime? PeriodEndUtc);

/// <summary>
/// One page of results. <see cref="Mode"/> says how the text was matched: <c>all</c> terms, <c>any</c> term (when too
/// few documents had them all), or <c>browse</c> (no searchable text: newest first). <see cref="Total"/> stops counting
/// at the stage's window (<see cref="SearchQuery.RankingWindow"/>, <see cref="SearchQuery.RelaxedWindow"/>);
/// <see cref="TotalIsCapped"/> then says there are more.
/// </summary>
public sealed record SearchResults(IReadOnlyList<SearchHit> Items, int Total, bool TotalIsCapped, string Mode, IReadOnlyList<string> Terms, int Page, int PageSize);

/// <summary>Entity ids, newest first; <see cref="IsCapped"/> when more documents matched than the window holds.</summary>
public sealed record SearchIds(IReadOnlyList<long> EntityIds, bool IsCapped, IReadOnlyList<string> Terms);
