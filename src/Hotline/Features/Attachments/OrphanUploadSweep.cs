using Hotline.Domain.Attachments;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Attachments;

/// <summary>
/// Removes uploads nobody attached within <see cref="FileStoreOptions.OrphanAfter"/> (a form abandoned after its photos
/// were sent; a submission's photos are held by it), their rows first, then their files; one node at a time. At start-up it checks the file store is there.
/// </summary>
public sealed class OrphanUploadSweep(IServiceScopeFactory scopes, IFileStore store, FileStoreOptions options, TimeProvider time, JobHeartbeats heartbeats, ILogger<OrphanUploadSweep> logger) : BackgroundService
{
    public const string HeartbeatName = "orphan-uploads";

    private const int Batch = 200;
    private readonly JobLease _lease = new(JobLock.OrphanUploads);

    public override void Dispose()
    {
        _lease.Dispose();
        base.Dispose();
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.CheckAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>One pass; returns how many uploads were removed.</summary>
    public Task<int> RunOnceAsync(CancellationToken ct) => _lease.RunAsync(scopes, 0, SweepAsync, ct);

    private async Task<int> SweepAsync(IServiceProvider _, HotlineDbContext db, CancellationToken ct)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - options.OrphanAfter;
        var removed = 0;
        while (true)
        {
            var orphans = await db.Set<Upload>().AsNoTracking().Where(u => u.WorkOrderId == null && u.AppealId == null && u.SubmissionId == null && u.CreatedUtc < cutoff)
                .OrderBy(u => u.CreatedUtc).Take(Batch).Select(u => new { u.Id, u.StorageKey, u.HasThumbnail }).ToListAsync(ct);
            foreach (var orphan in orphans)
            {
                // The row goes first and only while still unattached: a registration claiming it now wins, and a file
                // whose removal fails is left without a row rather than a row without its file.
                var deleted = await db.Set<Upload>().Where(u => u.Id == orphan.Id && u.WorkOrderId == null && u.AppealId == null && u.SubmissionId == null).ExecuteDeleteAsync(ct);
                if (deleted == 0)
                {
                    continue;
                }

                removed++;
                await DeleteAsync(orphan.StorageKey, ct);
                if (orphan.HasThumbnail)
                {
                    await DeleteAsync(Upload.ThumbnailKeyOf(orphan.StorageKey), ct);
                }
            }

            if (orphans.Count < Batch)
            {
                return removed;
            }
        }
    }

    private async Task DeleteAsync(string key, CancellationToken ct)
    {
        try
        {
            await store.DeleteAsync(key, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "An orphan upload's file could not be removed: {Key}", key);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicJob.RunAsync(
        heartbeats, HeartbeatName, options.SweepEvery, time,
        async ct =>
        {
            var removed = await RunOnceAsync(ct);
            if (removed > 0)
            {
                logger.LogInformation("Orphan uploads: {Count} removed", removed);
            }
        },
        e => logger.LogError(e, "Orphan-upload sweep failed"), stoppingToken);
}
