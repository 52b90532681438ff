using System.Data;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Hotline.Infrastructure.Jobs;

/// <summary>
/// Runs a job on one server node at a time: calls on this node queue behind each other (a scheduled run and one asked
/// for through the API), and with PostgreSQL a session advisory lock keeps other nodes out (they skip the run). SQLite is
/// single-node, so there the lease is always granted.
/// </summary>
/// <remarks>
/// The lock is taken on the job's own connection (its <see cref="HotlineDbContext"/>, kept open until the lease ends), so
/// the lock and the work share one fate: if that connection is lost, the lock goes with it and so does the job's next
/// statement, and no node ever works on while another holds the lock. It is a session lock, not a transaction lock, so a
/// job may commit as often as it likes under it; a session lock and a transaction lock on the same key exclude each other,
/// so nodes that still take <c>pg_try_advisory_xact_lock</c> are kept out during a rolling upgrade.
/// </remarks>
public sealed class JobLease(JobLock key) : IDisposable
{
    private readonly SemaphoreSlim _local = new(1, 1);

    public void Dispose() => _local.Dispose();

    /// <summary>
    /// One leased run of a job: a fresh service scope, its <see cref="HotlineDbContext"/>, the lease on it, then
    /// <paramref name="work"/> (given the scope's services and the context); <paramref name="skipped"/> when another node
    /// holds the job. The lease ends when the work does, whatever it throws.
    /// </summary>
    public async Task<T> RunAsync<T>(IServiceScopeFactory scopes, T skipped, Func<IServiceProvider, HotlineDbContext, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        await using var lease = await AcquireAsync(db, ct);
        return lease is null ? skipped : await work(scope.ServiceProvider, db, ct);
    }

    /// <summary>Null when another node holds the job; otherwise a lease to dispose when done (or when the job stops).</summary>
    public async Task<IAsyncDisposable?> AcquireAsync(HotlineDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await _local.WaitAsync(ct);
        try
        {
            if (!db.IsPostgres)
            {
                return new Lease(this, null);
            }

            await db.Database.OpenConnectionAsync(ct);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            if (await ExecuteAsync(connection, "SELECT pg_try_advisory_lock(@key)", ct) is true)
            {
                return new Lease(this, connection);
            }

            await db.Database.CloseConnectionAsync();
            _local.Release();
            return null;
        }
        catch
        {
            _local.Release();
            throw;
        }
    }

    private async Task<object?> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", (long)key);
        return await command.ExecuteScalarAsync(ct);
    }

    private sealed class Lease(JobLease owner, NpgsqlConnection? connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                // A broken connection has ended its session and the lock with it; unlocking there would only hide the
                // error that broke it.
                if (connection is { State: ConnectionState.Open })
                {
                    await owner.ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
                }
            }
            finally
            {
                owner._local.Release();
            }
        }
    }
}
