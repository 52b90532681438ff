using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.LiveUpdates;

/// <summary>
/// Reads new timeline entries (the timeline is the event log) once a second and tells the connected workbenches, each
/// group once per order: the scope groups of every ancestor of the lead unit and of the co-units, and the centre. Every
/// server node runs its own publisher for its own connections, so this scales out without a message bus; a second's
/// delay is the price.
/// </summary>
public sealed class LiveUpdatePublisher(IServiceScopeFactory scopes, IHubContext<WorkOrderHub> hub, TimeProvider time, IConfiguration configuration, ILogger<LiveUpdatePublisher> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    /// <summary>Identity values can commit out of order; look back this far and skip what was already sent.</summary>
    private const int Lookback = 500;

    private readonly HashSet<long> _sent = [];
    private readonly Queue<long> _sentOrder = new();
    private long _watermark = -1;

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

    private async Task<int> PublishCoreAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        if (_watermark < 0)
        {
            _watermark = await db.Set<WorkOrderEvent>().MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
            return 0;
        }

        // Pages until caught up: at peak more than a page of entries arrives between two polls.
        var sent = 0;
        while (true)
        {
            var from = Math.Max(0, _watermark - Lookback);
            var (fresh, read) = await ReadAsync(db, from, cancellationToken);
            foreach (var order in fresh.GroupBy(r => r.Event.WorkOrderId))
            {
                var (last, w) = order.Last();
                var message = new WorkOrderChanged(w.Id, w.Number, WorkOrderDto.ActionName(last.Action), WorkOrderDto.KebabCase(w.Status.ToString()),
                    w.Light.ToString().ToLowerInvariant(), w.LeadUnitId, w.LeadUnitName, WorkOrderDto.Local(last.AtUtc));
                var groups = Ancestors(w.LeadUnitPath).Concat(w.CoUnitPaths.SelectMany(Ancestors)).Append("/").Distinct().Select(WorkOrderHub.GroupFor).ToList();
                await hub.Clients.Groups(groups).SendAsync(WorkOrderHub.ChangedMethod, message, cancellationToken);
            }

            foreach (var row in fresh)
            {
                Remember(row.Event.Id);
                _watermark = Math.Max(_watermark, row.Event.Id);
            }

            sent += fresh.Count;
            if (read < Page || fresh.Count == 0)
            {
                return sent;
            }
        }
    }

    private const int Page = 1000;

    private sealed record EventRow(long Id, long WorkOrderId, WorkOrderAction Action, DateTime AtUtc);

    private sealed record OrderRow(long Id, string Number, WorkOrderStatus Status, Light Light, long? LeadUnitId, string? LeadUnitName, string? LeadUnitPath, List<string> CoUnitPaths);

    /// <summary>
    /// The entries after <paramref name="from"/> not sent yet, each with its order. Two reads, the orders by key: joined in
    /// one statement, the planner hashes the whole work-order table once it outgrows its statistics.
    /// </summary>
    private async Task<(List<(EventRow Event, OrderRow Order)> Fresh, int Read)> ReadAsync(HotlineDbContext db, long from, CancellationToken ct)
    {
        // Both reads from one snapshot: an order read after a later entry was committed would be sent with the state that
        // entry made but an earlier entry's action (a unit told "registered" of an order already dispatched to it).
        await using var snapshot = await ReadSnapshot.BeginAsync(db, ct);
        var events = await db.Set<WorkOrderEvent>().AsNoTracking()
            .Where(e => e.Id > from)
            .OrderBy(e => e.Id)
            .Take(Page)
            .Select(e => new EventRow(e.Id, e.WorkOrderId, e.Action, e.AtUtc))
            .ToListAsync(ct);
        var fresh = events.Where(e => !_sent.Contains(e.Id)).ToList();
        if (fresh.Count == 0)
        {
            return ([], events.Count);
        }

        var ids = fresh.Select(e => e.WorkOrderId).Distinct().ToList();
        var orders = await db.Set<WorkOrder>().AsNoTracking()
            .Where(w => ids.Contains(w.Id))
            .Select(w => new OrderRow(w.Id, w.Number, w.Status, w.Light, w.LeadUnitId, w.LeadUnitName, w.LeadUnitPath, w.CoUnits.Select(c => c.UnitPath).ToList()))
            .ToDictionaryAsync(w => w.Id, ct);
        return (fresh.Where(e => orders.ContainsKey(e.WorkOrderId)).Select(e => (e, orders[e.WorkOrderId])).ToList(), events.Count);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(configuration.GetValue("LiveUpdates:PollMilliseconds", 1000));
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PublishNewAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Live-update poll failed");
            }
        }
    }

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

    private void Remember(long id)
    {
        if (_sent.Add(id))
        {
            _sentOrder.Enqueue(id);
            while (_sentOrder.Count > 4 * Lookback)
            {
                _sent.Remove(_sentOrder.Dequeue());
            }
        }
    }
}
