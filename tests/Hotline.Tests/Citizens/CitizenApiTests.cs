using System.Net;
using System.Text.Json;
using Hotline.Domain.CitizenMessages;
using Hotline.Domain.Citizens;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Citizens;

/// <summary>Issue 18: one-time codes, the citizen token, channel keys and the submissions' checks.</summary>
public abstract class CitizenApiTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private readonly CitizenApi _citizen = new(app);

    [Fact]
    public async Task Code_IsHashedAtRest_AndExpiresAfterFiveMinutes()
    {
        var (phone, n) = CitizenApi.NewCitizen();
        var client = _citizen.Client(n);
        var sent = await (await CitizenApi.RequestCode(client, phone)).ShouldBe(HttpStatusCode.Accepted);
        Assert.Equal(300, sent.GetProperty("expiresInSeconds").GetInt32());
        var code = await _citizen.LastCode(phone);
        Assert.Matches("^[0-9]{6}$", code);

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var row = await db.Set<OneTimeCode>().AsNoTracking().SingleAsync(c => c.PhoneKey == CitizenRules.PhoneKey(phone));
            var stored = JsonSerializer.Serialize(row);
            Assert.DoesNotContain(code, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(phone, stored, StringComparison.Ordinal);
            Assert.Equal(64, row.CodeHash.Length);
        }

        App.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await (await client.PostJsonAsync("/api/citizen/codes/verify", new { phone, purpose = "track", code })).ShouldBeValidationError("code");
    }

    [Fact]
    public async Task Code_FiveWrongTries_KillIt_EvenForTheRightCode()
    {
        var (phone, n) = CitizenApi.NewCitizen();
        var client = _citizen.Client(n);
        await (await CitizenApi.RequestCode(client, phone)).ShouldBe(HttpStatusCode.Accepted);
        var code = await _citizen.LastCode(phone);
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < CitizenRules.CodeTries; i++)
        {
            await (await client.PostJsonAsync("/api/citizen/codes/verify", new { phone, purpose = "track", code = wrong })).ShouldBeValidationError("code");
        }

        var dead = await (await client.PostJsonAsync("/api/citizen/codes/verify", new { phone, purpose = "track", code })).ShouldBeValidationError("code");
        Assert.Contains("失效", dead.GetProperty("errors").GetProperty("code")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_RightOnce_GivesAToken_AndIsUsedUp()
    {
        var (phone, n) = CitizenApi.NewCitizen();
        var client = _citizen.Client(n);
        await (await CitizenApi.RequestCode(client, phone)).ShouldBe(HttpStatusCode.Accepted);
        var code = await _citizen.LastCode(phone);
        var token = await (await client.PostJsonAsync("/api/citizen/codes/verify", new { phone, purpose = "track", code })).ShouldBe(HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(token.GetProperty("token").GetString()));
        await (await client.PostJsonAsync("/api/citizen/codes/verify", new { phone, purpose = "track", code })).ShouldBeValidationError("code");
    }

    [Fact]
    public async Task Codes_AreRateLimited_PerPhone_OnePerMinuteAndFivePerHour()
    {
        var (phone, n) = CitizenApi.NewCitizen();
        var client = _citizen.Client(n);
        await (await CitizenApi.RequestCode(client, phone)).ShouldBe(HttpStatusCode.Accepted);
        var refused = await CitizenApi.RequestCode(client, phone);
        var problem = await refused.ShouldBeProblem(HttpStatusCode.TooManyRequests, "citizen.code_rate_limited");
        Assert.InRange(problem.GetProperty("retryAfterSeconds").GetInt32(), 1, 60);
        Assert.NotNull(refused.Headers.RetryAfter);

        for (var i = 1; i < CitizenRules.CodesPerPhonePerHour; i++)
        {
            App.Time.Advance(TimeSpan.FromSeconds(61));
            await (await CitizenApi.RequestCode(client, phone)).ShouldBe(HttpStatusCode.Accepted);
        }

        App.Time.Advance(TimeSpan.FromSeconds(61));
        await (await CitizenApi.RequestCode(client, phone)).ShouldBeProblem(HttpStatusCode.TooManyRequests, "citizen.code_rate_limited");
        App.Time.Advance(TimeSpan.FromHours(1));
        await (await CitizenApi.RequestCode(client, phone)).ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Codes_AreRateLimited_PerClientAddress()
    {
        var (_, n) = CitizenApi.NewCitizen();
        var client = _citizen.Client(n + 5000);
        for (var i = 0; i < CitizenRules.CodesPerAddressPerHour; i++)
        {
            var (phone, _) = CitizenApi.NewCitizen();
            await (await CitizenApi.RequestCode(client, phone)).ShouldBe(HttpStatusCode.Accepted);
        }

        var (another, _) = CitizenApi.NewCitizen();
        await (await CitizenApi.RequestCode(client, another)).ShouldBeProblem(HttpStatusCode.TooManyRequests, "citizen.code_rate_limited");
    }

    [Fact]
    public async Task Submission_WithoutAVerifiedPhone_IsRefused401()
    {
        var (_, n) = CitizenApi.NewCitizen();
        await (await _citizen.Client(n).PostJsonAsync("/api/citizen/submissions", CitizenApi.Submission())).ShouldBeProblem(HttpStatusCode.Unauthorized, "citizen.token_required");
        var forged = _citizen.Client(n);
        forged.DefaultRequestHeaders.Add("X-Citizen-Token", "not-a-token");
        await (await forged.GetAsync("/api/citizen/submissions")).ShouldBeProblem(HttpStatusCode.Unauthorized, "citizen.token_required");
    }

    [Fact]
    public async Task Submission_EachBadField_IsRefusedWithItsName()
    {
        var (phone, n) = CitizenApi.NewCitizen();
        var client = _citizen.Client(n);
        await _citizen.Verify(client, phone);
        var bad = await (await client.PostJsonAsync("/api/citizen/submissions", new
        {
            categoryCode = "99999999",
            regionCode = "990102",
            address = " ",
            latitude = 91.0,
            description = "太短",
        })).ShouldBe(HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        foreach (var field in new[] { "requestType", "categoryCode", "regionCode", "address", "latitude", "longitude", "description" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {bad}");
        }

        Assert.Contains("街道", errors.GetProperty("regionCode")[0].GetString(), StringComparison.Ordinal);
        await (await client.PostJsonAsync("/api/citizen/submissions", new { requestType = "complaint", demand = new string('求', 2001) })).ShouldBeValidationError("demand");
        await (await client.PostJsonAsync("/api/citizen/submissions", new { requestType = "complaint", citizenName = new string('名', 51) })).ShouldBeValidationError("citizenName");
        await (await client.PostJsonAsync("/api/citizen/submissions", new { requestType = "complaint", description = new string('述', 4001) })).ShouldBeValidationError("description");
        await (await client.PostJsonAsync("/api/citizen/submissions", new { requestType = "nonsense" })).ShouldBeValidationError("requestType");
    }

    [Fact]
    public async Task Submission_IsQueued_WithANumberAndAnSms_AndOnlyItsPhoneCanReadIt()
    {
        var (client, phone, number) = await _citizen.Submitted();
        var progress = await CitizenApi.Track(client, number);
        Assert.Equal("queued", progress.GetProperty("stage").GetString());
        Assert.Single((await (await client.GetAsync("/api/citizen/submissions")).ShouldBe(HttpStatusCode.OK)).EnumerateArray(), s => s.GetProperty("number").GetString() == number);

        var (otherPhone, m) = CitizenApi.NewCitizen();
        var other = _citizen.Client(m);
        await _citizen.Verify(other, otherPhone, "track");
        var theirs = await (await other.GetAsync($"/api/citizen/submissions/{number}")).ShouldBeProblem(HttpStatusCode.NotFound, "submission.not_found");
        var missing = await (await other.GetAsync("/api/citizen/submissions/W202603029999999999")).ShouldBeProblem(HttpStatusCode.NotFound, "submission.not_found");
        Assert.Equal(missing.GetProperty("title").GetString(), theirs.GetProperty("title").GetString());
        Assert.DoesNotContain((await (await other.GetAsync("/api/citizen/submissions")).ShouldBe(HttpStatusCode.OK)).EnumerateArray(), s => s.GetProperty("number").GetString() == number);

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var sms = await db.Set<CitizenMessage>().AsNoTracking().Where(m => m.Kind == CitizenMessageKind.SubmissionReceived && m.Recipient == phone).ToListAsync();
        Assert.Contains(number, Assert.Single(sms).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChannelKey_Create_Use_Rotate_Revoke()
    {
        var admin = await Api.As("admin");
        var created = await (await admin.PostJsonAsync("/api/channel-keys", new { name = "市民App", channel = "app" })).ShouldBe(HttpStatusCode.Created);
        var first = created.GetProperty("secret").GetString()!;
        var id = created.GetProperty("key").GetProperty("id").GetInt64();
        var list = await (await admin.GetAsync("/api/channel-keys")).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(first, list.ToString(), StringComparison.Ordinal);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<ChannelKey>().AsNoTracking().SingleAsync(k => k.Id == id);
            Assert.DoesNotContain(first, JsonSerializer.Serialize(stored), StringComparison.Ordinal);
        }

        var (_, _, number) = await _citizen.Submitted(first);
        var agent = await Api.As("agent");
        var queued = await CitizenApi.Queued(agent, number);
        Assert.Equal("app", queued.GetProperty("channel").GetString());
        var one = await (await agent.GetAsync($"/api/online-intake/{queued.GetProperty("id").GetInt64()}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("市民App", one.GetProperty("channelKeyName").GetString());

        var rotated = await (await admin.PostJsonAsync($"/api/channel-keys/{id}/rotate", new { version = created.GetProperty("key").GetProperty("version").GetInt64() })).ShouldBe(HttpStatusCode.OK);
        var second = rotated.GetProperty("secret").GetString()!;
        Assert.NotEqual(first, second);
        await (await _citizen.Client(CitizenApi.NewCitizen().N, first).GetAsync("/api/citizen/categories")).ShouldBe(HttpStatusCode.OK); // the grace period
        await (await _citizen.Client(CitizenApi.NewCitizen().N, second).GetAsync("/api/citizen/categories")).ShouldBe(HttpStatusCode.OK);
        App.Time.Advance(CitizenRules.KeyGracePeriod + TimeSpan.FromMinutes(1));
        await (await _citizen.Client(CitizenApi.NewCitizen().N, first).GetAsync("/api/citizen/categories")).ShouldBeProblem(HttpStatusCode.Unauthorized, "channel_key.invalid");
        await (await _citizen.Client(CitizenApi.NewCitizen().N, second).GetAsync("/api/citizen/categories")).ShouldBe(HttpStatusCode.OK);

        Api.SignOutAll(); // the clock jumped past the session's lifetime
        admin = await Api.As("admin");
        await (await admin.PostJsonAsync($"/api/channel-keys/{id}/revoke", new { version = created.GetProperty("key").GetProperty("version").GetInt64() })).ShouldBe(HttpStatusCode.Conflict);
        await (await admin.PostJsonAsync($"/api/channel-keys/{id}/revoke", new { version = rotated.GetProperty("key").GetProperty("version").GetInt64() })).ShouldBe(HttpStatusCode.OK);
        await (await _citizen.Client(CitizenApi.NewCitizen().N, second).GetAsync("/api/citizen/categories")).ShouldBeProblem(HttpStatusCode.Unauthorized, "channel_key.invalid");
        await (await admin.PostJsonAsync("/api/channel-keys", new { name = "窗口", channel = "serviceHall" })).ShouldBeValidationError("channel");
    }

    [Fact]
    public async Task Categories_AreTheCataloguesTopTwoLevels()
    {
        var categories = await (await _citizen.Client(CitizenApi.NewCitizen().N).GetAsync("/api/citizen/categories")).ShouldBe(HttpStatusCode.OK);
        var codes = categories.EnumerateArray().Select(c => c.GetProperty("code").GetString()!).ToList();
        Assert.Contains("01", codes);
        Assert.Contains("0101", codes);
        Assert.DoesNotContain("010101", codes);
    }
}

public sealed class CitizenApiTests_Sqlite(SqliteApp app) : CitizenApiTests(app), IClassFixture<SqliteApp>;

public sealed class CitizenApiTests_Postgres(PostgresApp app) : CitizenApiTests(app), IClassFixture<PostgresApp>;
