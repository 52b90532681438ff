using System.Net;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using static Hotline.Tests.Foundation.SignInThrottleTests;

namespace Hotline.Tests.Web;

/// <summary>
/// The sign-in limits and the settings around them, at low values and from clients of their own loopback addresses
/// (issue 13, defects 6 and 8): whose address counts (only a configured proxy may name another), the limit per account,
/// the throttle per address, and the extra origins allowed to change data.
/// </summary>
public abstract class SecuritySettingsTests(SecuritySettingsTests.SettingsApp app)
{
    private static readonly IPAddress Proxy = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task ForgedForwardedFor_FromAPeerThatIsNoConfiguredProxy_IsIgnored()
    {
        var client = app.Anonymous(IPAddress.Parse("127.0.1.1"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            // Bodies the endpoint refuses: only the limit counts them, not the throttle of failed passwords.
            using var request = ForwardedFor($"203.0.113.{i + 1}", new { userName = "", password = "" });
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await ShouldBeTooManyAttemptsAsync(response);
            }
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.BadRequest, SettingsApp.AttemptsPerMinute), statuses.Take(SettingsApp.AttemptsPerMinute));
        Assert.All(statuses.Skip(SettingsApp.AttemptsPerMinute), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }

    [Fact]
    public async Task ForwardedFor_FromTheConfiguredProxy_NamesTheClient()
    {
        var proxy = app.Anonymous(Proxy);

        for (var i = 0; i < 40; i++)
        {
            using var request = ForwardedFor($"198.51.100.{i + 1}", new { userName = "", password = "" });
            await (await proxy.SendAsync(request)).ShouldBeValidationError("userName");
        }
    }

    [Fact]
    public async Task LoginsToOneAccount_FromManyAddresses_AreLimitedPerAccount()
    {
        await Foundation.AuthTests.CreateAgentAsync(await app.SignInAsync("admin", from: IPAddress.Parse("127.0.2.100")), "per-account", "Per-Account-12");

        for (var i = 1; i <= SettingsApp.AttemptsPerMinute; i++)
        {
            await (await Login(app.Anonymous(IPAddress.Parse($"127.0.2.{i}")), " Per-Account ", "Per-Account-12")).ShouldBe(HttpStatusCode.OK);
        }

        await ShouldBeTooManyAttemptsAsync(await Login(app.Anonymous(IPAddress.Parse("127.0.2.99")), "per-account", "Per-Account-12"));
    }

    [Fact]
    public async Task FailuresFromOneAddress_ThrottleThatAddress_ButNotABrowserItsOwnerSignedInWith()
    {
        var address = IPAddress.Parse("127.0.3.1");
        var owner = await app.SignInAsync("agent", from: address);
        var attacker = app.Anonymous(address);
        for (var i = 0; i < SettingsApp.AddressFreeFailures; i++)
        {
            await (await Login(attacker, $"sprayed-{i}", "Spray-Spray-1")).ShouldBe(HttpStatusCode.Unauthorized);
            if (i == 0)
            {
                // Someone else behind the same address signs in: that does not start the address's count again.
                await (await Login(app.Anonymous(address), "callback", Seeding.DemoData.DefaultPassword)).ShouldBe(HttpStatusCode.OK);
            }
        }

        await ShouldBeTooManyAttemptsAsync(await Login(attacker, "sprayed-next", "Spray-Spray-1"), 60);
        await ShouldBeTooManyAttemptsAsync(await Login(app.Anonymous(address), "handler", Seeding.DemoData.DefaultPassword), 60);
        await (await Login(owner, "agent", Seeding.DemoData.DefaultPassword)).ShouldBe(HttpStatusCode.OK);
        await (await Login(app.Anonymous(IPAddress.Parse("127.0.3.2")), "sprayed-next", "Spray-Spray-1")).ShouldBe(HttpStatusCode.Unauthorized);

        var admin = await app.SignInAsync("admin", from: IPAddress.Parse("127.0.3.100"));
        var events = (await admin.GetAsync("/api/users/sign-in-events?pageSize=200").ShouldBeOk()).GetProperty("items").EnumerateArray();
        var throttled = Assert.Single(events, e => e.GetProperty("scope").GetString() == "address" && e.GetProperty("address").GetString() == "127.0.3.1");
        Assert.Equal("repeatedFailures", throttled.GetProperty("cause").GetString());
        Assert.Equal(SettingsApp.AddressFreeFailures, throttled.GetProperty("failures").GetInt32());
    }

    [Fact]
    public async Task ThrottledAddress_BehindTheProxy_IsTheForwardedOne_AndLimitsAreRecordedOncePerWindow()
    {
        var proxy = app.Anonymous(Proxy);
        for (var i = 0; i <= SettingsApp.AddressFreeFailures; i++)
        {
            using var request = ForwardedFor("192.0.2.77", new { userName = $"behind-proxy-{i}", password = "Behind-Proxy-1" });
            using var response = await proxy.SendAsync(request);
            Assert.Equal(i < SettingsApp.AddressFreeFailures ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests, response.StatusCode);
        }

        var limited = app.Anonymous(IPAddress.Parse("127.0.4.1"));
        for (var i = 0; i < SettingsApp.AttemptsPerMinute + 3; i++)
        {
            await limited.PostJsonAsync("/api/auth/login", new { userName = "", password = "" });
        }

        var admin = await app.SignInAsync("admin", from: IPAddress.Parse("127.0.4.100"));
        var events = (await admin.GetAsync("/api/users/sign-in-events?pageSize=200").ShouldBeOk()).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(events, e => e.GetProperty("scope").GetString() == "address" && e.GetProperty("address").GetString() == "192.0.2.77");
        var limits = events.Where(e => e.GetProperty("cause").GetString() == "tooManyAttempts" && e.GetProperty("address").GetString() == "127.0.4.1").ToList();
        Assert.Single(limits);
        Assert.Equal("address", limits[0].GetProperty("scope").GetString());
    }

    [Fact]
    public async Task AConfiguredOrigin_MayChangeData_AnotherMayNot()
    {
        var admin = await app.SignInAsync("admin", from: IPAddress.Parse("127.0.5.1"));

        using var allowed = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        allowed.Headers.Add("Origin", SettingsApp.AllowedOrigin);
        await (await admin.SendAsync(allowed)).ShouldBe(HttpStatusCode.NoContent);

        using var refused = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        refused.Headers.Add("Origin", "https://other.example");
        await (await admin.SendAsync(refused)).ShouldBeProblem(HttpStatusCode.Forbidden, "request.cross_origin");
    }

    private static HttpRequestMessage ForwardedFor(string address, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", address);
        return request;
    }

    /// <summary>The server with low limits, one trusted proxy (127.0.0.2) and one extra allowed origin.</summary>
    public abstract class SettingsApp(DatabaseProvider provider) : AppFixture(provider)
    {
        public const int AttemptsPerMinute = 10;
        public const int AddressFreeFailures = 3;
        public const string AllowedOrigin = "https://workbench.example";

        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [
            new("Security:LoginAttemptsPerMinute", AttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Security:LoginAttemptsPerAccountPerMinute", AttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Security:SignInThrottle:Address:FreeFailures", AddressFreeFailures.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Security:TrustedProxies", "127.0.0.2"),
            new("Security:AllowedOrigins", AllowedOrigin),
        ];
    }

    public sealed class SettingsSqliteApp() : SettingsApp(DatabaseProvider.Sqlite);

    public sealed class SettingsPostgresApp() : SettingsApp(DatabaseProvider.Postgres);
}

public sealed class SecuritySettingsTests_Sqlite(SecuritySettingsTests.SettingsSqliteApp app) : SecuritySettingsTests(app), IClassFixture<SecuritySettingsTests.SettingsSqliteApp>;

public sealed class SecuritySettingsTests_Postgres(SecuritySettingsTests.SettingsPostgresApp app) : SecuritySettingsTests(app), IClassFixture<SecuritySettingsTests.SettingsPostgresApp>;
