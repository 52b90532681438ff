using System.Diagnostics;
using Npgsql;

namespace Hotline.Seeding.History;

/// <summary>
/// PostgreSQL bulk load: the secondary indexes (those not backing a primary key or unique constraint) and the foreign
/// keys of the loaded tables are dropped inside the load's transaction before the COPY and made again before it commits,
/// so PostgreSQL sorts each index once instead of maintaining it row by row. All in one transaction: a failed run leaves
/// the schema as it was. Used when the run writes at least as many orders as the table holds.
/// </summary>
public sealed class HistoryIndexes
{
    private readonly List<string> _recreate = [];

    public static readonly string[] Tables = ["work_orders", "work_order_events", "work_order_co_units"];

    /// <summary>How long making the indexes and foreign keys again took.</summary>
    public TimeSpan Rebuilt { get; private set; }

    public int Dropped => _recreate.Count;

    /// <summary>Drops the secondary indexes and foreign keys of <paramref name="tables"/> (the generator's tables by default).</summary>
    public static async Task<HistoryIndexes> DropAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct, IReadOnlyList<string>? tables = null)
    {
        var indexes = new HistoryIndexes();
        var drops = new List<string>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
                   format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)), 1
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            WHERE c.contype = 'f' AND t.relname = ANY(@tables) AND t.relnamespace = current_schema()::regnamespace
            UNION ALL
            SELECT format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid), 0
            FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relname = ANY(@tables) AND t.relnamespace = current_schema()::regnamespace
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            ORDER BY 3 DESC, 1
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("tables", (tables ?? Tables).ToArray());
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                drops.Add(reader.GetString(0));
                indexes._recreate.Add(reader.GetString(1));
            }
        }

        foreach (var sql in drops)
        {
            await ExecuteAsync(connection, transaction, sql, ct);
        }

        // Indexes first, then the foreign keys (whose check reads the referenced tables' keys).
        indexes._recreate.Reverse();
        return indexes;
    }

    public async Task RecreateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await ExecuteAsync(connection, transaction, "SET LOCAL maintenance_work_mem = '512MB'", ct);
        foreach (var sql in _recreate)
        {
            await ExecuteAsync(connection, transaction, sql, ct);
        }

        Rebuilt = watch.Elapsed;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }
}
