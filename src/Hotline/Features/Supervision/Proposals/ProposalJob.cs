using Hotline.Domain.Supervision;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Supervision.Proposals;

/// <summary>What one pass of the proposal job did.</summary>
public sealed record ProposalPass(int Triggers, int Skipped, int Raised, int Ended, int Covered, int Live);

/// <summary>
/// Every few minutes, evaluates each enabled trigger (<see cref="SupervisionTrigger"/>) set-based through the source of
/// its kind (<see cref="ITriggerSource"/>): live proposals whose condition is gone end (an open one is resolved, a
/// dismissed one stays dismissed), open ones whose subject an open notice now covers are resolved, the rest are seen
/// again, and subjects with no live proposal and no open notice are proposed. One node at a time (advisory lock);
/// each trigger in its own transaction.
/// </summary>
public sealed class ProposalJob(IServiceScopeFactory scopes, TimeProvider time, JobHeartbeats heartbeats, ILogger<ProposalJob> logger) : BackgroundService
{
    public const string HeartbeatName = "supervision-proposals";

    /// <summary>More new proposals than this in one pass refresh the table's planner statistics.</summary>
    private const int AnalyzeAfter = 1000;

    private readonly JobLease _lease = new(JobLock.SupervisionProposals);

    public override void Dispose()
    {
        _lease.Dispose();
        base.Dispose();
    }

    public Task<ProposalPass> RunOnceAsync(CancellationToken ct) => _lease.RunAsync(scopes, new ProposalPass(0, 0, 0, 0, 0, 0), ProposeAsync, ct);

    private async Task<ProposalPass> ProposeAsync(IServiceProvider services, HotlineDbContext db, CancellationToken ct)
    {
        var sources = services.GetServices<ITriggerSource>().ToDictionary(s => s.Kind);

        var now = time.GetUtcNow().UtcDateTime;
        var triggers = await db.Set<SupervisionTrigger>().AsNoTracking().Where(t => t.Enabled).OrderBy(t => t.Id).ToListAsync(ct);
        var pass = new ProposalPass(triggers.Count, 0, 0, 0, 0, 0);
        foreach (var trigger in triggers)
        {
            var source = sources.GetValueOrDefault(trigger.SourceKind);
            var found = source is null ? null : await source.FindAsync(db, trigger, now, ct);
            if (source is null || found is null)
            {
                pass = pass with { Skipped = pass.Skipped + 1 };
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var step = found.Query is { } query
                ? await ProposalEvaluation.SetBasedAsync(db, trigger.Code, source.Subject, query, now, ct)
                : await ProposalEvaluation.InMemoryAsync(db, trigger.Code, source.Subject, found.Rows ?? [], now, ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            pass = pass with { Raised = pass.Raised + step.Raised, Ended = pass.Ended + step.Ended, Covered = pass.Covered + step.Covered, Live = pass.Live + step.Live };
        }

        if (pass.Raised > AnalyzeAfter)
        {
            // After a large insert (the first pass over a big platform) the planner's statistics of the proposals still
            // say "empty" until autovacuum's next round; the next passes' anti-joins would be planned for that.
            await db.Database.ExecuteSqlRawAsync("ANALYZE supervision_proposals", ct);
        }

        return pass;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicJob.RunAsync(
        heartbeats, HeartbeatName, TimeSpan.FromMinutes(5), time,
        async ct =>
        {
            var pass = await RunOnceAsync(ct);
            if (pass.Raised + pass.Ended + pass.Covered > 0)
            {
                logger.LogInformation("Supervision proposals: {Raised} raised, {Ended} ended, {Covered} covered by notices, {Live} live", pass.Raised, pass.Ended, pass.Covered, pass.Live);
            }
        },
        e => logger.LogError(e, "Supervision proposal pass failed"), stoppingToken);
}
