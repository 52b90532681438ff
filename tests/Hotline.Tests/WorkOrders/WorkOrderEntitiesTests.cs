using System.Net;
using System.Text.Json;
using Hotline.Features.WorkOrders.Entities;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Citizens;
using Hotline.Tests.Infrastructure;
using Hotline.Text.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Tests.WorkOrders;

/// <summary>
/// Issue 19: the named things an order's text is about are stored with the order by every registration path and after a
/// correction of the text, shown on its detail, found by the list's <c>entity</c> filter within the caller's scope, and
/// filled for older orders by the backfill, which a second run leaves as it is.
/// </summary>
public abstract class WorkOrderEntitiesTests(AppFixture app) : WorkOrderHttpTests(app)
{
    /// <summary>A compound's name of this test alone ("锦绣兰竹花园"): four characters drawn from a fresh Guid.</summary>
    internal static string Compound(string kind = "花园")
    {
        const string Letters = "锦绣翠湖梅兰竹菊松柏桃李杏枫桂樱";
        var tag = string.Concat(Guid.NewGuid().ToString("N")[..4].Select(c => Letters[Convert.ToInt32(c.ToString(), 16)]));
        return tag + kind;
    }

    internal static Dictionary<string, object?> Body(string subject, string events)
    {
        var body = JsonSerializer.SerializeToElement(WorkOrderApi.Order(subject), AppFixture.Json).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        body["events"] = events;
        return body;
    }

    internal static List<(string Name, string Kind)> EntitiesOf(JsonElement order) =>
        order.GetProperty("entities").EnumerateArray().Select(e => (e.GetProperty("name").GetString()!, e.GetProperty("kind").GetString()!)).ToList();

    private async Task<List<long>> ListIdsAsync(string user, string entity) =>
        (await (await (await Api.As(user)).GetAsync($"/api/work-orders?entity={Uri.EscapeDataString(entity)}&pageSize=100")).ShouldBe(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();

    [Fact]
    public async Task PhoneRegistration_StoresTheEntities_TheDetailShowsThem_AndTheFilterFindsTheOrderInScopeOnly()
    {
        var compound = Compound();
        var school = Compound("小学");
        var created = await Api.Register(Body("小区噪音扰民", $"我住在{compound}，隔壁{school}门口的工地每晚施工到凌晨，噪音很大。"));
        var id = created.GetProperty("id").GetInt64();
        Assert.Contains((compound, "compound"), EntitiesOf(created));

        var detail = await Api.Get("agent", id);
        Assert.Equal([(compound, "compound"), (school, "school")], EntitiesOf(detail).OrderBy(e => e.Kind == "school").ToList());

        Assert.Equal([id], await ListIdsAsync("dispatcher", compound));
        Assert.Equal([id], await ListIdsAsync("dispatcher", $" {compound} ")); // the name as typed, normalised as stored
        await Api.Ok("dispatcher", id, "dispatch", new { leadUnitId = await Api.UnitId("AL-DC-ZJ") });
        Assert.Equal([id], await ListIdsAsync("handler", compound));
        Assert.Empty(await ListIdsAsync("water", compound)); // a unit outside the order's units sees none
        Assert.Empty(await ListIdsAsync("dispatcher", Compound()));
    }

    [Fact]
    public async Task OnlineIntake_AcceptedSubmission_StoresTheEntitiesOfItsText()
    {
        var citizens = new CitizenApi(App);
        var compound = Compound("家园");
        var (_, _, number) = await citizens.Submitted(submission: new
        {
            requestType = "complaint",
            categoryCode = "0101",
            regionCode = "990102001",
            address = "东华街道",
            description = $"{compound}的地下车库积水一周，车辆无法进出。",
            demand = "请尽快排水。",
            citizenName = "张三",
            isAnonymous = false,
            isConfidential = false,
        });
        var agent = await Api.As("agent");
        var queued = await CitizenApi.Queued(agent, number);
        var acceptance = JsonSerializer.SerializeToElement(CitizenApi.Acceptance(queued.GetProperty("version").GetInt64()), AppFixture.Json)
            .EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        acceptance["events"] = $"{compound}地下车库积水一周，车辆无法进出。";
        var accepted = await (await agent.PostJsonAsync($"/api/online-intake/{queued.GetProperty("id").GetInt64()}/accept", acceptance)).ShouldBe(HttpStatusCode.Created);
        var id = accepted.GetProperty("workOrderId").GetInt64();

        Assert.Contains((compound, "compound"), EntitiesOf(await Api.Get("agent", id)));
        Assert.Equal([id], await ListIdsAsync("agent", compound));
    }

    [Fact]
    public async Task CorrectingTheText_ReplacesTheEntities()
    {
        var before = Compound();
        var after = Compound("公寓");
        var id = await Api.RegisterId(Body("楼道堆放杂物", $"{before}楼道里堆满杂物，存在消防隐患。"));
        await Api.Ok("dispatcher", id, "send-back", new { reason = "correction", note = "小区名称有误" });
        var version = (await Api.Get("agent", id)).GetProperty("version").GetInt64();
        var correction = Body("楼道堆放杂物", $"{after}楼道里堆满杂物，存在消防隐患。");
        correction.Remove("outcome");
        correction["version"] = version;
        var corrected = await Api.Ok("agent", id, "correct", correction);

        Assert.Contains((after, "compound"), EntitiesOf(corrected));
        Assert.DoesNotContain(EntitiesOf(await Api.Get("agent", id)), e => e.Name == before);
        Assert.Empty(await ListIdsAsync("dispatcher", before));
        Assert.Equal([id], await ListIdsAsync("dispatcher", after));
    }

    [Fact]
    public async Task OddText_IsNeverA500_AndTheFilterRefusesTooLongOrControlValues()
    {
        var compound = Compound();
        var longRun = string.Concat(Enumerable.Repeat("锦绣", 150));
        var id = await Api.RegisterId(Body("很长的名字", $"{longRun}小区{longRun}公司。{compound}门口𠀀𠀁商店占道经营。"));
        Assert.Contains(EntitiesOf(await Api.Get("agent", id)), e => e.Name == compound);

        var dispatcher = await Api.As("dispatcher");
        var tooLong = new string('锦', Hotline.Domain.Limits.EntityName + 1);
        await (await dispatcher.GetAsync($"/api/work-orders?entity={Uri.EscapeDataString(tooLong)}")).ShouldBeValidationError("entity");
        var nul = await dispatcher.GetAsync($"/api/work-orders?entity={Uri.EscapeDataString("锦绣\0花园")}");
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        Assert.Empty(await ListIdsAsync("dispatcher", "𠀀𠀁商店"));
    }

    [Fact]
    public void StorableNames_AreWithinTheLimit_WithoutRefusedCharacters_OncePerName()
    {
        var found = new[]
        {
            new NamedEntity("锦绣花园", EntityKind.Compound),
            new NamedEntity(new string('锦', Hotline.Domain.Limits.EntityName + 1), EntityKind.Unit),
            new NamedEntity("锦绣\0花园", EntityKind.Compound),
            new NamedEntity("锦绣\uD800花园", EntityKind.Compound),
            new NamedEntity("锦绣花园", EntityKind.Site),
            new NamedEntity(new string('锦', Hotline.Domain.Limits.EntityName), EntityKind.Unit),
        };
        Assert.Equal(
            [new NamedEntity("锦绣花园", EntityKind.Compound), new NamedEntity(new string('锦', Hotline.Domain.Limits.EntityName), EntityKind.Unit)],
            WorkOrderEntityExtractor.Storable(found));
    }

    [Fact]
    public async Task AUnitAddedToTheTree_IsNamedInTheNextRegistrations_OnceTheNodeRereadsItsDictionary()
    {
        var name = Compound("片区"); // no pattern reads "…片区" as a name: only the unit tree can
        var body = Body("片区路面破损", $"{name}内的主干道路面坑洼很多，雨天积水。");
        Assert.DoesNotContain(name, EntitiesOf(await Api.Register(body)).Select(e => e.Name));

        // The node reads the unit tree again on its next timeline poll once the refresh interval has passed, without a restart.
        var index = App.Services.GetRequiredService<Hotline.Features.Intake.RepeatCandidateIndex>();
        for (var i = 0; i < 200 && index.Status.Warming; i++)
        {
            await Task.Delay(50); // the node follows (and refreshes) once its warm-up is done
        }

        await index.FollowAsync(default); // a refresh that is due now happens before the unit is added
        var admin = await Api.As("admin");
        var code = "EN-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await (await admin.PostJsonAsync("/api/units", new { code, name, kind = "street", parentId = await Api.UnitId("AL") })).ShouldBe(HttpStatusCode.Created);

        await index.FollowAsync(default);
        Assert.DoesNotContain(name, EntitiesOf(await Api.Register(body)).Select(e => e.Name)); // not before the interval
        App.Time.Advance(Hotline.Features.Intake.RepeatCandidateIndex.EntityRefresh);
        await index.FollowAsync(default);

        var after = await Api.Register(body);
        Assert.Contains((name, "unit"), EntitiesOf(after));
        Assert.Contains(after.GetProperty("id").GetInt64(), await ListIdsAsync("dispatcher", name));
    }

    [Fact]
    public async Task Backfill_FillsOrdersWithoutEntities_AndASecondRunWritesNothing()
    {
        var (names, ids) = await ThreeStreetLightOrdersAsync();

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            Assert.Equal(3, await db.Set<WorkOrderEntity>().CountAsync(e => ids.Contains(e.WorkOrderId)));
            await db.Set<WorkOrderEntity>().Where(e => ids.Contains(e.WorkOrderId)).ExecuteDeleteAsync(); // as orders from before migration 0074
        }

        Assert.Empty(await ListIdsAsync("dispatcher", names[0]));
        var extractor = App.Services.GetRequiredService<WorkOrderEntityExtractor>().Current;
        var first = await EntityBackfill.RunAsync(App.Services, extractor, batch: 2, afterId: ids.Min() - 1, progress: null, CancellationToken.None);
        Assert.Equal(3, first.Changed);
        Assert.True(first.Added >= 3);
        Assert.Equal(0, first.Removed);
        Assert.Equal(ids.Max(), first.LastId);
        for (var i = 0; i < names.Count; i++)
        {
            Assert.Equal([ids[i]], await ListIdsAsync("dispatcher", names[i]));
        }

        var second = await EntityBackfill.RunAsync(App.Services, extractor, batch: 2, afterId: ids.Min() - 1, progress: null, CancellationToken.None);
        Assert.Equal(0, second.Added);
        Assert.Equal(0, second.Changed);
    }

    [Fact]
    public async Task BackfillAll_MakesStoredEntitiesWhatTheExtractorReadsNow_AndASecondRunChangesNothing()
    {
        var (names, ids) = await ThreeStreetLightOrdersAsync();

        var extractor = App.Services.GetRequiredService<WorkOrderEntityExtractor>();
        var expected = await StoredAsync(ids);

        // As an older extractor left them: a clause read as a company, a name missed, a name read as another kind.
        var stale = $"学院{names[0][..2]}组织学生去工厂";
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            db.Add(new WorkOrderEntity { WorkOrderId = ids[0], Name = stale, Kind = EntityKind.Company });
            await db.Set<WorkOrderEntity>().Where(e => e.WorkOrderId == ids[1]).ExecuteDeleteAsync();
            await db.Set<WorkOrderEntity>().Where(e => e.WorkOrderId == ids[2]).ExecuteUpdateAsync(u => u.SetProperty(e => e.Kind, EntityKind.Shop));
            await db.SaveChangesAsync();
        }

        Assert.Equal([ids[0]], await ListIdsAsync("dispatcher", stale));
        var command = EntityCommands.Create(() => App.Services);
        Assert.Equal(0, await command.Parse(["backfill", "--batch", "2", "--after-id", $"{ids.Min() - 1}"]).InvokeAsync());
        Assert.Equal([ids[0]], await ListIdsAsync("dispatcher", stale)); // without --all, only the order without rows is read
        Assert.Equal([ids[1]], await ListIdsAsync("dispatcher", names[1]));

        var redone = await EntityBackfill.RunAsync(App.Services, extractor.Current, batch: 2, afterId: ids.Min() - 1, progress: null, CancellationToken.None, all: true);
        Assert.Equal(2, redone.Changed); // the stale row and the wrong kind; the missed name was filled by the run before
        Assert.Equal(2, redone.Removed);
        Assert.Equal(1, redone.Added);
        Assert.Equal(expected, await StoredAsync(ids));
        Assert.Empty(await ListIdsAsync("dispatcher", stale));
        Assert.Equal((names[2], "compound"), EntitiesOf(await Api.Get("agent", ids[2])).Single(e => e.Name == names[2]));

        var again = await EntityBackfill.RunAsync(App.Services, extractor.Current, batch: 2, afterId: ids.Min() - 1, progress: null, CancellationToken.None, all: true);
        Assert.True(again.Scanned >= 3);
        Assert.Equal((0, 0, 0), (again.Changed, again.Added, again.Removed));
    }

    [Fact]
    public async Task BackfillAll_RacingCorrectionsOfTheText_NeitherFailsNorLeavesTheOldTextsEntities()
    {
        var ids = new List<long>();
        var corrections = new List<(long Id, string After, Dictionary<string, object?> Body)>();
        for (var i = 0; i < 10; i++)
        {
            var id = await Api.RegisterId(Body("楼道堆放杂物", $"{Compound()}楼道里堆满杂物，存在消防隐患。"));
            await Api.Ok("dispatcher", id, "send-back", new { reason = "correction", note = "小区名称有误" });
            var after = Compound("公寓");
            var body = Body("楼道堆放杂物", $"{after}楼道里堆满杂物，存在消防隐患。");
            body.Remove("outcome");
            body["version"] = (await Api.Get("agent", id)).GetProperty("version").GetInt64();
            ids.Add(id);
            corrections.Add((id, after, body));
        }

        var extractor = App.Services.GetRequiredService<WorkOrderEntityExtractor>().Current;
        using var stop = new CancellationTokenSource();
        var backfills = Task.Run(async () =>
        {
            var runs = 0;
            while (!stop.IsCancellationRequested || runs == 0)
            {
                await EntityBackfill.RunAsync(App.Services, extractor, batch: 1, afterId: ids.Min() - 1, progress: null, CancellationToken.None, all: true);
                runs++;
            }

            return runs;
        });
        foreach (var (id, _, body) in corrections)
        {
            await Api.Ok("agent", id, "correct", body); // never a conflict or a 500 from the backfill's writes
        }

        await stop.CancelAsync();
        Assert.True(await backfills > 0);
        foreach (var (id, after, _) in corrections)
        {
            Assert.Equal([(after, "compound")], EntitiesOf(await Api.Get("agent", id)));
        }
    }

    /// <summary>Three orders, each naming a compound of its own.</summary>
    private async Task<(List<string> Names, List<long> Ids)> ThreeStreetLightOrdersAsync()
    {
        var names = Enumerable.Range(0, 3).Select(_ => Compound()).ToList();
        var ids = new List<long>();
        foreach (var name in names)
        {
            ids.Add(await Api.RegisterId(Body("路灯不亮", $"{name}门口的路灯坏了一个月。")));
        }

        return (names, ids);
    }

    /// <summary>The stored rows of the orders, by order and name.</summary>
    private async Task<List<(long, string, EntityKind)>> StoredAsync(IReadOnlyCollection<long> ids)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        return (await db.Set<WorkOrderEntity>().AsNoTracking().Where(e => ids.Contains(e.WorkOrderId)).ToListAsync())
            .Select(e => (e.WorkOrderId, e.Name, e.Kind)).OrderBy(e => e.WorkOrderId).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
    }
}

public sealed class WorkOrderEntitiesTests_Sqlite(SqliteApp app) : WorkOrderEntitiesTests(app), IClassFixture<SqliteApp>;

public sealed class WorkOrderEntitiesTests_Postgres(PostgresApp app) : WorkOrderEntitiesTests(app), IClassFixture<PostgresApp>;
