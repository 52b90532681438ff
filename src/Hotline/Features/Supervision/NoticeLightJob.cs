using Hotline.Domain.Supervision;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Supervision;

/// <summary>
/// Sets the supervision notices' yellow and red lights and issues their one automatic reminder (S8). It visits only the
/// notices whose <see cref="SupervisionNotice.NextCheckUtc"/> has passed (an index seek); each is saved with its timeline
/// in its own transaction, and a concurrent edit wins (the notice is looked at again on the next pass). One node at a time.
/// </summary>
public sealed class NoticeLightJob(IServiceScopeFactory scopes, TimeProvider time, JobHeartbeats heartbeats, ILogger<NoticeLightJob> logger) : BackgroundService
{
    /// <summary>The job's name among the heartbeats.</summary>
    public const string HeartbeatName = "notice-lights";

    private const int Batch = 200;
    private readonly JobLease _lease = new(JobLock.NoticeLights);

    public override void Dispose()
    {
        _lease.Dispose();
        base.Dispose();
    }

    /// <summary>Runs until nothing is due; returns how many notices changed.</summary>
    public Task<int> RunOnceAsync(CancellationToken ct) => _lease.RunAsync(scopes, 0, LightAsync, ct);

    private async Task<int> LightAsync(IServiceProvider services, HotlineDbContext db, CancellationToken ct)
    {
        var store = services.GetRequiredService<NoticeStore>();

        return await DueVisits.RunAsync(
            (count, token) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                return db.Set<SupervisionNotice>().AsNoTracking().Where(n => n.NextCheckUtc != null && n.NextCheckUtc <= now)
                    .OrderBy(n => n.NextCheckUtc).Select(n => n.Id).Take(count).ToListAsync(token);
            },
            async (id, token) =>
            {
                db.ChangeTracker.Clear();
                var notice = await store.LoadAsync(id, null, token);
                if (!notice.ApplyClock(time.GetUtcNow().UtcDateTime))
                {
                    return false;
                }

                try
                {
                    await store.SaveAsync(notice, token);
                    return true;
                }
                catch (Domain.ConcurrencyConflictException)
                {
                    return false;
                }
            },
            Batch, ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicJob.RunAsync(
        heartbeats, HeartbeatName, TimeSpan.FromMinutes(1), time,
        async ct =>
        {
            var changed = await RunOnceAsync(ct);
            if (changed > 0)
            {
                logger.LogInformation("Notice lights: {Count} notices changed", changed);
            }
        },
        e => logger.LogError(e, "Notice-light run failed"), stoppingToken);
}
