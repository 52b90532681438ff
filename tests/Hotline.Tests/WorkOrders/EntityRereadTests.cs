using System.Net;
using Hotline.Features.WorkOrders.Entities;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Hotline.Text.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Tests.WorkOrders;

/// <summary>
/// Issue 19: the server reads every order's entities again by itself when what it would read differs from what the stored
/// rows were read with (the rules' version, the active units, the centre's dictionary), goes on where a stopped run left
/// off, records the reading, and leaves a current reading alone; <c>hotline entities backfill --all</c> is the same run.
/// </summary>
public abstract class EntityRereadTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private EntityRereadJob Job => App.Services.GetRequiredService<EntityRereadJob>();

    [Fact]
    public async Task AtStart_TheServerRecordsItsReading_AndANextRunReadsNothing()
    {
        var marker = await StartupRecordedAsync();
        Assert.StartsWith($"rules {EntityExtractor.RulesVersion}; names ", marker, StringComparison.Ordinal);

        var next = await Job.RunOnceAsync();
        Assert.NotNull(next);
        Assert.Equal(marker, next.Reading);
        Assert.Null(next.Reread);
    }

    [Fact]
    public async Task AUnitAdded_MakesEveryOrderReadAgain_StaleRowsGo_AndThisNodeNamesTheUnitAtOnce()
    {
        await StartupRecordedAsync();
        var name = WorkOrderEntitiesTests.Compound("片区"); // no pattern reads "…片区" as a name: only the unit tree can
        var body = WorkOrderEntitiesTests.Body("片区路面破损", $"{name}内的主干道路面坑洼很多，雨天积水。");
        var before = await Api.RegisterId(body);
        var stale = await StaleOrderAsync();
        Assert.DoesNotContain(name, await NamesAsync(before));

        var admin = await Api.As("admin");
        var code = "ER-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await (await admin.PostJsonAsync("/api/units", new { code, name, kind = "street", parentId = await Api.UnitId("AL") })).ShouldBe(HttpStatusCode.Created);

        var run = await Job.RunOnceAsync();
        Assert.NotNull(run?.Reread);
        Assert.True(run.Reread.Changed >= 2, $"changed {run.Reread.Changed}"); // at least the two orders of this test
        Assert.Contains(name, await NamesAsync(before));
        Assert.DoesNotContain(stale.Name, await NamesAsync(stale.Id));
        Assert.Equal(run.Reading, (await RowAsync()).Reading);

        // The node's extractor was given the new names with the run, before the repeat index's next refresh.
        Assert.Contains((name, "unit"), WorkOrderEntitiesTests.EntitiesOf(await Api.Register(body)));
        Assert.Null((await Job.RunOnceAsync())?.Reread);
    }

    [Fact]
    public async Task AnOlderRulesVersion_IsReadAgain_AndAStoppedRunGoesOnWhereItStopped()
    {
        var marker = await StartupRecordedAsync();
        var first = await StaleOrderAsync();
        var second = await StaleOrderAsync();

        // Recorded by the release before; this release's run had read up to the first order when the server stopped.
        await SetRowAsync(reading: $"rules {EntityExtractor.RulesVersion - 1}; names 0000000000000000", pending: "rules 0; names ffffffffffffffff", afterId: first.Id);
        Assert.Equal(0, await Job.ResumesAfterAsync()); // another reading's stopped run: this one starts from the first order
        await SetRowAsync(reading: $"rules {EntityExtractor.RulesVersion - 1}; names 0000000000000000", pending: marker, afterId: first.Id);
        Assert.Equal(first.Id, await Job.ResumesAfterAsync()); // what `backfill --all` counts its progress from
        var run = await Job.RunOnceAsync();
        Assert.NotNull(run?.Reread);
        Assert.Equal(second.Id, run.Reread.LastId);
        Assert.Equal(1, run.Reread.Scanned); // the orders after the first only
        Assert.Contains(first.Name, await NamesAsync(first.Id)); // read before the stop (here: staled after it)
        Assert.DoesNotContain(second.Name, await NamesAsync(second.Id));
        var row = await RowAsync();
        Assert.Equal((marker, null, 0L), (row.Reading, row.Pending, row.AfterId));
        Assert.NotNull(row.ReadAtUtc);

        // The same with the rules of the release before recorded and no run stopped: every order is read.
        await SetRowAsync(reading: $"rules {EntityExtractor.RulesVersion - 1}; names 0000000000000000", pending: null, afterId: 0);
        Assert.True((await Job.RunOnceAsync())?.Reread is { Changed: >= 1 });
        Assert.DoesNotContain(first.Name, await NamesAsync(first.Id));
    }

    [Fact]
    public async Task CliAll_IsTheSameRun_AndRecordsTheReading()
    {
        var marker = await StartupRecordedAsync();
        var stale = await StaleOrderAsync();
        var command = EntityCommands.Create(() => App.Services);

        Assert.Equal(2, await command.Parse(["backfill", "--all", "--after-id", "5"]).InvokeAsync()); // resuming is the run's own business
        Assert.Contains(stale.Name, await NamesAsync(stale.Id));

        Assert.Equal(0, await command.Parse(["backfill", "--all", "--batch", "50"]).InvokeAsync()); // read although the reading is current
        Assert.DoesNotContain(stale.Name, await NamesAsync(stale.Id));
        Assert.Equal((marker, null), ((await RowAsync()).Reading, (await RowAsync()).Pending));
        Assert.Null((await Job.RunOnceAsync())?.Reread);
    }

    /// <summary>The reading the server recorded on its first run, at start (waited for: it runs beside the start).</summary>
    private async Task<string> StartupRecordedAsync()
    {
        for (var i = 0; i < 600; i++)
        {
            await using var scope = App.Services.CreateAsyncScope();
            var row = await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<EntityReading>().AsNoTracking().SingleOrDefaultAsync();
            if (row is { Pending: null, Reading.Length: > 0 })
            {
                return row.Reading;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the server recorded no reading within 30 s of its start");
    }

    /// <summary>An order with a row an older extractor might have left: a clause read as a company.</summary>
    private async Task<(long Id, string Name)> StaleOrderAsync()
    {
        var id = await Api.RegisterId(WorkOrderEntitiesTests.Body("路灯不亮", $"{WorkOrderEntitiesTests.Compound()}门口的路灯坏了一个月。"));
        var name = $"学院{Guid.NewGuid().ToString("N")[..4]}组织学生去工厂";
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        db.Add(new WorkOrderEntity { WorkOrderId = id, Name = name, Kind = EntityKind.Company });
        await db.SaveChangesAsync();
        return (id, name);
    }

    private async Task<List<string>> NamesAsync(long id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<WorkOrderEntity>().Where(e => e.WorkOrderId == id).Select(e => e.Name).ToListAsync();
    }

    private async Task<EntityReading> RowAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<EntityReading>().AsNoTracking().SingleAsync();
    }

    private async Task SetRowAsync(string reading, string? pending, long afterId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<EntityReading>()
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Reading, reading).SetProperty(r => r.Pending, pending).SetProperty(r => r.AfterId, afterId));
    }

    /// <summary>A server whose job runs on its schedule (the other test servers turn it off).</summary>
    public abstract class ScheduledApp(DatabaseProvider provider) : AppFixture(provider)
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new(EntityRereadJob.MinutesKey, "5")];
    }

    public sealed class ScheduledSqliteApp() : ScheduledApp(DatabaseProvider.Sqlite);

    public sealed class ScheduledPostgresApp() : ScheduledApp(DatabaseProvider.Postgres);
}

public sealed class EntityRereadTests_Sqlite(EntityRereadTests.ScheduledSqliteApp app) : EntityRereadTests(app), IClassFixture<EntityRereadTests.ScheduledSqliteApp>;

public sealed class EntityRereadTests_Postgres(EntityRereadTests.ScheduledPostgresApp app) : EntityRereadTests(app), IClassFixture<EntityRereadTests.ScheduledPostgresApp>;
