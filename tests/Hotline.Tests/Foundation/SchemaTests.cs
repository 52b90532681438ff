using System.Data.Common;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline.Tests.Foundation;

/// <summary>
/// The migrations are hand-written, so this proves they build the schema the model describes: one database migrated,
/// one created straight from the model, and their catalogues compared column by column, index by index.
/// </summary>
public abstract class SchemaTests(DatabaseProvider provider)
{
    [Fact]
    public async Task MigratedDatabase_MatchesTheModel()
    {
        await using var migratedDatabase = await ThrowawayDatabase.CreateAsync(provider);
        var migratedCs = migratedDatabase.ConnectionString;
        await using var modelDatabase = await ThrowawayDatabase.CreateAsync(provider);
        var modelCs = modelDatabase.ConnectionString;
        await using (var migrated = Context(migratedCs))
        {
            await migrated.Database.MigrateAsync();
        }

        await using (var fromModel = Context(modelCs))
        {
            await fromModel.Database.EnsureCreatedAsync();
        }

        var expected = await DescribeAsync(modelCs);
        var actual = await DescribeAsync(migratedCs);

        Assert.True(expected.Count > 40, $"the catalogue query found too little: {expected.Count} facts");
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"schema drift\n  in the model but not migrated:\n    {string.Join("\n    ", missing)}\n  migrated but not in the model:\n    {string.Join("\n    ", extra)}");
    }

    [Fact]
    public async Task Migrate_TwiceIsHarmless_AndLoadsTheCalendarOnce()
    {
        await using var database = await ThrowawayDatabase.CreateAsync(provider);
        var cs = database.ConnectionString;
        var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddLogging()
            .AddHotlineDatabase(new ConfigurationBuilder().AddInMemoryCollection(AppFixture.Settings(provider, cs)).Build())
            .BuildServiceProvider();
        await DatabaseSetup.MigrateAsync(services);
        await DatabaseSetup.MigrateAsync(services);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        Assert.Equal([2024, 2025, 2026], await db.CalendarYears.Select(y => y.Year).OrderBy(y => y).ToListAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    private HotlineDbContext Context(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<HotlineDbContext>();
        DatabaseSetup.Configure(builder, new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
        return new HotlineDbContext(builder.Options);
    }

    private async Task<HashSet<string>> DescribeAsync(string connectionString)
    {
        await using var db = Context(connectionString);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var facts = new HashSet<string>();
        var queries = provider == DatabaseProvider.Postgres ? PostgresCatalogue : SqliteCatalogue;
        foreach (var sql in queries)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                facts.Add(Row(reader));
            }
        }

        return facts;
    }

    private static string Row(DbDataReader reader) =>
        string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)));

    // The search index (search_documents, and SQLite's FTS5 tables) is the search engine's own provider-specific
    // storage outside the EF model; the search tests cover it.
    private const string Excluded = "('__EFMigrationsHistory', '__EFMigrationsLock', 'search_documents', 'search_fts', 'search_fts_data', 'search_fts_idx', 'search_fts_content', 'search_fts_docsize', 'search_fts_config', 'search_reindex')";

    private static readonly string[] PostgresCatalogue =
    [
        $"""
        SELECT 'column', table_name, column_name, data_type, udt_name, is_nullable, character_maximum_length, numeric_precision, is_identity, identity_generation, column_default
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT IN {Excluded}
        """,
        $"SELECT 'index', tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT IN {Excluded}",
        $"""
        SELECT 'constraint', c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid)
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = 'public' AND c.conrelid::regclass::text NOT LIKE '%__EFMigrations%' AND c.conrelid::regclass::text NOT IN {Excluded}
        """,
    ];

    // A required JSON list added to an existing table needs a default for the rows already there ('[]', as EF's own
    // migrations give it); PostgreSQL drops it afterwards, SQLite cannot without rebuilding the table. The model writes
    // the column on every insert, so the leftover default is never used: these columns alone may keep it on SQLite.
    private const string AddedJsonLists = "('work_orders.emergency_calls', 'work_orders.emergency_reports', 'work_orders.hard_case_steps', "
        + "'work_orders.consultations', 'work_orders.arbitrations', 'work_orders.coordinations')";

    private static readonly string[] SqliteCatalogue =
    [
        $"""
        SELECT 'column', m.name, p.name, p.type, p."notnull",
               CASE WHEN p.dflt_value = '''[]''' AND m.name || '.' || p.name IN {AddedJsonLists} THEN NULL ELSE p.dflt_value END, p.pk
        FROM sqlite_master m JOIN pragma_table_info(m.name) p
        WHERE m.type = 'table' AND m.name NOT IN {Excluded} AND m.name NOT LIKE 'sqlite_%'
        """,
        $"""
        SELECT 'index', m.name, il.name, il."unique", il.origin, il.partial, group_concat(ii.name, ',')
        FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii
        WHERE m.type = 'table' AND m.name NOT IN {Excluded} AND m.name NOT LIKE 'sqlite_%'
        GROUP BY m.name, il.name
        """,
        $"""
        SELECT 'fk', m.name, f."table", f."from", f."to", f.on_delete, f.on_update
        FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
        WHERE m.type = 'table' AND m.name NOT IN {Excluded}
        """,
        $"SELECT 'autoincrement', name, instr(sql, 'AUTOINCREMENT') > 0 FROM sqlite_master WHERE type = 'table' AND name NOT IN {Excluded} AND name NOT LIKE 'sqlite_%'",
    ];
}

public sealed class SchemaTests_Sqlite() : SchemaTests(DatabaseProvider.Sqlite);

public sealed class SchemaTests_Postgres() : SchemaTests(DatabaseProvider.Postgres);
