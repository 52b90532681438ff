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
/// </summary>
public sealed class WorkOrderHub : Hub
{
    public const string ChangedMethod = "workOrderChanged";

    public static string GroupFor(string scopePath) => "scope:" + scopePath;

    public override async Task OnConnectedAsync()
    {
        var user = Context.User ?? throw new HubException("The connection has no user.");
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupFor(CurrentUser.ScopeOf(user).Path));
        await base.OnConnectedAsync();
    }
}
