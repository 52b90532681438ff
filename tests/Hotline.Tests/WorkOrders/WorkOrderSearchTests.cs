using System.Net;
using System.Text.Json;
using Hotline.Features.Supervision;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Search;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.Knowledge;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Tests.WorkOrders;

/// <summary>
/// Work orders in the search index: indexed by every write in the command's transaction, found by two-character terms
/// and phrases in subject, events, demand and reply, within the caller's scope (lead unit or co-unit), never showing the
/// caller. Each test uses its own invented place names, so tests sharing the database do not see each other's orders.
/// </summary>
public abstract class WorkOrderSearchTests(AppFixture app) : IAsyncLifetime
{
    private const string CallerName = "欧阳明月";
    private const string CallerPhone = "13912340001";

    private readonly WorkOrderApi _api = new(app);

    public Task InitializeAsync()
    {
        app.Time.Set(AppFixture.DefaultNow);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        app.Time.Set(AppFixture.DefaultNow);
        _api.SignOutAll();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Search_FindsTwoCharacterTermsAndPhrases_InSubjectEventsAndDemand()
    {
        var id = await _api.RegisterId(Order("琼枝坞路灯不亮", events: "鹭岛湾小区门口三盏路灯连续一周不亮。", demand: "请望潮坊街道尽快维修。"));

        Assert.Equal([id], await IdsAsync("dispatcher", "琼枝"));
        Assert.Equal([id], await IdsAsync("dispatcher", "鹭岛"));
        Assert.Equal([id], await IdsAsync("dispatcher", "望潮"));
        Assert.Equal([id], await IdsAsync("dispatcher", "\"琼枝坞路灯\""));
        Assert.Empty(await IdsAsync("dispatcher", "\"路灯琼枝坞\""));

        var hit = (await SearchAsync("dispatcher", "琼枝")).GetProperty("items")[0];
        Assert.Equal("<mark>琼枝</mark>坞路灯不亮", hit.GetProperty("titleHtml").GetString());
        Assert.Equal(id, hit.GetProperty("order").GetProperty("id").GetInt64());
        Assert.Equal("awaitingDispatch", hit.GetProperty("order").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Reply_IsSearchableRightAfterTheCommand_AndTheListsTextFilterFindsIt()
    {
        var id = await _api.Dispatched(Order("揽月台积水", events: "小区地下车库积水。", demand: "排水。"));
        await _api.Ok("handler", id, "sign");
        Assert.Empty(await IdsAsync("handler", "栖凤"));

        await _api.Ok("handler", id, "reply", new { result = "已联系栖凤台排水公司疏通管道，积水已排除。", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });

        Assert.Equal([id], await IdsAsync("handler", "栖凤"));
        var hit = (await SearchAsync("handler", "栖凤")).GetProperty("items")[0];
        Assert.Contains("<mark>栖凤</mark>台排水公司", hit.GetProperty("snippetHtml").GetString(), StringComparison.Ordinal);
        var list = await (await _api.As("handler")).GetAsync("/api/work-orders?q=" + Uri.EscapeDataString("栖凤 排水")).ShouldBeOk();
        Assert.Equal([id], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal("replied", Assert.Single(await SearchItemsAsync("handler", "栖凤", "&status=replied")).GetProperty("order").GetProperty("status").GetString());
        Assert.Empty(await SearchItemsAsync("handler", "栖凤", "&status=inProgress"));
    }

    [Fact]
    public async Task Scope_LeadUnitAndCoUnitFindTheOrder_OtherUnitsNever()
    {
        var order = await _api.RegisterId(Order("鸣琴巷噪音扰民"));
        Assert.Equal([order], await IdsAsync("dispatcher", "鸣琴"));
        Assert.Empty(await IdsAsync("handler", "鸣琴"));

        await _api.Ok("dispatcher", order, "dispatch", new { leadUnitId = await _api.UnitId("AL-DC-ZJ"), coUnitIds = new[] { await _api.UnitId("AL-XC-CG") } });

        foreach (var user in new[] { "dispatcher", "handler", "handler2", "dcoffice", "unitlead" })
        {
            Assert.Equal([order], await IdsAsync(user, "鸣琴"));
            var list = await (await _api.As(user)).GetAsync("/api/work-orders?q=" + Uri.EscapeDataString("鸣琴")).ShouldBeOk();
            Assert.Equal([order], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            var generic = await (await _api.As(user)).GetAsync("/api/search?kind=work_order&q=" + Uri.EscapeDataString("鸣琴")).ShouldBeOk();
            Assert.Equal([order], generic.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("entityId").GetInt64()));
        }

        Assert.Empty(await IdsAsync("water", "鸣琴"));
        Assert.Equal(0, (await (await _api.As("water")).GetAsync("/api/work-orders?q=" + Uri.EscapeDataString("鸣琴")).ShouldBeOk()).GetProperty("total").GetInt32());
        Assert.Empty((await (await _api.As("water")).GetAsync("/api/search?kind=work_order&q=" + Uri.EscapeDataString("鸣琴")).ShouldBeOk()).GetProperty("items").EnumerateArray());

        // Passed on to the water company: 东城区住建局 no longer holds it, the water company does.
        await _api.Ok("dispatcher", order, "redispatch", new { leadUnitId = await _api.UnitId("AL-WATER") });
        Assert.Equal([order], await IdsAsync("water", "鸣琴"));
        Assert.Empty(await IdsAsync("handler", "鸣琴"));
        Assert.Empty(await IdsAsync("handler2", "鸣琴"));
    }

    [Fact]
    public async Task Masking_NoResponseShowsTheCallersNameOrPhone_AndUnitsSeeOtherNumbersMasked()
    {
        var id = await _api.Dispatched(Order(
            "拾翠洲物业乱收费", events: $"来电人{CallerName}（电话{CallerPhone[..3]}-{CallerPhone[3..7]}-{CallerPhone[7..]}）反映拾翠洲物业乱收费，物业经理电话13800009999。",
            demand: $"请回电{CallerPhone}告知处理结果。"));

        foreach (var user in new[] { "dispatcher", "handler" })
        {
            var client = await _api.As(user);
            foreach (var url in new[] { "/api/work-orders/search?q=拾翠", "/api/work-orders?q=拾翠", "/api/search?kind=work_order&q=拾翠", "/api/work-orders/search?q=回电" })
            {
                var text = await client.GetStringAsync(url);
                Assert.Contains("拾翠", text, StringComparison.Ordinal);
                Assert.DoesNotContain(CallerName, text, StringComparison.Ordinal);
                Assert.DoesNotContain(CallerPhone, text, StringComparison.Ordinal);
                Assert.DoesNotContain("139-1234-0001", text, StringComparison.Ordinal);
            }
        }

        var centre = (await SearchItemsAsync("dispatcher", "拾翠")).Single().GetProperty("snippetHtml").GetString();
        var unit = (await SearchItemsAsync("handler", "拾翠")).Single().GetProperty("snippetHtml").GetString();
        Assert.Contains("13800009999", centre, StringComparison.Ordinal);
        Assert.Contains("138****9999", unit, StringComparison.Ordinal);
        Assert.DoesNotContain("13800009999", unit, StringComparison.Ordinal);
        Assert.Contains("欧**", centre, StringComparison.Ordinal);
        Assert.Equal(id, (await IdsAsync("handler", "拾翠")).Single());
    }

    [Fact]
    public async Task Filters_NarrowByStatusLightTypeCategoryRegionUnitAndDate()
    {
        var street = await _api.Dispatched(Order("卧牛坡路灯损坏", region: "990103001", category: "010302"), unit: "AL-XC-CG");
        var water = await _api.RegisterId(Order("卧牛坡停水", region: "990102001", category: "080101", type: "inquiry"));

        async Task<List<long>> Ids(string filters) => (await SearchItemsAsync("dispatcher", "卧牛", filters)).Select(i => i.GetProperty("order").GetProperty("id").GetInt64()).ToList();

        Assert.Equal(new[] { street, water }.Order(), (await Ids(string.Empty)).Order());
        Assert.Equal([street], await Ids("&status=dispatched"));
        Assert.Equal([water], await Ids("&status=awaitingDispatch,closed"));
        Assert.Equal([water], await Ids("&requestType=inquiry"));
        Assert.Equal([street], await Ids("&categoryCode=0103"));
        Assert.Equal([water], await Ids("&regionCode=990102"));
        Assert.Equal([street], await Ids("&regionCode=990103001"));
        Assert.Equal([street], await Ids($"&unitId={await _api.UnitId("AL-XC-CG")}"));
        Assert.Equal(new[] { street, water }.Order(), (await Ids("&light=none&urgency=normal&channel=phone&from=2026-03-02&to=2026-03-02")).Order());
        Assert.Empty(await Ids("&from=2026-03-03"));
        Assert.Empty(await Ids("&light=red"));
    }

    [Fact]
    public async Task LightJob_IndexesTheLightItSets()
    {
        var id = await _api.Dispatched(Order("采菱塘井盖缺失"));
        await _api.Ok("handler", id, "sign");
        Assert.Empty(await SearchItemsAsync("supervisor", "采菱", "&light=red"));

        app.Time.Set(new DateTimeOffset(2026, 3, 11, 8, 0, 0, TimeSpan.FromHours(8)));
        _api.SignOutAll();
        await app.Services.GetRequiredService<AlertLightJob>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(id, (await SearchItemsAsync("supervisor", "采菱", "&light=red")).Single().GetProperty("order").GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task CorrectionAndMerge_ReindexBothOrders()
    {
        var id = await _api.RegisterId(Order("藕香榭垃圾清运"));
        var other = await _api.Dispatched(Order("藕香榭垃圾堆放"));
        await _api.Ok("dispatcher", id, "send-back", new { reason = "correction", note = "地址不清" });
        await _api.Ok("agent", id, "correct", CorrectBody(Order("问梅村垃圾清运")));

        Assert.Equal([id], await IdsAsync("dispatcher", "问梅"));
        Assert.Equal([other], await IdsAsync("dispatcher", "藕香"));

        await _api.Ok("dispatcher", id, "merge", new { targetId = other });
        Assert.Equal("closed", (await SearchItemsAsync("dispatcher", "问梅", "&status=closed")).Single().GetProperty("order").GetProperty("status").GetString());
    }

    [Fact]
    public async Task FailingIndexWrite_RollsTheWholeCommandBack()
    {
        var id = await _api.Dispatched(Order("驻鹤亭路面塌陷"));
        await _api.Ok("handler", id, "sign");
        var before = await _api.Get("handler", id);
        var timeline = (await _api.Timeline("handler", id)).GetArrayLength();
        await ExecuteAsync(app.Provider == DatabaseProvider.Postgres ? PostgresTrigger : SqliteTrigger);
        try
        {
            var reply = await _api.Act("handler", id, "reply", new { result = "索引故障演练：已修复路面", citizenContacted = false, outcome = "resolved" });
            Assert.Equal(HttpStatusCode.InternalServerError, reply.StatusCode);
            var register = await (await _api.As("agent")).PostJsonAsync("/api/work-orders", Order("索引故障演练登记"));
            Assert.Equal(HttpStatusCode.InternalServerError, register.StatusCode);
        }
        finally
        {
            await ExecuteAsync(app.Provider == DatabaseProvider.Postgres
                ? "DROP TRIGGER search_failure ON search_documents; DROP FUNCTION search_failure();"
                : "DROP TRIGGER search_failure_insert; DROP TRIGGER search_failure_update;");
        }

        var after = await _api.Get("handler", id);
        Assert.Equal("inProgress", after.GetProperty("status").GetString());
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        Assert.Empty(after.GetProperty("replies").EnumerateArray());
        Assert.Equal(timeline, (await _api.Timeline("handler", id)).GetArrayLength());
        Assert.Empty(await IdsAsync("dispatcher", "索引"));
        Assert.Equal("inProgress", (await SearchItemsAsync("handler", "驻鹤")).Single().GetProperty("order").GetProperty("status").GetString());
        var registered = await (await _api.As("dispatcher")).GetAsync("/api/work-orders?pageSize=200").ShouldBeOk();
        Assert.DoesNotContain(registered.GetProperty("items").EnumerateArray(), i => i.GetProperty("subject").GetString()!.Contains("索引故障", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefusedCommand_LeavesTheIndexUnchanged()
    {
        var id = await _api.Dispatched(Order("漱玉泉水质浑浊"));

        await (await _api.Act("handler", id, "reply", new { result = "苇渡汀水厂已处理", citizenContacted = false, outcome = "resolved" }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "work_order.transition_not_allowed");

        Assert.Empty(await IdsAsync("dispatcher", "苇渡"));
        Assert.Equal("dispatched", (await SearchItemsAsync("dispatcher", "漱玉")).Single().GetProperty("order").GetProperty("status").GetString());
    }

    [Fact]
    public async Task OrdersWrittenBeforeIndexing_AreIndexedOnceByTheReindexQueue()
    {
        var id = await _api.Dispatched(Order("流萤谷路灯"));
        await ExecuteAsync($"DELETE FROM search_documents WHERE kind = 'work_order' AND entity_id = {id}");
        Assert.Empty(await IdsAsync("dispatcher", "流萤"));

        // What migration 0012 queues on an upgraded database.
        await ExecuteAsync("INSERT INTO search_reindex (source, after_id) VALUES ('work_orders', 0)");
        var job = app.Services.GetRequiredService<SearchReindexJob>();
        Assert.True(await job.RunOnceAsync() >= 1);

        Assert.Equal([id], await IdsAsync("handler", "流萤"));
        Assert.Equal(0, await job.RunOnceAsync());
        Assert.Equal([id], await IdsAsync("handler", "流萤"));
    }

    [Fact]
    public async Task SendBack_WithTheKnowledgeBase_NeedsALiveArticle_AndTheAnswerCountsItsUse()
    {
        var dispatcher = await _api.As("dispatcher");
        var articleId = (await KnowledgeApi.SearchIdsAsync(dispatcher, "受理范围"))[0];
        var id = await _api.RegisterId(Order("垂虹桥咨询热线受理范围"));

        await (await _api.Act("dispatcher", id, "send-back", new { reason = "knowledgeBaseAnswers", note = "知识库已有明确答复", articleId = 987654321 }))
            .ShouldBeValidationError("articleId");
        await (await _api.Act("dispatcher", id, "send-back", new { reason = "knowledgeBaseAnswers", note = "知识库已有明确答复" }))
            .ShouldBeValidationError("articleId");
        var draft = (await KnowledgeApi.CreateAsync(await _api.As("expert"), KnowledgeApi.Content("观澜埠草稿", "尚未发布"))).GetProperty("id").GetInt64();
        await (await _api.Act("dispatcher", id, "send-back", new { reason = "knowledgeBaseAnswers", note = "知识库已有明确答复", articleId = draft }))
            .ShouldBeValidationError("articleId");
        Assert.Equal("awaitingDispatch", (await _api.Get("dispatcher", id)).GetProperty("status").GetString());

        var uses = await UseCountAsync(articleId);
        await _api.Ok("dispatcher", id, "send-back", new { reason = "knowledgeBaseAnswers", note = "知识库已有明确答复", articleId });
        var answered = await _api.Ok("agent", id, "answer-directly", new { answer = "按知识库口径答复市民" });

        Assert.Equal("closed", answered.GetProperty("status").GetString());
        Assert.Equal(articleId, answered.GetProperty("resolution").GetProperty("articleId").GetInt64());
        Assert.Equal(uses + 1, await UseCountAsync(articleId));
        Assert.Equal("closed", (await SearchItemsAsync("dispatcher", "垂虹")).Single().GetProperty("order").GetProperty("status").GetString());
        Assert.Contains("<mark>", (await SearchItemsAsync("dispatcher", "口径")).Single().GetProperty("snippetHtml").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerDirectly_WithAnArticleThatIsNotLive_Is400()
    {
        var id = await _api.RegisterId(Order("浣纱溪咨询"));
        await _api.Ok("dispatcher", id, "send-back", new { reason = "correction", note = "请补充诉求" });

        await (await _api.Act("agent", id, "answer-directly", new { answer = "已答复", articleId = 987654321 })).ShouldBeValidationError("articleId");

        Assert.Equal("sentBackToIntake", (await _api.Get("agent", id)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("，。！？")]
    [InlineData("\"\"\"")]
    [InlineData("噪音' OR 1=1 --")]
    [InlineData("'; drop table work_orders; --")]
    [InlineData("!!(噪音 | 扰民) & !物业:* <-> NEAR(a b)")]
    public async Task Search_WithAnyText_Answers(string text)
    {
        var id = await _api.RegisterId(Order("苔岑渡井盖缺失"));

        var results = await (await _api.As("handler")).GetAsync("/api/work-orders/search?q=" + Uri.EscapeDataString(text)).ShouldBeOk();

        Assert.Contains(results.GetProperty("mode").GetString(), new[] { "browse", "all", "any" });
        Assert.Equal(Math.Min(results.GetProperty("total").GetInt32(), results.GetProperty("pageSize").GetInt32()), results.GetProperty("items").GetArrayLength());
        Assert.Contains(id, await IdsAsync("dispatcher", "苔岑"));
        await (await _api.As("handler")).GetAsync("/api/work-orders?q=" + Uri.EscapeDataString(text)).ShouldBeOk();
    }

    [Fact]
    public async Task Search_MalformedParameters_Are400()
    {
        var client = await _api.As("dispatcher");

        await (await client.GetAsync("/api/work-orders/search?q=" + new string('噪', 2001))).ShouldBeValidationError("q");
        await (await client.GetAsync("/api/work-orders/search?pageSize=51")).ShouldBeValidationError("pageSize");
        await (await client.GetAsync("/api/work-orders/search?status=lost")).ShouldBeValidationError("status");
        await (await client.GetAsync("/api/work-orders/search?categoryCode=01x")).ShouldBeValidationError("categoryCode");
        await (await client.GetAsync("/api/work-orders/search?regionCode=9901021")).ShouldBeValidationError("regionCode");
        await (await client.GetAsync("/api/work-orders/search?from=yesterday")).ShouldBeValidationError("from");
        var thousand = await client.GetAsync("/api/work-orders/search?q=" + Uri.EscapeDataString(string.Concat(Enumerable.Repeat("噪音扰民请尽快处理", 112))[..1000]));
        await thousand.ShouldBe(HttpStatusCode.OK);
    }

    private static object Order(
        string subject, string events = "小区里的问题已经持续一段时间。", string demand = "请尽快处理。", string region = "990102001", string category = "010101",
        string type = "complaint") => new
        {
            channel = "phone",
            requestType = type,
            categoryCode = category,
            urgency = "normal",
            caller = new { name = CallerName, phone = CallerPhone, isAnonymous = false, isConfidential = false },
            location = new { regionCode = region, street = "东华街道", address = "某小区" },
            subject,
            events,
            demand,
            outcome = new { kind = "dispatch" },
        };

    private static JsonElement CorrectBody(object order)
    {
        var element = JsonSerializer.SerializeToElement(order, AppFixture.Json);
        var copy = element.EnumerateObject().Where(p => p.Name != "outcome").ToDictionary(p => p.Name, p => p.Value);
        return JsonSerializer.SerializeToElement(copy, AppFixture.Json);
    }

    private async Task<JsonElement> SearchAsync(string user, string text, string filters = "") =>
        await (await _api.As(user)).GetAsync("/api/work-orders/search?q=" + Uri.EscapeDataString(text) + filters).ShouldBeOk();

    private async Task<List<JsonElement>> SearchItemsAsync(string user, string text, string filters = "") =>
        (await SearchAsync(user, text, filters)).GetProperty("items").EnumerateArray().ToList();

    private async Task<List<long>> IdsAsync(string user, string text) =>
        (await SearchItemsAsync(user, text)).Select(i => i.GetProperty("order").GetProperty("id").GetInt64()).ToList();

    private async Task<long> UseCountAsync(long articleId)
    {
        var article = await (await _api.As("expert")).GetAsync($"/api/knowledge/articles/{articleId}").ShouldBeOk();
        return article.GetProperty("useCount").GetInt64();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>A real failure of the index write, raised by the database itself for documents naming "索引故障".</summary>
    private const string PostgresTrigger = """
        CREATE FUNCTION search_failure() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF strpos(NEW.title || NEW.body, '索引故障') > 0 THEN RAISE EXCEPTION 'index write failed'; END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER search_failure BEFORE INSERT OR UPDATE ON search_documents FOR EACH ROW EXECUTE FUNCTION search_failure();
        """;

    private const string SqliteTrigger = """
        CREATE TRIGGER search_failure_insert BEFORE INSERT ON search_documents WHEN instr(NEW.title || NEW.body, '索引故障') > 0
        BEGIN SELECT RAISE(ABORT, 'index write failed'); END;
        CREATE TRIGGER search_failure_update BEFORE UPDATE ON search_documents WHEN instr(NEW.title || NEW.body, '索引故障') > 0
        BEGIN SELECT RAISE(ABORT, 'index write failed'); END;
        """;
}

public sealed class WorkOrderSearchTests_Sqlite(SqliteApp app) : WorkOrderSearchTests(app), IClassFixture<SqliteApp>;

public sealed class WorkOrderSearchTests_Postgres(PostgresApp app) : WorkOrderSearchTests(app), IClassFixture<PostgresApp>;
