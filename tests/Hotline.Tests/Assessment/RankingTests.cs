using System.Net;
using System.Text.Json;
using Hotline.Features.Assessment;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Assessment;

/// <summary>
/// Issue 17 over HTTP on both databases, with scores given by the test (<see cref="FakeUnitScores"/>): the month's ranking in
/// groups with the minimum sample and scope, a closed month stored once, the settings, the interview list, qualitative
/// scores, service targets, circulation and the 综合考核 workbook.
/// </summary>
public abstract class RankingTests(GivenScoresApp app) : WorkOrderHttpTests(app)
{
    private const string Base = "/api/assessment";

    private static readonly string[] CityDepartments = ["AL-ZJ", "AL-HB", "AL-JT", "AL-JY", "AL-RS", "AL-SW"];

    private FakeUnitScores Scores => ((GivenScoresApp)App).Scores;

    [Fact]
    public async Task Ranking_GroupsUnits_ShowsTooFewToRank_AndAUnitSeesItsOwnRows()
    {
        Scores.Clear();
        Scores.Set("2026-03", "AL-DC", 120, 88.456m);
        Scores.Set("2026-03", "AL-XC", 90, 91m);
        Scores.Set("2026-03", "AL-AX", 4, 99m);
        Scores.Set("2026-03", "AL-DC-ZJ", 30, 80m);
        Scores.Set("2026-03", "AL-DC-CG", 25, 85m);
        Scores.Set("2026-03", "AL-HC", 500, 99m);

        var ranking = await (await Api.As("manager")).GetAsync($"{Base}/rankings?month=2026-03").ShouldBeOk();
        Assert.False(ranking.GetProperty("closed").GetBoolean());
        Assert.False(ranking.GetProperty("snapshot").GetBoolean());
        Assert.Equal(10, ranking.GetProperty("minimumOrders").GetInt32());
        var districts = Group(ranking, "district");
        Assert.Equal(2, districts.GetProperty("rankedCount").GetInt32());
        Assert.Equal(["AL-XC", "AL-DC", "AL-AX"], districts.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("unitCode").GetString()));
        var ax = districts.GetProperty("rows")[2];
        Assert.True(ax.GetProperty("tooFewToRank").GetBoolean());
        Assert.Equal(JsonValueKind.Null, ax.GetProperty("rank").ValueKind);
        Assert.Equal(88.46m, districts.GetProperty("rows")[1].GetProperty("composite").GetDecimal());
        var dcDepartments = ranking.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("key").GetString()!.StartsWith("district-department:", StringComparison.Ordinal));
        Assert.Equal("东城区人民政府", dcDepartments.GetProperty("countyName").GetString());
        Assert.Equal(["AL-DC-CG", "AL-DC-ZJ"], dcDepartments.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("unitCode").GetString()));
        Assert.DoesNotContain(ranking.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rows").EnumerateArray()), r => r.GetProperty("unitCode").GetString() == "AL-HC");

        // The unit sees its own row, its rank and how many were ranked in its group; nothing else.
        var own = await (await Api.As("handler")).GetAsync($"{Base}/rankings?month=2026-03").ShouldBeOk();
        var group = Assert.Single(own.GetProperty("groups").EnumerateArray());
        var row = Assert.Single(group.GetProperty("rows").EnumerateArray());
        Assert.Equal(("AL-DC-ZJ", 2, 2), (row.GetProperty("unitCode").GetString(), row.GetProperty("rank").GetInt32(), group.GetProperty("rankedCount").GetInt32()));
        var leader = await (await Api.As("leader")).GetAsync($"{Base}/rankings?month=2026-03").ShouldBeOk();
        Assert.Equal(ranking.GetProperty("groups").GetArrayLength(), leader.GetProperty("groups").GetArrayLength());

        await (await (await Api.As("manager")).GetAsync($"{Base}/rankings?month=2026-13")).ShouldBeValidationError("month");
        await (await (await Api.As("manager")).GetAsync($"{Base}/rankings?month=2026-04")).ShouldBeValidationError("month");
        await (await (await Api.As("manager")).GetAsync($"{Base}/rankings")).ShouldBeValidationError("month");
        await (await (await Api.As("agent")).GetAsync($"{Base}/rankings?month=2026-03")).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ClosedMonth_IsStoredWhenFirstComputed_AndALaterChangeDoesNotRewriteIt()
    {
        Scores.Clear();
        Scores.Set("2025-11", "AL-DC", 50, 70m);
        Scores.Set("2025-11", "AL-XC", 50, 80m);
        var first = await (await Api.As("supervisor")).GetAsync($"{Base}/rankings?month=2025-11").ShouldBeOk();
        Assert.True(first.GetProperty("closed").GetBoolean());
        Assert.True(first.GetProperty("snapshot").GetBoolean());
        Assert.Equal("AL-XC", Group(first, "district").GetProperty("rows")[0].GetProperty("unitCode").GetString());

        Scores.Set("2025-11", "AL-DC", 50, 95m);
        var again = await (await Api.As("supervisor")).GetAsync($"{Base}/rankings?month=2025-11").ShouldBeOk();
        Assert.Equal("AL-XC", Group(again, "district").GetProperty("rows")[0].GetProperty("unitCode").GetString());
        Assert.Equal(70m, Group(again, "district").GetProperty("rows")[1].GetProperty("composite").GetDecimal());
    }

    [Fact]
    public async Task Settings_TakeEffectFromAMonth_OnlyTheManagerSetsThem_AndTheMinimumApplies()
    {
        var manager = await Api.As("manager");
        await (await manager.PostJsonAsync($"{Base}/ranking-settings", new { key = "rankingMinimumOrders", value = 15, effectiveFrom = "2026-02" })).ShouldBeValidationError("effectiveFrom");
        await (await manager.PostJsonAsync($"{Base}/ranking-settings", new { key = "callbackTarget", value = 101, effectiveFrom = "2026-05" })).ShouldBeValidationError("value");
        await (await manager.PostJsonAsync($"{Base}/ranking-settings", new { key = "callbackTarget", value = 95, effectiveFrom = "2026-5" })).ShouldBeValidationError("effectiveFrom");
        await (await (await Api.As("supervisor")).PostJsonAsync($"{Base}/ranking-settings", new { key = "callbackTarget", value = 95, effectiveFrom = "2026-05" })).ShouldBe(HttpStatusCode.Forbidden);

        var set = await (await manager.PostJsonAsync($"{Base}/ranking-settings", new { key = "rankingMinimumOrders", value = 100, effectiveFrom = "2026-06" })).ShouldBe(HttpStatusCode.Created);
        Assert.Equal("郑伟", set.GetProperty("setByName").GetString());
        var settings = await (await Api.As("leader")).GetAsync($"{Base}/ranking-settings").ShouldBeOk();
        Assert.Equal(10m, settings.GetProperty("inForce").GetProperty("rankingMinimumOrders").GetDecimal());
        Assert.Contains(settings.GetProperty("history").EnumerateArray(), h => h.GetProperty("effectiveFrom").GetString() == "2026-06");

        App.Time.Set(new DateTimeOffset(2026, 6, 3, 9, 0, 0, TimeSpan.FromHours(8)));
        Api.SignOutAll();
        Scores.Clear();
        Scores.Set("2026-06", "AL-DC", 120, 80m);
        Scores.Set("2026-06", "AL-XC", 90, 90m);
        var june = await (await Api.As("manager")).GetAsync($"{Base}/rankings?month=2026-06").ShouldBeOk();
        Assert.Equal(100, june.GetProperty("minimumOrders").GetInt32());
        Assert.Equal(["AL-DC"], Group(june, "district").GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("rank").ValueKind == JsonValueKind.Number).Select(r => r.GetProperty("unitCode").GetString()));
    }

    [Fact]
    public async Task InterviewList_BottomThreeForThreeMonths_AndInaction_ConfirmedAndRecorded()
    {
        Scores.Clear();
        foreach (var month in new[] { "2025-12", "2026-01", "2026-02" })
        {
            for (var i = 0; i < CityDepartments.Length; i++)
            {
                Scores.Set(month, CityDepartments[i], 40, 95m - (5 * i));
            }
        }

        App.Time.Set(new DateTimeOffset(2026, 2, 10, 9, 0, 0, TimeSpan.FromHours(8)));
        await (await (await Api.As("supervisor")).PostJsonAsync("/api/supervision/misconduct", new { unitId = await Api.UnitId("AL-DC-ZJ"), code = "slowAction", sanction = "interview", facts = "工单拖延一个月未处理" }))
            .ShouldBe(HttpStatusCode.Created);
        App.Time.Set(AppFixture.DefaultNow);
        Api.SignOutAll();

        var manager = await Api.As("manager");
        await (await manager.PostJsonAsync($"{Base}/interviews/propose?month=2026-03", new { })).ShouldBeValidationError("month");
        await (await (await Api.As("supervisor")).PostJsonAsync($"{Base}/interviews/propose?month=2026-02", new { })).ShouldBe(HttpStatusCode.Forbidden);
        await (await manager.PostJsonAsync($"{Base}/interviews/propose?month=2026-02", new { })).ShouldBe(HttpStatusCode.OK);
        Assert.Empty((await (await manager.PostJsonAsync($"{Base}/interviews/propose?month=2026-02", new { })).ShouldBe(HttpStatusCode.OK)).EnumerateArray());

        var list = (await manager.GetAsync($"{Base}/interviews?month=2026-02").ShouldBeOk()).GetProperty("items").EnumerateArray().ToList();
        var bottom = list.Where(p => p.GetProperty("reason").GetString() == "bottomThreeMonths").Select(p => p.GetProperty("unitName").GetString()).ToList();
        Assert.Equal(new[] { "市教育局", "市人力资源和社会保障局", "市商务局" }.Order(StringComparer.Ordinal), bottom.Order(StringComparer.Ordinal));
        var slow = Assert.Single(list, p => p.GetProperty("reason").GetString() == "inactionOrSlowAction");
        Assert.Equal("东城区住房和城乡建设局", slow.GetProperty("unitName").GetString());
        Assert.Equal(["confirm", "dismiss"], slow.GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()));

        // The unit reads its own proposal only, and may not decide.
        var own = (await (await Api.As("handler")).GetAsync($"{Base}/interviews").ShouldBeOk()).GetProperty("items");
        Assert.Equal(Id(slow), Id(Assert.Single(own.EnumerateArray())));
        Assert.Empty(Assert.Single(own.EnumerateArray()).GetProperty("availableActions").EnumerateArray());
        await (await (await Api.As("handler")).PostJsonAsync($"{Base}/interviews/{Id(slow)}/confirm", new { version = Version(slow) })).ShouldBe(HttpStatusCode.Forbidden);
        Assert.Empty((await (await Api.As("handler2")).GetAsync($"{Base}/interviews?month=2026-02").ShouldBeOk()).GetProperty("items").EnumerateArray());

        var confirmed = await (await manager.PostJsonAsync($"{Base}/interviews/{Id(slow)}/confirm", new { version = Version(slow) })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("confirmed", confirmed.GetProperty("state").GetString());
        await (await manager.PostJsonAsync($"{Base}/interviews/{Id(slow)}/record", new { date = "2026-03-01", interviewer = "李副市长", unitHead = "王局长", outcome = "限期整改", version = Version(slow) }))
            .ShouldBe(HttpStatusCode.Conflict);
        await (await manager.PostJsonAsync($"{Base}/interviews/{Id(slow)}/record", new { date = "2026-03-09", interviewer = "李副市长", unitHead = "王局长", outcome = "限期整改", version = Version(confirmed) }))
            .ShouldBeValidationError("date");
        var recorded = await (await manager.PostJsonAsync($"{Base}/interviews/{Id(slow)}/record", new { date = "2026-03-01", interviewer = "李副市长", unitHead = "王局长", outcome = "限期一个月整改到位", version = Version(confirmed) })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("interviewed", recorded.GetProperty("state").GetString());
        Assert.Equal("李副市长", recorded.GetProperty("interviewer").GetString());

        var other = list.First(p => p.GetProperty("reason").GetString() == "bottomThreeMonths");
        await (await manager.PostJsonAsync($"{Base}/interviews/{Id(other)}/dismiss", new { version = Version(other) })).ShouldBeValidationError("reason");
        var dismissed = await (await manager.PostJsonAsync($"{Base}/interviews/{Id(other)}/dismiss", new { reason = "已于本月整改", version = Version(other) })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("dismissed", dismissed.GetProperty("state").GetString());
        await (await manager.PostJsonAsync($"{Base}/interviews/{Id(other)}/confirm", new { version = Version(dismissed) })).ShouldBeProblem(HttpStatusCode.Conflict, "interview_invalid_state");
        await (await manager.GetAsync($"{Base}/interviews?state=nonsense")).ShouldBeValidationError("state");
    }

    [Fact]
    public async Task QualitativeScores_AreGivenWithAReason_EditedWithTheVersion_AndReadInScope()
    {
        var manager = await Api.As("manager");
        var unitId = await Api.UnitId("AL-XC-CG");
        await (await manager.PostJsonAsync($"{Base}/qualitative", new { unitId, month = "2026-02", item = "rulesMade", points = 12, reason = "x" })).ShouldBeValidationError("points");
        await (await manager.PostJsonAsync($"{Base}/qualitative", new { unitId, month = "2026-02", item = "rulesMade", points = 2, reason = new string('因', Hotline.Domain.Limits.Reason + 1) })).ShouldBeValidationError("reason");
        await (await manager.PostJsonAsync($"{Base}/qualitative", new { unitId, month = "26-02", item = "rulesMade", points = 2, reason = "x" })).ShouldBeValidationError("month");
        await (await (await Api.As("supervisor")).PostJsonAsync($"{Base}/qualitative", new { unitId, month = "2026-02", item = "rulesMade", points = 2, reason = "x" })).ShouldBe(HttpStatusCode.Forbidden);
        var score = await (await manager.PostJsonAsync($"{Base}/qualitative", new { unitId, month = "2026-02", item = "rulesMade", points = 2.5, reason = "出台占道经营长效管理制度" })).ShouldBe(HttpStatusCode.Created);
        await (await manager.PostJsonAsync($"{Base}/qualitative", new { unitId, month = "2026-02", item = "rulesMade", points = 1, reason = "重复" })).ShouldBeProblem(HttpStatusCode.Conflict, "qualitative_already_scored");

        var changed = await (await manager.PutJsonAsync($"{Base}/qualitative/{Id(score)}", new { points = 3, reason = "制度已落地见效", version = Version(score) })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(3m, changed.GetProperty("points").GetDecimal());
        await (await manager.PutJsonAsync($"{Base}/qualitative/{Id(score)}", new { points = 1, reason = "过时", version = Version(score) })).ShouldBe(HttpStatusCode.Conflict);
        await (await manager.PutJsonAsync($"{Base}/qualitative/{Id(score)}", new { points = 1, reason = "x" })).ShouldBeValidationError("version");

        Assert.Equal(Id(score), Id(Assert.Single((await (await Api.As("handler2")).GetAsync($"{Base}/qualitative?month=2026-02").ShouldBeOk()).EnumerateArray())));
        Assert.Empty((await (await Api.As("handler")).GetAsync($"{Base}/qualitative?month=2026-02").ShouldBeOk()).EnumerateArray());
        Assert.Equal("制度已落地见效", (await (await Api.As("leader")).GetAsync($"{Base}/qualitative?month=2026-02").ShouldBeOk())[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ServiceTargets_AreShownAgainstTheFigures()
    {
        Scores.Clear();
        Scores.Set("2026-02", "AL", 1000, 90m, new() { [Hotline.Domain.Assessment.Formulas.CompletionRate] = new FigureValue(950, 1000, 0.95m), [Hotline.Domain.Assessment.Formulas.CallbackRate] = new FigureValue(800, 800, 1m) });
        var targets = await (await Api.As("leader")).GetAsync($"{Base}/targets?month=2026-02").ShouldBeOk();
        Assert.Equal("安澜市人民政府", targets.GetProperty("unitName").GetString());
        var byCode = targets.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("code").GetString()!);
        Assert.Equal(95m, byCode["completion"].GetProperty("measured").GetDecimal());
        Assert.False(byCode["completion"].GetProperty("met").GetBoolean());
        Assert.True(byCode["callback"].GetProperty("met").GetBoolean());
        Assert.Equal(JsonValueKind.Null, byCode["connection"].GetProperty("met").ValueKind);
        Assert.False(byCode["connection"].GetProperty("measurable").GetBoolean());

        await (await (await Api.As("leader")).GetAsync($"{Base}/targets?from=2026-02-10&to=2026-02-01")).ShouldBeValidationError("to");
        await (await (await Api.As("leader")).GetAsync($"{Base}/targets")).ShouldBeValidationError("from");
        await (await (await Api.As("handler")).GetAsync($"{Base}/targets?month=2026-02&unitId={await Api.UnitId("AL-XC")}")).ShouldBeValidationError("unitId");
        var own = await (await Api.As("handler")).GetAsync($"{Base}/targets?month=2026-02").ShouldBeOk();
        Assert.Equal("东城区住房和城乡建设局", own.GetProperty("unitName").GetString());
    }

    [Fact]
    public async Task Circulation_FreezesTheMonth_EachUnitReadsItsOwn_AndTheWorkbookHasOneRowPerUnit()
    {
        Scores.Clear();
        for (var i = 0; i < CityDepartments.Length; i++)
        {
            Scores.Set("2025-09", CityDepartments[i], 40, 95m - (5 * i), new() { ["response-rate"] = new FigureValue(39, 40, 0.975m) });
        }

        Scores.Set("2025-09", "AL-DC-ZJ", 3, 60m);
        var manager = await Api.As("manager");
        await (await manager.PostJsonAsync($"{Base}/circulations", new { month = "2026-03" })).ShouldBeValidationError("month");
        await (await (await Api.As("supervisor")).PostJsonAsync($"{Base}/circulations", new { month = "2025-09" })).ShouldBe(HttpStatusCode.Forbidden);
        var made = await (await manager.PostJsonAsync($"{Base}/circulations", new { month = "2025-09" })).ShouldBe(HttpStatusCode.Created);
        Assert.Equal("郑伟", made.GetProperty("circulatedByName").GetString());
        await (await manager.PostJsonAsync($"{Base}/circulations", new { month = "2025-09" })).ShouldBeProblem(HttpStatusCode.Conflict, "circulation_already_made");

        Scores.Set("2025-09", "AL-DC-ZJ", 3, 99m);
        var own = await (await Api.As("handler")).GetAsync($"{Base}/circulations/2025-09").ShouldBeOk();
        var row = Assert.Single(own.GetProperty("rows").EnumerateArray());
        Assert.True(row.GetProperty("tooFewToRank").GetBoolean());
        Assert.Equal(60m, row.GetProperty("composite").GetDecimal());
        Assert.Equal(1, (await (await Api.As("handler")).GetAsync($"{Base}/circulations").ShouldBeOk())[0].GetProperty("units").GetInt32());
        await (await (await Api.As("handler")).GetAsync($"{Base}/circulations/2024-01")).ShouldBe(HttpStatusCode.NotFound);

        var response = await manager.GetAsync($"{Base}/rankings/export?month=2025-09");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(CityDepartments.Length + 1, rows.Count);
        var first = rows.Single(r => Equals(r["单位代码"], "AL-ZJ"));
        Assert.Equal("市住房和城乡建设局", first["单位名称"]);
        Assert.Equal("市直部门", first["考核组"]);
        Assert.Equal(1d, Convert.ToDouble(first["排名"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(97.5d, Convert.ToDouble(first["响应率"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("样本不足，不参与排名", rows.Single(r => Equals(r["单位代码"], "AL-DC-ZJ"))["备注"]);

        var unitBook = await (await Api.As("handler")).GetAsync($"{Base}/rankings/export?month=2025-09");
        using var unitStream = new MemoryStream(await unitBook.Content.ReadAsByteArrayAsync());
        Assert.Equal("AL-DC-ZJ", Assert.Single(MiniExcelLibs.MiniExcel.Query(unitStream, useHeaderRow: true).Cast<IDictionary<string, object?>>())["单位代码"]);
    }

    [Fact]
    public async Task SupervisionsUnitFigures_AreTheLastMonthsOnTimeRate_AndTheFallInRank()
    {
        App.Time.Set(new DateTimeOffset(2025, 6, 3, 9, 0, 0, TimeSpan.FromHours(8)));
        Scores.Clear();
        for (var i = 0; i < CityDepartments.Length; i++)
        {
            Scores.Set("2025-04", CityDepartments[i], 40, 95m - (5 * i));
            Scores.Set("2025-05", CityDepartments[i], 40, i == 0 ? 10m : 95m - (5 * i), new() { ["on-time-completion"] = new FigureValue(30, 40, 0.75m) });
        }

        Scores.Set("2025-05", "AL-DC-ZJ", 2, 50m, new() { ["on-time-completion"] = new FigureValue(0, 2, 0m) });
        await using var scope = App.Services.CreateAsyncScope();
        var source = scope.ServiceProvider.GetRequiredService<Hotline.Features.Supervision.Proposals.IUnitFigureSource>();
        var onTime = (await source.ReadAsync("onTimeRate", CancellationToken.None))!;
        Assert.Equal(CityDepartments.Length, onTime.Count);
        Assert.All(onTime, f => Assert.Equal(0.75m, f.Value));
        Assert.Contains("2025-05 按时办结率 75.00%", onTime[0].Display, StringComparison.Ordinal);
        var fall = (await source.ReadAsync("rankFall", CancellationToken.None))!;
        var zj = fall.Single(f => f.UnitName == "市住房和城乡建设局");
        Assert.Equal(5m, zj.Value);
        Assert.Equal(-1m, fall.Single(f => f.UnitName == "市生态环境局").Value);
        Assert.Null(await source.ReadAsync("somethingElse", CancellationToken.None));
    }

    private static JsonElement Group(JsonElement ranking, string key) => ranking.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("key").GetString() == key);

    private static long Id(JsonElement e) => e.GetProperty("id").GetInt64();

    private static long Version(JsonElement e) => e.GetProperty("version").GetInt64();
}

public sealed class RankingTests_Sqlite(GivenScoresSqliteApp app) : RankingTests(app), IClassFixture<GivenScoresSqliteApp>;

public sealed class RankingTests_Postgres(GivenScoresPostgresApp app) : RankingTests(app), IClassFixture<GivenScoresPostgresApp>;
