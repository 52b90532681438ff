using System.Net;
using System.Text.Json;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;

namespace Hotline.Tests.Dashboards;

/// <summary>
/// The S11 dashboards over HTTP: every figure equals the count of the orders its drill-down lists (the work-order list
/// with the same filters), on the caller's scope; bad periods and filters are refused with the field named.
/// </summary>
public abstract class DashboardTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private const string Period = "from=2026-03-01&to=2026-03-02";

    [Theory]
    [InlineData("channel", null)]
    [InlineData("requestType", null)]
    [InlineData("category", null)]
    [InlineData("category", "01")]
    [InlineData("category", "0101")]
    [InlineData("region", null)]
    [InlineData("region", "990102")]
    [InlineData("unit", null)]
    public async Task EveryBreakdownFigure_IsTheCountOfTheOrdersItsDrillDownLists(string dimension, string? parent)
    {
        await SeedAsync("990102");
        foreach (var user in new[] { "leader", "manager", "handler" })
        {
            var view = await GetAsync(user, $"/api/dashboards/breakdown?dimension={dimension}{(parent is null ? "" : "&parent=" + parent)}&{Period}");
            var rows = view.GetProperty("rows").EnumerateArray().ToList();
            Assert.Equal(view.GetProperty("total").GetInt64(), rows.Sum(r => r.GetProperty("count").GetInt64()));
            if (user == "leader")
            {
                Assert.NotEmpty(rows);
            }

            foreach (var row in rows)
            {
                Assert.Equal(row.GetProperty("count").GetInt64(), await ListedAsync(user, Drill(row.GetProperty("drill"), Period)));
            }
        }
    }

    [Fact]
    public async Task UnitBreakdown_DrillsTheTreeALevelAtATime_AndAUnitSeesOnlyItsSubtree()
    {
        await SeedAsync("990103");
        var dongcheng = await Api.UnitId("AL-DC");
        var city = await Api.UnitId("AL");
        var top = await GetAsync("leader", $"/api/dashboards/breakdown?dimension=unit&{Period}");
        Assert.Contains(top.GetProperty("rows").EnumerateArray(), r => r.GetProperty("key").GetString() == city.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var districts = await GetAsync("leader", $"/api/dashboards/breakdown?dimension=unit&parent={city}&{Period}");
        var dc = districts.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == dongcheng.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(dc.GetProperty("hasChildren").GetBoolean());

        var level = await GetAsync("leader", $"/api/dashboards/breakdown?dimension=unit&parent={dongcheng}&{Period}");
        Assert.Equal(dc.GetProperty("count").GetInt64(), level.GetProperty("total").GetInt64());
        Assert.Contains(level.GetProperty("rows").EnumerateArray(), r => r.GetProperty("name").GetString() == "东城区住房和城乡建设局");

        // The handler of 东城区住建局 sees its own unit's orders only, the same as its list.
        var own = await GetAsync("handler", $"/api/dashboards/volume?{Period}");
        Assert.Equal(await ListedAsync("handler", Period), own.GetProperty("total").GetInt64());
        Assert.True(own.GetProperty("total").GetInt64() < (await GetAsync("leader", $"/api/dashboards/volume?{Period}")).GetProperty("total").GetInt64());
        await (await (await Api.As("handler")).GetAsync($"/api/dashboards/breakdown?dimension=unit&parent={dongcheng}&{Period}")).ShouldBe(HttpStatusCode.NotFound);
        await (await (await Api.As("agent")).GetAsync($"/api/dashboards/volume?{Period}")).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task VolumeTrend_ComparesYearOnYearAndDayOnDay_AndEachBucketDrillsToItsOrders()
    {
        const string region = "990104";
        At(new DateTimeOffset(2025, 3, 2, 10, 0, 0, TimeSpan.FromHours(8)));
        await RegisterAsync(region, count: 2);
        At(new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.FromHours(8))); // late evening: still 1 March in China
        await RegisterAsync(region, count: 1);
        At(AppFixture.DefaultNow);
        await RegisterAsync(region, count: 3);

        var trend = await GetAsync("leader", $"/api/dashboards/volume?grain=day&regionCode={region}&{Period}");
        var days = trend.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal([1L, 3L], days.Select(d => d.GetProperty("count").GetInt64()));
        Assert.Equal(2L, days[1].GetProperty("yearEarlier").GetInt64());
        Assert.Equal(0.5m, days[1].GetProperty("yearOnYear").GetDecimal());
        Assert.Equal(1L, days[1].GetProperty("previous").GetInt64());
        Assert.Equal(2m, days[1].GetProperty("periodOnPeriod").GetDecimal());
        Assert.Equal((4L, 2L), (trend.GetProperty("total").GetInt64(), trend.GetProperty("yearEarlierTotal").GetInt64()));
        foreach (var day in days)
        {
            var query = $"regionCode={region}&from={day.GetProperty("from").GetString()}&to={day.GetProperty("to").GetString()}";
            Assert.Equal(day.GetProperty("count").GetInt64(), await ListedAsync("leader", query));
            var earlier = $"regionCode={region}&from={day.GetProperty("yearEarlierFrom").GetString()}&to={day.GetProperty("yearEarlierTo").GetString()}";
            Assert.Equal(day.GetProperty("yearEarlier").GetInt64(), await ListedAsync("leader", earlier));
        }

        var months = await GetAsync("leader", $"/api/dashboards/volume?grain=month&regionCode={region}&from=2026-01-01&to=2026-03-31");
        Assert.Equal([0L, 0L, 4L], months.GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("count").GetInt64()));
        Assert.Equal(1m, months.GetProperty("buckets")[2].GetProperty("yearOnYear").GetDecimal());
    }

    [Fact]
    public async Task HotCategoriesRising_RankByGrowthOverThePreviousPeriod_WithTheirOrdersBehind()
    {
        const string region = "990105";
        At(new DateTimeOffset(2026, 2, 27, 10, 0, 0, TimeSpan.FromHours(8)));
        await RegisterAsync(region, count: 1, category: "010302");
        At(AppFixture.DefaultNow);
        await RegisterAsync(region, count: 3, category: "010302");
        await RegisterAsync(region, count: 2, category: "010303");

        var rising = await GetAsync("leader", $"/api/dashboards/rising?regionCode={region}&minVolume=2&{Period}");
        Assert.Equal(("2026-02-27", "2026-02-28"), (rising.GetProperty("previousFrom").GetString(), rising.GetProperty("previousTo").GetString()));
        var rows = rising.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["010303", "010302"], rows.Select(r => r.GetProperty("code").GetString())); // new first, then +200 %
        Assert.Equal("路灯", rows[1].GetProperty("name").GetString());
        Assert.Equal(2m, rows[1].GetProperty("growth").GetDecimal());
        Assert.Equal(3L, await ListedAsync("leader", Drill(rows[1].GetProperty("drill"), $"regionCode={region}&{Period}")));
        Assert.Equal(1L, await ListedAsync("leader", Drill(rows[1].GetProperty("previousDrill"), $"regionCode={region}")));
    }

    [Fact]
    public async Task Forecast_OfTheNextWeeks_ShowsItsHistoryItsErrorAndTheLargestCategories()
    {
        const string region = "990106";
        At(new DateTimeOffset(2026, 2, 24, 10, 0, 0, TimeSpan.FromHours(8))); // the week before DefaultNow's
        await RegisterAsync(region, count: 2, category: "010301");
        At(AppFixture.DefaultNow);

        var forecast = await GetAsync("leader", $"/api/dashboards/forecast?weeks=6&dimension=category&parent=01&regionCode={region}");
        Assert.Equal("2026-02-23", forecast.GetProperty("lastWeekStart").GetString());
        var series = forecast.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Null, series[0].GetProperty("key").ValueKind);
        Assert.Equal("0103", series[1].GetProperty("key").GetString());
        var total = series[0];
        Assert.Equal(6, total.GetProperty("forecast").GetProperty("weeks").GetArrayLength());
        Assert.Equal("recentLevel", total.GetProperty("forecast").GetProperty("method").GetString());
        Assert.Equal(0.5, total.GetProperty("forecast").GetProperty("weeks")[0].GetProperty("expected").GetDouble()); // (0 + 0 + 0 + 2) / 4
        Assert.Equal(2.0 / 8, total.GetProperty("forecast").GetProperty("mae").GetDouble()); // the backtest: 8 weeks forecast 0, one was 2
        var last = total.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(2L, last.GetProperty("count").GetInt64());
        Assert.Equal(2L, await ListedAsync("leader", Drill(last.GetProperty("drill"), $"regionCode={region}")));
    }

    [Fact]
    public async Task TheListsUnitSubtreeFilter_ListsTheOrdersLedInAUnitsSubtree()
    {
        var id = await Api.Dispatched(WorkOrderApi.Order(region: "990107001"));
        Assert.Equal(1L, await ListedAsync("leader", $"regionCode=990107&unitSubtree={await Api.UnitId("AL-DC")}"));
        Assert.Equal(0L, await ListedAsync("leader", $"regionCode=990107&unitSubtree={await Api.UnitId("AL-XC")}"));
        Assert.True(id > 0);
        await (await (await Api.As("leader")).GetAsync("/api/work-orders?unitSubtree=999999")).ShouldBeValidationError("unitSubtree");
    }

    [Theory]
    [InlineData("/api/dashboards/volume?to=2026-03-02", "from")]
    [InlineData("/api/dashboards/volume?from=2026-03-02&to=2026-03-01", "to")]
    [InlineData("/api/dashboards/volume?from=2026-02-30&to=2026-03-01", "from")]
    [InlineData("/api/dashboards/volume?from=2020-01-01&to=2026-03-01", "to")]
    [InlineData("/api/dashboards/volume?grain=hour&" + Period, "grain")]
    [InlineData("/api/dashboards/volume?grain=day&from=2025-01-01&to=2026-03-01", "grain")]
    [InlineData("/api/dashboards/volume?channel=fax&" + Period, "channel")]
    [InlineData("/api/dashboards/volume?requestType=2&" + Period, "requestType")]
    [InlineData("/api/dashboards/volume?categoryCode=1&" + Period, "categoryCode")]
    [InlineData("/api/dashboards/volume?regionCode=99010&" + Period, "regionCode")]
    [InlineData("/api/dashboards/volume?unitSubtree=999999&" + Period, "unitSubtree")]
    [InlineData("/api/dashboards/breakdown?" + Period, "dimension")]
    [InlineData("/api/dashboards/breakdown?dimension=weather&" + Period, "dimension")]
    [InlineData("/api/dashboards/breakdown?dimension=category&parent=010101&" + Period, "parent")]
    [InlineData("/api/dashboards/breakdown?dimension=region&parent=abc&" + Period, "parent")]
    [InlineData("/api/dashboards/breakdown?dimension=unit&parent=x&" + Period, "parent")]
    [InlineData("/api/dashboards/breakdown?dimension=channel&parent=01&" + Period, "parent")]
    [InlineData("/api/dashboards/rising?level=4&" + Period, "level")]
    [InlineData("/api/dashboards/rising?minVolume=0&" + Period, "minVolume")]
    [InlineData("/api/dashboards/rising?top=51&" + Period, "top")]
    [InlineData("/api/dashboards/forecast?weeks=13", "weeks")]
    [InlineData("/api/dashboards/forecast?dimension=channel", "dimension")]
    [InlineData("/api/dashboards/forecast?dimension=region&parent=01", "parent")]
    public async Task BadPeriodsAndFilters_AreRefused_WithTheFieldNamed(string url, string field) =>
        await (await (await Api.As("leader")).GetAsync(url)).ShouldBeValidationError(field);

    /// <summary>Orders across channels, types, categories and units in one region (the default clock: 2 March 2026).</summary>
    private async Task SeedAsync(string region)
    {
        await RegisterAsync(region, count: 2, category: "010101");
        await RegisterAsync(region, count: 1, category: "010302", channel: "weChat");
        await Api.Dispatched(WorkOrderApi.Order(region: region + "002", category: "010102"));
        await Api.Dispatched(WorkOrderApi.Order(region: region + "001", category: "010201"), unit: "AL-DC-CG");
    }

    private async Task RegisterAsync(string region, int count, string category = "010101", string channel = "phone")
    {
        for (var i = 0; i < count; i++)
        {
            await Api.RegisterId(WorkOrderApi.Order(region: region + "001", category: category, channel: channel));
        }
    }

    /// <summary>Moves the clock, signing everyone in again (a session does not survive a jump in time).</summary>
    private void At(DateTimeOffset now)
    {
        App.Time.Set(now);
        Api.SignOutAll();
    }

    private async Task<JsonElement> GetAsync(string user, string url) => await (await Api.As(user)).GetAsync(url).ShouldBeOk();

    private async Task<long> ListedAsync(string user, string query) =>
        (await (await Api.As(user)).GetAsync($"/api/work-orders?pageSize=1&{query}").ShouldBeOk()).GetProperty("total").GetInt64();

    /// <summary>The list query of a drill-down: its own filters, then the dashboard's (its period unless the drill has its own).</summary>
    private static string Drill(JsonElement drill, string dashboard)
    {
        var parts = drill.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null).Select(p => $"{p.Name}={p.Value}").ToList();
        var own = parts.Select(p => p[..p.IndexOf('=', StringComparison.Ordinal)]).ToHashSet();
        parts.AddRange(dashboard.Split('&').Where(p => !own.Contains(p[..p.IndexOf('=', StringComparison.Ordinal)])));
        return string.Join('&', parts);
    }
}

public sealed class DashboardTests_Sqlite(SqliteApp app) : DashboardTests(app), IClassFixture<SqliteApp>;

public sealed class DashboardTests_Postgres(PostgresApp app) : DashboardTests(app), IClassFixture<PostgresApp>;
