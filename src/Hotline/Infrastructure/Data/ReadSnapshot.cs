using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hotline.Infrastructure.Data;

/// <summary>
/// Several reads that must see the database at one moment (a follower's new timeline entries and the orders they
/// belong to). PostgreSQL: a read-only REPEATABLE READ transaction. SQLite: a deferred transaction, which takes no write
/// lock and in WAL mode reads one snapshot from its first statement to its end (EF's own transactions begin IMMEDIATE,
/// which would hold off every writer while the reads run). Nothing is written; disposing ends it.
/// </summary>
public sealed class ReadSnapshot : IAsyncDisposable
{
    private readonly IDbContextTransaction? _transaction;
    private readonly SqliteTransaction? _sqlite;
    private readonly HotlineDbContext _db;

    private ReadSnapshot(HotlineDbContext db, IDbContextTransaction? transaction, SqliteTransaction? sqlite)
    {
        _db = db;
        _transaction = transaction;
        _sqlite = sqlite;
    }

    public static async Task<ReadSnapshot> BeginAsync(HotlineDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.IsPostgres)
        {
            var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            await db.Database.ExecuteSqlRawAsync("SET TRANSACTION READ ONLY", ct);
            return new ReadSnapshot(db, transaction, null);
        }

        await db.Database.OpenConnectionAsync(ct);
        var sqlite = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
        return new ReadSnapshot(db, await db.Database.UseTransactionAsync(sqlite, ct), sqlite);
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }

        if (_sqlite is not null)
        {
            await _db.Database.UseTransactionAsync(null);
            await _sqlite.DisposeAsync();
            await _db.Database.CloseConnectionAsync();
        }
    }
}
