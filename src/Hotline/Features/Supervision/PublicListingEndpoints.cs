using Hotline.Domain.Supervision;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
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
            .MapGet("/", Listings).WithSummary("The supervision notices listed publicly (挂牌督办), newest listing first.");
        return app;
    }

    private static async Task<Ok<List<PublicListing>>> Listings(HotlineDbContext db, CancellationToken ct)
    {
        var rows = await db.Set<SupervisionNotice>().AsNoTracking().Where(n => n.IsListed)
            .OrderByDescending(n => n.ListedAtUtc).ThenByDescending(n => n.Id).Take(MaxListings)
            .Select(n => new { n.Number, n.UnitName, n.PublicMatter, n.ListedAtUtc, n.ListingDeadlineUtc, n.State, n.ListingInMedia })
            .ToListAsync(ct);
        return TypedResults.Ok(rows.Select(n => new PublicListing(
            n.Number, n.UnitName, n.PublicMatter ?? string.Empty, WorkOrderDto.Local(n.ListedAtUtc ?? default), WorkOrderDto.Local(n.ListingDeadlineUtc), n.State, n.ListingInMedia)).ToList());
    }
}
