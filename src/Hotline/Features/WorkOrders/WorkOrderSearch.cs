using Hotline.Domain;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Search;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Search;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.WorkOrders;

/// <summary>A work order found by text: the list's summary (caller masked) with the highlighted subject and snippet.</summary>
public sealed record WorkOrderSearchHit(WorkOrderSummary Order, string TitleHtml, string SnippetHtml, double Score);

/// <summary>
/// One page of work orders found by text, best first. <see cref="Mode"/>, <see cref="Total"/> and
/// <see cref="TotalIsCapped"/> mean what they mean for every search (<see cref="SearchResults"/>).
/// </summary>
public sealed record WorkOrderSearchResults(
    IReadOnlyList<WorkOrderSearchHit> Items, int Total, bool TotalIsCapped, string Mode, IReadOnlyList<string> Terms, int Page, int PageSize);

/// <summary>The list's filters as the search index holds them: tags and the registration-time range.</summary>
public sealed record WorkOrderFilters(
    IReadOnlyList<WorkOrderStatus> Statuses, IReadOnlyList<Light> Lights, IReadOnlyList<RequestType> Types, IReadOnlyList<Channel> Channels,
    IReadOnlyList<Urgency> Urgencies, long? LeadUnitId, string? CategoryCode, string? RegionCode, DateTime? FromUtc, DateTime? ToUtc)
{
    /// <summary>Tag groups for the index. A category or region prefix that is not a whole level is left to the caller's own filter.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Tags()
    {
        var groups = new List<IReadOnlyList<string>>();
        void Add<T>(string name, IReadOnlyList<T> values)
            where T : struct, Enum
        {
            if (values.Count > 0)
            {
                groups.Add(values.Select(v => WorkOrderSearchSource.Tag(name, WorkOrderSearchSource.ApiName(v))).ToList());
            }
        }

        Add("status", Statuses);
        Add("light", Lights);
        Add("type", Types);
        Add("channel", Channels);
        Add("urgency", Urgencies);
        if (LeadUnitId is { } lead)
        {
            groups.Add([WorkOrderSearchSource.Tag("lead", lead.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }

        if (CategoryCode is { } category && WorkOrderSearchSource.IsCategoryLevel(category))
        {
            groups.Add([WorkOrderSearchSource.Tag("category", category)]);
        }

        if (RegionCode is { } region && WorkOrderSearchSource.IsRegionLevel(region))
        {
            groups.Add([WorkOrderSearchSource.Tag("region", region)]);
        }

        return groups;
    }

    public SearchQuery ToQuery(string? text, DateTime nowUtc) => new()
    {
        Text = text,
        Kinds = [WorkOrderSearchSource.Kind],
        Tags = Tags(),
        SortFromUtc = FromUtc,
        SortToUtc = ToUtc,
        NowUtc = nowUtc,
    };
}

/// <summary>
/// Full-text search over work orders (subject, events, demand, latest reply): <c>GET /api/work-orders/search</c> with the
/// list's filters, ranked, with highlighted snippets. The index finds only orders whose lead unit or a co-unit lies in
/// the caller's scope; hits are checked against the order once more before they are shown.
/// </summary>
public static class WorkOrderSearch
{
    public static async Task<Ok<WorkOrderSearchResults>> Search(
        HotlineDbContext db, CurrentUser user, WorkOrderClocks clocks, ISearchIndex index, [MaxLength(Limits.SearchText)] string? q, string? status, long? unitId, string? light,
        string? requestType, string? categoryCode, string? channel, string? urgency, string? regionCode, string? from, string? to, string? page,
        string? pageSize, CancellationToken ct)
    {
        var v = new Validation();
        SearchRequest.Text(q, "q", v);
        v.Require(categoryCode is null || WorkOrderSearchSource.IsCategoryLevel(categoryCode), "categoryCode", "A category code is 2, 4 or 6 digits.");
        v.Require(regionCode is null || WorkOrderSearchSource.IsRegionLevel(regionCode), "regionCode", "A region code is 2, 4, 6, 9 or 12 digits.");
        var filters = WorkOrderQueries.ParseFilters(status, unitId, light, requestType, categoryCode, channel, urgency, regionCode, from, to, v);
        var (p, s) = SearchRequest.Paging(page, pageSize, v);
        v.ThrowIfInvalid();

        var now = clocks.Now;
        var query = filters.ToQuery(q, now.UtcDateTime) with { Page = p, PageSize = s };
        var results = await index.SearchAsync(query, Caller(user), ct);
        var ids = results.Items.Select(h => h.EntityId).ToList();
        var orders = await db.Set<WorkOrder>().AsNoTracking().Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var actor = user.ToActor();
        var hits = results.Items
            .Where(h => orders.TryGetValue(h.EntityId, out var o) && o.IsVisibleTo(actor))
            .Select(h => new WorkOrderSearchHit(WorkOrderSummary.From(orders[h.EntityId], actor, clocks.Calendar, now), h.TitleHtml, h.SnippetHtml, h.Score))
            .ToList();
        return TypedResults.Ok(new WorkOrderSearchResults(hits, results.Total, results.TotalIsCapped, results.Mode, results.Terms, results.Page, results.PageSize));
    }

    /// <summary>The orders of the newest matches of a text, for the list's <c>q</c> (at most a ranking window of them).</summary>
    public static async Task<IReadOnlyList<long>> MatchingIdsAsync(ISearchIndex index, CurrentUser user, WorkOrderFilters filters, string text, DateTime nowUtc, CancellationToken ct) =>
        (await index.FindIdsAsync(filters.ToQuery(text, nowUtc), Caller(user), ct)).EntityIds;

    /// <summary>Unit staff see phone and identity numbers in snippets masked; the centre sees them (never the caller's own).</summary>
    private static SearchCaller Caller(CurrentUser user) => SearchCaller.Staff(user.Scope, maskPersonalData: !user.Roles.Any(r => r.IsCentreRole()));
}
