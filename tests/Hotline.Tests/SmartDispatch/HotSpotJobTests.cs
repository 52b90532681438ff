using System.Net;
using System.Text.Json;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;

namespace Hotline.Tests.SmartDispatch;

/// <summary>The hot-spot job over planted clusters in the database, its warnings for the units concerned, and the seasonal reminders.</summary>
public abstract class HotSpotJobTests(AppFixture app) : IAsyncLifetime
{
    internal static readonly string[] WaterCut =
    [
        "新桥社区5号楼从昨天早上开始停水，到现在还没来水，也没有任何通知",
        "新桥社区停水一整天了，家里老人孩子没水用，自来水公司电话打不通",
        "我们新桥社区今天又停水了，没有提前通知，做饭洗澡都成问题",
        "新桥社区7栋停水超过24小时，物业说是自来水管道爆裂，什么时候能修好",
        "新桥社区大面积停水，附近几栋楼都没有水，请尽快恢复供水",
        "新桥社区从前天晚上停水到现在，水龙头一滴水都没有",
        "新桥社区停水两天了，超市的矿泉水都被买光了，希望尽快来水",
        "反映新桥社区停水问题，已经持续一天多，没有看到抢修人员",
        "新桥社区3号楼突然停水，没有收到任何停水通知，要求说明原因",
        "新桥社区停水，家里有卧床老人，急需用水，请帮忙协调送水",
        "新桥社区一带停水很久了，自来水公司说在抢修但一直没有进展",
        "新桥社区停水问题严重，希望自来水公司尽快抢修并提前公告",
    ];

    internal static readonly string[] GasSmell =
    [
        "西湖社区12号楼楼道里燃气味很重，担心燃气泄漏",
        "西湖社区有燃气味，好几户居民都闻到了，请燃气公司来检查",
        "西湖社区楼道燃气味越来越大，非常危险",
        "西湖社区燃气管道可能泄漏，楼下一直有燃气味",
        "西湖社区多栋楼闻到燃气味，请尽快排查燃气泄漏",
        "西湖社区燃气味已经两天了，没有人来处理燃气泄漏",
    ];

    private static readonly SemaphoreSlim Planting = new(1, 1);
    private static readonly HashSet<AppFixture> Planted = [];
    private readonly WorkOrderApi _api = new(app);

    public async Task InitializeAsync()
    {
        app.Time.Set(AppFixture.DefaultNow);
        await Planting.WaitAsync();
        try
        {
            if (Planted.Add(app))
            {
                var now = AppFixture.DefaultNow;
                var places = new[] { "990102001", "990103002", "990121100", "990121200", "990102001001", "990103001001" };
                var background = RoutingFixture.Load().Where((_, i) => i % 7 == 0)
                    .Select((t, i) => new PlantedOrder(t.Text[..Math.Min(20, t.Text.Length)], t.Text, PlantedOrders.FixtureLabels[t.Label].Category, places[i % places.Length], $"1370000{i:D4}", now.AddHours(-5 - (i * 9))));
                var water = WaterCut.Select((t, i) => new PlantedOrder("停水", t, "080101", "990102002001", $"1360000{i:D4}", now.AddHours(-2 - (i * 3))));
                var gas = GasSmell.Select((t, i) => new PlantedOrder("燃气味", t, "080301", "990103001001", $"1350000{i:D4}", now.AddHours(-1 - (i * 5))));
                // The same question about kindergarten places from ten districts (a common problem), and one compound's outage
                // reported twelve times in different words (an event naming the compound).
                var regions = new[] { "990102001", "990102002", "990103001", "990103002", "990121100", "990121200", "990104001", "990105001", "990106001", "990107001" };
                var kindergarten = Text.HotSpotListsTests.Kindergarten.Select((t, i) => new PlantedOrder("幼儿园学位", t, "040101", regions[i], $"1330000{i:D4}", now.AddHours(-7 - (i * 4))));
                var compound = Text.HotSpotListsTests.Outage.Select((t, i) => new PlantedOrder("翠湖家园停水", t, "080101", "990121100", $"1320000{i:D4}", now.AddHours(-3 - (i * 2))));
                // One compound's four matters, three reports each, all in one intake frame, each filed under its category.
                var matters = Text.HotSpotListsTests.CompoundMatters.SelectMany((m, k) => m.Facts.Select((f, i) => new PlantedOrder(
                    f[..4], $"市民来电反映：金沙苑{f}，已持续一周。", m.Matter + "01", "990121200", $"1310000{k}{i:D3}", now.AddHours(-20 - (k * 11) - (i * 3)))));
                // The centre's history begins two months ago: the week's and the month's previous windows are compared.
                var first = new PlantedOrder("咨询", "咨询居住证办理需要哪些材料", "040101", "990102001", null, now.AddDays(-61));
                await new PlantedOrders(app).PlantAsync(background.Prepend(first).Concat(water).Concat(gas).Concat(kindergarten).Concat(compound).Concat(matters).OrderBy(o => o.RegisteredAt));
            }
        }
        finally
        {
            Planting.Release();
        }
    }

    public Task DisposeAsync()
    {
        app.Time.Set(AppFixture.DefaultNow);
        _api.SignOutAll();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Run_FindsThePlantedHotSpot_AndWarnsTheSupervisorAndTheUnitConcerned()
    {
        var run = await (await (await _api.As("manager")).PostJsonAsync("/api/hot-spots/run", new { })).ShouldBe(HttpStatusCode.OK);
        Assert.True(run.GetProperty("orders").GetInt32() >= WaterCut.Length + GasSmell.Length);

        var list = await (await _api.As("supervisor")).GetAsync("/api/hot-spots").ShouldBeOk();
        var spot = list.GetProperty("hotSpots").EnumerateArray().First(h => h.GetProperty("place").GetString() == "990102002");
        Assert.InRange(spot.GetProperty("size").GetInt32(), 10, WaterCut.Length);
        Assert.Equal(0, spot.GetProperty("previousSize").GetInt32());
        Assert.True(spot.GetProperty("emerging").GetBoolean());
        Assert.Equal("新桥街道办事处", spot.GetProperty("placeName").GetString());
        Assert.Contains(spot.GetProperty("terms").EnumerateArray(), t => t.GetString()!.Contains("停水", StringComparison.Ordinal));
        Assert.Equal("安澜市自来水有限公司", spot.GetProperty("units")[0].GetProperty("name").GetString());
        Assert.Equal(1, list.GetProperty("hotSpots")[0].GetProperty("rank").GetInt32());
        var detail = await (await _api.As("supervisor")).GetAsync($"/api/hot-spots/{spot.GetProperty("id").GetInt64()}").ShouldBeOk();
        Assert.Equal(spot.GetProperty("size").GetInt32(), detail.GetProperty("orders").GetArrayLength());
        Assert.All(detail.GetProperty("orders").EnumerateArray(), o => Assert.False(o.TryGetProperty("caller", out _)));

        var warning = (await Warnings("supervisor")).Single(w => w.GetProperty("kind").GetString() == "hotSpot" && w.GetProperty("regionCode").GetString() == "990102002");
        Assert.Contains("新桥街道办事处", warning.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains(await Warnings("water"), w => w.GetProperty("id").GetInt64() == warning.GetProperty("id").GetInt64());
        Assert.DoesNotContain(await Warnings("handler2"), w => w.GetProperty("id").GetInt64() == warning.GetProperty("id").GetInt64());
        await (await (await _api.As("handler2")).GetAsync($"/api/early-warnings/{warning.GetProperty("id").GetInt64()}")).ShouldBe(HttpStatusCode.NotFound);
        await (await (await _api.As("agent")).GetAsync("/api/early-warnings")).ShouldBe(HttpStatusCode.Forbidden);
        await (await (await _api.As("handler")).GetAsync("/api/hot-spots")).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Run_ANewFastGrowingCluster_RaisesAnEmergingIssue_RoutedToTheGasCompany()
    {
        await (await _api.As("manager")).PostJsonAsync("/api/hot-spots/run", new { });

        var emerging = (await Warnings("manager")).Single(w => w.GetProperty("regionCode").GetString() == "990103001");

        Assert.Equal("emergingIssue", emerging.GetProperty("kind").GetString());
        Assert.InRange(emerging.GetProperty("size").GetInt32(), 5, GasSmell.Length);
        Assert.Equal(["安澜燃气有限公司"], emerging.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task RunAgain_UpdatesTheWarningsItRaised_InsteadOfRaisingThemTwice_AndAUnitAcknowledges()
    {
        await (await _api.As("manager")).PostJsonAsync("/api/hot-spots/run", new { });
        var before = await Warnings("supervisor");

        var again = await (await (await _api.As("admin")).PostJsonAsync("/api/hot-spots/run", new { })).ShouldBe(HttpStatusCode.OK);

        Assert.Equal(0, again.GetProperty("warningsRaised").GetInt32());
        Assert.True(again.GetProperty("warningsUpdated").GetInt32() >= 2);
        var after = await Warnings("supervisor");
        Assert.Equal(before.Select(w => w.GetProperty("id").GetInt64()).Order(), after.Select(w => w.GetProperty("id").GetInt64()).Order());
        var water = after.Single(w => w.GetProperty("regionCode").GetString() == "990102002");
        var acknowledged = await (await (await _api.As("water")).PostJsonAsync($"/api/early-warnings/{water.GetProperty("id").GetInt64()}/acknowledge",
            new { version = water.GetProperty("version").GetInt64() })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("acknowledged", acknowledged.GetProperty("status").GetString());
        Assert.StartsWith("许晴", acknowledged.GetProperty("acknowledgedBy").GetString(), StringComparison.Ordinal);
        await (await (await _api.As("supervisor")).PostJsonAsync($"/api/early-warnings/{water.GetProperty("id").GetInt64()}/acknowledge", new { }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "early_warning.already_acknowledged");

        // Filters take the values as the API writes them (camelCase); anything else is a 400 naming the parameter.
        var supervisor = await _api.As("supervisor");
        var acknowledgedOnly = (await supervisor.GetAsync("/api/early-warnings?status=acknowledged").ShouldBeOk()).EnumerateArray().ToList();
        Assert.Equal([water.GetProperty("id").GetInt64()], acknowledgedOnly.Select(w => w.GetProperty("id").GetInt64()));
        var open = (await supervisor.GetAsync("/api/early-warnings?status=open&kind=hotSpot").ShouldBeOk()).EnumerateArray().ToList();
        Assert.All(open, w => Assert.Equal(("open", "hotSpot"), (w.GetProperty("status").GetString(), w.GetProperty("kind").GetString())));
        Assert.DoesNotContain(open, w => w.GetProperty("id").GetInt64() == water.GetProperty("id").GetInt64());
        var badStatus = await (await supervisor.GetAsync("/api/early-warnings?status=closed")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(badStatus.GetProperty("errors").TryGetProperty("status", out _));
        var badKind = await (await supervisor.GetAsync("/api/early-warnings?kind=1")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(badKind.GetProperty("errors").TryGetProperty("kind", out _));
    }

    [Fact]
    public async Task AWarnedIssue_RemindsTheUnitItConcerns_ToCompleteTheKnowledgeBase_Once()
    {
        await (await _api.As("manager")).PostJsonAsync("/api/hot-spots/run", new { });
        await (await _api.As("manager")).PostJsonAsync("/api/hot-spots/run", new { });

        var water = await _api.As("water");
        var reminder = Assert.Single(await Reminders("water"), n => n.GetProperty("facts").GetProperty("place").GetString() == "新桥街道办事处");
        Assert.Contains("停水", reminder.GetProperty("facts").GetProperty("terms").GetString(), StringComparison.Ordinal);
        Assert.True(reminder.GetProperty("requiresAcknowledgement").GetBoolean());
        Assert.Equal(JsonValueKind.Null, reminder.GetProperty("workOrderId").ValueKind);
        // No caller and no order in it; another unit is not reminded of the water company's issue.
        Assert.DoesNotContain("1360000", reminder.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(await Reminders("handler2"), n => n.GetProperty("facts").GetProperty("place").GetString() == "新桥街道办事处");

        var taken = await (await water.PostJsonAsync($"/api/notifications/{reminder.GetProperty("id").GetInt64()}/acknowledge",
            new { version = reminder.GetProperty("version").GetInt64() })).ShouldBe(HttpStatusCode.OK);
        Assert.StartsWith("许晴", taken.GetProperty("acknowledgedBy").GetString(), StringComparison.Ordinal);
    }

    private async Task<List<JsonElement>> Reminders(string user) =>
        (await (await _api.As(user)).GetAsync("/api/notifications").ShouldBeOk()).GetProperty("items").EnumerateArray()
            .Where(n => n.GetProperty("kind").GetString() == "knowledgeForIssue").ToList();

    [Fact]
    public async Task TheMonthsAnalysisReport_NamesItsWarningsInChinese_AsTheWarningsPageDoes()
    {
        await (await _api.As("manager")).PostJsonAsync("/api/hot-spots/run", new { });

        var draft = await (await _api.As("leader")).GetAsync("/api/assessment/reports/draft?year=2026&month=3").ShouldBeOk();

        var warnings = draft.GetProperty("figures").GetProperty("warnings").EnumerateArray().ToList();
        var water = warnings.Single(w => w.GetProperty("place").GetString() == "新桥街道办事处");
        Assert.StartsWith("热点问题：", water.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("停水", water.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("新发问题：", warnings.Single(w => w.GetProperty("place").GetString() != "新桥街道办事处" && w.GetProperty("title").GetString()!.Contains("燃气", StringComparison.Ordinal)).GetProperty("title").GetString(), StringComparison.Ordinal);
        var text = draft.GetProperty("sections").GetProperty("hotSpots").GetString()!;
        Assert.Contains($"新桥街道办事处“{water.GetProperty("title").GetString()}”（{water.GetProperty("size").GetInt32()}件）", text, StringComparison.Ordinal);
        // The printed report holds no English line of the job's.
        var html = await (await (await _api.As("leader")).GetAsync("/api/assessment/reports/draft/html?year=2026&month=3")).Content.ReadAsStringAsync();
        Assert.Contains("热点问题：", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Hot spot in", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Emerging issue in", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTwoLists_ACompoundsOutageIsAnEventNamingIt_KindergartenPlacesInTenDistrictsACommonProblem_PerPeriod()
    {
        var manager = await _api.As("manager");
        var week = await (await manager.PostJsonAsync("/api/hot-spots/run?period=week", new { })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("week", week.GetProperty("period").GetString());
        var supervisor = await _api.As("supervisor");

        var events = await supervisor.GetAsync("/api/hot-spots?period=week&list=events").ShouldBeOk();
        Assert.Equal(("week", "events"), (events.GetProperty("period").GetString(), events.GetProperty("list").GetString()));
        var outage = events.GetProperty("hotSpots").EnumerateArray().Single(h => h.GetProperty("entity").GetString() == "翠湖家园");
        Assert.InRange(outage.GetProperty("size").GetInt32(), 10, Text.HotSpotListsTests.Outage.Length);
        Assert.Equal("990121100", outage.GetProperty("place").GetString());
        Assert.Contains(outage.GetProperty("terms").EnumerateArray(), t => t.GetString()!.Contains("停水", StringComparison.Ordinal));

        // The compound's four matters, written in one frame, are four events: each order's category keeps its matter apart.
        var matters = events.GetProperty("hotSpots").EnumerateArray().Where(h => h.GetProperty("entity").GetString() == "金沙苑").ToList();
        Assert.Equal(
            Text.HotSpotListsTests.CompoundMatters.Select(m => m.Matter).Order(StringComparer.Ordinal),
            matters.Select(h => h.GetProperty("categoryCode").GetString()![..4]).Order(StringComparer.Ordinal));
        Assert.All(matters, h => Assert.Equal(3, h.GetProperty("size").GetInt32()));

        var kindergartenIds = (await supervisor.GetAsync("/api/hot-spots?list=common").ShouldBeOk()).GetProperty("hotSpots").EnumerateArray()
            .Single(h => h.GetProperty("terms").EnumerateArray().Any(t => t.GetString() is { } s && (s.Contains("学位", StringComparison.Ordinal) || s.Contains("幼儿园", StringComparison.Ordinal) || s.Contains("报名", StringComparison.Ordinal))));
        Assert.True(kindergartenIds.GetProperty("places").GetInt32() >= 8);
        Assert.Equal("common", kindergartenIds.GetProperty("list").GetString());
        Assert.Equal(JsonValueKind.Null, kindergartenIds.GetProperty("entity").ValueKind);
        var members = kindergartenIds.GetProperty("ids").EnumerateArray().Select(i => i.GetInt64()).ToHashSet();
        Assert.DoesNotContain(events.GetProperty("hotSpots").EnumerateArray(), h => h.GetProperty("ids").EnumerateArray().Count(i => members.Contains(i.GetInt64())) * 2 > h.GetProperty("size").GetInt32());

        // Another period is its own run; none yet for the year; bad values are a 400 naming the parameter.
        Assert.Equal(JsonValueKind.Null, (await supervisor.GetAsync("/api/hot-spots?period=year").ShouldBeOk()).GetProperty("run").ValueKind);
        await (await manager.PostJsonAsync("/api/hot-spots/run?period=month", new { })).ShouldBe(HttpStatusCode.OK);
        var month = await supervisor.GetAsync("/api/hot-spots?period=month").ShouldBeOk();
        Assert.Equal("month", month.GetProperty("run").GetProperty("period").GetString());
        Assert.Contains(month.GetProperty("hotSpots").EnumerateArray(), h => h.GetProperty("entity").GetString() == "翠湖家园");

        // The week's previous window lies inside the centre's history, the year's does not (its orders begin at most two
        // years back): the year's lists give no growth and call nothing emerging, though the outage is new.
        Assert.True(events.GetProperty("run").GetProperty("compared").GetBoolean());
        Assert.True(outage.GetProperty("emerging").GetBoolean());
        await (await manager.PostJsonAsync("/api/hot-spots/run?period=year", new { })).ShouldBe(HttpStatusCode.OK);
        foreach (var kind in new[] { "events", "common" })
        {
            var year = await supervisor.GetAsync($"/api/hot-spots?period=year&list={kind}").ShouldBeOk();
            var run = year.GetProperty("run");
            Assert.False(run.GetProperty("compared").GetBoolean());
            Assert.True(run.GetProperty("historyFrom").GetDateTimeOffset() > run.GetProperty("previousFrom").GetDateTimeOffset().AddDays(1));
            Assert.NotEmpty(year.GetProperty("hotSpots").EnumerateArray());
            Assert.All(year.GetProperty("hotSpots").EnumerateArray(), h => Assert.Equal((false, JsonValueKind.Null), (h.GetProperty("emerging").GetBoolean(), h.GetProperty("growth").ValueKind)));
        }
        var badPeriod = await (await supervisor.GetAsync("/api/hot-spots?period=fortnight")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(badPeriod.GetProperty("errors").TryGetProperty("period", out _));
        var badList = await (await supervisor.GetAsync("/api/hot-spots?list=2")).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(badList.GetProperty("errors").TryGetProperty("list", out _));
        var badRun = await (await manager.PostJsonAsync("/api/hot-spots/run?period=decade", new { })).ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(badRun.GetProperty("errors").TryGetProperty("period", out _));
    }

    [Fact]
    public async Task SeasonalReminder_WhatPeakedNextMonthLastYear_IsRaisedAMonthAhead_OnceForTheUnitThatHandledIt()
    {
        // Heating complaints peaked in November 2025 (15 against about one a month before); bus complaints were flat.
        var heating = Enumerable.Range(0, 15).Select(i => new PlantedOrder("暖气不热", $"明珠小区{i + 1}栋暖气不热，室温只有十四度", "080401", "990102001", $"1340000{i:D4}",
            new DateTimeOffset(2025, 11, 3 + i, 10, 0, 0, TimeSpan.FromHours(8)), "AL-DC-ZJ"));
        var earlier = Enumerable.Range(1, 10).Select(m => new PlantedOrder("暖气费", "咨询暖气费缴费时间", "080402", "990102001", null,
            new DateTimeOffset(2025, m, 10, 10, 0, 0, TimeSpan.FromHours(8)), "AL-DC-ZJ"));
        var buses = Enumerable.Range(1, 12).SelectMany(m => new[] { 5, 20 }.Select(d => new PlantedOrder("公交晚点", "12路公交车经常晚点", "030101", "990102001", null,
            new DateTimeOffset(2025, m, d, 10, 0, 0, TimeSpan.FromHours(8)), "AL-JT")));
        await new PlantedOrders(app).PlantAsync(heating.Concat(earlier).Concat(buses));
        app.Time.Set(new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.FromHours(8)));

        var first = await (await (await _api.As("manager")).PostJsonAsync("/api/hot-spots/run", new { })).ShouldBe(HttpStatusCode.OK);
        var second = await (await (await _api.As("manager")).PostJsonAsync("/api/hot-spots/run", new { })).ShouldBe(HttpStatusCode.OK);

        Assert.Equal(1, first.GetProperty("seasonalReminders").GetInt32());
        Assert.Equal(0, second.GetProperty("seasonalReminders").GetInt32());
        var reminder = Assert.Single(await Warnings("unitlead"), w => w.GetProperty("kind").GetString() == "seasonal");
        Assert.Equal("2026-11-01", reminder.GetProperty("month").GetString());
        Assert.Equal("0804", reminder.GetProperty("categoryCode").GetString());
        Assert.Equal(15, reminder.GetProperty("size").GetInt32());
        // The subjects' phrase, not its bigrams ("暖气", "气不", "不热").
        Assert.Equal("暖气不热", reminder.GetProperty("terms")[0].GetString());
        Assert.Equal(["东城区住房和城乡建设局"], reminder.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("name").GetString()));
        Assert.DoesNotContain(await Warnings("handler2"), w => w.GetProperty("kind").GetString() == "seasonal");
        Assert.Single(await Warnings("leader"), w => w.GetProperty("kind").GetString() == "seasonal");
    }

    private async Task<List<JsonElement>> Warnings(string user) =>
        (await (await _api.As(user)).GetAsync("/api/early-warnings").ShouldBeOk()).EnumerateArray().ToList();
}

public sealed class HotSpotJobTests_Sqlite(SqliteApp app) : HotSpotJobTests(app), IClassFixture<SqliteApp>;

public sealed class HotSpotJobTests_Postgres(PostgresApp app) : HotSpotJobTests(app), IClassFixture<PostgresApp>;
