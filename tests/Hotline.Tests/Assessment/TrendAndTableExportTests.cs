using System.Globalization;
using System.Net;
using System.Text.Json;
using Hotline.Domain.Assessment;
using Hotline.Features.Assessment;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Assessment;

/// <summary>
/// Issue 17, the dashboards' on-time and satisfaction trends and the .xlsx export of every table: each trend point is the
/// engine's score of its month; each workbook equals the JSON the screen reads with the same filters; a unit's export holds its
/// subtree only; the drill-down's orders are masked for a unit; forbidden roles are refused.
/// </summary>
public abstract class TrendAndTableExportTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private const string Period = "from=2026-03-01&to=2026-03-02";
    private const string March = "year=2026&month=3";

    private static async Task<List<IDictionary<string, object?>>> Sheet(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Content.Headers.ContentLength);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
    }

    private async Task<List<IDictionary<string, object?>>> SheetAsync(string user, string url) => await Sheet(await (await Api.As(user)).GetAsync(url));

    private async Task<JsonElement> GetAsync(string user, string url) => await (await Api.As(user)).GetAsync(url).ShouldBeOk();

    /// <summary>A number of a cell (MiniExcel reads numbers as doubles), rounded as the JSON's rates are; null for an empty cell.</summary>
    private static decimal? Number(object? cell) => cell is null or "" ? null : Normal(Convert.ToDecimal(cell, CultureInfo.InvariantCulture));

    private static decimal? Number(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : Normal(e.GetDecimal());

    /// <summary>Rounded to 4 places, trailing zeros dropped (1.0 and 1 read alike).</summary>
    private static decimal Normal(decimal d) => Math.Round(d, 4) / 1.0000000000000000000000000000m;

    private async Task<long> ClosedOrderAsync(string phone = "13812345678")
    {
        var id = await Api.Dispatched(WorkOrderApi.Order(phone: phone));
        await Api.Ok("handler", id, "sign");
        await Api.Ok("handler", id, "reply", new { result = "已督促物业修复电梯", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        await App.Services.GetRequiredService<AssessmentFollower>().RunOnceAsync(default);
        return id;
    }

    [Fact]
    public async Task TrendPoints_AreTheEnginesScoreOfEachMonth_ForAUnitAndForAUnitsOwnScope()
    {
        await ClosedOrderAsync();
        var zj = await Api.UnitId("AL-DC-ZJ");
        var trend = await GetAsync("leader", $"/api/dashboards/scores-trend?from=2025-12-01&to=2026-03-31&unitId={zj}");
        Assert.Equal("month", trend.GetProperty("grain").GetString());
        Assert.Equal(["on-time-completion", "result-satisfaction", "response-rate", "solve-rate", "satisfaction-rate"],
            trend.GetProperty("formulas").EnumerateArray().Select(f => f.GetProperty("code").GetString()));
        Assert.Equal("按时办结率", trend.GetProperty("formulas")[0].GetProperty("nameZh").GetString());
        var points = trend.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(["2025-12-01", "2026-01-01", "2026-02-01", "2026-03-01"], points.Select(p => p.GetProperty("from").GetString()));
        var own = (await GetAsync("handler", "/api/dashboards/scores-trend?from=2025-12-01&to=2026-03-31")).GetProperty("points").EnumerateArray().ToList();
        for (var i = 0; i < points.Count; i++)
        {
            var from = DateOnly.Parse(points[i].GetProperty("from").GetString()!, CultureInfo.InvariantCulture);
            var unit = await GetAsync("leader", $"/api/assessment/units/{zj}?year={from.Year}&month={from.Month}");
            foreach (var p in new[] { points[i], own[i] })
            {
                Assert.Equal(unit.GetProperty("score").GetProperty("assessedOrders").GetInt64(), p.GetProperty("assessedOrders").GetInt64());
                Assert.Equal(Number(unit.GetProperty("score").GetProperty("composite")), Number(p.GetProperty("composite")));
                foreach (var code in new[] { Formulas.OnTimeCompletion, Formulas.ResultSatisfaction, Formulas.ResponseRate, Formulas.SolveRate, Formulas.SatisfactionRate })
                {
                    var figure = unit.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("formula").GetProperty("code").GetString() == code);
                    var mine = p.GetProperty("figures").GetProperty(code);
                    Assert.Equal(figure.GetProperty("numerator").GetInt64(), mine.GetProperty("numerator").GetInt64());
                    Assert.Equal(figure.GetProperty("denominator").GetInt64(), mine.GetProperty("denominator").GetInt64());
                    Assert.Equal(Number(figure.GetProperty("rate")), Number(mine.GetProperty("rate")));
                }
            }
        }

        Assert.True(points[3].GetProperty("assessedOrders").GetInt64() >= 1);

        // Its workbook holds the same points.
        var rows = await SheetAsync("leader", $"/api/dashboards/scores-trend/export?from=2025-12-01&to=2026-03-31&unitId={zj}");
        Assert.Equal(points.Count, rows.Count);
        Assert.Equal(["时段起", "时段止", "考核件数", "按时办结率（比例）"], rows[0].Keys.Take(4));
        Assert.Equal(Number(points[3].GetProperty("figures").GetProperty("on-time-completion").GetProperty("rate")), Number(rows[3]["按时办结率（比例）"]));
        Assert.Equal(Number(points[3].GetProperty("composite")), Number(rows[3]["综合得分"]));

        // Under three months the points are weeks (Mondays); the platform-wide trend answers too.
        var weekly = await GetAsync("leader", "/api/dashboards/scores-trend?from=2026-02-16&to=2026-03-08");
        Assert.Equal("week", weekly.GetProperty("grain").GetString());
        Assert.Equal(["2026-02-16", "2026-02-23", "2026-03-02"], weekly.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("from").GetString()));
    }

    [Theory]
    [InlineData("leader", "from=2026-03-31&to=2026-03-01", "to")]
    [InlineData("leader", "from=2020-01-01&to=2026-03-01", "to")]
    [InlineData("leader", "to=2026-03-01", "from")]
    [InlineData("handler2", "from=2026-03-01&to=2026-03-31&unitId={zj}", "unitId")]
    public async Task TrendFilters_AreFieldNamed400s(string user, string query, string field)
    {
        var zj = await Api.UnitId("AL-DC-ZJ");
        var q = query.Replace("{zj}", zj.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        await (await (await Api.As(user)).GetAsync($"/api/dashboards/scores-trend?{q}")).ShouldBeValidationError(field);
        await (await (await Api.As(user)).GetAsync($"/api/dashboards/scores-trend/export?{q}")).ShouldBeValidationError(field);
    }

    [Fact]
    public async Task DashboardTableExports_EqualTheScreensJson_OnTheCallersScope()
    {
        await ClosedOrderAsync();
        await Api.Dispatched(unit: "AL-XC-CG");
        foreach (var user in new[] { "leader", "handler" })
        {
            foreach (var dimension in new[] { "channel", "requestType", "category", "region", "unit" })
            {
                var view = await GetAsync(user, $"/api/dashboards/breakdown?dimension={dimension}&{Period}");
                var rows = await SheetAsync(user, $"/api/dashboards/breakdown/export?dimension={dimension}&{Period}");
                Assert.Equal(
                    view.GetProperty("rows").EnumerateArray().Select(r => $"{r.GetProperty("key").GetString()}/{r.GetProperty("count").GetInt64()}/{Number(r.GetProperty("share"))}"),
                    rows.Select(r => $"{r["编码"]}/{Number(r["工单量"])}/{Number(r["占比"])}"));
            }

            var volume = await GetAsync(user, $"/api/dashboards/volume?grain=day&{Period}");
            var volumeRows = await SheetAsync(user, $"/api/dashboards/volume/export?grain=day&{Period}");
            Assert.Equal(
                volume.GetProperty("buckets").EnumerateArray().Select(b => $"{b.GetProperty("from").GetString()}/{b.GetProperty("count").GetInt64()}/{b.GetProperty("yearEarlier").GetInt64()}"),
                volumeRows.Select(r => $"{r["时段起"]}/{Number(r["工单量"])}/{Number(r["去年同期"])}"));

            var rising = await GetAsync(user, $"/api/dashboards/rising?minVolume=1&{Period}");
            var risingRows = await SheetAsync(user, $"/api/dashboards/rising/export?minVolume=1&{Period}");
            Assert.Equal(
                rising.GetProperty("rows").EnumerateArray().Select(r => $"{r.GetProperty("code").GetString()}/{r.GetProperty("current").GetInt64()}/{r.GetProperty("previous").GetInt64()}"),
                risingRows.Select(r => $"{r["分类编码"]}/{Number(r["本期"])}/{Number(r["上期"])}"));

            var forecast = await GetAsync(user, "/api/dashboards/forecast?weeks=4&dimension=category");
            var forecastRows = await SheetAsync(user, "/api/dashboards/forecast/export?weeks=4&dimension=category");
            var series = forecast.GetProperty("series").EnumerateArray().ToList();
            Assert.Equal(series.Sum(s => s.GetProperty("history").GetArrayLength() + s.GetProperty("forecast").GetProperty("weeks").GetArrayLength()), forecastRows.Count);
            Assert.Equal(
                series[0].GetProperty("history").EnumerateArray().Select(h => $"{h.GetProperty("weekStart").GetString()}/{h.GetProperty("count").GetInt64()}"),
                forecastRows.Where(r => Equals(r["序列"], "合计") && Equals(r["类别"], "实际")).Select(r => $"{r["周起始"]}/{Number(r["工单量"])}"));
        }

        // The channel's word is the workbench's; a unit's workbook holds only its subtree's units.
        var channels = await SheetAsync("leader", $"/api/dashboards/breakdown/export?dimension=channel&{Period}");
        Assert.Contains(channels, r => Equals(r["名称"], "12345电话"));
        var handlerUnits = await SheetAsync("handler", $"/api/dashboards/breakdown/export?dimension=unit&{Period}");
        Assert.DoesNotContain(handlerUnits, r => (r["名称"] as string)?.Contains("西城", StringComparison.Ordinal) == true);

        // Those who may not read the dashboards are refused; bad filters are the screen's field-named 400s.
        await (await (await Api.As("agent")).GetAsync($"/api/dashboards/breakdown/export?dimension=channel&{Period}")).ShouldBe(HttpStatusCode.Forbidden);
        await (await (await Api.As("dispatcher")).GetAsync($"/api/dashboards/scores-trend?{Period}")).ShouldBe(HttpStatusCode.Forbidden);
        await (await (await Api.As("leader")).GetAsync($"/api/dashboards/breakdown/export?dimension=nope&{Period}")).ShouldBeValidationError("dimension");
        await (await (await Api.As("leader")).GetAsync("/api/dashboards/volume/export?from=2026-03-01")).ShouldBeValidationError("to");
    }

    [Fact]
    public async Task AssessmentTableExports_EqualTheScreensJson_AndTheDrillDownIsMaskedForAUnit()
    {
        var id = await ClosedOrderAsync("13876543210");
        var zj = await Api.UnitId("AL-DC-ZJ");

        var scores = await GetAsync("leader", $"/api/assessment/scores?{March}");
        var scoreRows = await SheetAsync("leader", $"/api/assessment/scores/export?{March}");
        Assert.Equal(
            scores.GetProperty("units").EnumerateArray().Select(u => $"{u.GetProperty("unitCode").GetString()}/{u.GetProperty("assessedOrders").GetInt64()}/{Number(u.GetProperty("composite"))}/{Number(u.GetProperty("figures").GetProperty("on-time-completion").GetProperty("rate"))}"),
            scoreRows.Select(r => $"{r["单位编码"]}/{Number(r["考核件数"])}/{Number(r["综合得分"])}/{Number(r["按时办结率（比例）"])}"));
        var own = await SheetAsync("handler2", $"/api/assessment/scores/export?{March}");
        Assert.NotEmpty(own);
        Assert.All(own, r => Assert.StartsWith("AL-XC-CG", (string)r["单位编码"]!));

        var unit = await GetAsync("handler", $"/api/assessment/units/{zj}?{March}");
        var figureRows = await SheetAsync("handler", $"/api/assessment/units/{zj}/export?{March}");
        Assert.Equal(
            unit.GetProperty("figures").EnumerateArray().Select(f => $"{f.GetProperty("formula").GetProperty("nameZh").GetString()}/{f.GetProperty("numerator").GetInt64()}/{Number(f.GetProperty("rate"))}"),
            figureRows.Select(r => $"{r["指标"]}/{Number(r["分子"])}/{Number(r["比例"])}"));
        Assert.Contains("已答复", (string)figureRows[0]["分母口径"]!);

        // The orders behind a figure: the drill-down's orders, the caller masked for the unit's handler.
        var drill = await GetAsync("handler", $"/api/assessment/units/{zj}/orders?formula=on-time-completion&part=numerator&{March}&pageSize=100");
        var orderRows = await SheetAsync("handler", $"/api/assessment/units/{zj}/orders/export?formula=on-time-completion&part=numerator&{March}");
        Assert.Equal(drill.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("number").GetString()), orderRows.Select(r => (string)r["工单编号"]!));
        var number = drill.GetProperty("items").EnumerateArray().Single(o => o.GetProperty("id").GetInt64() == id).GetProperty("number").GetString();
        var row = Assert.Single(orderRows, r => Equals(r["工单编号"], number));
        Assert.Equal("138****3210", row["联系电话"]);
        Assert.DoesNotContain(orderRows, r => r.Values.Any(v => v is string s && s.Contains("13876543210", StringComparison.Ordinal)));

        // Another unit does not see 住建局; an agent reads no assessment; a bad formula is named.
        await (await (await Api.As("handler2")).GetAsync($"/api/assessment/units/{zj}/export?{March}")).ShouldBe(HttpStatusCode.NotFound);
        await (await (await Api.As("handler2")).GetAsync($"/api/assessment/units/{zj}/orders/export?formula=on-time-completion&{March}")).ShouldBe(HttpStatusCode.NotFound);
        await (await (await Api.As("agent")).GetAsync($"/api/assessment/scores/export?{March}")).ShouldBe(HttpStatusCode.Forbidden);
        await (await (await Api.As("leader")).GetAsync($"/api/assessment/units/{zj}/orders/export?formula=nope&{March}")).ShouldBeValidationError("formula");
        await (await (await Api.As("leader")).GetAsync("/api/assessment/scores/export?year=2026&month=13")).ShouldBeValidationError("month");
    }

    [Fact]
    public async Task RankingTableExports_EqualTheScreensJson_InScope()
    {
        await ClosedOrderAsync();
        var zj = await Api.UnitId("AL-DC-ZJ");
        var cg = await Api.UnitId("AL-XC-CG");
        var manager = await Api.As("manager");
        await (await manager.PostJsonAsync("/api/assessment/qualitative", new { unitId = zj, month = "2026-02", item = "rulesMade", points = 2.5, reason = "出台占道经营长效管理制度" })).ShouldBe(HttpStatusCode.Created);
        await (await manager.PostJsonAsync("/api/assessment/qualitative", new { unitId = cg, month = "2026-02", item = "improvement", points = 1, reason = "改进工作流程" })).ShouldBe(HttpStatusCode.Created);
        await manager.PostJsonAsync("/api/assessment/circulations", new { month = "2026-02" }); // created, or already circulated by another test

        var targets = await GetAsync("leader", $"/api/assessment/targets?month=2026-03&unitId={zj}");
        var targetRows = await SheetAsync("leader", $"/api/assessment/targets/export?month=2026-03&unitId={zj}");
        Assert.Equal(
            targets.GetProperty("targets").EnumerateArray().Select(t => $"{Number(t.GetProperty("target"))}/{Number(t.GetProperty("measured"))}/{t.GetProperty("denominator").GetInt64()}"),
            targetRows.Select(r => $"{Number(r["目标值（%）"])}/{Number(r["实际值（%）"])}/{Number(r["分母"])}"));
        Assert.Equal("办结率", targetRows[0]["服务目标"]);

        foreach (var user in new[] { "manager", "handler" })
        {
            var scores = await GetAsync(user, "/api/assessment/qualitative?month=2026-02");
            var scoreRows = await SheetAsync(user, "/api/assessment/qualitative/export?month=2026-02");
            Assert.Equal(scores.EnumerateArray().Select(q => $"{q.GetProperty("unitName").GetString()}/{Number(q.GetProperty("points"))}/{q.GetProperty("reason").GetString()}"),
                scoreRows.Select(r => $"{r["单位"]}/{Number(r["分值"])}/{r["理由"]}"));

            var circulated = await GetAsync(user, "/api/assessment/circulations/2026-02");
            var circulatedRows = await SheetAsync(user, "/api/assessment/circulations/2026-02/export");
            Assert.Equal(circulated.GetProperty("rows").EnumerateArray().Select(r => $"{r.GetProperty("unitCode").GetString()}/{Number(r.GetProperty("composite"))}"),
                circulatedRows.Select(r => $"{r["单位编码"]}/{Number(r["综合得分"])}"));

            var interviews = await GetAsync(user, "/api/assessment/interviews?pageSize=200");
            var interviewRows = await SheetAsync(user, "/api/assessment/interviews/export");
            Assert.Equal(interviews.GetProperty("total").GetInt32(), interviewRows.Count);

            var sampling = await GetAsync(user, "/api/assessment/sampling/rates?from=2026-02-01&to=2026-03-02");
            var samplingRows = await SheetAsync(user, "/api/assessment/sampling/rates/export?from=2026-02-01&to=2026-03-02");
            Assert.Equal(sampling.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unitName").GetString()), samplingRows.Select(r => (string)r["单位"]!));
        }

        // A unit's workbook holds its subtree only; a role that reads no ranking is refused; a bad month is named.
        var own = await SheetAsync("handler", "/api/assessment/qualitative/export?month=2026-02");
        Assert.Single(own);
        Assert.Equal("东城区住房和城乡建设局", own[0]["单位"]);
        await (await (await Api.As("agent")).GetAsync("/api/assessment/qualitative/export?month=2026-02")).ShouldBe(HttpStatusCode.Forbidden);
        await (await (await Api.As("leader")).GetAsync("/api/assessment/qualitative/export?month=2026-13")).ShouldBeValidationError("month");
    }
}

public sealed class TrendAndTableExportTests_Sqlite(SqliteApp app) : TrendAndTableExportTests(app), IClassFixture<SqliteApp>;

public sealed class TrendAndTableExportTests_Postgres(PostgresApp app) : TrendAndTableExportTests(app), IClassFixture<PostgresApp>;
