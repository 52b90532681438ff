using Hotline.Domain;
using Hotline.Domain.Citizens;
using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Citizens.Ratings;

/// <summary>The citizen's 好差评 of the service: one of five grades and a comment (required for 差评).</summary>
public sealed record ServiceRatingRequest(ServiceGrade? Grade, [property: MaxLength(Limits.Reason)] string? Comment);

/// <summary>The 好差评 as the citizen gave it; for a 差评, the day by which the centre follows it up.</summary>
public sealed record ServiceRatingGiven(ServiceGrade Grade, string? Comment, DateTimeOffset RatedAt, DateTimeOffset? FollowUpDue)
{
    public static ServiceRatingGiven From(ServiceRating r) => new(r.Grade, r.Comment, WorkOrderDto.Local(r.RatedAtUtc), WorkOrderDto.Local(r.FollowUpDueUtc));
}

/// <summary>
/// The public 好差评 (issue 18, S9) in the citizen API: the verified phone rates the service of its own closed work order,
/// once, from the portal's tracking page or an app (the same endpoint, API-key channels too). The order is found as the
/// tracking finds it (another phone's number is the same 404 as a missing one).
/// </summary>
public static class ServiceRatingEndpoints
{
    public static RouteGroupBuilder MapServiceRating(this RouteGroupBuilder group)
    {
        group.MapPost("/submissions/{number}/service-rating", Rate)
            .WithSummary("Give the service of one's own closed request a public 好差评 rating (once; a 差评 needs a comment and is followed up).");
        return group;
    }

    private static async Task<Created<ServiceRatingGiven>> Rate(
        string number, ServiceRatingRequest request, HttpContext http, CitizenAccess access, HotlineDbContext db, WorkOrderClocks clocks, CancellationToken ct)
    {
        var (_, order) = await CitizenEndpoints.OwnAsync(number, access.RequirePhone(http), db, tracked: false, ct);
        if (order is null)
        {
            throw new DomainException("service_rating.not_closed", "办结后才能评价该诉求的服务。");
        }

        if (await db.Set<ServiceRating>().AnyAsync(r => r.WorkOrderId == order.Id, ct))
        {
            throw new DomainException("service_rating.already_given", "您已评价过该诉求的服务，每件诉求只能评价一次。");
        }

        var rating = ServiceRating.Give(order, request.Grade, request.Comment, CitizenAccess.ChannelOf(http).Channel, clocks.Calendar, clocks.Now.UtcDateTime);
        db.Add(rating);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // A second rating sent at the same moment lost on the unique order: the same refusal as above.
            db.ChangeTracker.Clear();
            if (await db.Set<ServiceRating>().AsNoTracking().AnyAsync(r => r.WorkOrderId == order.Id, ct))
            {
                throw new DomainException("service_rating.already_given", "您已评价过该诉求的服务，每件诉求只能评价一次。");
            }

            throw;
        }

        return TypedResults.Created((string?)null, ServiceRatingGiven.From(rating));
    }

    /// <summary>What the tracking page shows of the 好差评: the rating given, or whether one may be given now.</summary>
    internal static async Task<(ServiceRatingGiven? Given, bool CanRate)> StateAsync(HotlineDbContext db, WorkOrder? order, CancellationToken ct)
    {
        if (order is null)
        {
            return (null, false);
        }

        var given = await db.Set<ServiceRating>().AsNoTracking().FirstOrDefaultAsync(r => r.WorkOrderId == order.Id, ct);
        return given is not null ? (ServiceRatingGiven.From(given), false) : (null, order.Status is WorkOrderStatus.Closed or WorkOrderStatus.Archived);
    }
}
