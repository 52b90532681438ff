using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Hotline.Infrastructure.Jobs;

/// <summary>
/// Runs a job on one server node at a time: calls on this node queue behind each other (a scheduled run and one asked
/// for through the API), and with PostgreSQL a session advisory lock keeps other nodes out (they skip the run).
/// </summary>
public sealed class JobLease : IDisposable
{
    private readonly SemaphoreSlim _local = new(1, 1);
    private readonly long _key;

    public JobLease(long key) => _key = key;

    public void Dispose() => _local.Dispose();

    /// <summary>Null when another node holds the job; otherwise a lease to dispose when done.</summary>
    public async Task<IAsyncDisposable?> AcquireAsync(HotlineDbContext db, CancellationToken ct)
    {
        await _local.WaitAsync(ct);
        try
        {
            if (!db.IsPostgres)
            {
                return new Lease(this, null);
            }

            await db.Database.OpenConnectionAsync(ct);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", _key);
            if (await command.ExecuteScalarAsync(ct) is true)
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

    private sealed class Lease(JobLease owner, NpgsqlConnection? connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (connection is not null)
                {
                    await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                    command.Parameters.AddWithValue("key", owner._key);
                    await command.ExecuteScalarAsync();
                }
            }
            finally
            {
                owner._local.Release();
            }
        }
    }
}
