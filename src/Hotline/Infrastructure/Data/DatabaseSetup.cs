using Hotline.Domain.Calendar;
using Hotline.Domain.Dispatch;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Hotline.Infrastructure.Data;

public static class DatabaseSetup
{
    public static IServiceCollection AddHotlineDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));
        services.AddDbContextPool<HotlineDbContext>((sp, options) => Configure(options, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseOptions database)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(ResolveSqlite(database.ConnectionString), o => o.CommandTimeout(30));
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(PostgresConnectionString(database.ConnectionString), o => o.EnableRetryOnFailure(0));
                break;
        }

        // The migrations are hand-written without a model snapshot; a test compares the migrated schema with the model instead.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>
    /// Turns on Npgsql's automatic preparation unless the connection string sets it: the same few statements (a work-order
    /// insert of 68 columns, its timeline entry, the search document) run thousands of times a minute at peak, and without
    /// preparation PostgreSQL parses and plans each one again.
    /// </summary>
    public static string PostgresConnectionString(string connectionString)
    {
        // Npgsql's own builder answers ContainsKey for every keyword it knows; the generic one only for those present.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 128;
            builder.AutoPrepareMinUsages = 2;
        }

        // A prepared statement may otherwise switch to a generic plan, one that ignores its parameters: for a range or a
        // path prefix (the timeline after an id, a unit's subtree) that plan reads the whole table. Parsing is still
        // saved; each execution is planned for its values. (Without preparation there are no generic plans to avoid.)
        if (builder.MaxAutoPrepare > 0 && !given.ContainsKey("Options"))
        {
            builder.Options = "-c plan_cache_mode=force_custom_plan";
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// A relative SQLite file is placed relative to the current directory. A missing folder is created 0700 and a missing
    /// database file 0600 before SQLite opens it; SQLite gives its -wal and -shm files the database file's mode.
    /// </summary>
    public static string ResolveSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } source && source != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var full = Path.GetFullPath(source, Directory.GetCurrentDirectory());
            DataFiles.CreateFolder(Path.GetDirectoryName(full)!);
            if (builder.Mode == SqliteOpenMode.ReadWriteCreate && !File.Exists(full))
            {
                DataFiles.TryCreateFile(full); // an empty file is an empty SQLite database
            }

            builder.DataSource = full;
        }

        builder.Pooling = true;
        return builder.ToString();
    }

    /// <summary>The full path of the configured SQLite file, as <see cref="ResolveSqlite"/> places it (nothing is created).</summary>
    public static string SqliteFile(string connectionString) =>
        Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource, Directory.GetCurrentDirectory());

    /// <summary>Applies pending migrations and loads the reference data every platform needs (holiday calendar, category tree).</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        if (!db.IsPostgres)
        {
            // WAL lets readers proceed while one writer commits; the setting persists in the file.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (!await db.CalendarYears.AnyAsync(cancellationToken))
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            foreach (var year in HolidayFile.BuiltIn())
            {
                db.CalendarYears.Add(new CalendarYearRow
                {
                    Year = year.Year,
                    Source = year.Source,
                    UpdatedAtUtc = now,
                    UpdatedBy = "built-in",
                    Days = year.Days.Select(d => new CalendarDayRow { Date = d.Date, Year = year.Year, Kind = d.Kind, Name = d.Name }).ToList(),
                });
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        if (!await db.Set<Category>().AnyAsync(cancellationToken))
        {
            db.AddRange(DefaultCategories.Create());
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
