using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;
using Hotline.Infrastructure.Timeline;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.LiveUpdates;

/// <summary>
/// Reads new timeline entries (the timeline is the event log) once a second and tells the connected workbenches, each
/// group once per order: the scope groups of every ancestor of the lead unit and of the co-units, and the centre. Every
/// server node runs its own publisher for its own connections, so this scales out without a message bus; a second's
/// delay is the price.
/// </summary>
public sealed class LiveUpdatePublisher(IServiceScopeFactory scopes, IHubContext<WorkOrderHub> hub, TimeProvider time, IConfiguration configuration, JobHeartbeats heartbeats, ILogger<LiveUpdatePublisher> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimelineFeed _feed = TimelineFeed.InMemory();

    /// <summary>Publishes what is new since the last call; returns the number of entries sent.</summary>
    public async Task<int> PublishNewAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await PublishCoreAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    /// <summary>Pages until caught up: at peak more than a page of entries arrives between two polls. The first call starts at the end.</summary>
    private async Task<int> PublishCoreAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var sent = 0;
        TimelinePage<EventRow> page;
        do
        {
            List<(EventRow Event, OrderRow Order)> fresh;
            // Both reads from one snapshot: an order read after a later entry was committed would be sent with the state
            // that entry made but an earlier entry's action (a unit told "registered" of an order already dispatched to it).
            await using (await ReadSnapshot.BeginAsync(db, cancellationToken))
            {
                page = await _feed.ReadAsync(db, e => new EventRow(e.Id, e.WorkOrderId, e.Action, e.AtUtc), cancellationToken);
                fresh = await WithOrdersAsync(db, page.Entries, cancellationToken);
            }

            foreach (var order in fresh.GroupBy(r => r.Event.WorkOrderId))
            {
                var (last, w) = order.Last();
                var message = new WorkOrderChanged(w.Id, w.Number, WorkOrderDto.ActionName(last.Action), WorkOrderDto.KebabCase(w.Status.ToString()),
                    w.Light.ToString().ToLowerInvariant(), w.LeadUnitId, w.LeadUnitName, WorkOrderDto.Local(last.AtUtc));
                var groups = Ancestors(w.LeadUnitPath).Concat(w.CoUnitPaths.SelectMany(Ancestors)).Append("/").Distinct().Select(WorkOrderHub.GroupFor).ToList();
                await hub.Clients.Groups(groups).SendAsync(WorkOrderHub.ChangedMethod, message, cancellationToken);
            }

            await _feed.AdvanceAsync(db, page, cancellationToken);
            sent += fresh.Count;
        }
        while (page.Full);

        return sent;
    }

    private sealed record EventRow(long Id, long WorkOrderId, WorkOrderAction Action, DateTime AtUtc);

    private sealed record OrderRow(long Id, string Number, WorkOrderStatus Status, Light Light, long? LeadUnitId, string? LeadUnitName, string? LeadUnitPath, List<string> CoUnitPaths);

    /// <summary>
    /// Each entry with its order. Two reads, the orders by key: joined in one statement, the planner hashes the whole
    /// work-order table once it outgrows its statistics.
    /// </summary>
    private static async Task<List<(EventRow Event, OrderRow Order)>> WithOrdersAsync(HotlineDbContext db, IReadOnlyList<EventRow> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return [];
        }

        var ids = events.Select(e => e.WorkOrderId).Distinct().ToList();
        var orders = await db.Set<WorkOrder>().AsNoTracking()
            .Where(w => ids.Contains(w.Id))
            .Select(w => new OrderRow(w.Id, w.Number, w.Status, w.Light, w.LeadUnitId, w.LeadUnitName, w.LeadUnitPath, w.CoUnits.Select(c => c.UnitPath).ToList()))
            .ToDictionaryAsync(w => w.Id, ct);
        return events.Where(e => orders.ContainsKey(e.WorkOrderId)).Select(e => (e, orders[e.WorkOrderId])).ToList();
    }

    /// <summary>Polls every <c>LiveUpdates:PollMilliseconds</c> (1000 by default; 0 stops publishing, as for the other followers).</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        TimelinePolling.RunAsync(heartbeats, "live-updates", configuration.GetValue("LiveUpdates:PollMilliseconds", 1000.0), time, PublishNewAsync, e => logger.LogWarning(e, "Live-update poll failed"), stoppingToken);

    /// <summary>"/AL/AL-DC/AL-DC-ZJ/" → "/AL/", "/AL/AL-DC/", "/AL/AL-DC/AL-DC-ZJ/".</summary>
    internal static IEnumerable<string> Ancestors(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            yield break;
        }

        for (var i = path.IndexOf('/', 1); i > 0; i = path.IndexOf('/', i + 1))
        {
            yield return path[..(i + 1)];
        }
    }
}
