using System.Data.Common;
using System.Globalization;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;
using Hotline.Infrastructure.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hotline.Infrastructure.Search;

/// <summary>Something whose entities are search documents and can be indexed again from the source of truth.</summary>
public interface ISearchSource
{
    /// <summary>The name a migration queues in <c>search_reindex</c> (e.g. <c>work_orders</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Indexes the next at most <paramref name="batch"/> entities with an id above <paramref name="afterId"/>, in id order,
    /// inside the open transaction on <paramref name="context"/>, holding them against concurrent writes until it commits;
    /// returns the last id done and how many, or null when none are left.
    /// </summary>
    Task<(long LastId, int Count)?> ReindexAsync(HotlineDbContext context, long afterId, int batch, CancellationToken ct);
}

/// <summary>
/// Works off the <c>search_reindex</c> queue that migrations fill when documents must be (re)built from their sources:
/// existing work orders after an upgrade, or every document after a change of what is indexed. Each batch commits with
/// the queue's progress, so an interrupted run resumes where it stopped, and a finished source leaves the queue, so a
/// restart costs one query. With several server nodes one works at a time (<see cref="JobLease"/>). Search keeps
/// answering meanwhile; documents not rebuilt yet are found with what they held before.
/// </summary>
public sealed class SearchReindexJob(IServiceScopeFactory scopes, HotlineMetrics metrics, ILogger<SearchReindexJob> logger) : BackgroundService
{
    public const int Batch = 500;

    private readonly JobLease _lease = new(JobLock.SearchReindex);

    public override void Dispose()
    {
        _lease.Dispose();
        base.Dispose();
    }

    /// <summary>Runs until the queue is empty (or another node holds the lock); returns how many entities were indexed.</summary>
    /// <remarks>
    /// One lease for the whole run, around every batch's transaction: each batch still commits with the queue's
    /// progress, so an interrupted run resumes where it stopped, whichever node picks it up.
    /// </remarks>
    public Task<int> RunOnceAsync(CancellationToken ct = default) => _lease.RunAsync(scopes, 0, ReindexAsync, ct);

    private async Task<int> ReindexAsync(IServiceProvider services, HotlineDbContext db, CancellationToken ct)
    {
        var total = 0;
        var sources = services.GetServices<ISearchSource>().ToDictionary(s => s.Name, StringComparer.Ordinal);
        while (true)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var next = await NextAsync(db, ct);
            if (next is not var (name, afterId))
            {
                return total;
            }

            var indexed = 0;
            if (!sources.TryGetValue(name, out var source))
            {
                logger.LogWarning("Search reindex: no source named {Source}; dropped from the queue", name);
                await ExecuteAsync(db, "DELETE FROM search_reindex WHERE source = @p0", ct, name);
            }
            else if (await source.ReindexAsync(db, afterId, Batch, ct) is var (last, count))
            {
                await ExecuteAsync(db, "UPDATE search_reindex SET after_id = @p1 WHERE source = @p0", ct, name, last);
                total += count;
                indexed = count;
            }
            else
            {
                await ExecuteAsync(db, "DELETE FROM search_reindex WHERE source = @p0", ct, name);
                logger.LogInformation("Search reindex: {Source} done", name);
            }

            await transaction.CommitAsync(ct);
            metrics.SearchReindexed(indexed);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Search reindex failed; retrying in a minute");
                await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
            }
        }
    }

    private static async Task<(string Name, long AfterId)?> NextAsync(HotlineDbContext db, CancellationToken ct)
    {
        await using var command = Command(db, "SELECT source, after_id FROM search_reindex ORDER BY source LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetString(0), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)) : null;
    }

    private static async Task ExecuteAsync(HotlineDbContext db, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = Command(db, sql);
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "p" + i.ToString(CultureInfo.InvariantCulture);
            parameter.Value = values[i];
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync(ct);
    }

    private static DbCommand Command(HotlineDbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        return command;
    }
}
