using System.Globalization;
using System.Security.Claims;
using Hotline.Domain.Notifications;
using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Security;
using Microsoft.AspNetCore.SignalR;

namespace Hotline.Features.LiveUpdates;

/// <summary>What the workbench hears when a work order changes: enough to refresh a list row, never caller data.</summary>
public sealed record WorkOrderChanged(long Id, string Number, string Action, string Status, string Light, long? LeadUnitId, string? LeadUnitName, DateTimeOffset At);

/// <summary>
/// The workbench's live channel (<c>/hubs/work-orders</c>). Each connection joins the group of its user's scope, so a
/// unit hears about orders in its subtree and the centre about all of them. The user is the connection's own principal
/// (<see cref="HubCallerContext.User"/>), not the HTTP context's: over long polling and server-sent events the hub runs
/// outside the request that authenticated the connection, and there is no current request to read.
/// It also joins the groups of the workbench notifications' audiences it belongs to: the user, each centre role it holds,
/// its unit and each unit role it holds there (<see cref="Audience"/>).
/// </summary>
public sealed class WorkOrderHub : Hub
{
    public const string ChangedMethod = "workOrderChanged";

    public const string NotificationMethod = "notification";

    public static string GroupFor(string scopePath) => "scope:" + scopePath;

    /// <summary>The one group a notification's audience listens on.</summary>
    public static string GroupFor(Audience audience) => audience switch
    {
        { UserId: { } user } => Invariant($"user:{user}"),
        { UnitId: { } unit, Role: { } role } => Invariant($"unit:{unit}:{role}"),
        { UnitId: { } unit } => Invariant($"unit:{unit}"),
        { Role: { } role } => $"role:{role}",
        _ => throw new ArgumentException("A notification needs an audience.", nameof(audience)),
    };

    public override async Task OnConnectedAsync()
    {
        var user = Context.User ?? throw new HubException("The connection has no user.");
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupFor(CurrentUser.ScopeOf(user).Path));
        foreach (var group in AudienceGroups(user))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group);
        }

        await base.OnConnectedAsync();
    }

    /// <summary>Every audience group this user belongs to (the groups of <see cref="Audience.Includes"/>).</summary>
    internal static IEnumerable<string> AudienceGroups(ClaimsPrincipal user)
    {
        var userId = long.Parse(user.FindFirstValue(HotlineClaims.UserId)!, CultureInfo.InvariantCulture);
        var unitId = long.Parse(user.FindFirstValue(HotlineClaims.UnitId)!, CultureInfo.InvariantCulture);
        var roles = user.FindAll(ClaimTypes.Role).Select(c => Enum.Parse<Role>(c.Value)).ToList();
        yield return GroupFor(Audience.User(userId));
        if (roles.Any(r => r.IsUnitRole()))
        {
            yield return GroupFor(Audience.Unit(unitId));
        }

        foreach (var role in roles)
        {
            yield return GroupFor(role.IsUnitRole() ? Audience.UnitRole(unitId, role) : Audience.CentreRole(role));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
