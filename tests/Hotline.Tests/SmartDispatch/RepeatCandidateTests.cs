using System.Net;
using System.Text.Json;
using Hotline.Features.Intake;
using Hotline.Infrastructure.Jobs;
using Hotline.Infrastructure.Timeline;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hotline.Tests.SmartDispatch;

/// <summary>Repeat candidates at intake through the API, from the repeat index each node keeps current from the database.</summary>
public abstract class RepeatCandidateTests(AppFixture app) : IAsyncLifetime
{
    private readonly WorkOrderApi _api = new(app);
    private readonly PlantedOrders _plant = new(app);

    private static DateTimeOffset Now => AppFixture.DefaultNow;

    public async Task InitializeAsync()
    {
        app.Time.Set(AppFixture.DefaultNow);
        var index = app.Services.GetRequiredService<RepeatCandidateIndex>();
        for (var i = 0; i < 100 && index.Status.Warming; i++)
        {
            await Task.Delay(50);
        }
    }

    public Task DisposeAsync()
    {
        _api.SignOutAll();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SameCaller_Within90Days_IsACandidate_After90DaysIsNot()
    {
        var ids = await PlantAndFollow(
            new PlantedOrder("下水道堵塞", "小区门口下水道堵塞，污水外溢到人行道，臭味很大", Region: "990102002", Phone: "13811110001", RegisteredAt: Now.AddDays(-80)),
            new PlantedOrder("下水道堵塞", "小区门口下水道堵塞，污水外溢到人行道，臭味很大", Region: "990102002", Phone: "13811110001", RegisteredAt: Now.AddDays(-100)));

        var found = await Candidates(new { phone = "138 1111 0001", events = "小区门口的下水道又堵了，污水流到路上", regionCode = "990121100" });

        var candidate = Assert.Single(found.GetProperty("candidates").EnumerateArray());
        Assert.Equal(ids[0], candidate.GetProperty("id").GetInt64());
        Assert.Equal(["same-caller"], candidate.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("138****0001", candidate.GetProperty("callerPhone").GetString());
        Assert.InRange(candidate.GetProperty("score").GetDouble(), candidate.GetProperty("similarity").GetDouble(), 1.0);
        Assert.Equal(90, found.GetProperty("rules").GetProperty("callerWindowDays").GetInt32());
        Assert.False(found.GetProperty("index").GetProperty("warming").GetBoolean());
    }

    [Fact]
    public async Task SimilarText_SameStreetWithin30Days_IsACandidateForAnyCaller_OlderOrElsewhereIsNot()
    {
        const string text = "西湖路78号路灯连续一周不亮，晚上漆黑一片，行人经过很危险";
        var ids = await PlantAndFollow(
            new PlantedOrder("路灯不亮", text, "010302", "990103001001", "13922220001", Now.AddDays(-20)),
            new PlantedOrder("路灯不亮", text, "010302", "990103001001", "13922220002", Now.AddDays(-40)),
            new PlantedOrder("路灯不亮", text, "010302", "990103002", "13922220003", Now.AddDays(-5)));

        var found = await Candidates(new { phone = "13922220009", subject = "路灯不亮", events = "西湖路78号的路灯一周都不亮，晚上漆黑一片，行人经过很危险", regionCode = "990103001" });

        var candidate = Assert.Single(found.GetProperty("candidates").EnumerateArray());
        Assert.Equal(ids[0], candidate.GetProperty("id").GetInt64());
        Assert.Equal(["similar-text", "shared-entity"], candidate.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.InRange(candidate.GetProperty("similarity").GetDouble(), 0.5, 1.0);
        Assert.Equal("990103001001", candidate.GetProperty("regionCode").GetString());
    }

    [Fact]
    public async Task ExistingOrder_FindsTheEarlierReport_NotItself_AndOnlyForIntakeAndDispatch()
    {
        const string text = "青山镇菜市场旁边的垃圾堆放了半个月没人清运，苍蝇蚊子很多";
        var ids = await PlantAndFollow(
            new PlantedOrder("垃圾无人清运", text, "090301", "990121100", "13933330001", Now.AddDays(-3)),
            new PlantedOrder("垃圾无人清运", text, "090301", "990121100201", "13933330002", Now));

        var found = await (await _api.As("dispatcher")).GetAsync($"/api/work-orders/{ids[1]}/repeat-candidates").ShouldBeOk();

        var candidate = Assert.Single(found.GetProperty("candidates").EnumerateArray());
        Assert.Equal(ids[0], candidate.GetProperty("id").GetInt64());
        Assert.Equal("awaitingDispatch", candidate.GetProperty("status").GetString());
        await (await (await _api.As("handler")).GetAsync($"/api/work-orders/{ids[1]}/repeat-candidates")).ShouldBe(HttpStatusCode.Forbidden);
        await (await (await _api.As("leader")).PostJsonAsync("/api/repeat-candidates", new { events = text })).ShouldBe(HttpStatusCode.Forbidden);
        await (await (await _api.As("agent")).PostJsonAsync("/api/repeat-candidates", new { regionCode = "990121100" })).ShouldBeValidationError("events");

        // The agent links it with one click, through the lifecycle's own action.
        var linked = await _api.Ok("agent", ids[1], "link-repeat", new { earlierId = ids[0] });
        Assert.Equal(ids[0], linked.GetProperty("repeatOfId").GetInt64());
    }

    [Fact]
    public async Task OrdersRegisteredOverTheApi_AreFollowed_AndANewNodeWarmsUpWithThem()
    {
        var index = app.Services.GetRequiredService<RepeatCandidateIndex>();
        var registered = await _api.RegisterId(new
        {
            channel = "phone",
            requestType = "complaint",
            categoryCode = "020101",
            urgency = "normal",
            caller = new { name = "王五", phone = "13944440001", isAnonymous = false, isConfidential = true },
            location = new { regionCode = "990102001002", street = "东华街道" },
            subject = "广场舞噪音扰民",
            events = "明珠社区广场每晚广场舞音响声音太大，一直到晚上十点多，孩子无法学习",
            demand = "请管理广场舞音量。",
            outcome = new { kind = "dispatch" },
        });
        await index.FollowAsync(default);
        var query = new { subject = "广场舞噪音扰民", events = "明珠社区广场每天晚上广场舞音响声音太大，一直到十点多，孩子没法学习", demand = "请管理广场舞音量。", regionCode = "990102001" };

        var found = await Candidates(query);
        using var node = new RepeatCandidateIndex(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<IOptions<TimelineFollowOptions>>(), app.Time, app.Services.GetRequiredService<JobHeartbeats>(), NullLogger<RepeatCandidateIndex>.Instance);
        await node.WarmUpAsync(default);

        var candidate = found.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("id").GetInt64() == registered);
        Assert.Equal("139****0001", candidate.GetProperty("callerPhone").GetString());
        Assert.False(node.Status.Warming);
        Assert.Equal(await CountRecentAsync(), node.Status.Indexed);
        var fromNewNode = node.Find(RepeatCandidateIndex.Document(0, query.subject, query.events, query.demand, AppFixture.DefaultNow.UtcDateTime, null, query.regionCode), 10);
        Assert.Contains(fromNewNode, c => c.Id == registered.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task SameCaller_OneMinuteLater_SameAddress_InOtherWords_IsACandidate_Explained()
    {
        // Issue 19's bug: the caller history listed the first order, the repeat panel said none.
        var index = app.Services.GetRequiredService<RepeatCandidateIndex>();
        var registered = await _api.RegisterId(new
        {
            channel = "phone",
            requestType = "complaint",
            categoryCode = "020101",
            urgency = "normal",
            caller = new { name = "赵六", phone = "13966660001", isAnonymous = false, isConfidential = false },
            location = new { regionCode = "990102001002", street = "东华街道" },
            subject = "夜间施工噪音",
            events = "幸福里12栋旁边在修路，晚上十一点还在用电镐，吵得睡不着",
            demand = "请制止夜间施工。",
            outcome = new { kind = "dispatch" },
        });
        await index.FollowAsync(default);
        app.Time.Advance(TimeSpan.FromMinutes(1));

        var found = await Candidates(new { phone = "139 6666 0001", subject = "又来反映", events = "我家楼下施工到半夜，噪音太大了，孩子明天还要考试", regionCode = "990102001002" });

        var candidate = found.GetProperty("candidates").EnumerateArray().Single(c => c.GetProperty("id").GetInt64() == registered);
        Assert.Contains("same-caller", candidate.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.True(candidate.GetProperty("sameCaller").GetBoolean());
        Assert.True(candidate.GetProperty("samePlace").GetBoolean());
        Assert.Equal("139****0001", candidate.GetProperty("callerPhone").GetString());
        Assert.Equal(JsonValueKind.Array, candidate.GetProperty("sharedEntities").ValueKind);
        Assert.Equal(JsonValueKind.Array, candidate.GetProperty("sharedTerms").ValueKind);
    }

    [Fact]
    public async Task ARewording_NamingTheSameCompound_IsFound_WithTheSharedEntityAndTerms()
    {
        var ids = await PlantAndFollow(
            new PlantedOrder("工地夜间施工", "金桂花园东门外的工地每天夜里施工，打桩机的声音很吵，一直闹到凌晨两点", Region: "990104001", Phone: "13977770001", RegisteredAt: Now.AddDays(-6)),
            new PlantedOrder("物业乱收费", "金桂花园的物业这个月起多收停车费，每个车位每月多交两百元", Region: "990104001", Phone: "13977770002", RegisteredAt: Now.AddDays(-5)));

        var found = await Candidates(new { phone = "13977770009", subject = "噪音扰民", events = "金桂花园小区旁边那个工地半夜还在打桩施工，声音很吵，整栋楼没法睡觉", regionCode = "990104001" });

        var candidate = Assert.Single(found.GetProperty("candidates").EnumerateArray());
        Assert.Equal(ids[0], candidate.GetProperty("id").GetInt64());
        Assert.Equal(["similar-text", "shared-entity"], candidate.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["金桂花园"], candidate.GetProperty("sharedEntities").EnumerateArray().Select(r => r.GetString()));
        Assert.NotEmpty(candidate.GetProperty("sharedTerms").EnumerateArray());
        Assert.True(candidate.GetProperty("samePlace").GetBoolean());
        Assert.False(candidate.GetProperty("sameCaller").GetBoolean());
    }

    private async Task<int> CountRecentAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var since = AppFixture.DefaultNow.UtcDateTime.AddDays(-90);
        return await scope.ServiceProvider.GetRequiredService<Hotline.Infrastructure.Data.HotlineDbContext>().Set<Hotline.Domain.WorkOrders.WorkOrder>().CountAsync(w => w.RegisteredAtUtc >= since);
    }

    private async Task<List<long>> PlantAndFollow(params PlantedOrder[] orders)
    {
        var ids = await _plant.PlantAsync(orders);
        await app.Services.GetRequiredService<RepeatCandidateIndex>().FollowAsync(default);
        return ids;
    }

    private async Task<JsonElement> Candidates(object body) =>
        await (await (await _api.As("agent")).PostJsonAsync("/api/repeat-candidates", body)).ShouldBe(HttpStatusCode.OK);
}

public sealed class RepeatCandidateTests_Sqlite(SqliteApp app) : RepeatCandidateTests(app), IClassFixture<SqliteApp>;

public sealed class RepeatCandidateTests_Postgres(PostgresApp app) : RepeatCandidateTests(app), IClassFixture<PostgresApp>;
