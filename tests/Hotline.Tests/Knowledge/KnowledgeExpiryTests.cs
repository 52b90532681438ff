using System.Net;
using Hotline.Features.Knowledge;
using Hotline.Tests.Infrastructure;
using static Hotline.Tests.Knowledge.KnowledgeApi;

namespace Hotline.Tests.Knowledge;

/// <summary>Expiry dates: owners are warned seven days ahead (once), and expired content leaves search at once.</summary>
public abstract class KnowledgeExpiryTests(AppFixture app)
{
    [Fact]
    public async Task ExpiringArticle_WarnsItsOwnerOnceAWeekAhead_ThenLeavesSearchAndUse()
    {
        var handler = await app.SignInAsync("handler");
        var reviewer = await app.SignInAsync("teamlead");
        var agent = await app.SignInAsync("agent");
        var otherUnit = await app.SignInAsync("handler2");
        var job = app.Services.GetRequiredService<KnowledgeExpiryJob>();
        var start = app.Time.GetUtcNow();
        var expiresAt = start.AddDays(10);
        var id = await PublishAsync(handler, reviewer, Content("棚户区改造临时安置补贴口径", "临时安置补贴按月发放", expiresAt: expiresAt));

        await job.RunOnceAsync();
        Assert.DoesNotContain(await WarningsAsync(handler), w => w == id);

        app.Time.Set(expiresAt.AddDays(-6));
        (handler, reviewer, otherUnit) = (await app.SignInAsync("handler"), await app.SignInAsync("teamlead"), await app.SignInAsync("handler2"));
        await job.RunOnceAsync();
        await job.RunOnceAsync();
        var warnings = await WarningsAsync(handler);
        Assert.Single(warnings, w => w == id);
        Assert.DoesNotContain(await WarningsAsync(otherUnit), w => w == id);
        Assert.Contains(await WarningsAsync(reviewer), w => w == id);

        // Search judges the expiry date itself: the article is gone the moment it expires, before the job runs.
        app.Time.Set(expiresAt.AddSeconds(1));
        (handler, reviewer, agent) = (await app.SignInAsync("handler"), await app.SignInAsync("teamlead"), await app.SignInAsync("agent"));
        Assert.Empty(await SearchIdsAsync(agent, "\"临时安置补贴\""));
        await (await agent.PostJsonAsync($"/api/knowledge/articles/{id}/used", new { })).ShouldBeProblem(HttpStatusCode.Conflict, "knowledge.not_live");

        var (expired, _) = await job.RunOnceAsync();
        Assert.True(expired >= 1);
        var article = await (await handler.GetAsync($"/api/knowledge/articles/{id}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("expired", article.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, article.GetProperty("liveVersion").ValueKind);
        await (await agent.GetAsync($"/api/knowledge/articles/{id}")).ShouldBe(HttpStatusCode.NotFound);
        Assert.DoesNotContain(await WarningsAsync(handler), w => w == id);
        var timeline = await (await handler.GetAsync($"/api/knowledge/articles/{id}/timeline")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("expired", timeline.EnumerateArray().Last().GetProperty("action").GetString());
        Assert.Equal((0, 0), await job.RunOnceAsync());

        // Renewed with a later expiry date and approved again, it is back.
        var version = article.GetProperty("version").GetInt64();
        await (await handler.PutJsonAsync($"/api/knowledge/articles/{id}", new { content = Content("棚户区改造临时安置补贴口径", "临时安置补贴按月发放", expiresAt: expiresAt.AddDays(365)), version })).ShouldBe(HttpStatusCode.OK);
        await (await handler.PostJsonAsync($"/api/knowledge/articles/{id}/submit", new { })).ShouldBe(HttpStatusCode.OK);
        await (await reviewer.PostJsonAsync($"/api/knowledge/articles/{id}/approve", new { })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal([id], await SearchIdsAsync(agent, "\"临时安置补贴\""));
        app.Time.Set(start);
    }

    [Fact]
    public async Task SubmittingWithAPastExpiryDate_IsRefused()
    {
        var handler = await app.SignInAsync("handler");
        var id = (await CreateAsync(handler, Content("已过期的口径", "内容", expiresAt: app.Time.GetUtcNow().AddDays(-1)))).GetProperty("id").GetInt64();

        await (await handler.PostJsonAsync($"/api/knowledge/articles/{id}/submit", new { })).ShouldBeProblem(HttpStatusCode.Conflict, "knowledge.expiry_in_past");
    }

    private static async Task<List<long>> WarningsAsync(HttpClient client)
    {
        var body = await (await client.GetAsync("/api/knowledge/expiry-warnings")).ShouldBe(HttpStatusCode.OK);
        return body.EnumerateArray().Select(w => w.GetProperty("articleId").GetInt64()).ToList();
    }
}

public sealed class KnowledgeExpiryTests_Sqlite(SqliteApp app) : KnowledgeExpiryTests(app), IClassFixture<SqliteApp>;

public sealed class KnowledgeExpiryTests_Postgres(PostgresApp app) : KnowledgeExpiryTests(app), IClassFixture<PostgresApp>;

/// <summary>The anonymous portal search is rate-limited per client address.</summary>
public abstract class PortalRateLimitTests(AppFixture app)
{
    [Fact]
    public async Task PortalSearch_BeyondTheLimit_Answers429()
    {
        var citizen = app.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            await (await citizen.GetAsync("/api/portal/knowledge?q=%E5%81%9C%E6%B0%B4")).ShouldBe(HttpStatusCode.OK);
        }

        var limited = await citizen.GetAsync("/api/portal/knowledge?q=%E5%81%9C%E6%B0%B4");
        await limited.ShouldBeProblem(HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 429 says when to try again");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await citizen.GetAsync("/api/portal/knowledge/1")).StatusCode);

        // Staff search is not the portal's: it is not limited by it.
        var agent = await app.SignInAsync("agent");
        await (await agent.GetAsync("/api/knowledge/search?q=%E5%81%9C%E6%B0%B4")).ShouldBe(HttpStatusCode.OK);
    }

    public abstract class LimitedApp(Hotline.Infrastructure.Data.DatabaseProvider provider) : AppFixture(provider)
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Portal:KnowledgeRequestsPerMinute", "5")];
    }

    public sealed class LimitedSqliteApp() : LimitedApp(Hotline.Infrastructure.Data.DatabaseProvider.Sqlite);

    public sealed class LimitedPostgresApp() : LimitedApp(Hotline.Infrastructure.Data.DatabaseProvider.Postgres);
}

public sealed class PortalRateLimitTests_Sqlite(PortalRateLimitTests.LimitedSqliteApp app) : PortalRateLimitTests(app), IClassFixture<PortalRateLimitTests.LimitedSqliteApp>;

public sealed class PortalRateLimitTests_Postgres(PortalRateLimitTests.LimitedPostgresApp app) : PortalRateLimitTests(app), IClassFixture<PortalRateLimitTests.LimitedPostgresApp>;
