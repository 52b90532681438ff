using System.Net;
using System.Text.Json;
using Hotline.Tests.Infrastructure;
using static Hotline.Tests.Knowledge.KnowledgeApi;

namespace Hotline.Tests.Knowledge;

/// <summary>Using knowledge: suggestions at intake, "used in an answer", views, error reports, the citizen portal, bad input.</summary>
public abstract class KnowledgeUseTests(AppFixture app)
{
    [Fact]
    public async Task Suggestions_GiveMatchingArticles_AndTheNoticesInForceForTheCallersArea()
    {
        var agent = await app.SignInAsync("agent");

        // 东华社区 (990102001001) lies in 东华街道, where the demo's planned water cut is under way.
        var body = await (await agent.PostJsonAsync("/api/knowledge/suggestions", new { text = "家里突然没水了，水压也低", regionCode = "990102001001" })).ShouldBe(HttpStatusCode.OK);

        var articles = Titles(body.GetProperty("articles"));
        var notices = Titles(body.GetProperty("notices"));
        Assert.Equal("自来水停水、水压低报修", articles[0]);
        Assert.Contains("东华街道部分区域计划停水通知", notices);
        Assert.DoesNotContain("新桥街道计划停电检修公告", notices);
        Assert.DoesNotContain("西湖街道二次供水设施清洗停水公告", notices);
        Assert.True(articles.Count <= 5);
    }

    [Fact]
    public async Task Suggestions_WithoutText_StillListTheAreasCurrentNotices()
    {
        var agent = await app.SignInAsync("agent");

        var body = await (await agent.PostJsonAsync("/api/knowledge/suggestions", new { regionCode = "990102002" })).ShouldBe(HttpStatusCode.OK);

        Assert.Empty(body.GetProperty("articles").EnumerateArray());
        Assert.Contains("新桥街道计划停电检修公告", Titles(body.GetProperty("notices")));
        Assert.DoesNotContain("东华街道部分区域计划停水通知", Titles(body.GetProperty("notices")));
    }

    [Fact]
    public async Task TheSpringFestivalNotice_IsInForceOnlyDuringTheFestival()
    {
        // The test clock stands at 2 March 2026, after the 2026 festival (17 February): the notice waits for 2027's.
        var agent = await app.SignInAsync("agent");

        var body = await (await agent.PostJsonAsync("/api/knowledge/suggestions", new { regionCode = "990102002" })).ShouldBe(HttpStatusCode.OK);

        Assert.DoesNotContain("春节期间12345热线服务安排", Titles(body.GetProperty("notices")));
        var next = (new DateTime(2027, 2, 4, 16, 0, 0, DateTimeKind.Utc), new DateTime(2027, 2, 12, 16, 0, 0, DateTimeKind.Utc));
        Assert.Equal(next, Seeding.SpringFestival.HolidayNotOverAt(new DateTime(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(next, Seeding.SpringFestival.HolidayNotOverAt(new DateTime(2026, 12, 3, 1, 0, 0, DateTimeKind.Utc)));
        Assert.Equal((new DateTime(2026, 2, 15, 16, 0, 0, DateTimeKind.Utc), new DateTime(2026, 2, 23, 16, 0, 0, DateTimeKind.Utc)),
            Seeding.SpringFestival.HolidayNotOverAt(new DateTime(2026, 2, 18, 1, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public async Task Used_CountsTheUse_AndReturnsTheLiveWordingForTheAnswer()
    {
        var agent = await app.SignInAsync("agent");
        var id = await FindAsync(agent, "燃气泄漏紧急处置口径");

        var used = await (await agent.PostJsonAsync($"/api/knowledge/articles/{id}/used", new { workOrderId = 12345 })).ShouldBe(HttpStatusCode.OK);
        await (await agent.PostJsonAsync($"/api/knowledge/articles/{id}/used", new { })).ShouldBe(HttpStatusCode.OK);

        Assert.Contains("关闭燃气阀门", used.GetProperty("body").GetString(), StringComparison.Ordinal);
        var article = await (await agent.GetAsync($"/api/knowledge/articles/{id}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, article.GetProperty("useCount").GetInt64());
        await (await agent.PostJsonAsync("/api/knowledge/articles/999999/used", new { })).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reading_CountsViews()
    {
        var agent = await app.SignInAsync("agent");
        var id = await FindAsync(agent, "失业保险金申领");

        var first = await (await agent.GetAsync($"/api/knowledge/articles/{id}")).ShouldBe(HttpStatusCode.OK);
        var second = await (await agent.GetAsync($"/api/knowledge/articles/{id}")).ShouldBe(HttpStatusCode.OK);

        Assert.Equal(first.GetProperty("viewCount").GetInt64() + 1, second.GetProperty("viewCount").GetInt64());
    }

    [Fact]
    public async Task ErrorReports_GoToTheOwningUnit_WhichResolvesThem()
    {
        var agent = await app.SignInAsync("agent");
        var water = await app.SignInAsync("water");
        var otherUnit = await app.SignInAsync("handler2");
        var id = await FindAsync(agent, "水费缴纳及阶梯水价");

        await (await agent.PostJsonAsync($"/api/knowledge/articles/{id}/error-reports", new { text = "" })).ShouldBeValidationError("text");
        var report = await (await agent.PostJsonAsync($"/api/knowledge/articles/{id}/error-reports", new { text = "第二档水价已调整为4.8元" })).ShouldBe(HttpStatusCode.Created);
        var reportId = report.GetProperty("id").GetInt64();

        var forWater = await (await water.GetAsync("/api/knowledge/error-reports?status=open")).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(forWater.EnumerateArray(), r => r.GetProperty("id").GetInt64() == reportId);
        var forOthers = await (await otherUnit.GetAsync("/api/knowledge/error-reports")).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(forOthers.EnumerateArray(), r => r.GetProperty("id").GetInt64() == reportId);
        await (await otherUnit.PostJsonAsync($"/api/knowledge/error-reports/{reportId}/resolve", new { outcome = "corrected", note = "已改" })).ShouldBe(HttpStatusCode.NotFound);

        var resolved = await (await water.PostJsonAsync($"/api/knowledge/error-reports/{reportId}/resolve", new { outcome = "corrected", note = "已提交修订" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        await (await water.PostJsonAsync($"/api/knowledge/error-reports/{reportId}/resolve", new { outcome = "corrected", note = "再次" })).ShouldBeProblem(HttpStatusCode.Conflict, "knowledge.error_report_resolved");

        var timeline = await (await water.GetAsync($"/api/knowledge/articles/{id}/timeline")).ShouldBe(HttpStatusCode.OK);
        var actions = timeline.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("errorReported", actions);
        Assert.Contains("errorResolved", actions);
    }

    [Fact]
    public async Task Portal_FindsOnlyCitizenVisibleArticles_Anonymously()
    {
        var citizen = app.Anonymous();
        var agent = await app.SignInAsync("agent");
        var internalId = await FindAsync(agent, "涉法涉诉、信访事项不予受理的答复口径");

        var portal = await (await citizen.GetAsync($"/api/portal/knowledge?q={Uri.EscapeDataString("信访 仲裁")}")).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(internalId, portal.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("entityId").GetInt64()));
        await (await citizen.GetAsync($"/api/portal/knowledge/{internalId}")).ShouldBe(HttpStatusCode.NotFound);

        var publicHits = await (await citizen.GetAsync($"/api/portal/knowledge?q={Uri.EscapeDataString("公积金提取")}")).ShouldBe(HttpStatusCode.OK);
        var first = publicHits.GetProperty("items")[0];
        Assert.Equal("住房公积金提取办事指南", first.GetProperty("title").GetString());
        var read = await (await citizen.GetAsync($"/api/portal/knowledge/{first.GetProperty("entityId").GetInt64()}")).ShouldBe(HttpStatusCode.OK);
        Assert.Contains("租房提取", read.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("，。！？")]
    [InlineData("\"&|!:*()")]
    [InlineData("噪音 NEAR AND OR NOT")]
    [InlineData("'; drop table knowledge_articles; --")]
    [InlineData("物业费\" OR \"1\"=\"1")]
    public async Task OddQueries_AnswerOk(string q)
    {
        var agent = await app.SignInAsync("agent");

        await (await agent.GetAsync($"/api/knowledge/search?q={Uri.EscapeDataString(q)}")).ShouldBe(HttpStatusCode.OK);
        await (await app.Anonymous().GetAsync($"/api/portal/knowledge?q={Uri.EscapeDataString(q)}")).ShouldBe(HttpStatusCode.OK);
        await (await agent.PostJsonAsync("/api/knowledge/suggestions", new { text = q })).ShouldBe(HttpStatusCode.OK);
        await (await agent.GetAsync($"/api/search?kind=knowledge.article&q={Uri.EscapeDataString(q)}")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ThousandCharacterQuery_AnswersOk_AndOnlyAnOverlongOneIsRefused()
    {
        var agent = await app.SignInAsync("agent");
        var thousand = string.Concat(Enumerable.Repeat("楼上邻居装修噪音很大，", 100))[..1000];

        var body = await (await agent.GetAsync($"/api/knowledge/search?q={Uri.EscapeDataString(thousand)}")).ShouldBe(HttpStatusCode.OK);
        Assert.True(body.GetProperty("items").GetArrayLength() > 0);
        await (await agent.GetAsync($"/api/knowledge/search?q={new string('a', 2001)}")).ShouldBeValidationError("q");
    }

    [Theory]
    [InlineData("/api/knowledge/search?pageSize=abc", "pageSize")]
    [InlineData("/api/knowledge/search?page=0", "page")]
    [InlineData("/api/knowledge/search?pageSize=500", "pageSize")]
    [InlineData("/api/knowledge/search?regionCode=12", "regionCode")]
    [InlineData("/api/knowledge/search?kind=workOrder", "kind")]
    [InlineData("/api/search?q=x", "kind")]
    [InlineData("/api/knowledge/articles?status=gone", "status")]
    public async Task MalformedRequests_Answer400NamingTheField(string url, string field)
    {
        var reviewer = await app.SignInAsync("teamlead");

        await (await reviewer.GetAsync(url)).ShouldBeValidationError(field);
    }

    [Theory]
    [InlineData(99, null, "limit")]
    [InlineData(0, null, "limit")]
    [InlineData(null, "12", "regionCode")]
    public async Task Suggestions_WithABadLimitOrRegion_Answer400NamingTheField(int? limit, string? regionCode, string field)
    {
        var agent = await app.SignInAsync("agent");

        await (await agent.PostJsonAsync("/api/knowledge/suggestions", new { text = "停水", regionCode, limit })).ShouldBeValidationError(field);
    }

    [Fact]
    public async Task KnowledgeSearch_FiltersByKindCategoryAndRegion()
    {
        var agent = await app.SignInAsync("agent");

        var notices = await (await agent.GetAsync($"/api/knowledge/search?q={Uri.EscapeDataString("停水")}&kind=notice")).ShouldBe(HttpStatusCode.OK);
        Assert.All(notices.GetProperty("items").EnumerateArray(), i => Assert.Equal("knowledge.notice", i.GetProperty("kind").GetString()));

        var xicheng = await (await agent.GetAsync($"/api/knowledge/search?q={Uri.EscapeDataString("停水")}&kind=notice&regionCode=990103")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(["西湖街道二次供水设施清洗停水公告"], Titles(xicheng.GetProperty("items")));

        var category = await (await agent.GetAsync($"/api/knowledge/search?q={Uri.EscapeDataString("投诉")}&category={Uri.EscapeDataString("交通出行")}")).ShouldBe(HttpStatusCode.OK);
        Assert.All(category.GetProperty("items").EnumerateArray(), i => Assert.Equal("交通出行", i.GetProperty("category").GetString()));
        Assert.True(category.GetProperty("total").GetInt32() >= 2);
    }

    private static List<string> Titles(JsonElement items) => items.EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();

    private static async Task<long> FindAsync(HttpClient client, string title)
    {
        var body = await (await client.GetAsync($"/api/knowledge/search?q={Uri.EscapeDataString("\"" + title + "\"")}")).ShouldBe(HttpStatusCode.OK);
        return body.GetProperty("items").EnumerateArray().First(i => i.GetProperty("title").GetString() == title).GetProperty("entityId").GetInt64();
    }
}

public sealed class KnowledgeUseTests_Sqlite(SqliteApp app) : KnowledgeUseTests(app), IClassFixture<SqliteApp>;

public sealed class KnowledgeUseTests_Postgres(PostgresApp app) : KnowledgeUseTests(app), IClassFixture<PostgresApp>;
