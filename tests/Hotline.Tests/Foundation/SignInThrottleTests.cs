using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.Foundation;

/// <summary>
/// Failed sign-ins slow an account down instead of locking it (issue 13, defect 7): a known and an unknown user name get
/// the same answers, the delay grows with each failure, the owner's own browser is let in, and every throttle is on
/// record for the administrator.
/// </summary>
public abstract class SignInThrottleTests(AppFixture app)
{
    private const string WrongPassword = "Wrong-Password-0";

    [Fact]
    public async Task Login_KnownAndUnknownUserNames_GetTheSameAnswers()
    {
        await CreateUserAsync("alike-known", "Alike-Known-1");

        var known = await FailManyTimesAsync(app.Anonymous(), "alike-known", 7);
        var unknown = await FailManyTimesAsync(app.Anonymous(), "alike-nobody", 7);

        Assert.Equal(known, unknown);
        Assert.Equal([401, 401, 401, 401, 401, 429, 429], known.Select(a => a.Status));
        Assert.All(known.Skip(5), a => Assert.Equal("60", a.RetryAfter));
    }

    [Fact]
    public async Task Login_AfterFiveFailures_TheOwnersBrowserStillSignsIn_AndOthersWaitAMinute()
    {
        var owner = await CreateAndSignInAsync("owner-kept", "Owner-Kept-12");
        await (await owner.PostAsync("/api/auth/logout", null)).ShouldBe(HttpStatusCode.NoContent);
        try
        {
            var attacker = app.Anonymous();
            await FailManyTimesAsync(attacker, "owner-kept", 5);
            await ShouldBeTooManyAttemptsAsync(await Login(attacker, "owner-kept", "Owner-Kept-12"), 60);
            await ShouldBeTooManyAttemptsAsync(await Login(app.Anonymous(), "owner-kept", "Owner-Kept-12"), 60);

            // The browser the owner signed in with before is told apart from the attacker's, and let in.
            await (await Login(owner, "owner-kept", "Owner-Kept-12")).ShouldBe(HttpStatusCode.OK);

            // Anyone else waits a minute, not fifteen.
            app.Time.Advance(TimeSpan.FromSeconds(61));
            await (await Login(app.Anonymous(), "owner-kept", "Owner-Kept-12")).ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            app.Time.Set(AppFixture.DefaultNow);
        }
    }

    [Fact]
    public async Task Login_EachFailureAfterTheWait_DoublesTheDelay_UpToFifteenMinutes()
    {
        var client = app.Anonymous();
        try
        {
            await FailManyTimesAsync(client, "growing-delay", 5);
            foreach (var seconds in new[] { 60, 120, 240, 480, 900, 900 })
            {
                await ShouldBeTooManyAttemptsAsync(await Login(client, "growing-delay", WrongPassword), seconds);
                app.Time.Advance(TimeSpan.FromSeconds(seconds));
                await (await Login(client, "growing-delay", WrongPassword)).ShouldBeProblem(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
            }
        }
        finally
        {
            app.Time.Set(AppFixture.DefaultNow);
        }
    }

    [Fact]
    public async Task Login_ASuccess_StartsTheCountAgain()
    {
        await CreateUserAsync("count-reset", "Count-Reset-12");
        var client = app.Anonymous();

        await FailManyTimesAsync(client, "count-reset", 4);
        await (await Login(client, "count-reset", "Count-Reset-12")).ShouldBe(HttpStatusCode.OK);
        var again = await FailManyTimesAsync(app.Anonymous(), "count-reset", 5);

        Assert.All(again, a => Assert.Equal(401, a.Status));
    }

    [Fact]
    public async Task Throttles_AreListedForTheAdministrator_AndUnlockLetsTheAccountIn()
    {
        var id = await CreateUserAsync("evented", "Evented-Pass-1");
        await FailManyTimesAsync(app.Anonymous(), "evented", 5);
        await FailManyTimesAsync(app.Anonymous(), "evented-nobody", 5);
        var admin = await app.SignInAsync("admin");

        var user = await admin.GetAsync($"/api/users/{id}").ShouldBeOk();
        Assert.True(user.GetProperty("isSignInThrottled").GetBoolean());
        var events = (await admin.GetAsync("/api/users/sign-in-events?pageSize=200").ShouldBeOk()).GetProperty("items").EnumerateArray().ToList();
        var known = Assert.Single(events, e => e.GetProperty("userId").ValueKind == JsonValueKind.Number && e.GetProperty("userId").GetInt64() == id);
        Assert.Equal("account", known.GetProperty("scope").GetString());
        Assert.Equal("repeatedFailures", known.GetProperty("cause").GetString());
        Assert.Equal("evented", known.GetProperty("userName").GetString());
        Assert.Equal("127.0.0.1", known.GetProperty("address").GetString());
        Assert.Equal(5, known.GetProperty("failures").GetInt32());
        Assert.Equal(AppFixture.DefaultNow.AddMinutes(1), known.GetProperty("blockedUntil").GetDateTimeOffset());
        // A name that belongs to nobody is recorded without the name: it may be a password typed in the wrong field.
        Assert.Contains(events, e => e.GetProperty("scope").GetString() == "account" && e.GetProperty("userId").ValueKind == JsonValueKind.Null
            && e.GetProperty("userName").ValueKind == JsonValueKind.Null && e.GetProperty("failures").GetInt32() == 5);

        await (await admin.PostAsync($"/api/users/{id}/unlock", null)).ShouldBe(HttpStatusCode.NoContent);

        await (await Login(app.Anonymous(), "evented", "Evented-Pass-1")).ShouldBe(HttpStatusCode.OK);
        Assert.False((await admin.GetAsync($"/api/users/{id}").ShouldBeOk()).GetProperty("isSignInThrottled").GetBoolean());
        var cleared = (await admin.GetAsync($"/api/users/sign-in-events?userId={id}").ShouldBeOk()).GetProperty("items")[0];
        Assert.Equal("cleared", cleared.GetProperty("cause").GetString());
        Assert.Equal("admin", cleared.GetProperty("actorUserName").GetString());
    }

    /// <summary>An attempt's status, Retry-After and body without its trace id: what tells one answer from another.</summary>
    internal sealed record Attempt(int Status, string? RetryAfter, string Body);

    internal static async Task<List<Attempt>> FailManyTimesAsync(HttpClient client, string userName, int times)
    {
        var attempts = new List<Attempt>();
        for (var i = 0; i < times; i++)
        {
            using var response = await Login(client, userName, WrongPassword);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            body.Remove("traceId");
            attempts.Add(new Attempt((int)response.StatusCode, RetryAfterOf(response), body.ToJsonString()));
        }

        return attempts;
    }

    /// <summary>Asserts a 429 problem that says to wait <paramref name="seconds"/> (header and body).</summary>
    internal static async Task ShouldBeTooManyAttemptsAsync(HttpResponseMessage response, int? seconds = null)
    {
        var body = await response.ShouldBeProblem(HttpStatusCode.TooManyRequests, "auth.too_many_attempts");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var retryAfter = RetryAfterOf(response);
        Assert.True(int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var wait) && wait > 0, $"Retry-After: {retryAfter}");
        Assert.Equal(wait, body.GetProperty("retryAfterSeconds").GetInt32());
        if (seconds is { } expected)
        {
            Assert.Equal(expected, wait);
        }
    }

    internal static string? RetryAfterOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Retry-After", out var values) ? string.Join(",", values) : null;

    internal static Task<HttpResponseMessage> Login(HttpClient client, string userName, string password) =>
        client.PostJsonAsync("/api/auth/login", new { userName, password });

    private async Task<long> CreateUserAsync(string userName, string password) =>
        await AuthTests.CreateAgentAsync(await app.SignInAsync("admin"), userName, password);

    private async Task<HttpClient> CreateAndSignInAsync(string userName, string password)
    {
        await CreateUserAsync(userName, password);
        return await app.SignInAsync(userName, password);
    }
}

public sealed class SignInThrottleTests_Sqlite(SqliteApp app) : SignInThrottleTests(app), IClassFixture<SqliteApp>;

public sealed class SignInThrottleTests_Postgres(PostgresApp app) : SignInThrottleTests(app), IClassFixture<PostgresApp>;
