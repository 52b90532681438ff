using Hotline.Domain.WorkOrders;
using Hotline.Features.Assessment.Dashboards;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;
using Hotline.Infrastructure.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline.Features.Assessment;

/// <summary>
/// Keeps the assessment facts and rollups up to date: for each page of the timeline it recomputes the facts of every
/// order the page touched and applies the difference to the rollups, saved with the feed's position in one transaction
/// (so a re-read page changes nothing: the facts are recomputed from the orders, not added from the entries).
/// </summary>
public sealed class AssessmentFollower(
    IServiceScopeFactory scopes, IOptions<TimelineFollowOptions> options, TimeProvider time, JobHeartbeats heartbeats, ILogger<AssessmentFollower> logger)
    : StoredTimelineFollower(CursorName, JobLock.AssessmentFacts, scopes, options, time, heartbeats, logger)
{
    /// <summary>The cursor's name; absent at first, so the follower starts at the timeline's beginning.</summary>
    public const string CursorName = "assessment-facts";

    /// <summary>Every action that may change a fact: all but the reveal of a caller, the lights and reminders.</summary>
    protected override IReadOnlySet<WorkOrderAction> Actions { get; } = Enum.GetValues<WorkOrderAction>()
        .Except([WorkOrderAction.RevealCaller, WorkOrderAction.LightChanged, WorkOrderAction.Remind]).ToHashSet();

    /// <summary>
    /// Rebuilds the facts and rollups from the orders as the follower's one writer (and places its cursor at the end of what
    /// the rebuild read); null when another node follows. <paramref name="progress"/> hears the orders read so far.
    /// </summary>
    public async Task<long?> RebuildAsync(CancellationToken ct, IProgress<long>? progress = null) =>
        await RunExclusiveAsync<long?>(
            async (db, token) =>
            {
                // PostgreSQL: the orders are read on a second connection, in the rebuild's snapshot, while the first one copies.
                await using var scope = Scopes.CreateAsyncScope();
                var reader = db.IsPostgres ? scope.ServiceProvider.GetRequiredService<HotlineDbContext>() : null;
                return await new AssessmentFactWriter(db).RebuildAsync(reader, progress, token);
            },
            ct);

    protected override Task<int> HandleAsync(HotlineDbContext db, IReadOnlyList<WorkOrderEvent> entries, CancellationToken ct) =>
        entries.Count == 0 ? Task.FromResult(0) : new AssessmentFactWriter(db).RefreshAsync([.. entries.Select(e => e.WorkOrderId).Distinct()], ct);
}
