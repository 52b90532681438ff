using System.Net;
using Hotline.Tests.Infrastructure;
using static Hotline.Tests.Knowledge.KnowledgeApi;

namespace Hotline.Tests.Knowledge;

/// <summary>The review workflow: units write, the centre reviews, only live versions are found, every step is on the timeline.</summary>
public abstract class KnowledgeWorkflowTests(AppFixture app)
{
    [Fact]
    public async Task Draft_IsNotFound_UntilTheCentreApprovesIt()
    {
        var handler = await app.SignInAsync("handler");
        var reviewer = await app.SignInAsync("teamlead");
        var agent = await app.SignInAsync("agent");
        var created = await CreateAsync(handler, Content("楼道堆物清理答复口径", "楼道内堆放杂物的，由物业负责清理劝导。"));
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal("draft", created.GetProperty("status").GetString());

        Assert.DoesNotContain(id, await SearchIdsAsync(agent, "楼道堆物"));
        await (await agent.GetAsync($"/api/knowledge/articles/{id}")).ShouldBeProblem(HttpStatusCode.NotFound, "knowledge.not_found");

        var submitted = await (await handler.PostJsonAsync($"/api/knowledge/articles/{id}/submit", new { })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("inReview", submitted.GetProperty("status").GetString());
        var approved = await (await reviewer.PostJsonAsync($"/api/knowledge/articles/{id}/approve", new { note = "口径准确" })).ShouldBe(HttpStatusCode.OK);

        Assert.Equal("published", approved.GetProperty("status").GetString());
        Assert.Equal(1, approved.GetProperty("liveVersion").GetInt32());
        Assert.Equal(id, (await SearchIdsAsync(agent, "楼道堆物"))[0]);
        var read = await (await agent.GetAsync($"/api/knowledge/articles/{id}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("楼道堆物清理答复口径", read.GetProperty("live").GetProperty("title").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, read.GetProperty("workingCopy").ValueKind);
    }

    [Fact]
    public async Task RefusedTransitions_AnswerConflictWithStableCodes()
    {
        var handler = await app.SignInAsync("handler");
        var reviewer = await app.SignInAsync("teamlead");
        var id = (await CreateAsync(handler, Content("小区绿化带毁绿种菜", "毁绿种菜的由城管部门处理。"))).GetProperty("id").GetInt64();

        await (await reviewer.PostJsonAsync($"/api/knowledge/articles/{id}/approve", new { })).ShouldBeProblem(HttpStatusCode.Conflict, "knowledge.invalid_transition");
        await (await handler.PostJsonAsync($"/api/knowledge/articles/{id}/recall", new { })).ShouldBeProblem(HttpStatusCode.Conflict, "knowledge.invalid_transition");
        await (await handler.PostJsonAsync($"/api/knowledge/articles/{id}/withdraw", new { note = "不再适用" })).ShouldBeProblem(HttpStatusCode.Conflict, "knowledge.not_live");

        await (await handler.PostJsonAsync($"/api/knowledge/articles/{id}/submit", new { })).ShouldBe(HttpStatusCode.OK);
        await (await handler.PostJsonAsync($"/api/knowledge/articles/{id}/submit", new { })).ShouldBeProblem(HttpStatusCode.Conflict, "knowledge.invalid_transition");
        var version = (await (await handler.GetAsync($"/api/knowledge/articles/{id}")).ShouldBe(HttpStatusCode.OK)).GetProperty("version").GetInt64();
        await (await handler.PutJsonAsync($"/api/knowledge/articles/{id}", new { content = Content("改标题", "改内容"), version })).ShouldBeProblem(HttpStatusCode.Conflict, "knowledge.invalid_transition");

        await (await reviewer.PostJsonAsync($"/api/knowledge/articles/{id}/reject", new { })).ShouldBeValidationError("reason");
        var rejected = await (await reviewer.PostJsonAsync($"/api/knowledge/articles/{id}/reject", new { note = "请补充处理时限" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("draft", rejected.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Reviewer_CannotApproveTheirOwnSubmission()
    {
        var expert = await app.SignInAsync("expert");
        var id = (await CreateAsync(expert, Content("专家座席自写口径", "内容"))).GetProperty("id").GetInt64();
        await (await expert.PostJsonAsync($"/api/knowledge/articles/{id}/submit", new { })).ShouldBe(HttpStatusCode.OK);

        await (await expert.PostJsonAsync($"/api/knowledge/articles/{id}/approve", new { })).ShouldBeProblem(HttpStatusCode.Conflict, "knowledge.self_review");

        var manager = await app.SignInAsync("manager");
        await (await manager.PostJsonAsync($"/api/knowledge/articles/{id}/approve", new { })).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revision_KeepsTheLiveVersionFoundUntilApproved_AndEveryVersionIsKept()
    {
        var handler = await app.SignInAsync("handler");
        var reviewer = await app.SignInAsync("teamlead");
        var agent = await app.SignInAsync("agent");
        var id = await PublishAsync(handler, reviewer, Content("车库漏水维修口径", "地下车库漏水由物业报修。"));
        var version = (await (await handler.GetAsync($"/api/knowledge/articles/{id}")).ShouldBe(HttpStatusCode.OK)).GetProperty("version").GetInt64();

        var edited = await (await handler.PutJsonAsync($"/api/knowledge/articles/{id}", new { content = Content("车库渗水维修口径", "地下车库渗水由物业报修，使用维修资金。"), version, note = "补充维修资金" })).ShouldBe(HttpStatusCode.OK);

        Assert.Equal("draft", edited.GetProperty("status").GetString());
        Assert.Equal(1, edited.GetProperty("liveVersion").GetInt32());
        Assert.Equal([id], await SearchIdsAsync(agent, "\"车库漏水\""));
        Assert.Empty(await SearchIdsAsync(agent, "\"车库渗水\""));

        await (await handler.PostJsonAsync($"/api/knowledge/articles/{id}/submit", new { })).ShouldBe(HttpStatusCode.OK);
        await (await reviewer.PostJsonAsync($"/api/knowledge/articles/{id}/approve", new { })).ShouldBe(HttpStatusCode.OK);

        Assert.Empty(await SearchIdsAsync(agent, "\"车库漏水\""));
        Assert.Equal([id], await SearchIdsAsync(agent, "\"车库渗水\""));
        var versions = await (await handler.GetAsync($"/api/knowledge/articles/{id}/versions")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal([2, 1], versions.EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
        Assert.Equal(["title", "body"], versions[0].GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("车库漏水维修口径", versions[1].GetProperty("content").GetProperty("title").GetString());

        var timeline = await (await handler.GetAsync($"/api/knowledge/articles/{id}/timeline")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(
            ["created", "submitted", "approved", "edited", "submitted", "approved"],
            timeline.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.All(timeline.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "approved"), e => Assert.Equal("李强", e.GetProperty("actorName").GetString()));
        Assert.Equal("补充维修资金", timeline[3].GetProperty("note").GetString());
    }

    [Fact]
    public async Task Withdraw_TakesTheArticleOutOfSearch()
    {
        var handler = await app.SignInAsync("handler");
        var reviewer = await app.SignInAsync("teamlead");
        var id = await PublishAsync(handler, reviewer, Content("过时的拆迁补偿口径", "旧标准"));
        var agent = await app.SignInAsync("agent");
        Assert.Equal([id], await SearchIdsAsync(agent, "\"拆迁补偿\""));

        await (await handler.PostJsonAsync($"/api/knowledge/articles/{id}/withdraw", new { })).ShouldBeValidationError("reason");
        var withdrawn = await (await handler.PostJsonAsync($"/api/knowledge/articles/{id}/withdraw", new { note = "标准已调整" })).ShouldBe(HttpStatusCode.OK);

        Assert.Equal("withdrawn", withdrawn.GetProperty("status").GetString());
        Assert.Empty(await SearchIdsAsync(agent, "\"拆迁补偿\""));
        await (await agent.PostJsonAsync($"/api/knowledge/articles/{id}/used", new { })).ShouldBeProblem(HttpStatusCode.Conflict, "knowledge.not_live");
    }

    [Fact]
    public async Task UnitsMaintainOnlyWhatTheirScopeCovers()
    {
        var handler = await app.SignInAsync("handler");
        var otherUnit = await app.SignInAsync("handler2");
        var id = (await CreateAsync(handler, Content("东城区专用口径", "内容"))).GetProperty("id").GetInt64();

        await (await otherUnit.GetAsync($"/api/knowledge/articles/{id}")).ShouldBeProblem(HttpStatusCode.NotFound, "knowledge.not_found");
        await (await otherUnit.PostJsonAsync($"/api/knowledge/articles/{id}/submit", new { })).ShouldBeProblem(HttpStatusCode.NotFound, "knowledge.not_found");
        await (await otherUnit.GetAsync($"/api/knowledge/articles/{id}/timeline")).ShouldBeProblem(HttpStatusCode.NotFound, "knowledge.not_found");
        var list = await (await otherUnit.GetAsync("/api/knowledge/articles?status=draft")).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetInt64() == id);

        // An owner unit outside the author's scope is refused like any unknown unit.
        await (await otherUnit.PostJsonAsync("/api/knowledge/articles", new { ownerUnitId = 1, content = Content("越权", "内容") })).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task InvalidContent_IsRefusedFieldByField()
    {
        var handler = await app.SignInAsync("handler");

        await (await handler.PostJsonAsync("/api/knowledge/articles", new { content = Content("", "内容") })).ShouldBeValidationError("title");
        await (await handler.PostJsonAsync("/api/knowledge/articles", new { content = Content("标题", "内容", regions: ["12"]) })).ShouldBeValidationError("regionCodes");
        await (await handler.PostJsonAsync("/api/knowledge/articles", new { content = Content("停水", "内容", kind: "notice") })).ShouldBeValidationError("periodStart");
        await (await handler.PostJsonAsync("/api/knowledge/articles", new { content = new { kind = "bogus", title = "t" } })).ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task StaleVersion_IsAConflict()
    {
        var handler = await app.SignInAsync("handler");
        var id = (await CreateAsync(handler, Content("并发编辑测试", "内容"))).GetProperty("id").GetInt64();
        var version = (await (await handler.GetAsync($"/api/knowledge/articles/{id}")).ShouldBe(HttpStatusCode.OK)).GetProperty("version").GetInt64();
        await (await handler.PutJsonAsync($"/api/knowledge/articles/{id}", new { content = Content("并发编辑测试一", "内容"), version })).ShouldBe(HttpStatusCode.OK);

        await (await handler.PutJsonAsync($"/api/knowledge/articles/{id}", new { content = Content("并发编辑测试二", "内容"), version })).ShouldBeProblem(HttpStatusCode.Conflict, "concurrency_conflict");
    }
}

public sealed class KnowledgeWorkflowTests_Sqlite(SqliteApp app) : KnowledgeWorkflowTests(app), IClassFixture<SqliteApp>;

public sealed class KnowledgeWorkflowTests_Postgres(PostgresApp app) : KnowledgeWorkflowTests(app), IClassFixture<PostgresApp>;
