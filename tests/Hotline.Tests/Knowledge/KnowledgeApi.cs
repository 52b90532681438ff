using System.Net;
using System.Text.Json;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.Knowledge;

/// <summary>Shortcuts for the knowledge API in tests: content bodies, publishing through the real workflow, searching.</summary>
internal static class KnowledgeApi
{
    public static object Content(string title, string body, string kind = "faq", string category = "测试", string[]? regions = null, string[]? keywords = null,
        bool citizen = true, DateTimeOffset? expiresAt = null, DateTimeOffset? periodStart = null, DateTimeOffset? periodEnd = null) => new
        {
            kind,
            title,
            body,
            category,
            regionCodes = regions ?? [],
            keywords = keywords ?? [],
            isCitizenVisible = citizen,
            expiresAt,
            periodStart,
            periodEnd,
        };

    public static async Task<JsonElement> CreateAsync(HttpClient author, object content, long? ownerUnitId = null) =>
        await (await author.PostJsonAsync("/api/knowledge/articles", new { ownerUnitId, content })).ShouldBe(HttpStatusCode.Created);

    /// <summary>Creates, submits and approves an article; returns its id.</summary>
    public static async Task<long> PublishAsync(HttpClient author, HttpClient reviewer, object content)
    {
        var id = (await CreateAsync(author, content)).GetProperty("id").GetInt64();
        await (await author.PostJsonAsync($"/api/knowledge/articles/{id}/submit", new { })).ShouldBe(HttpStatusCode.OK);
        await (await reviewer.PostJsonAsync($"/api/knowledge/articles/{id}/approve", new { })).ShouldBe(HttpStatusCode.OK);
        return id;
    }

    public static async Task<List<long>> SearchIdsAsync(HttpClient client, string query, string extra = "")
    {
        var body = await (await client.GetAsync($"/api/knowledge/search?q={Uri.EscapeDataString(query)}{extra}")).ShouldBe(HttpStatusCode.OK);
        return body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("entityId").GetInt64()).ToList();
    }
}
