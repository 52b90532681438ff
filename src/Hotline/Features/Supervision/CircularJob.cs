using Hotline.Domain.Supervision;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;

namespace Hotline.Features.Supervision;

/// <summary>
/// Every two minutes, makes the parent units' circulars of the last full month that are still missing (so they appear on
/// the first of the month; a node that was down catches up). Once a month is done, a node passes over it until the next.
/// One node at a time; idempotent per unit and period.
/// </summary>
public sealed class CircularJob(IServiceScopeFactory scopes, TimeProvider time, JobHeartbeats heartbeats, ILogger<CircularJob> logger) : BackgroundService
{
    public const string HeartbeatName = "supervision-circulars";

    private readonly JobLease _lease = new(JobLock.SupervisionCirculars);
    private CircularPeriod? _done;

    public override void Dispose()
    {
        _lease.Dispose();
        base.Dispose();
    }

    /// <summary>Makes the missing circulars of the last full month; returns how many circulars that month has.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var period = CircularPeriod.PreviousTo(now);
        if (_done == period)
        {
            return 0;
        }

        return await _lease.RunAsync(scopes, 0, async (services, _, token) =>
        {
            var made = await services.GetRequiredService<CircularGenerator>().GenerateAsync(period, "system", refresh: false, now, token);
            _done = period;
            return made.Count;
        }, ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicJob.RunAsync(
        heartbeats, HeartbeatName, TimeSpan.FromMinutes(2), time,
        async ct => await RunOnceAsync(ct),
        e => logger.LogError(e, "Supervision circulars failed"), stoppingToken);
}
