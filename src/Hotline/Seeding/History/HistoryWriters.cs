using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Hotline.Seeding.History;

/// <summary>
/// A few thousand generated orders in write order: groups lived through the domain and stamps of earlier lived groups.
/// <see cref="Materialise"/> (on the writer's side, so that making rows overlaps with living the next orders) makes the
/// lived groups' rows and the templates of the finished ones.
/// </summary>
public sealed class HistoryBatch
{
    private bool _materialised;

    public List<HistoryItem> Items { get; } = [];

    /// <summary>Orders in the batch (a pair counts two).</summary>
    public int OrderCount { get; private set; }

    public long Orders { get; private set; }

    public long Events { get; private set; }

    public long CoUnits { get; private set; }

    public long RowCount => Orders + Events + CoUnits;

    public void Add(HistoryGroup lived)
    {
        Items.Add(new HistoryItem(lived, null));
        OrderCount += lived.Orders.Count;
    }

    public void Add(HistoryStamp stamp)
    {
        Items.Add(new HistoryItem(null, stamp));
        OrderCount += stamp.Ids.Length;
    }

    /// <summary>Makes the lived groups' rows and templates (once).</summary>
    public HistoryBatch Materialise(HistoryRows rows)
    {
        if (_materialised)
        {
            return this;
        }

        _materialised = true;
        foreach (var item in Items)
        {
            var (o, e, c) = item.Lived is { } group ? Make(rows, group) : item.Stamp!.Source.Template!.Counts;
            Orders += o;
            Events += e;
            CoUnits += c;
        }

        return this;
    }

    /// <summary>The rows of table <paramref name="table"/> (0 orders, 1 events, 2 co-units) in write order, stamps expanded.</summary>
    public IEnumerable<object?[]> RowsOf(int table)
    {
        foreach (var item in Items)
        {
            var rows = item.Lived is { } group
                ? Of(group, table)
                : item.Stamp!.Source.Template!.Expand(table, item.Stamp);
            foreach (var row in rows)
            {
                yield return row;
            }
        }
    }

    internal static List<object?[]> Of(HistoryGroup group, int table) => table switch
    {
        0 => group.Rows.Orders,
        1 => group.Rows.Events,
        _ => group.Rows.CoUnits,
    };

    private static (int, int, int) Make(HistoryRows rows, HistoryGroup group)
    {
        var (orders, events, coUnits) = group.Rows;
        foreach (var generated in group.Orders)
        {
            var row = new object?[rows.Orders.Columns.Count];
            rows.Orders.Fill(generated.Order, row, generated.Id);
            orders.Add(row);
            foreach (var entry in generated.Order.PendingEvents)
            {
                var e = new object?[rows.Events.Columns.Count];
                rows.Events.Fill(entry, e, generated.Id);
                events.Add(e);
            }

            foreach (var (orderId, entry) in generated.OtherEntries)
            {
                var e = new object?[rows.Events.Columns.Count];
                rows.Events.Fill(entry, e, orderId);
                events.Add(e);
            }

            foreach (var coUnit in generated.Order.CoUnits)
            {
                var c = new object?[rows.CoUnits.Columns.Count];
                rows.CoUnits.Fill(coUnit, c, generated.Id);
                coUnits.Add(c);
            }
        }

        if (group.Stampable)
        {
            group.Template = new HistoryTemplate(group, rows);
        }

        return (orders.Count, events.Count, coUnits.Count);
    }
}

/// <summary>Writes batches into one transaction; <see cref="CommitAsync"/> makes them visible together.</summary>
public interface IHistoryWriter : IAsyncDisposable
{
    void Write(HistoryBatch batch);

    Task CommitAsync(CancellationToken ct);

    /// <summary>The time spent making dropped indexes again before the commit.</summary>
    TimeSpan IndexTime { get; }
}

/// <summary>PostgreSQL: one binary COPY per table and batch, all in one transaction.</summary>
public sealed class PostgresHistoryWriter : IHistoryWriter
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly HistoryRows _rows;
    private readonly HistoryIndexes? _indexes;

    private PostgresHistoryWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, HistoryRows rows, HistoryIndexes? indexes)
    {
        _connection = connection;
        _transaction = transaction;
        _rows = rows;
        _indexes = indexes;
    }

    /// <summary>Opens the load's transaction; with <paramref name="dropIndexes"/> the secondary indexes and foreign keys go until <see cref="CommitAsync"/>.</summary>
    public static async Task<PostgresHistoryWriter> OpenAsync(string connectionString, HistoryRows rows, bool dropIndexes, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var transaction = await connection.BeginTransactionAsync(ct);
        var indexes = dropIndexes ? await HistoryIndexes.DropAsync(connection, transaction, ct) : null;
        return new PostgresHistoryWriter(connection, transaction, rows, indexes);
    }

    /// <summary>The time spent making the dropped indexes and foreign keys again (zero when none were dropped).</summary>
    public TimeSpan IndexTime => _indexes?.Rebuilt ?? TimeSpan.Zero;

    public NpgsqlConnection Connection => _connection;

    public void Write(HistoryBatch batch)
    {
        var tables = new[] { _rows.Orders, _rows.Events, _rows.CoUnits };
        for (var t = 0; t < tables.Length; t++)
        {
            var table = tables[t];
            using var importer = _connection.BeginBinaryImport(CopyCommand(table));
            foreach (var item in batch.Items)
            {
                if (item.Lived is { } group)
                {
                    foreach (var row in HistoryBatch.Of(group, t))
                    {
                        WriteRow(importer, table.Columns, row);
                    }
                }
                else
                {
                    item.Stamp!.Source.Template!.Write(importer, table, t, item.Stamp);
                }
            }

            importer.Complete();
        }
    }

    /// <summary>One binary COPY of <paramref name="rows"/> into <paramref name="table"/>'s columns (also the benchmark's raw baseline).</summary>
    public static void Copy(NpgsqlConnection connection, HistoryTable table, IReadOnlyList<object?[]> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        using var importer = connection.BeginBinaryImport(CopyCommand(table));
        foreach (var row in rows)
        {
            WriteRow(importer, table.Columns, row);
        }

        importer.Complete();
    }

    /// <summary>The binary COPY statement of <paramref name="table"/>'s columns.</summary>
    public static string CopyCommand(HistoryTable table) =>
        $"COPY {table.Name} ({string.Join(", ", table.Columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";

    /// <summary>Writes one row of <paramref name="columns"/> to an open binary COPY.</summary>
    public static void WriteRow(NpgsqlBinaryImporter importer, IReadOnlyList<HistoryColumn> columns, object?[] row)
    {
        importer.StartRow();
        for (var i = 0; i < columns.Count; i++)
        {
            if (row[i] is not { } value)
            {
                importer.WriteNull();
            }
            else if (columns[i].Type == NpgsqlDbType.Unknown)
            {
                importer.Write(value);
            }
            else
            {
                importer.Write(value, columns[i].Type);
            }
        }
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        if (_indexes is not null)
        {
            await _indexes.RecreateAsync(_connection, _transaction, ct);
        }

        await _transaction.CommitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}

/// <summary>SQLite: prepared INSERTs, one transaction per batch (a reader of the file sees whole batches).</summary>
public sealed class SqliteHistoryWriter : IHistoryWriter
{
    private readonly SqliteConnection _connection;
    private readonly (HistoryTable Table, SqliteCommand Command)[] _inserts;

    private SqliteHistoryWriter(SqliteConnection connection, HistoryRows rows)
    {
        _connection = connection;
        _inserts = [.. new[] { rows.Orders, rows.Events, rows.CoUnits }.Select(t => (t, Insert(connection, t)))];
    }

    public static async Task<SqliteHistoryWriter> OpenAsync(string connectionString, HistoryRows rows, CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        return new SqliteHistoryWriter(connection, rows);
    }

    public void Write(HistoryBatch batch)
    {
        using var transaction = _connection.BeginTransaction();
        for (var t = 0; t < _inserts.Length; t++)
        {
            var command = _inserts[t].Command;
            command.Transaction = transaction;
            foreach (var row in batch.RowsOf(t))
            {
                for (var i = 0; i < row.Length; i++)
                {
                    command.Parameters[i].Value = row[i] ?? DBNull.Value;
                }

                command.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    public Task CommitAsync(CancellationToken ct) => Task.CompletedTask;

    public TimeSpan IndexTime => TimeSpan.Zero;

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, command) in _inserts)
        {
            await command.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }

    private static SqliteCommand Insert(SqliteConnection connection, HistoryTable table)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {table.Name} ({string.Join(", ", table.Columns.Select(c => c.Name))}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < table.Columns.Count; i++)
        {
            command.Parameters.Add(new SqliteParameter($"$p{i}", null));
        }

        command.Prepare();
        return command;
    }
}

/// <summary>Small helpers on an open connection of either database.</summary>
internal static class HistorySql
{
    public static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct) is { } v and not DBNull ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    public static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }
}
