using Hotline.Domain.Notifications;
using Hotline.Features.Notifications;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;
using Hotline.Infrastructure.Timeline;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.LiveUpdates;

/// <summary>
/// Pushes new workbench notifications to their audience's connections (<see cref="WorkOrderHub.NotificationMethod"/>).
/// Like the order changes, every node pushes to its own connections from its own position in memory (it starts at the
/// newest notification when the node starts); the workbench reloads its list on a push and on every (re)connection, so
/// nothing pushed while a browser was away is lost.
/// </summary>
public sealed class NotificationPublisher(IServiceScopeFactory scopes, IHubContext<WorkOrderHub> hub, TimeProvider time, IConfiguration configuration, JobHeartbeats heartbeats, ILogger<NotificationPublisher> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long? _position;

    /// <summary>Pushes what is new since the last call; returns how many notifications were pushed.</summary>
    public async Task<int> PublishNewAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var set = db.Set<Notification>().AsNoTracking();
            if (_position is not { } position)
            {
                _position = await set.MaxAsync(n => (long?)n.Id, ct) ?? 0;
                return 0;
            }

            // Notifications are inserted by one writer at a time (the follower, the escalation job: each under its lease),
            // so ids commit in order often enough; a late one is still in the list the workbench reloads.
            var fresh = await set.Where(n => n.Id > position).OrderBy(n => n.Id).Take(500).ToListAsync(ct);
            foreach (var n in fresh)
            {
                await hub.Clients.Group(WorkOrderHub.GroupFor(n.Audience)).SendAsync(WorkOrderHub.NotificationMethod, NotificationView.Of(n), ct);
                _position = n.Id;
            }

            return fresh.Count;
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

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        TimelinePolling.RunAsync(heartbeats, "notification-push", configuration.GetValue("LiveUpdates:PollMilliseconds", 1000.0), time, PublishNewAsync, e => logger.LogWarning(e, "Notification push failed"), stoppingToken);
}
