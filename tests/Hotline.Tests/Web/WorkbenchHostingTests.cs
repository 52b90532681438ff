using System.Net;
using System.Net.Http.Headers;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.Web;

/// <summary>The server hands out the built workbench: client routes, compressed assets, and no SPA under /api.</summary>
[SingleDatabase("static files of the built workbench; no query runs")]
public sealed class WorkbenchHostingTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/login")]
    [InlineData("/admin/units")]
    [InlineData("/admin/calendar/2027")]
    public async Task ClientRoute_AnswersTheSpaPage_Uncached(string path)
    {
        using var response = await app.Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=\"app\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoCache, "index.html must be revalidated so a new build is picked up");
    }

    [Theory]
    [InlineData("/portal")]
    [InlineData("/portal/")]
    [InlineData("/portal/knowledge")]
    [InlineData("/portal/knowledge/12")]
    public async Task PortalRoute_AnswersThePortalPage_NotTheWorkbench(string path)
    {
        using var response = await app.Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<div id=\"portal\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<div id=\"app\">", html, StringComparison.Ordinal);
        Assert.Matches("src=\"/assets/portal-[^\"]+\\.js\"", html);
        Assert.True(response.Headers.CacheControl?.NoCache, "portal.html must be revalidated so a new build is picked up");
        Assert.Contains("geolocation=(self)", response.Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkbenchRoutes_KeepThePositionDenied()
    {
        using var response = await app.Anonymous().GetAsync("/portals-are-not-this");

        Assert.Contains("<div id=\"app\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("geolocation=()", response.Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/no-such-thing")]
    [InlineData("/api/units/1/no-such-thing")]
    [InlineData("/openapi/nothing")]
    public async Task UnknownServerPath_IsA404Problem_NotTheSpa(string path)
    {
        using var response = await app.Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task HashedAsset_IsSentBrotliCompressed_AndCachedForAYear()
    {
        var client = app.Anonymous();
        var script = await EntryScriptAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, script);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.True(response.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(365));
        Assert.True(response.Headers.CacheControl?.Extensions.Any(e => e.Name == "immutable"));
    }

    [Fact]
    public async Task Asset_ForAClientWithoutBrotli_IsSentGzipOrPlain()
    {
        var client = app.Anonymous();
        var script = await EntryScriptAsync(client);

        using var gzipRequest = new HttpRequestMessage(HttpMethod.Get, script);
        gzipRequest.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        gzipRequest.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br", 0));
        using var gzip = await client.SendAsync(gzipRequest);
        using var plain = await client.GetAsync(script);

        Assert.Equal(["gzip"], gzip.Content.Headers.ContentEncoding);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Contains("import", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> EntryScriptAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/");
        var match = System.Text.RegularExpressions.Regex.Match(html, "src=\"(/assets/index-[^\"]+\\.js)\"");
        Assert.True(match.Success, "the built index.html names its entry script");
        return match.Groups[1].Value;
    }
}
