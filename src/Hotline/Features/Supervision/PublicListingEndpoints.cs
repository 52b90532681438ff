using Hotline.Domain;
using Hotline.Domain.Supervision;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Supervision;

/// <summary>
/// The public listing (挂牌督办, S8): anyone may read the notices listed now, as <see cref="PublicListing"/> words them
/// (never a reason, demand, measures, order or caller); the progress is the notice's state, which the public page words
/// from its locale. Anonymous, so rate-limited per client address
/// (<c>Portal:SupervisionListingRequestsPerMinute</c>, default 60).
/// </summary>
public static class PublicListingEndpoints
{
    public const string RateLimit = "public-supervision-listings";

    /// <summary>The most listings the page shows.</summary>
    public const int MaxListings = 200;

    public static IEndpointRouteBuilder MapPublicListings(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/public/supervision-listings").WithTags("Portal").AllowAnonymous().RequireRateLimiting(RateLimit)
            .MapGet("/", Listings).WithSummary("The supervision notices listed publicly (挂牌督办), newest listing first; a page of them when asked (the portal).");
        return app;
    }

    /// <summary>
    /// The listings, newest first: all of them up to <see cref="MaxListings"/> (the workbench's public page), or page
    /// <paramref name="page"/> of <paramref name="pageSize"/> (the portal; a short page is the last).
    /// </summary>
    private static async Task<Ok<List<PublicListing>>> Listings(HotlineDbContext db, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Paging.Normalise(page, pageSize, MaxListings);
        if (number > MaxListings)
        {
            throw ValidationException.For("page", $"Ask for a page from 1 to {MaxListings}.");
        }

        var rows = await db.Set<SupervisionNotice>().AsNoTracking().Where(n => n.IsListed)
            .OrderByDescending(n => n.ListedAtUtc).ThenByDescending(n => n.Id).Skip((number - 1) * size).Take(size)
            .Select(n => new { n.Number, n.UnitName, n.PublicMatter, n.ListedAtUtc, n.ListingDeadlineUtc, n.State, n.ListingInMedia, n.PublicResult })
            .ToListAsync(ct);
        return TypedResults.Ok(rows.Select(n => new PublicListing(
            n.Number, n.UnitName, n.PublicMatter ?? string.Empty, WorkOrderDto.Local(n.ListedAtUtc ?? default), WorkOrderDto.Local(n.ListingDeadlineUtc), n.State, n.ListingInMedia,
            n.State == NoticeState.Closed ? n.PublicResult : null)).ToList());
    }
}
