using Hotline.Domain.Citizens;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Citizens;

/// <summary>
/// Every 10 minutes, deletes the one-time codes that expired more than an hour ago (the per-phone and per-address
/// limits look back one hour, so younger rows still count). One node at a time (job lease).
/// </summary>
public sealed class CitizenCodeSweepJob(IServiceScopeFactory scopes, TimeProvider time, JobHeartbeats heartbeats, ILogger<CitizenCodeSweepJob> logger) : BackgroundService
{
    public const string HeartbeatName = "citizen-codes";

    private readonly JobLease _lease = new(JobLock.CitizenCodes);

    public override void Dispose()
    {
        _lease.Dispose();
        base.Dispose();
    }

    /// <summary>Deletes what is past keeping; returns the number of codes deleted.</summary>
    public Task<int> RunOnceAsync(CancellationToken ct) => _lease.RunAsync(scopes, 0, SweepAsync, ct);

    private async Task<int> SweepAsync(IServiceProvider _, HotlineDbContext db, CancellationToken ct)
    {
        var before = time.GetUtcNow().UtcDateTime - CitizenRules.CodeLifetime - TimeSpan.FromHours(1);
        return await db.Set<OneTimeCode>().Where(c => c.ExpiresAtUtc < before).ExecuteDeleteAsync(ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicJob.RunAsync(
        heartbeats, HeartbeatName, TimeSpan.FromMinutes(10), time, RunOnceAsync, e => logger.LogError(e, "Sweeping expired one-time codes failed"), stoppingToken);
}
