using Hotline.Domain.Assessment;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Assessment;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Timeline;
using Hotline.Seeding.History;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Assessment;

/// <summary>
/// Issue 17, the fast rebuild of the assessment facts and rollups on both databases: on generated history (lived and
/// stamped orders) the streamed, bulk-written rebuild equals a recount done the slow, obvious way (every order loaded by
/// Entity Framework, its facts computed by the domain, the rollups summed in memory); the follower's cursor is left at the
/// end of what the rebuild read and a later lifecycle action is still followed; a rebuild cancelled midway leaves the
/// old facts and rollups as they were.
/// </summary>
public abstract class RebuildTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private static readonly DateOnly To = DateOnly.FromDateTime(AppFixture.DefaultNow.Date);

    [Fact]
    public async Task The_rebuild_equals_a_recount_places_the_followers_cursor_at_the_end_and_later_actions_are_followed()
    {
        await GenerateAsync();
        Assert.NotNull(await App.Services.GetRequiredService<AssessmentFollower>().RebuildAsync(default));
        var recount = await RecountAsync();
        Assert.True(recount.Facts.Count > 3_000, $"{recount.Facts.Count} facts");
        Assert.Equal(recount.Facts, await StoredFactsAsync());
        Assert.Equal(recount.Rollups, await StoredRollupsAsync());

        // The cursor is at the newest timeline entry the rebuild saw, not at the beginning of the timeline.
        var (cursor, newest) = await CursorAndNewestAsync();
        Assert.Equal(newest, cursor);

        // A new order and its dispatch, after the rebuild, are followed: their facts appear, the rest stays equal.
        var id = await Api.Dispatched();
        await App.Services.GetRequiredService<AssessmentFollower>().RunOnceAsync(default);
        var after = await RecountAsync();
        Assert.Contains(after.Facts, f => f.StartsWith($"{id}/", StringComparison.Ordinal));
        Assert.Equal(after.Facts, await StoredFactsAsync());
        Assert.Equal(after.Rollups, await StoredRollupsAsync());
        Assert.True((await CursorAndNewestAsync()).Cursor > newest);
    }

    [Fact]
    public async Task A_rebuild_cancelled_midway_leaves_the_old_facts_and_rollups()
    {
        await GenerateAsync();
        await App.Services.GetRequiredService<AssessmentFollower>().RunOnceAsync(default);
        var facts = await StoredFactsAsync();
        var rollups = await StoredRollupsAsync();
        Assert.NotEmpty(facts);

        using var cancel = new CancellationTokenSource();
        var reported = new List<long>();
        await using (var scope = App.Services.CreateAsyncScope())
        await using (var readerScope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var reader = db.IsPostgres ? readerScope.ServiceProvider.GetRequiredService<HotlineDbContext>() : null;
            var progress = new CancelAfter(reported, 3, cancel);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new AssessmentFactWriter(db).RebuildAsync(reader, progress, cancel.Token, ordersPerRead: 100));
        }

        Assert.Equal(3, reported.Count); // cancelled after 300 of the orders, with facts already written in its transaction
        Assert.Equal(facts, await StoredFactsAsync());
        Assert.Equal(rollups, await StoredRollupsAsync());
    }

    /// <summary>Generates 2,000 orders once per database (one in four lived through the domain, the others stamped).</summary>
    private async Task GenerateAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<WorkOrder>().CountAsync() >= 2_000)
        {
            return;
        }

        var options = HistoryOptions.Create(2_000, 1717, To.AddDays(-120), To, false, App.Time.GetUtcNow(), stampEvery: 4);
        var result = await HistoryGenerator.RunAsync(App.Services, options, new HistoryProgress(null, false, 2_000), CancellationToken.None);
        Assert.Equal(2_000, result.Orders);
    }

    /// <summary>The slow, obvious way: every order loaded by EF, its facts from the domain, the rollups summed in memory.</summary>
    private async Task<(List<string> Facts, List<string> Rollups)> RecountAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var orders = await db.Set<WorkOrder>().AsNoTracking().ToListAsync();
        var context = await AssessmentContext.LoadAsync(db, default);
        var facts = orders.SelectMany(o => AssessmentFacts.Of(o, context.RulesFor(o))).ToList();
        // The history reached the interesting paths.
        Assert.Contains(orders, o => o.ReturnCount > 0);
        Assert.Contains(orders, o => o.RedoCount > 0);
        Assert.Contains(orders, o => o.MergedIntoId is not null);
        Assert.Contains(facts, f => f.OpenDueUtc is not null);
        var rollups = facts
            .GroupBy(f => new RollupKey(f.Day, f.UnitId, f.CategoryCode, f.RegionCode, f.Channel, f.RequestType))
            .Select(g => $"{g.Key}/{string.Join(",", g.Aggregate(default(AssessmentMeasures), (acc, f) => acc + f.Measures).ToArray())}")
            .Order(StringComparer.Ordinal).ToList();
        return ([.. facts.Select(f => Fact(f.WorkOrderId, f.UnitId, new RollupKey(f.Day, f.UnitId, f.CategoryCode, f.RegionCode, f.Channel, f.RequestType), f.OpenDueUtc, f.Measures)).Order(StringComparer.Ordinal)], rollups);
    }

    private async Task<List<string>> StoredFactsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<AssessmentFactRow>().AsNoTracking().ToListAsync();
        return [.. rows.Select(f => Fact(f.WorkOrderId, f.UnitId, f.Key, f.OpenDueUtc, f.Measures)).Order(StringComparer.Ordinal)];
    }

    private async Task<List<string>> StoredRollupsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<AssessmentRollupRow>().AsNoTracking().ToListAsync();
        return [.. rows.Select(r => $"{r.Key}/{string.Join(",", r.Measures.ToArray())}").Order(StringComparer.Ordinal)];
    }

    private async Task<(long Cursor, long Newest)> CursorAndNewestAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var cursor = await db.Set<TimelineCursor>().AsNoTracking().SingleAsync(c => c.Name == AssessmentFollower.CursorName);
        return (cursor.Position, await db.Set<WorkOrderEvent>().MaxAsync(e => e.Id));
    }

    private static string Fact(long orderId, long unitId, RollupKey key, DateTime? openDue, AssessmentMeasures measures) =>
        $"{orderId}/{unitId}/{key}/{openDue:O}/{string.Join(",", measures.ToArray())}";

    /// <summary>Records each report and cancels the rebuild at the <paramref name="at"/>-th (on the rebuild's own task).</summary>
    private sealed class CancelAfter(List<long> reported, int at, CancellationTokenSource cancel) : IProgress<long>
    {
        public void Report(long value)
        {
            reported.Add(value);
            if (reported.Count == at)
            {
                cancel.Cancel();
            }
        }
    }
}

public sealed class RebuildTests_Sqlite(SqliteApp app) : RebuildTests(app), IClassFixture<SqliteApp>;

public sealed class RebuildTests_Postgres(PostgresApp app) : RebuildTests(app), IClassFixture<PostgresApp>;
