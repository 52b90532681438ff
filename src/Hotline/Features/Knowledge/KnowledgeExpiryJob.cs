using Hotline.Domain.Knowledge;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Knowledge;

/// <summary>
/// Every few minutes: takes live articles past their expiry date out of use (and out of the index), and warns owners
/// of those expiring within seven days. Idempotent: a warning is stored once per article and expiry date, and an
/// expired article is no longer live. With several server nodes one runs it at a time (<see cref="JobLease"/>).
/// Search does not wait for this job: it filters on the expiry date itself.
/// </summary>
public sealed class KnowledgeExpiryJob(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger<KnowledgeExpiryJob> logger) : BackgroundService
{
    private readonly JobLease _lease = new(JobLock.KnowledgeExpiry);

    public override void Dispose()
    {
        _lease.Dispose();
        base.Dispose();
    }

    public Task<(int Expired, int Warned)> RunOnceAsync(CancellationToken ct = default) => _lease.RunAsync(scopes, (0, 0), ExpireAsync, ct);

    private async Task<(int Expired, int Warned)> ExpireAsync(IServiceProvider services, HotlineDbContext db, CancellationToken ct)
    {
        var indexer = services.GetRequiredService<KnowledgeIndexer>();
        var now = time.GetUtcNow().UtcDateTime;

        // The lease is taken before the transaction and ends after it, so it covers everything the transaction lock did.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var due = await db.Set<KnowledgeArticle>().Where(a => a.LiveVersion != null && a.LiveExpiresAtUtc <= now)
            .OrderBy(a => a.LiveExpiresAtUtc).ThenBy(a => a.Id) // the longest-expired first when more than a batch is due
            .Take(500).ToListAsync(ct);
        foreach (var article in due)
        {
            article.Expire(now);
        }

        await db.SaveChangesAsync(ct);
        foreach (var article in due)
        {
            await indexer.SyncAsync(db, article, null, ct);
        }

        var horizon = now + KnowledgeExpiryWarning.Lead;
        var expiring = await db.Set<KnowledgeArticle>()
            .Where(a => a.LiveVersion != null && a.LiveExpiresAtUtc > now && a.LiveExpiresAtUtc <= horizon)
            .Where(a => !db.Set<KnowledgeExpiryWarning>().Any(w => w.ArticleId == a.Id && w.ExpiresAtUtc == a.LiveExpiresAtUtc))
            .OrderBy(a => a.LiveExpiresAtUtc).ThenBy(a => a.Id)
            .Take(500).ToListAsync(ct);
        foreach (var article in expiring)
        {
            db.Add(KnowledgeExpiryWarning.For(article, now));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (due.Count + expiring.Count > 0)
        {
            logger.LogInformation("Knowledge expiry: {Expired} articles expired, {Warned} owners warned", due.Count, expiring.Count);
        }

        return (due.Count, expiring.Count);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue("Knowledge:ExpiryCheckMinutes", 10.0);
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(minutes, 0.1)), time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Knowledge expiry check failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
