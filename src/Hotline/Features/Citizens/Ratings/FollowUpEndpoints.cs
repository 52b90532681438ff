using Hotline.Domain;
using Hotline.Domain.Citizens;
using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Citizens.Ratings;

/// <summary>Which 差评 the list shows: waiting for their follow-up, followed up, or both.</summary>
public enum FollowUpState
{
    Pending,
    Done,
    All,
}

/// <summary>A 差评 in the centre's follow-up list: the order by number, its unit, the grade and comment, the deadline and the follow-up.</summary>
public sealed record BadRatingItem(
    long Id, long WorkOrderId, string WorkOrderNumber, string? UnitName, ServiceGrade Grade, string? Comment, Channel Channel, DateTimeOffset RatedAt,
    DateTimeOffset? FollowUpDue, bool Overdue, FollowUpOutcome? Outcome, string? Note, DateTimeOffset? FollowedUpAt, string? FollowedUpByName, bool? InTime, long Version)
{
    public static BadRatingItem From(ServiceRating r, DateTime nowUtc) => new(
        r.Id, r.WorkOrderId, r.WorkOrderNumber, r.UnitName, r.Grade, r.Comment, r.Channel, WorkOrderDto.Local(r.RatedAtUtc), WorkOrderDto.Local(r.FollowUpDueUtc),
        r.FollowedUpAtUtc is null && r.FollowUpDueUtc < nowUtc, r.FollowUpOutcome, r.FollowUpNote, WorkOrderDto.Local(r.FollowedUpAtUtc), r.FollowedUpByName,
        r.FollowedUpAtUtc is null ? null : r.FollowedUpInTime, r.Version);
}

/// <summary>The centre's record of what it did about a 差评.</summary>
public sealed record FollowUpRequest(FollowUpOutcome? Outcome, [property: MaxLength(Limits.Reason)] string? Note, long? Version);

/// <summary>
/// The centre's follow-up of 差评 (issue 18): the list of bad ratings in the caller's scope (the centre everything, a county
/// hotline office its county's units), oldest deadline first, and the follow-up recorded once with the version seen.
/// </summary>
public static class FollowUpEndpoints
{
    public static IEndpointRouteBuilder MapServiceRatingFollowUp(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/service-ratings").WithTags("Citizens").RequireAuthorization(Policies.FollowUpServiceRatings);
        group.MapGet("/bad", List).WithSummary("The 差评 (bad 好差评 ratings) to follow up in scope; state pending (default), done or all.");
        group.MapPost("/{id:long}/follow-up", Record).WithSummary("Record the follow-up of a 差评: verified, rectified or explained, with a note.");
        return app;
    }

    private static async Task<Ok<Paged<BadRatingItem>>> List(
        [MaxLength(Limits.QueryValue)] string? state, int? page, int? pageSize, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var validation = new Validation();
        var chosen = validation.Enum<FollowUpState>(state, "state") ?? FollowUpState.Pending;
        var (p, size) = Paging.Normalise(page, pageSize);
        validation.ThrowIfInvalid();
        var scope = user.Scope.Path;
        var query = db.Set<ServiceRating>().AsNoTracking().Where(r => r.IsBad && r.UnitPath.StartsWith(scope));
        query = chosen switch
        {
            FollowUpState.Pending => query.Where(r => r.FollowedUpAtUtc == null),
            FollowUpState.Done => query.Where(r => r.FollowedUpAtUtc != null),
            FollowUpState.All => query,
        };
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(r => r.FollowUpDueUtc).ThenBy(r => r.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        return TypedResults.Ok(new Paged<BadRatingItem>([.. rows.Select(r => BadRatingItem.From(r, now))], total, p, size));
    }

    private static async Task<Ok<BadRatingItem>> Record(long id, FollowUpRequest request, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var expected = request.Version ?? throw ValidationException.For("version", "Give the version you saw.");
        var rating = await db.Set<ServiceRating>().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (rating is null || !rating.IsBad || !user.Scope.Covers(rating.UnitPath))
        {
            throw new NotFoundException("service_rating.not_found", "No such bad rating in your scope.");
        }

        if (rating.Version != expected)
        {
            throw new ConcurrencyConflictException($"The rating changed since you loaded it (version {expected}, now {rating.Version}); reload it and try again.");
        }

        db.ExpectVersion(rating, expected);
        var now = time.GetUtcNow().UtcDateTime;
        rating.RecordFollowUp(user.ToActor(), request.Outcome, request.Note, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(BadRatingItem.From(rating, now));
    }
}
