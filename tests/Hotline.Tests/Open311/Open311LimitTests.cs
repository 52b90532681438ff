using System.Globalization;
using System.Net;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.Open311;

/// <summary>Issue 18: Open311 is rate-limited per key (header or query) across addresses, and per client address without one.</summary>
public abstract class Open311LimitTests(Open311LimitTests.LimitApp app)
{
    [Fact]
    public async Task Reads_WithoutAKey_AreLimitedPerClientAddress()
    {
        var one = app.Anonymous(new IPAddress([127, 0, 60, 1]));
        var other = app.Anonymous(new IPAddress([127, 0, 60, 2]));
        for (var i = 0; i < LimitApp.PerAddress; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await one.GetAsync("/open311/v2/services.json")).StatusCode);
        }

        var refused = await one.GetAsync("/open311/v2/services.xml");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/open311/v2/services.json")).StatusCode);
    }

    [Fact]
    public async Task Requests_WithAKey_AreLimitedPerKey_WhateverTheAddress()
    {
        const string key = "hk_limit_test_key";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= LimitApp.PerKey; i++)
        {
            var client = app.Anonymous(new IPAddress([127, 0, 61, (byte)(1 + i)]));
            statuses.Add((await client.GetAsync($"/open311/v2/discovery.json?api_key={key}")).StatusCode);
        }

        Assert.All(statuses.Take(LimitApp.PerKey), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        var header = app.Anonymous(new IPAddress([127, 0, 61, 200]));
        header.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await header.GetAsync("/open311/v2/discovery.xml")).StatusCode);
    }

    /// <summary>The server with low Open311 limits.</summary>
    public abstract class LimitApp(DatabaseProvider provider) : AppFixture(provider)
    {
        public const int PerAddress = 3;
        public const int PerKey = 4;

        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [
            new("Open311:RequestsPerAddressPerMinute", PerAddress.ToString(CultureInfo.InvariantCulture)),
            new("Open311:RequestsPerKeyPerMinute", PerKey.ToString(CultureInfo.InvariantCulture)),
        ];
    }

    public sealed class LimitSqliteApp() : LimitApp(DatabaseProvider.Sqlite);

    public sealed class LimitPostgresApp() : LimitApp(DatabaseProvider.Postgres);
}

public sealed class Open311LimitTests_Sqlite(Open311LimitTests.LimitSqliteApp app) : Open311LimitTests(app), IClassFixture<Open311LimitTests.LimitSqliteApp>;

public sealed class Open311LimitTests_Postgres(Open311LimitTests.LimitPostgresApp app) : Open311LimitTests(app), IClassFixture<Open311LimitTests.LimitPostgresApp>;
