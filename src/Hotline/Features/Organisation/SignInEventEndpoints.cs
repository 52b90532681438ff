using Hotline.Domain.Organisation;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Organisation;

/// <summary>One sign-in throttle, limit or clearing, as the administrator reads it.</summary>
public sealed record SignInEventDto(
    long Id, DateTimeOffset OccurredAt, SignInThrottleScope Scope, SignInEventCause Cause, long? UserId, string? UserName,
    string? Address, int Failures, DateTimeOffset? BlockedUntil, string? ActorUserName);

/// <summary>
/// <c>GET /api/users/sign-in-events</c>: the record of every sign-in throttle, limit and clearing (issue 13, defect 7),
/// newest first, optionally of one account. Mapped in the administrators' group of <see cref="UserEndpoints"/>.
/// </summary>
public static class SignInEventEndpoints
{
    internal static async Task<Ok<Paged<SignInEventDto>>> List(HotlineDbContext db, long? userId, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Paging.Normalise(page, pageSize);
        var query = db.Set<SignInEvent>().AsNoTracking();
        if (userId is { } id)
        {
            query = query.Where(e => e.UserId == id);
        }

        var total = await query.CountAsync(ct);
        var events = await query.OrderByDescending(e => e.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<SignInEventDto>([.. events.Select(ToDto)], total, number, size));
    }

    private static SignInEventDto ToDto(SignInEvent e) => new(
        e.Id, WorkOrderDto.Local(e.OccurredAtUtc), e.Scope, e.Cause, e.UserId, e.UserName, e.Address, e.Failures,
        WorkOrderDto.Local(e.BlockedUntilUtc), e.ActorUserName);
}
