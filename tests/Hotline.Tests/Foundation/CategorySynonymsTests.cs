using System.Net;
using System.Text.Json;
using Hotline.Domain.Dispatch;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;

namespace Hotline.Tests.Foundation;

/// <summary>
/// Category synonyms over HTTP (issue 14, item 4): the administrator saves the common words of a category
/// (<c>PUT /api/categories/{code}</c>, migration M0049, a comma list on the row), everyone who registers orders reads them
/// in the category list the intake picker searches (<c>GET /api/categories</c>: the picker matches the typed word
/// against names, synonyms and pinyin initials in the browser, web/src/features/intake/categories.ts), the limits are
/// refused with the field named, only the administrator edits them, and a concurrent edit is refused rather than lost.
/// </summary>
public abstract class CategorySynonymsTests(AppFixture app) : WorkOrderHttpTests(app)
{
    [Fact]
    public async Task SavedSynonyms_AreReadBack_AndTheAgentsCategoryListFindsTheCategoryByOne()
    {
        var created = await CreateAsync("94", ["噪音", "吵闹"]);
        Assert.Equal(["噪音", "吵闹"], Words(created));

        // Trimmed, blanks and repeats dropped, the order kept.
        var saved = await (await (await Api.As("admin")).PutJsonAsync("/api/categories/94", new
        {
            name = "声环境",
            isActive = true,
            synonyms = new[] { " 噪音 ", "", "扰民", "噪音", "夜里吵" },
            version = created.GetProperty("version").GetInt64(),
        })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(["噪音", "扰民", "夜里吵"], Words(saved));

        var list = await (await Api.As("agent")).GetAsync("/api/categories").ShouldBeOk();
        var found = list.EnumerateArray().Where(c => Words(c).Contains("夜里吵")).Select(c => c.GetProperty("code").GetString()).ToList();
        Assert.Equal(["94"], found);
        Assert.Equal("声环境", list.EnumerateArray().Single(c => c.GetProperty("code").GetString() == "94").GetProperty("name").GetString());

        // A rename that leaves the synonyms out keeps them.
        var renamed = await (await (await Api.As("admin")).PutJsonAsync("/api/categories/94", new
        {
            name = "声环境（改）",
            isActive = true,
            version = saved.GetProperty("version").GetInt64(),
        })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(["噪音", "扰民", "夜里吵"], Words(renamed));
    }

    [Fact]
    public async Task TooManyWords_AWordTooLong_AComma_OrANul_Are400NamingTheField_AndChangeNothing()
    {
        var created = await CreateAsync("93", ["停水"]);
        var version = created.GetProperty("version").GetInt64();
        var admin = await Api.As("admin");

        var tooMany = Enumerable.Range(1, Category.MaxSynonyms + 1).Select(i => $"词{i}").ToArray();
        await (await admin.PutJsonAsync("/api/categories/93", new { name = "供水", isActive = true, synonyms = tooMany, version })).ShouldBeValidationError("synonyms");
        var tooLong = new string('水', Category.MaxSynonymLength + 1);
        await (await admin.PutJsonAsync("/api/categories/93", new { name = "供水", isActive = true, synonyms = new[] { "没水", tooLong }, version })).ShouldBeValidationError("synonyms");
        await (await admin.PutJsonAsync("/api/categories/93", new { name = "供水", isActive = true, synonyms = new[] { "没水,断水" }, version })).ShouldBeValidationError("synonyms");
        await (await admin.PutJsonAsync("/api/categories/93", new { name = "供水", isActive = true, synonyms = new[] { "没水", "断\u0000水" }, version })).ShouldBeValidationError("synonyms[1]");
        await (await admin.PostJsonAsync("/api/categories", new { code = "92", name = "供电", synonyms = tooMany })).ShouldBeValidationError("synonyms");

        // Exactly at the limits is accepted.
        var atLimit = Enumerable.Range(1, Category.MaxSynonyms - 1).Select(i => $"词{i}").Append(new string('水', Category.MaxSynonymLength)).ToArray();
        var saved = await (await admin.PutJsonAsync("/api/categories/93", new { name = "供水", isActive = true, synonyms = atLimit, version })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(atLimit, Words(saved));
        Assert.DoesNotContain((await admin.GetAsync("/api/categories").ShouldBeOk()).EnumerateArray(), c => c.GetProperty("code").GetString() == "92");
    }

    [Theory]
    [InlineData("agent", "81")]
    [InlineData("dispatcher", "82")]
    [InlineData("manager", "83")]
    [InlineData("supervisor", "84")]
    [InlineData("handler", "85")]
    public async Task OnlyTheAdministrator_EditsSynonyms(string user, string code)
    {
        var created = await CreateAsync(code, ["原词"]);

        await (await (await Api.As(user)).PutJsonAsync($"/api/categories/{code}", new
        {
            name = "别人改的",
            isActive = true,
            synonyms = new[] { "别人加的" },
            version = created.GetProperty("version").GetInt64(),
        })).ShouldBe(HttpStatusCode.Forbidden);
        await (await (await Api.As(user)).PostJsonAsync("/api/categories", new { code = $"{code}01", name = "别人建的", parentCode = code, synonyms = new[] { "词" } })).ShouldBe(HttpStatusCode.Forbidden);

        Assert.Equal(["原词"], Words(Find(await (await Api.As("agent")).GetAsync("/api/categories").ShouldBeOk(), code)));
    }

    [Fact]
    public async Task TwoAdministratorsEditingTheSameVersion_TheSecondIsRefused_AndTheFirstsWordsStay()
    {
        var created = await CreateAsync("91", ["煤气"]);
        var version = created.GetProperty("version").GetInt64();
        var admin = await Api.As("admin");
        var other = await App.SignInAsync("admin");

        await (await admin.PutJsonAsync("/api/categories/91", new { name = "燃气", isActive = true, synonyms = new[] { "煤气", "天然气" }, version })).ShouldBe(HttpStatusCode.OK);
        await (await other.PutJsonAsync("/api/categories/91", new { name = "燃气", isActive = true, synonyms = new[] { "液化气" }, version }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "concurrency_conflict");

        var now = Find(await admin.GetAsync("/api/categories").ShouldBeOk(), "91");
        Assert.Equal(["煤气", "天然气"], Words(now));

        // The second administrator reloads, sees the first's words and adds to them.
        var merged = await (await other.PutJsonAsync("/api/categories/91", new { name = "燃气", isActive = true, synonyms = Words(now).Append("液化气"), version = now.GetProperty("version").GetInt64() }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal(["煤气", "天然气", "液化气"], Words(merged));
    }

    private async Task<JsonElement> CreateAsync(string code, string[] synonyms) =>
        await (await (await Api.As("admin")).PostJsonAsync("/api/categories", new { code, name = $"测试类别{code}", synonyms })).ShouldBe(HttpStatusCode.Created);

    private static JsonElement Find(JsonElement list, string code) => list.EnumerateArray().Single(c => c.GetProperty("code").GetString() == code);

    private static List<string> Words(JsonElement category) => category.GetProperty("synonyms").EnumerateArray().Select(w => w.GetString()!).ToList();
}

public sealed class CategorySynonymsTests_Sqlite(SqliteApp app) : CategorySynonymsTests(app), IClassFixture<SqliteApp>;

public sealed class CategorySynonymsTests_Postgres(PostgresApp app) : CategorySynonymsTests(app), IClassFixture<PostgresApp>;
