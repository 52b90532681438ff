using System.Net;
using System.Net.WebSockets;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.Web;

/// <summary>
/// A page of another site cannot make a signed-in browser change data (issue 13, defect 8): every state-changing
/// request (and the live-updates socket) whose Origin, Referer or Sec-Fetch-Site names another site is refused before
/// anything runs; the workbench's own requests, and clients that are no browser, pass.
/// </summary>
public abstract class CrossSiteRequestTests(AppFixture app)
{
    private const string Evil = "http://evil.example";

    private string Own => app.BaseAddress.GetLeftPart(UriPartial.Authority);

    [Fact]
    public async Task BodilessPosts_FromAnotherSite_AreRefused_FromTheWorkbenchAccepted()
    {
        var admin = await app.SignInAsync("admin");
        var users = await admin.PostJsonAsync("/api/users/search", new { q = "inspector" }).ShouldBeOk();
        var inspector = users.GetProperty("items")[0].GetProperty("id").GetInt64();

        await (await Send(admin, HttpMethod.Post, "/api/hot-spots/run", ("Origin", Evil))).ShouldBeProblem(HttpStatusCode.Forbidden, "request.cross_origin");
        await (await Send(admin, HttpMethod.Post, $"/api/users/{inspector}/unlock", ("Origin", Evil))).ShouldBeProblem(HttpStatusCode.Forbidden, "request.cross_origin");

        await (await Send(admin, HttpMethod.Post, "/api/hot-spots/run", ("Origin", Own))).ShouldBe(HttpStatusCode.OK);
        await (await Send(admin, HttpMethod.Post, $"/api/users/{inspector}/unlock", ("Origin", Own))).ShouldBe(HttpStatusCode.NoContent);
        await (await Send(admin, HttpMethod.Post, $"/api/users/{inspector}/unlock", ("Referer", Own + "/admin/users"))).ShouldBe(HttpStatusCode.NoContent);
        await (await Send(admin, HttpMethod.Post, $"/api/users/{inspector}/unlock", ("Sec-Fetch-Site", "same-origin"))).ShouldBe(HttpStatusCode.NoContent);
        // No browser sends a write without any of the three; a client without them is a script, which holds its own cookie.
        await (await Send(admin, HttpMethod.Post, $"/api/users/{inspector}/unlock")).ShouldBe(HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData("Origin", "null")]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Referer", "http://evil.example/page")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task AWrite_NamingAnotherSite_IsRefused(string header, string value)
    {
        var admin = await app.SignInAsync("admin");

        await (await Send(admin, HttpMethod.Post, "/api/hot-spots/run", (header, value))).ShouldBeProblem(HttpStatusCode.Forbidden, "request.cross_origin");
    }

    [Fact]
    public async Task AnotherPortOrScheme_IsAnotherOrigin()
    {
        var admin = await app.SignInAsync("admin");
        var otherPort = new UriBuilder(app.BaseAddress) { Port = app.BaseAddress.Port + 1 }.Uri.GetLeftPart(UriPartial.Authority);
        var https = new UriBuilder(app.BaseAddress) { Scheme = "https" }.Uri.GetLeftPart(UriPartial.Authority);

        await (await Send(admin, HttpMethod.Post, "/api/hot-spots/run", ("Origin", otherPort))).ShouldBe(HttpStatusCode.Forbidden);
        await (await Send(admin, HttpMethod.Post, "/api/hot-spots/run", ("Origin", https))).ShouldBe(HttpStatusCode.Forbidden);
        await (await Send(admin, HttpMethod.Post, "/api/hot-spots/run", ("Origin", Own.ToUpperInvariant()))).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task EveryStateChangingEndpoint_RefusesAnotherSite()
    {
        var admin = await app.SignInAsync("admin");
        var writes = MappedEndpoint.Writes(app).ToList();

        foreach (var endpoint in writes)
        {
            using var request = endpoint.Request();
            request.Headers.Add("Origin", Evil);
            using var response = await admin.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{endpoint.Key} answered {(int)response.StatusCode} to another site");
            Assert.Equal("request.cross_origin", (await response.ReadJsonAsync()).GetProperty("code").GetString());
        }

        Assert.Contains(writes, e => e.Key == "POST /hubs/work-orders/negotiate");
        Assert.Contains(writes, e => e.Key == "POST /hubs/work-orders");
        Assert.Contains(writes, e => e.Key == "POST /api/auth/login");
        Assert.True(writes.Count > 60, $"only {writes.Count} state-changing endpoints found");
    }

    [Fact]
    public async Task Reads_FromAnotherSite_AreAnswered()
    {
        var admin = await app.SignInAsync("admin");

        await (await Send(admin, HttpMethod.Get, "/api/units", ("Origin", Evil))).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task LiveUpdates_FromAnotherSite_AreRefused_NegotiationAndSocket()
    {
        var admin = await app.SignInAsync("admin");
        await (await Send(admin, HttpMethod.Post, "/hubs/work-orders/negotiate?negotiateVersion=1", ("Origin", Evil))).ShouldBe(HttpStatusCode.Forbidden);
        await (await Send(admin, HttpMethod.Post, "/hubs/work-orders/negotiate?negotiateVersion=1", ("Origin", Own))).ShouldBe(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Forbidden, await OpenSocketAsync(Evil));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await OpenSocketAsync(Own));
    }

    /// <summary>Opens the hub's socket directly (as a page skipping negotiation would) with the admin's cookie; the handshake's status.</summary>
    private async Task<HttpStatusCode> OpenSocketAsync(string origin)
    {
        var cookies = new CookieContainer();
        var login = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = app.BaseAddress };
        using (login)
        {
            await (await login.PostJsonAsync("/api/auth/login", new { userName = "admin", password = Seeding.DemoData.DefaultPassword })).ShouldBe(HttpStatusCode.OK);
        }

        using var socket = new ClientWebSocket();
        socket.Options.Cookies = cookies;
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", origin);
        var uri = new UriBuilder(app.BaseAddress) { Scheme = "ws", Path = "/hubs/work-orders" }.Uri;
        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // Refused: the status of the handshake's answer tells why.
        }

        return socket.HttpStatusCode;
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return client.SendAsync(request);
    }
}

public sealed class CrossSiteRequestTests_Sqlite(SqliteApp app) : CrossSiteRequestTests(app), IClassFixture<SqliteApp>;

public sealed class CrossSiteRequestTests_Postgres(PostgresApp app) : CrossSiteRequestTests(app), IClassFixture<PostgresApp>;
