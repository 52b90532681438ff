using System.Net;
using System.Text.Json;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.Knowledge;

/// <summary>Issue 14, item 10: the hotline's framing of a call (来电人反映…要求相关部门处理) does not choose the knowledge suggested.</summary>
public abstract class SuggestionNoiseTests(AppFixture app)
{
    private static readonly string[] Unrelated = ["来电人要求保密的处理口径", "工单办理进度查询答复口径", "涉法涉诉、信访事项不予受理的答复口径", "12345热线受理范围答复口径"];

    [Fact]
    public async Task ANoiseComplaint_WrittenTheHotlinesWay_SuggestsNoiseArticles_NotTheHotlinesOwnWording()
    {
        var agent = await app.SignInAsync("agent");

        var body = await (await agent.PostJsonAsync("/api/knowledge/suggestions", new
        {
            text = "夜间施工噪音 来电人反映小区旁工地每天夜间施工到凌晨，噪音很大，希望相关部门尽快处理",
            regionCode = "990102001",
        })).ShouldBe(HttpStatusCode.OK);

        var titles = Titles(body.GetProperty("articles"));
        Assert.Equal("夜间施工噪音扰民答复口径", titles[0]);
        Assert.All(Unrelated, u => Assert.DoesNotContain(u, titles));
        var snippets = string.Concat(body.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("snippetHtml").GetString()));
        Assert.DoesNotContain("<mark>来电", snippets, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyTheHotlinesFraming_SuggestsNoArticle()
    {
        var agent = await app.SignInAsync("agent");

        var body = await (await agent.PostJsonAsync("/api/knowledge/suggestions", new { text = "来电人反映，要求相关部门处理" })).ShouldBe(HttpStatusCode.OK);

        Assert.Empty(body.GetProperty("articles").EnumerateArray());
    }

    [Fact]
    public async Task TheSameFramingInASearch_IsStillSearchable()
    {
        // Only suggestions rank without the framing; a search for the words themselves still finds them.
        var agent = await app.SignInAsync("agent");

        var body = await (await agent.GetAsync($"/api/knowledge/search?q={Uri.EscapeDataString("来电人要求保密")}")).ShouldBe(HttpStatusCode.OK);

        Assert.Contains("来电人要求保密的处理口径", Titles(body.GetProperty("items")));
    }

    private static List<string> Titles(JsonElement items) => items.EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();
}

public sealed class SuggestionNoiseTests_Sqlite(SqliteApp app) : SuggestionNoiseTests(app), IClassFixture<SqliteApp>;

public sealed class SuggestionNoiseTests_Postgres(PostgresApp app) : SuggestionNoiseTests(app), IClassFixture<PostgresApp>;
