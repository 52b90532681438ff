using System.Net;
using System.Text;
using Hotline.Infrastructure.Web;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Hotline.Text;

namespace Hotline.Tests.Foundation;

/// <summary>
/// Control characters (issue 13, defect 3): PostgreSQL refused NUL with a 500 where SQLite stored it. Every request that
/// carries one in its path, query string or JSON body is a 400 naming the field, on both databases, and writes nothing.
/// </summary>
public abstract class ControlCharacterTests(AppFixture app) : WorkOrderHttpTests(app)
{
    [Fact]
    public async Task WorkOrderActions_TextWithNul_Is400NamingTheField_AndWritesNothing()
    {
        var id = await Api.Dispatched();
        var before = (await Api.Timeline("dispatcher", id)).GetArrayLength();

        await (await Api.Act("supervisor", id, "remind", new { text = "请尽快\u0000处理" })).ShouldBeValidationError("text");
        await (await Api.Act("dispatcher", id, "reveal-caller", new { reason = "\u0000" })).ShouldBeValidationError("reason");
        await (await Api.Act("dispatcher", id, "redispatch", new { leadUnitId = await Api.UnitId("AL-DC-ZJ"), note = "改派\u0001" })).ShouldBeValidationError("note");
        await (await Api.Act("handler", id, "sign")).ShouldBe(HttpStatusCode.OK);
        await (await Api.Act("handler", id, "request-extension", new { days = 3, reason = "等待\u001F配件" })).ShouldBeValidationError("reason");

        Assert.Equal(before + 1, (await Api.Timeline("dispatcher", id)).GetArrayLength());
    }

    [Fact]
    public async Task NestedFieldsAndArrays_AreNamedByTheirPath()
    {
        var order = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(WorkOrderApi.Order()))!;
        order["caller"]!["name"] = "张\u0000三";
        var client = await Api.As("agent");
        using var content = new StringContent(order.ToJsonString(), Encoding.UTF8, "application/json");
        await (await client.PostAsync("/api/work-orders", content)).ShouldBeValidationError("caller.name");

        order["caller"]!["name"] = "张三";
        order["attachments"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["name"] = "照片\u0000.jpg" });
        using var second = new StringContent(order.ToJsonString(), Encoding.UTF8, "application/json");
        await (await client.PostAsync("/api/work-orders", second)).ShouldBeValidationError("attachments[0].name");
    }

    [Fact]
    public async Task OtherEndpoints_QueryAndBodyWithNul_Are400()
    {
        var admin = await Api.As("admin");
        await (await admin.PostJsonAsync("/api/users/search", new { q = "\u0000" })).ShouldBeValidationError("q");
        await (await admin.PutJsonAsync("/api/calendar/years/2026", new { source = "国务院\u0000", days = Array.Empty<object>() })).ShouldBeValidationError("source");

        await (await (await Api.As("expert")).GetAsync("/api/knowledge/articles?q=%00")).ShouldBeValidationError("q");
        var agent = await Api.As("agent");
        await (await agent.PostJsonAsync("/api/knowledge/articles/1/error-reports", new { text = "有误\u0000" })).ShouldBeValidationError("text");
        await (await agent.PostJsonAsync("/api/routing/suggestions", new { subject = "噪音\u0000", events = "", demand = "" })).ShouldBeValidationError("subject");
    }

    [Fact]
    public async Task TabsNewlinesAndEmoji_AreAccepted()
    {
        var id = await Api.Dispatched();
        await Api.Ok("supervisor", id, "remind", new { text = "第一行\n第二行\t请尽快 😀" });
    }
}

public sealed class ControlCharacterTests_Sqlite(SqliteApp app) : ControlCharacterTests(app), IClassFixture<SqliteApp>;

public sealed class ControlCharacterTests_Postgres(PostgresApp app) : ControlCharacterTests(app), IClassFixture<PostgresApp>;

public sealed class ControlCharactersTextTests
{
    [Theory]
    [InlineData("普通文本", -1)]
    [InlineData("行一\n行二\r\n\t缩进", -1)]
    [InlineData("表情 😀 可以", -1)]
    [InlineData("a\u0000b", 1)]
    [InlineData("\u0007", 0)]
    [InlineData("x\u007F", 1)]
    public void IndexOfRefused_FindsControls_NotTabsNewlinesOrSurrogatePairs(string text, int expected) =>
        Assert.Equal(expected, ControlCharacters.IndexOfRefused(text));

    [Fact]
    public void IndexOfRefused_FindsLoneSurrogates()
    {
        // Built in code: a test runner's serialisation would replace a lone surrogate in attribute data.
        Assert.Equal(1, ControlCharacters.IndexOfRefused("孤" + (char)0xD83D));
        Assert.Equal(0, ControlCharacters.IndexOfRefused((char)0xDE00 + "尾"));
        Assert.Equal(2, ControlCharacters.IndexOfRefused("ab" + (char)0xD83D + "c"));
    }
}

public sealed class ControlCharacterBodyScanTests
{
    [Theory]
    [InlineData("""{"text":"普通文本 \"引号\" 和 \\ 反斜杠\n"}""", false)]
    [InlineData("""{"text":"行一\n行二\t"}""", false)]
    [InlineData("""{"text":"a\\u0000b"}""", false)]
    [InlineData("""{"text":"a\u0000b"}""", true)]
    [InlineData("""{"text":"a\\\u0000b"}""", true)]
    [InlineData("""{"text":"\u4e2d"}""", true)]
    public void MayHoldRefused_ParsesOnlyBodiesWithAUnicodeEscapeOrAControlByte(string json, bool suspect) =>
        Assert.Equal(suspect, ControlCharacterFilter.MayHoldRefused(System.Text.Encoding.UTF8.GetBytes(json)));

    [Fact]
    public async Task FindInJson_NamesTheFieldOfAnEscapedNul_AndPassesAPlainBody()
    {
        using var plain = new MemoryStream("""{"a":{"b":["x","普通"]}}"""u8.ToArray());
        using var nul = new MemoryStream("""{"a":{"b":["x","y\u0000"]}}"""u8.ToArray());

        Assert.Null(await ControlCharacterFilter.FindInJsonAsync(plain, CancellationToken.None));
        Assert.Equal("a.b[1]", await ControlCharacterFilter.FindInJsonAsync(nul, CancellationToken.None));
    }
}
