using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Timeline;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Npgsql;

namespace Hotline.Tests.Foundation;

/// <summary>
/// Ids are taken when an entry is inserted and become visible when its transaction commits, so a slow transaction's
/// entry shows up behind newer ones. Only PostgreSQL lets two writers interleave like that (SQLite has one writer).
/// </summary>
[SingleDatabase("Entries commit out of id order only with two writers at once, which SQLite (one writer) cannot have.")]
public sealed class TimelineFeedTests_Postgres(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task AnEntryCommittedLate_IsDeliveredOnce_AfterTheNewerOne()
    {
        var order = await new WorkOrderApi(app).RegisterId(WorkOrderApi.Order(subject: "时间线迟到条目"));
        var feed = TimelineFeed.InMemory();
        Assert.Empty(await ReadAsync(feed)); // starts at the end

        await using var slow = new NpgsqlConnection(app.ConnectionString);
        await slow.OpenAsync();
        await using var transaction = await slow.BeginTransactionAsync();
        var late = await InsertAsync(slow, order);
        await using var fast = new NpgsqlConnection(app.ConnectionString);
        await fast.OpenAsync();
        var early = await InsertAsync(fast, order);

        Assert.Equal([early], await ReadAsync(feed));
        await transaction.CommitAsync();
        Assert.Equal([late], await ReadAsync(feed));
        Assert.Empty(await ReadAsync(feed));
    }

    [Fact]
    public async Task AFollowerOfSomeActions_IsGivenOnlyThose_AndThePositionMovesPastTheRest()
    {
        var feed = TimelineFeed.InMemory();
        Assert.Empty(await ReadAsync(feed));
        var order = await new WorkOrderApi(app).RegisterId(WorkOrderApi.Order(subject: "只读所需动作"));
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var progress = await InsertAsync(connection, order);
        await new WorkOrderApi(app).RegisterId(WorkOrderApi.Order(subject: "只读所需动作（之后）"));

        HashSet<WorkOrderAction> only = [WorkOrderAction.ProgressReport];
        Assert.Equal([progress], await ReadAsync(feed, only)); // two registrations passed over, not read
        Assert.Empty(await ReadAsync(feed, only));
        Assert.Empty(await ReadAsync(feed)); // nor given later to a read of everything: they were passed
    }

    private async Task<List<long>> ReadAsync(TimelineFeed feed, IReadOnlySet<WorkOrderAction>? only = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var page = await feed.ReadAsync(db, e => e.Id, default, only);
        await feed.AdvanceAsync(db, page, default);
        return [.. page.Entries];
    }

    private static async Task<long> InsertAsync(NpgsqlConnection connection, long order)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO work_order_events (work_order_id, at_utc, action, actor_name, actor_roles, actor_unit_name, details) " +
            "VALUES (@order, now(), 'ProgressReport', '测试', 'Handler', '测试单位', '{}') RETURNING id", connection);
        insert.Parameters.AddWithValue("order", order);
        return (long)(await insert.ExecuteScalarAsync())!;
    }
}
