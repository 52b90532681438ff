using Hotline.Domain;
using Hotline.Domain.Notifications;
using Hotline.Domain.Organisation;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Notifications;

/// <summary>
/// A notification as its audience sees it: the kind and the facts the workbench fills its own message with, the order
/// it links to, whether it waits for an acknowledgement and who gave it.
/// </summary>
public sealed record NotificationView(
    long Id, NotificationKind Kind, long? WorkOrderId, string? WorkOrderNumber, IReadOnlyDictionary<string, string?> Facts, DateTimeOffset CreatedAt,
    bool RequiresAcknowledgement, int EscalationLevel, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, long Version)
{
    public static NotificationView Of(Notification n) => new(
        n.Id, n.Kind, n.WorkOrderId, n.WorkOrderNumber, n.Facts, WorkOrderDto.Local(n.CreatedAtUtc), n.RequiresAcknowledgement, n.EscalationLevel,
        WorkOrderDto.Local(n.AcknowledgedAtUtc), n.AcknowledgedByName, n.Version);
}

/// <summary>The caller's notifications, newest first, and how many still wait for an acknowledgement.</summary>
public sealed record NotificationList(int Open, IReadOnlyList<NotificationView> Items);

public sealed record AcknowledgeNotificationRequest(long? Version);

/// <summary><c>/api/notifications</c>: every signed-in person's own workbench notifications.</summary>
public static class NotificationEndpoints
{
    /// <summary>How many notifications the list gives: the bell shows the latest, the open ones first.</summary>
    public const int ListSize = 50;

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization(Policies.Staff);
        group.MapGet("/", List);
        group.MapPost("/{id:long}/acknowledge", Acknowledge);
        return app;
    }

    private static async Task<Ok<NotificationList>> List(HotlineDbContext db, CurrentUser user, CancellationToken ct)
    {
        var mine = ForUser(db.Set<Notification>().AsNoTracking(), user.Id, user.Roles, user.UnitId);
        var open = await mine.Where(n => n.AcknowledgedAtUtc == null).ToListAsync(ct);
        var openCount = open.Count(n => n.RequiresAcknowledgement);
        var waiting = open.Where(n => n.RequiresAcknowledgement).OrderByDescending(n => n.Id).Take(ListSize).ToList();
        var recent = await mine.OrderByDescending(n => n.Id).Take(ListSize).ToListAsync(ct);
        var items = waiting.Concat(recent.Where(n => !waiting.Any(w => w.Id == n.Id))).Take(ListSize).Select(NotificationView.Of).ToList();
        return TypedResults.Ok(new NotificationList(openCount, items));
    }

    private static async Task<Ok<NotificationView>> Acknowledge(long id, AcknowledgeNotificationRequest? request, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var notification = await ForUser(db.Set<Notification>(), user.Id, user.Roles, user.UnitId).SingleOrDefaultAsync(n => n.Id == id, ct)
            ?? throw new NotFoundException("notification.not_found", "No such notification.");
        if (request?.Version is { } version)
        {
            if (notification.Version != version)
            {
                throw new ConcurrencyConflictException($"The notification changed since you loaded it (version {version}, now {notification.Version}); reload it.");
            }

            db.ExpectVersion(notification, version);
        }

        notification.Acknowledge(user.Id, user.DisplayName, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(NotificationView.Of(notification));
    }

    /// <summary>
    /// The notifications whose audience includes this user (<see cref="Audience.Includes"/> as a query): addressed to
    /// the user; to a centre role the user holds; to the user's unit (any unit role) or to a role the user holds there.
    /// </summary>
    public static IQueryable<Notification> ForUser(IQueryable<Notification> query, long userId, IReadOnlySet<Role> roles, long unitId)
    {
        var held = roles.Select(r => (Role?)r).ToList();
        var unitRole = roles.Any(r => r.IsUnitRole());
        return query.Where(n =>
            n.RecipientUserId == userId
            || (n.RecipientUserId == null && n.RecipientUnitId == null && held.Contains(n.RecipientRole))
            || (n.RecipientUserId == null && n.RecipientUnitId == unitId && (n.RecipientRole == null ? unitRole : held.Contains(n.RecipientRole))));
    }
}
