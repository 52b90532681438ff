using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Hotline.Seeding.History;

/// <summary>
/// A few thousand generated orders and, once <see cref="Materialise"/> has run (on the writer's side, so that making rows
/// overlaps with living the next orders), their rows: orders, timeline entries, co-units.
/// </summary>
public sealed class HistoryBatch
{
    public List<GeneratedOrder> Generated { get; } = [];

    public List<object?[]> Orders { get; } = [];

    public List<object?[]> Events { get; } = [];

    public List<object?[]> CoUnits { get; } = [];

    public int RowCount => Orders.Count + Events.Count + CoUnits.Count;

    /// <summary>Turns the generated orders into rows (once).</summary>
    public HistoryBatch Materialise(HistoryRows rows)
    {
        if (Orders.Count == 0)
        {
            foreach (var generated in Generated)
            {
                Add(rows, generated);
            }

            Generated.Clear();
        }

        return this;
    }

    private void Add(HistoryRows rows, GeneratedOrder generated)
    {
        var row = new object?[rows.Orders.Columns.Count];
        rows.Orders.Fill(generated.Order, row, generated.Id);
        Orders.Add(row);
        foreach (var entry in generated.Order.PendingEvents)
        {
            var e = new object?[rows.Events.Columns.Count];
            rows.Events.Fill(entry, e, generated.Id);
            Events.Add(e);
        }

        foreach (var (orderId, entry) in generated.OtherEntries)
        {
            var e = new object?[rows.Events.Columns.Count];
            rows.Events.Fill(entry, e, orderId);
            Events.Add(e);
        }

        foreach (var coUnit in generated.Order.CoUnits)
        {
            var c = new object?[rows.CoUnits.Columns.Count];
            rows.CoUnits.Fill(coUnit, c, generated.Id);
            CoUnits.Add(c);
        }
    }
}

/// <summary>Writes batches into one transaction; <see cref="CommitAsync"/> makes them visible together.</summary>
public interface IHistoryWriter : IAsyncDisposable
{
    void Write(HistoryBatch batch);

    Task CommitAsync(CancellationToken ct);
}

/// <summary>PostgreSQL: one binary COPY per table and batch, all in one transaction.</summary>
public sealed class PostgresHistoryWriter : IHistoryWriter
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly HistoryRows _rows;

    private PostgresHistoryWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, HistoryRows rows)
    {
        _connection = connection;
        _transaction = transaction;
        _rows = rows;
    }

    public static async Task<PostgresHistoryWriter> OpenAsync(string connectionString, HistoryRows rows, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var transaction = await connection.BeginTransactionAsync(ct);
        return new PostgresHistoryWriter(connection, transaction, rows);
    }

    public NpgsqlConnection Connection => _connection;

    public void Write(HistoryBatch batch)
    {
        Copy(_connection, _rows.Orders, batch.Orders);
        Copy(_connection, _rows.Events, batch.Events);
        Copy(_connection, _rows.CoUnits, batch.CoUnits);
    }

    /// <summary>One binary COPY of <paramref name="rows"/> into <paramref name="table"/>'s columns (also the benchmark's raw baseline).</summary>
    public static void Copy(NpgsqlConnection connection, HistoryTable table, IReadOnlyList<object?[]> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var columns = table.Columns;
        using var importer = connection.BeginBinaryImport($"COPY {table.Name} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
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

        importer.Complete();
    }

    public Task CommitAsync(CancellationToken ct) => _transaction.CommitAsync(ct);

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
        var sources = new[] { batch.Orders, batch.Events, batch.CoUnits };
        for (var t = 0; t < _inserts.Length; t++)
        {
            var command = _inserts[t].Command;
            command.Transaction = transaction;
            foreach (var row in sources[t])
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
