using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hotline.Infrastructure.Data;
using Hotline.Seeding.History;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hotline.Tests.Generator;

/// <summary>
/// Issue 17: <c>hotline generate</c> writes history the application loads and acts on, in realistic shares, never in
/// the future, the same rows for the same seed, and a second run appends after the first.
/// </summary>
public abstract class HistoryGeneratorTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private static readonly DateOnly To = DateOnly.FromDateTime(AppFixture.DefaultNow.Date);

    [Fact]
    public async Task Generated_orders_load_through_the_api_in_realistic_shares_and_an_open_one_can_be_handled()
    {
        var result = await HistoryGenerator.RunAsync(App.Services, HistoryOptions.Create(2_000, 7, To.AddDays(-90), To, false, App.Time.GetUtcNow()), new HistoryProgress(null, false, 2_000), CancellationToken.None);
        Assert.Equal(2_000, result.Orders);
        Assert.True(result.Events > 5 * result.Orders, $"{result.Events} timeline entries");

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        var range = $"id BETWEEN {result.FirstId} AND {result.LastId}";
        var now = App.Time.GetUtcNow().UtcDateTime;

        // Nothing after now: registrations and every timeline entry.
        Assert.Equal(0, await CountAsync(connection, $"SELECT COUNT(*) FROM work_orders WHERE {range} AND registered_at_utc > {Instant(now)}"));
        Assert.Equal(0, await CountAsync(connection, $"SELECT COUNT(*) FROM work_order_events WHERE work_order_id BETWEEN {result.FirstId} AND {result.LastId} AND at_utc > {Instant(now)}"));

        // The generated orders got their entities after the load (issue 19), as registered ones get them in their save.
        var named = await CountAsync(connection, $"SELECT COUNT(DISTINCT work_order_id) FROM work_order_entities WHERE work_order_id BETWEEN {result.FirstId} AND {result.LastId}");
        Assert.True(named > result.Orders / 2, $"{named} of {result.Orders} generated orders have entities");

        // Shares: channels, request types, lifecycle paths.
        double Share(long count) => count / (double)result.Orders;
        Assert.InRange(Share(await CountAsync(connection, $"SELECT COUNT(*) FROM work_orders WHERE {range} AND channel = 'Phone'")), 0.55, 0.69);
        Assert.InRange(Share(await CountAsync(connection, $"SELECT COUNT(*) FROM work_orders WHERE {range} AND request_type = 'Inquiry'")), 0.2, 0.4);
        Assert.InRange(Share(await CountAsync(connection, $"SELECT COUNT(*) FROM work_orders WHERE {range} AND request_type = 'Complaint'")), 0.25, 0.45);
        Assert.InRange(Share(await CountAsync(connection, $"SELECT COUNT(*) FROM work_orders WHERE {range} AND close_reason = 'Satisfied'")), 0.45, 0.75);
        Assert.InRange(Share(await CountAsync(connection, $"SELECT COUNT(*) FROM work_orders WHERE {range} AND close_reason = 'AnsweredAtIntake'")), 0.1, 0.3);
        foreach (var path in new[] { "status = 'NotAccepted'", "close_reason = 'Merged'", "close_reason = 'Unreachable'", "close_reason = 'PolicyCompliant'", "close_reason = 'ExemptFromCallback'", "close_reason = 'ThreeWayCall'", "redo_count > 0", "return_count > 0", "returned_late", "replied_late", "extension_count > 0", "is_repeat_after_closure", "dispatch_count > 1" })
        {
            Assert.True(await CountAsync(connection, $"SELECT COUNT(*) FROM work_orders WHERE {range} AND {path}") > 0, path);
        }

        // Incidents: several residents report one compound's failure or nuisance within days (one street, one category,
        // one compound); the other orders fall at random compounds, so chance makes no such group.
        var reports = await db.Set<Hotline.Domain.WorkOrders.WorkOrder>().AsNoTracking()
            .Where(w => w.Id >= result.FirstId && w.Id <= result.LastId && w.Address != null)
            .Select(w => new { w.Street, w.CategoryCode, w.Address, w.RegisteredAtUtc }).ToListAsync();
        var incidents = reports.GroupBy(w => (w.Street, w.CategoryCode, Place: w.Address!.TrimEnd('号').TrimEnd("0123456789".ToCharArray())))
            .Where(g => g.Count() >= 6).ToList();
        Assert.True(incidents.Count >= 2, $"{incidents.Count} incidents of 6 or more reports");
        Assert.All(incidents, g => Assert.True(g.Max(w => w.RegisteredAtUtc) - g.Min(w => w.RegisteredAtUtc) <= TimeSpan.FromDays(4), $"{g.Key} spans more than four days"));

        // The last weeks' orders are still open at several stages, some past their deadline.
        Assert.True(await CountAsync(connection, $"SELECT COUNT(DISTINCT status) FROM work_orders WHERE {range} AND status IN ('AwaitingDispatch', 'Dispatched', 'InProgress', 'Replied', 'AwaitingCallback')") >= 3);
        Assert.True(await CountAsync(connection, $"SELECT COUNT(*) FROM work_orders WHERE {range} AND status IN ('Dispatched', 'InProgress') AND handling_due_utc < {Instant(now)}") > 0);

        // Every order and its timeline load through the API.
        var ids = Enumerable.Range(0, (int)result.Orders).Select(i => result.FirstId + i).ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (id, _) =>
        {
            var order = await Api.Get("manager", id);
            Assert.Equal(id, order.GetProperty("id").GetInt64());
            Assert.True((await Api.Timeline("manager", id)).GetArrayLength() >= 1);
        });

        // An open generated order is signed and replied to by its unit through the API.
        var (openId, status, user) = await OpenOrderAsync(connection, range);
        if (status == "Dispatched")
        {
            Assert.Equal("inProgress", (await Api.Ok(user, openId, "sign")).GetProperty("status").GetString());
        }

        var replied = await Api.Ok(user, openId, "reply", new { result = "已现场处理完毕", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        Assert.Equal("replied", replied.GetProperty("status").GetString());

        // Later registrations take new ids and numbers.
        var registered = await Api.Register(WorkOrderApi.Order());
        Assert.True(registered.GetProperty("id").GetInt64() > result.LastId);
    }

    [Fact]
    public async Task Stamped_orders_have_their_own_ids_numbers_and_times_and_consistent_timelines()
    {
        var options = HistoryOptions.Create(3_000, 11, To.AddDays(-60), To, false, App.Time.GetUtcNow(), stampEvery: 8);
        var result = await HistoryGenerator.RunAsync(App.Services, options, new HistoryProgress(null, false, 3_000), CancellationToken.None);
        Assert.Equal(3_000, result.Orders);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        var range = $"id BETWEEN {result.FirstId} AND {result.LastId}";
        var events = $"work_order_id BETWEEN {result.FirstId} AND {result.LastId}";
        var now = App.Time.GetUtcNow().UtcDateTime;

        // Most orders are stamps, yet every one has its own number, registration instant and timeline.
        Assert.Equal(3_000, await CountAsync(connection, $"SELECT COUNT(DISTINCT number) FROM work_orders WHERE {range}"));
        Assert.True(await CountAsync(connection, $"SELECT COUNT(DISTINCT registered_at_utc) FROM work_orders WHERE {range}") > 2_900);
        Assert.Equal(0, await CountAsync(connection, $"SELECT COUNT(*) FROM work_orders w WHERE w.{range} AND NOT EXISTS (SELECT 1 FROM work_order_events e WHERE e.work_order_id = w.id)"));
        Assert.Equal(0, await CountAsync(connection, $"SELECT COUNT(*) FROM work_order_events WHERE {events} AND at_utc > {Instant(now)}"));
        Assert.Equal(0, await CountAsync(connection, $"SELECT COUNT(*) FROM work_order_events e JOIN work_orders w ON w.id = e.work_order_id WHERE w.{range} AND e.at_utc < w.registered_at_utc"));
        Assert.Equal(0, await CountAsync(connection, $"SELECT COUNT(*) FROM work_orders WHERE {range} AND (closed_at_utc < registered_at_utc OR handling_due_utc < registered_at_utc)"));
        // A merged duplicate points at its own pair's first order, never at the template's.
        Assert.Equal(0, await CountAsync(connection, $"SELECT COUNT(*) FROM work_orders w WHERE w.{range} AND w.merged_into_id IS NOT NULL AND w.merged_into_id NOT BETWEEN {result.FirstId} AND {result.LastId}"));
        Assert.Equal(0, await CountAsync(connection, $"SELECT COUNT(*) FROM work_orders w JOIN work_orders t ON t.id = w.merged_into_id WHERE w.{range} AND t.registered_at_utc > w.registered_at_utc"));

        // The shares stay realistic.
        double Share(long count) => count / (double)result.Orders;
        Assert.InRange(Share(await CountAsync(connection, $"SELECT COUNT(*) FROM work_orders WHERE {range} AND channel = 'Phone'")), 0.5, 0.74);
        Assert.InRange(Share(await CountAsync(connection, $"SELECT COUNT(*) FROM work_orders WHERE {range} AND close_reason = 'AnsweredAtIntake'")), 0.1, 0.3);
        Assert.True(await CountAsync(connection, $"SELECT COUNT(*) FROM work_orders WHERE {range} AND status IN ('Dispatched', 'InProgress')") > 0);

        // Stamped orders load through the API like lived ones.
        foreach (var id in Enumerable.Range(0, 30).Select(i => result.FirstId + (i * 97)))
        {
            Assert.Equal(id, (await Api.Get("manager", id)).GetProperty("id").GetInt64());
            Assert.True((await Api.Timeline("manager", id)).GetArrayLength() >= 1);
        }
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_rows_and_a_second_run_appends()
    {
        var first = await GenerateInFreshDatabaseAsync(twice: true);
        var second = await GenerateInFreshDatabaseAsync(twice: false);
        Assert.Equal(second.Digest, first.DigestAfterFirstRun);
        Assert.Equal(1_600, first.Orders);
        Assert.NotEqual(first.DigestAfterFirstRun, first.Digest);
    }

    private async Task<(string Digest, string DigestAfterFirstRun, long Orders)> GenerateInFreshDatabaseAsync(bool twice)
    {
        var connectionString = await AppFixture.CreateDatabaseAsync(App.Provider);
        try
        {
            var builder = HotlineApp.CreateBuilder([], "Development");
            builder.Configuration.AddInMemoryCollection(AppFixture.Settings(App.Provider, connectionString));
            builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new ManualTimeProvider(AppFixture.DefaultNow)));
            await using var app = HotlineApp.Build(builder);
            await HotlineApp.InitialiseAsync(app);
            // One order in three lived, the others stamped: stamping is deterministic too.
            var options = HistoryOptions.Create(800, 42, To.AddDays(-120), To.AddDays(-1), false, AppFixture.DefaultNow, stampEvery: 3);
            await HistoryGenerator.RunAsync(app.Services, options, new HistoryProgress(null, false, 800), CancellationToken.None);
            var afterFirst = await DigestAsync(app.Services);
            if (twice)
            {
                await HistoryGenerator.RunAsync(app.Services, options, new HistoryProgress(null, false, 800), CancellationToken.None);
            }

            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var orders = await db.Set<Hotline.Domain.WorkOrders.WorkOrder>().LongCountAsync();
            Assert.Equal(orders, await db.Set<Hotline.Domain.WorkOrders.WorkOrder>().Select(o => o.Number).Distinct().LongCountAsync());
            return (await DigestAsync(app.Services), afterFirst, orders);
        }
        finally
        {
            await AppFixture.DropDatabaseAsync(App.Provider, connectionString);
        }
    }

    /// <summary>A hash of every generated row of the three tables, in id order.</summary>
    private static async Task<string> DigestAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var sql in new[] { "SELECT * FROM work_orders ORDER BY id", "SELECT * FROM work_order_events ORDER BY id", "SELECT * FROM work_order_co_units ORDER BY work_order_id, unit_id" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    hash.AppendData(Encoding.UTF8.GetBytes(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) + "\u001f"));
                }
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>An open generated order held by a unit that has a demo account, and that account.</summary>
    private static async Task<(long Id, string Status, string User)> OpenOrderAsync(DbConnection connection, string range)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT w.id, w.status, u.code FROM work_orders w JOIN units u ON u.id = w.lead_unit_id
            WHERE w.{range} AND w.status IN ('Dispatched', 'InProgress') AND u.code IN ('AL-DC-ZJ', 'AL-XC-CG', 'AL-WATER')
            ORDER BY w.id LIMIT 1
            """;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no open order at a unit with a demo account");
        var user = reader.GetString(2) switch { "AL-DC-ZJ" => "handler", "AL-XC-CG" => "handler2", _ => "water" };
        return (reader.GetInt64(0), reader.GetString(1), user);
    }

    private static async Task<long> CountAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private string Instant(DateTime utc) => App.Provider == DatabaseProvider.Postgres
        ? $"'{utc:yyyy-MM-dd HH:mm:ss.fffffff}+00'"
        : $"'{utc:yyyy-MM-dd HH:mm:ss.fffffff}'";
}

public sealed class HistoryGeneratorTests_Sqlite(SqliteApp app) : HistoryGeneratorTests(app), IClassFixture<SqliteApp>;

public sealed class HistoryGeneratorTests_Postgres(PostgresApp app) : HistoryGeneratorTests(app), IClassFixture<PostgresApp>;
