using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace Hotline.Features.Intake;

public sealed class RegistrationWriterOptions
{
    public const string Section = "WorkOrders:Registration";

    /// <summary>Registrations written together in one transaction at most (1 writes each alone).</summary>
    public int MaxBatch { get; set; } = 64;

    /// <summary>
    /// Transactions in flight at once; 0 chooses: two on PostgreSQL (one batch is built while the previous one is in the
    /// database), one on SQLite (which writes one transaction at a time anyway).
    /// </summary>
    public int Writers { get; set; }
}

/// <summary>
/// Group commit for intake. At peak hours dozens of agents register at once; writing each registration in its own
/// transaction spends most of the time on what every write repeats (taking a connection, beginning, committing, the round
/// trips between). Registrations are queued here and a writer takes whatever has queued up while the previous transaction
/// was in the database, and writes them together: the orders and their first timeline entries, their search documents,
/// and one commit, through EF and <see cref="WorkOrderStore"/> as every other write. Nothing waits for a batch to fill:
/// a lone registration is written at once, so batching only happens when there is a queue to absorb.
/// <para>
/// Each order is still all-or-nothing with its timeline entry and search document. A batch that fails (a constraint a
/// registration broke) is retried one registration at a time in a fresh context, so one bad registration fails alone
/// and the others commit. The aggregate is built once, by the request that registers it: a failed write leaves it as it
/// was (its timeline entries stay pending until a write succeeds), so the retry writes the same object.
/// </para>
/// </summary>
public sealed class RegistrationWriter : IAsyncDisposable, IDisposable
{
    private readonly System.Threading.Channels.Channel<Pending> _queue = System.Threading.Channels.Channel.CreateUnbounded<Pending>(new System.Threading.Channels.UnboundedChannelOptions { SingleWriter = false });
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<RegistrationWriter> _logger;
    private readonly int _maxBatch;
    private readonly Task[] _writers;

    public RegistrationWriter(
        IServiceScopeFactory scopes, IOptions<RegistrationWriterOptions> options, IOptions<DatabaseOptions> database, ILogger<RegistrationWriter> logger)
    {
        _scopes = scopes;
        _logger = logger;
        _maxBatch = Math.Max(1, options.Value.MaxBatch);
        var writers = options.Value.Writers > 0 ? options.Value.Writers : database.Value.Provider == DatabaseProvider.Postgres ? 2 : 1;
        _writers = Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync)).ToArray();
    }

    /// <summary>Queues a new order (built by the domain's registration verb) and returns it once it is saved.</summary>
    public async Task<WorkOrder> WriteAsync(WorkOrder order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        var pending = new Pending(order, new TaskCompletionSource<WorkOrder>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The server is shutting down.");
        }

        // Once queued the registration is written even if the caller goes away: the agent may retry, and a repeat is
        // something intake can link, whereas a registration lost half-way is not.
        return await pending.Done.Task.WaitAsync(ct);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count > 0)
            {
                await WriteBatchAsync(batch);
            }
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        try
        {
            var orders = await SaveAsync(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(orders[i]);
            }

            return;
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            _logger.LogWarning(ex, "A batch of {Count} registrations failed; writing them one by one.", batch.Count);
        }
        catch (Exception ex)
        {
            batch[0].Done.TrySetException(ex);
            return;
        }

        foreach (var pending in batch)
        {
            try
            {
                pending.Done.TrySetResult((await SaveAsync([pending]))[0]);
            }
            catch (Exception ex)
            {
                pending.Done.TrySetException(ex);
            }
        }
    }

    private async Task<List<WorkOrder>> SaveAsync(List<Pending> batch)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var orders = batch.Select(p => p.Order).ToList();

        // Only new entities are tracked here, so there is nothing for change detection to find; on a pooled context the
        // setting is reset when the context goes back to the pool.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Set<WorkOrder>().AddRange(orders);
        await scope.ServiceProvider.GetRequiredService<WorkOrderStore>().SaveAsync(orders, CancellationToken.None);
        return orders;
    }

    /// <summary>Stops taking registrations and waits until those already queued are written.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    /// <summary>A synchronous disposal (a CLI host) stops taking registrations and waits for the queued ones too.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private sealed record Pending(WorkOrder Order, TaskCompletionSource<WorkOrder> Done);
}
