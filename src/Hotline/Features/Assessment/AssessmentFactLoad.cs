using System.Data;
using Hotline.Domain.Assessment;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Seeding.History;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Hotline.Features.Assessment;

/// <summary>
/// The bulk part of <see cref="AssessmentFactWriter.RebuildAsync"/>, inside the rebuild's one write transaction: the orders
/// read keyset-paged by id without tracking, their facts computed by <see cref="AssessmentFacts.Of"/> (the rules stay in
/// the domain) and written as rows whose columns come from the model of <see cref="AssessmentFactRow"/> (a column added
/// there is written without a change here). PostgreSQL: the orders are read on a second connection that imports the write
/// transaction's snapshot (REPEATABLE READ, <c>pg_export_snapshot</c>), so reading and computing overlap the binary COPY
/// (a bounded channel), and the facts' secondary indexes are dropped during the load and made again after it. SQLite: the
/// orders are read on the writer's own connection and the facts written by prepared multi-row INSERTs.
/// </summary>
internal sealed class AssessmentFactLoad
{
    /// <summary>Orders per read: large enough that a read's round trip and the planner cost little per order.</summary>
    public const int DefaultOrdersPerRead = 4_000;

    /// <summary>
    /// Fact rows per SQLite INSERT statement: few, because SQLite finds a named parameter by a linear search of the
    /// statement's names, so binding costs grow with the square of the parameters (64 rows of 42 were slower than EF).
    /// </summary>
    private const int RowsPerInsert = 4;

    private readonly HotlineDbContext _db;
    private readonly HistoryTable _facts;

    private AssessmentFactLoad(HotlineDbContext db)
    {
        _db = db;
        _facts = HistoryRows.ScalarTable(db.Model.FindEntityType(typeof(AssessmentFactRow))!);
    }

    /// <summary>The newest timeline entry the rebuild's snapshot sees: the assessment follower's cursor is placed there.</summary>
    public long TimelinePosition { get; private set; }

    /// <summary>
    /// Starts the load in <paramref name="db"/>'s open transaction (on PostgreSQL a REPEATABLE READ one, nothing read in it
    /// yet): exports its snapshot, notes the timeline's position in it, and empties the facts and rollups.
    /// </summary>
    public static async Task<AssessmentFactLoad> BeginAsync(HotlineDbContext db, CancellationToken ct)
    {
        var load = new AssessmentFactLoad(db);
        if (db.IsPostgres)
        {
            // The first statement of the transaction: it fixes the snapshot the reader imports and every later read here sees.
            load._snapshot = await db.Database.SqlQueryRaw<string>("SELECT pg_export_snapshot() AS \"Value\"").SingleAsync(ct);
        }

        load.TimelinePosition = await db.Set<WorkOrderEvent>().MaxAsync(e => (long?)e.Id, ct) ?? 0;
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("TRUNCATE assessment_facts, assessment_rollups", ct);
        }
        else
        {
            await db.Set<AssessmentRollupRow>().ExecuteDeleteAsync(ct);
            await db.Set<AssessmentFactRow>().ExecuteDeleteAsync(ct);
        }

        return load;
    }

    private string? _snapshot;

    /// <summary>
    /// Reads every order, writes its facts; returns the number of orders read. <paramref name="reader"/> (PostgreSQL only) is
    /// a second context on its own connection for the reads; without it the reads and writes take turns on one connection.
    /// </summary>
    public async Task<long> LoadAsync(HotlineDbContext? reader, bool dropIndexes, int ordersPerRead, IProgress<long>? progress, CancellationToken ct)
    {
        if (!_db.IsPostgres)
        {
            return await WriteSqliteAsync(ReadAsync(_db, ordersPerRead, ct), progress, ct);
        }

        var connection = (NpgsqlConnection)_db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)_db.Database.CurrentTransaction!.GetDbTransaction();
        var indexes = dropIndexes ? await HistoryIndexes.DropAsync(connection, transaction, ct, ["assessment_facts"]) : null;
        long read;
        if (reader is null)
        {
            // One connection: each batch's COPY ends before the next read.
            read = 0;
            await foreach (var batch in ReadAsync(_db, ordersPerRead, ct))
            {
                read += await CopyAsync(connection, Once(batch), null, ct);
                progress?.Report(read);
            }
        }
        else
        {
            await using var snapshot = await reader.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
#pragma warning disable EF1002 // the snapshot's name comes from the server's pg_export_snapshot()
            await reader.Database.ExecuteSqlRawAsync($"SET TRANSACTION SNAPSHOT '{_snapshot}'", ct);
#pragma warning restore EF1002
            await reader.Database.ExecuteSqlRawAsync("SET TRANSACTION READ ONLY", ct);
            read = await OverlappedAsync(connection, reader, ordersPerRead, progress, ct);
        }

        if (indexes is not null)
        {
            await indexes.RecreateAsync(connection, transaction, ct);
        }

        return read;
    }

    /// <summary>Reading and computing on one task, the COPY on this one, a few batches in between.</summary>
    private async Task<long> OverlappedAsync(NpgsqlConnection connection, HotlineDbContext reader, int ordersPerRead, IProgress<long>? progress, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var channel = System.Threading.Channels.Channel.CreateBounded<FactBatch>(new System.Threading.Channels.BoundedChannelOptions(3) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var batch in ReadAsync(reader, ordersPerRead, stop.Token))
                    {
                        await channel.Writer.WriteAsync(batch, stop.Token);
                    }

                    channel.Writer.Complete();
                }
                catch (Exception e)
                {
                    channel.Writer.Complete(e);
                }
            },
            CancellationToken.None);
        try
        {
            return await CopyAsync(connection, channel.Reader.ReadAllAsync(stop.Token), progress, stop.Token);
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }
    }

    /// <summary>One binary COPY for the whole load; disposed unfinished (cancelled, failed), it is abandoned with the transaction.</summary>
    private async Task<long> CopyAsync(NpgsqlConnection connection, IAsyncEnumerable<FactBatch> batches, IProgress<long>? progress, CancellationToken ct)
    {
        long read = 0;
        await using var importer = await connection.BeginBinaryImportAsync(PostgresHistoryWriter.CopyCommand(_facts), ct);
        await foreach (var batch in batches.WithCancellation(ct))
        {
            ct.ThrowIfCancellationRequested(); // batches already in the channel are not written after a cancel
            foreach (var row in batch.Rows)
            {
                PostgresHistoryWriter.WriteRow(importer, _facts.Columns, row);
            }

            read += batch.Orders;
            progress?.Report(read);
        }

        await importer.CompleteAsync(ct);
        return read;
    }

    private async Task<long> WriteSqliteAsync(IAsyncEnumerable<FactBatch> batches, IProgress<long>? progress, CancellationToken ct)
    {
        var connection = (SqliteConnection)_db.Database.GetDbConnection();
        var transaction = (SqliteTransaction)_db.Database.CurrentTransaction!.GetDbTransaction();
        await using var full = Insert(connection, transaction, RowsPerInsert);
        long read = 0;
        await foreach (var batch in batches.WithCancellation(ct))
        {
            ct.ThrowIfCancellationRequested();
            foreach (var chunk in batch.Rows.Chunk(RowsPerInsert))
            {
                if (chunk.Length == RowsPerInsert)
                {
                    await ExecuteAsync(full, chunk, ct);
                }
                else
                {
                    await using var part = Insert(connection, transaction, chunk.Length);
                    await ExecuteAsync(part, chunk, ct);
                }
            }

            read += batch.Orders;
            progress?.Report(read);
        }

        return read;
    }

    private static async Task ExecuteAsync(SqliteCommand command, object?[][] rows, CancellationToken ct)
    {
        var p = 0;
        foreach (var row in rows)
        {
            foreach (var value in row)
            {
                command.Parameters[p++].Value = value ?? DBNull.Value;
            }
        }

        await command.ExecuteNonQueryAsync(ct);
    }

    private SqliteCommand Insert(SqliteConnection connection, SqliteTransaction transaction, int rows)
    {
        var columns = _facts.Columns.Count;
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var values = Enumerable.Range(0, rows).Select(r => $"({string.Join(", ", Enumerable.Range(0, columns).Select(c => $"$p{(r * columns) + c}"))})");
        command.CommandText = $"INSERT INTO {_facts.Name} ({string.Join(", ", _facts.Columns.Select(c => c.Name))}) VALUES {string.Join(", ", values)}";
        for (var i = 0; i < rows * columns; i++)
        {
            command.Parameters.Add(new SqliteParameter($"$p{i}", null));
        }

        command.Prepare();
        return command;
    }

    /// <summary>The orders in id order, a page at a time, as fact rows: the rule versions read once, in the same snapshot.</summary>
    private async IAsyncEnumerable<FactBatch> ReadAsync(HotlineDbContext reader, int ordersPerRead, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var context = await AssessmentContext.LoadAsync(reader, ct);
        long after = 0;
        while (true)
        {
            var orders = await reader.Set<WorkOrder>().AsNoTracking().Where(w => w.Id > after).OrderBy(w => w.Id).Take(ordersPerRead).ToListAsync(ct);
            if (orders.Count == 0)
            {
                yield break;
            }

            var rows = new List<object?[]>(orders.Count * 3);
            foreach (var order in orders)
            {
                foreach (var fact in AssessmentFacts.Of(order, context.RulesFor(order)))
                {
                    var row = new object?[_facts.Columns.Count];
                    _facts.Fill(AssessmentFactRow.From(fact), row, null);
                    rows.Add(row);
                }
            }

            after = orders[^1].Id;
            yield return new FactBatch(orders.Count, rows);
        }
    }

#pragma warning disable CS1998 // one batch as a sequence
    private static async IAsyncEnumerable<FactBatch> Once(FactBatch batch)
    {
        yield return batch;
    }
#pragma warning restore CS1998

    private sealed record FactBatch(int Orders, List<object?[]> Rows);
}
