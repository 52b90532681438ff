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

        var from = Math.Max(0, _watermark - Lookback);
        var rows = await db.Set<WorkOrderEvent>().AsNoTracking()
            .Where(e => e.Id > from)
            .OrderBy(e => e.Id)
            .Take(1000)
            .Join(db.Set<WorkOrder>(), e => e.WorkOrderId, w => w.Id, (e, w) => new
            {
                e.Id,
                e.Action,
                e.AtUtc,
                OrderId = w.Id,
                w.Number,
                w.Status,
                w.Light,
                w.LeadUnitId,
                w.LeadUnitName,
                w.LeadUnitPath,
                CoUnitPaths = w.CoUnits.Select(c => c.UnitPath).ToList(),
            })
            .ToListAsync(cancellationToken);
        var fresh = rows.Where(r => !_sent.Contains(r.Id)).ToList();
        foreach (var order in fresh.GroupBy(r => r.OrderId))
        {
            var last = order.Last();
            var message = new WorkOrderChanged(last.OrderId, last.Number, WorkOrderDto.ActionName(last.Action), WorkOrderDto.KebabCase(last.Status.ToString()),
                last.Light.ToString().ToLowerInvariant(), last.LeadUnitId, last.LeadUnitName, WorkOrderDto.Local(last.AtUtc));
            var groups = Ancestors(last.LeadUnitPath).Concat(last.CoUnitPaths.SelectMany(Ancestors)).Append("/").Distinct().Select(WorkOrderHub.GroupFor).ToList();
            await hub.Clients.Groups(groups).SendAsync(WorkOrderHub.ChangedMethod, message, cancellationToken);
        }

        foreach (var row in fresh)
        {
            Remember(row.Id);
            _watermark = Math.Max(_watermark, row.Id);
        }

        return fresh.Count;
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
