using System.Net;
using System.Text.Json;
using Hotline.Domain.QualityInspection;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;

namespace Hotline.Tests.QualityInspection;

/// <summary>
/// S14 over HTTP on both databases: a quality inspector draws the intake calls or callbacks of a day, scores them against the
/// checklist, and the agent's quality score follows in agent performance; the agent reads their own scored inspections.
/// Each test works on a day of its own, so that one test's contacts are not drawn by another.
/// </summary>
public abstract class InspectionTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private static object Draw(string day, int perAgent, string stage = "intake") => new { stage, from = day, to = day, perAgent };

    private async Task<JsonElement> Drawn(string day, int perAgent, string stage = "intake") =>
        await (await (await Api.As("inspector")).PostJsonAsync("/api/quality-inspections/draws", Draw(day, perAgent, stage))).ShouldBe(HttpStatusCode.Created);

    private async Task<JsonElement> Detail(string user, long id) => await (await Api.As(user)).GetAsync($"/api/quality-inspections/{id}").ShouldBeOk();

    /// <summary>Every line of the inspection's checklist at full points, but for the lines given.</summary>
    private static object Score(JsonElement detail, bool fatal = false, string? fatalReason = null, long? version = null, params (string Code, decimal Points, string? Note)[] lines) => new
    {
        items = detail.GetProperty("checklist").EnumerateArray().Select(l =>
        {
            var code = l.GetProperty("code").GetString()!;
            var given = lines.FirstOrDefault(g => g.Code == code);
            return given.Code is null ? new { code, points = l.GetProperty("maxPoints").GetDecimal(), note = (string?)null } : new { code, points = given.Points, note = given.Note };
        }).ToArray(),
        fatalError = fatal,
        fatalReason,
        comment = "语速适中",
        version = version ?? detail.GetProperty("version").GetInt64(),
    };

    private async Task<JsonElement> Scored(long id, object body) =>
        await (await Api.As("inspector")).PostJsonAsync($"/api/quality-inspections/{id}/score", body).ShouldBeOk();

    private void Day(int day) => App.Time.Set(new DateTimeOffset(2026, 5, day, 9, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public async Task AnInspectorDrawsAndScores_AndTheAgentsQualityScoreFollows()
    {
        Day(11);
        for (var i = 0; i < 3; i++)
        {
            await Api.RegisterId();
        }

        await Api.Register(WorkOrderApi.Order(channel: "web")); // no call to listen to

        var first = await Drawn("2026-05-11", perAgent: 2);
        Assert.Equal(2, first.GetProperty("drawn").GetInt32());
        Assert.All(first.GetProperty("inspections").EnumerateArray(), i =>
        {
            Assert.Equal("王芳", i.GetProperty("agentName").GetString());
            Assert.Equal("intake", i.GetProperty("stage").GetString());
            Assert.Equal("pending", i.GetProperty("state").GetString());
        });

        // A second draw takes only what is left of the phone calls; a third finds nothing.
        Assert.Equal(1, (await Drawn("2026-05-11", perAgent: 5)).GetProperty("drawn").GetInt32());
        Assert.Equal(0, (await Drawn("2026-05-11", perAgent: 5)).GetProperty("drawn").GetInt32());

        var ids = first.GetProperty("inspections").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToArray();
        var detail = await Detail("inspector", ids[0]);
        Assert.Equal(Checklist.Defaults(InspectionStage.Intake).Select(l => l.Code), detail.GetProperty("checklist").EnumerateArray().Select(l => l.GetProperty("code").GetString()));

        var scored = await Scored(ids[0], Score(detail, lines: ("record", 20, "未记录具体楼栋")));
        Assert.Equal(95m, scored.GetProperty("score").GetDecimal());
        Assert.Equal("scored", scored.GetProperty("state").GetString());
        await Scored(ids[1], Score(await Detail("inspector", ids[1]), fatal: true, fatalReason: "向被反映单位透露来电人信息"));

        // Agent performance: the mean of the two, and how many.
        var report = await (await Api.As("teamlead")).GetAsync("/api/assessment/agents?from=2026-05-11&to=2026-05-11").ShouldBeOk();
        var row = report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "王芳");
        Assert.Equal(47.5m, row.GetProperty("qualityScore").GetDecimal());
        Assert.Equal(2, row.GetProperty("qualityInspections").GetInt32());

        // The agent reads their own scored inspections, with the deduction's note, and not the pending one.
        var own = await (await Api.As("agent")).GetAsync("/api/quality-inspections?from=2026-05-11&to=2026-05-11").ShouldBeOk();
        Assert.Equal(2, own.GetProperty("total").GetInt32());
        var mine = own.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == ids[0]);
        Assert.Equal("未记录具体楼栋", mine.GetProperty("items").EnumerateArray().Single(l => l.GetProperty("code").GetString() == "record").GetProperty("note").GetString());
        // She is told of each scored call in the workbench, with the score and the inspection to open; nobody else is.
        var notices = (await (await Api.As("agent")).GetAsync("/api/notifications").ShouldBeOk()).GetProperty("items").EnumerateArray()
            .Where(n => n.GetProperty("kind").GetString() == "qualityScored").ToList();
        var told = notices.Select(n => n.GetProperty("facts").GetProperty("inspectionId").GetString()).ToHashSet();
        Assert.True(told.IsSupersetOf(ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var first95 = notices.Single(n => n.GetProperty("facts").GetProperty("inspectionId").GetString() == ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("95", first95.GetProperty("facts").GetProperty("score").GetString());
        Assert.False(first95.GetProperty("requiresAcknowledgement").GetBoolean());
        Assert.DoesNotContain((await (await Api.As("callback")).GetAsync("/api/notifications").ShouldBeOk()).GetProperty("items").EnumerateArray(), n => n.GetProperty("kind").GetString() == "qualityScored");

        var all = await (await Api.As("inspector")).GetAsync("/api/quality-inspections?from=2026-05-11&to=2026-05-11").ShouldBeOk();
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        Assert.Equal(1, (await (await Api.As("inspector")).GetAsync("/api/quality-inspections?from=2026-05-11&to=2026-05-11&state=pending").ShouldBeOk()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ACallbackSample_HoldsTheCallbacksThatReachedTheCitizen()
    {
        Day(12);
        var id = await Api.Dispatched();
        await Api.Ok("handler", id, "sign");
        await Api.Ok("handler", id, "reply", new { result = "已督促物业修复电梯", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        await Api.Ok("dispatcher", id, "accept-reply");
        await Api.Ok("callback", id, "callback", new { method = "phone", reached = false, comment = "无人接听" });
        await Api.Ok("callback", id, "callback", new { method = "phone", reached = true, processRating = "satisfied", resultRating = "satisfied", comment = "满意" });

        var drawn = await Drawn("2026-05-12", perAgent: 5, stage: "callback");

        var inspection = Assert.Single(drawn.GetProperty("inspections").EnumerateArray());
        Assert.Equal("陈静", inspection.GetProperty("agentName").GetString());
        Assert.Equal(id, inspection.GetProperty("workOrderId").GetInt64());
        var detail = await Detail("manager", inspection.GetProperty("id").GetInt64());
        Assert.Equal(Checklist.Defaults(InspectionStage.Callback).Select(l => l.Code), detail.GetProperty("checklist").EnumerateArray().Select(l => l.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task AStaleScore_IsAConflict_BadScoresAreFieldNamed_AndNothingIsHalfWritten()
    {
        Day(13);
        await Api.RegisterId();
        var id = (await Drawn("2026-05-13", perAgent: 1)).GetProperty("inspections")[0].GetProperty("id").GetInt64();
        var detail = await Detail("inspector", id);
        var inspector = await Api.As("inspector");
        var url = $"/api/quality-inspections/{id}/score";

        await (await inspector.PostJsonAsync(url, Score(detail, lines: ("attitude", 10, null)))).ShouldBeValidationError("items[1].note");
        await (await inspector.PostJsonAsync(url, Score(detail, lines: ("wording", 11, "超出")))).ShouldBeValidationError("items[0].points");
        await (await inspector.PostJsonAsync(url, Score(detail, lines: ("wording", 5, new string('长', 501))))).ShouldBeValidationError("items[0].note");
        await (await inspector.PostJsonAsync(url, Score(detail, lines: ("wording", 5, "含\u0000字符")))).ShouldBe(HttpStatusCode.BadRequest);
        await (await inspector.PostJsonAsync(url, new { items = Array.Empty<object>(), fatalError = false, version = detail.GetProperty("version").GetInt64() })).ShouldBeValidationError("items");
        Assert.Equal("pending", (await Detail("inspector", id)).GetProperty("state").GetString());

        await Scored(id, Score(detail));
        await (await inspector.PostJsonAsync(url, Score(detail, lines: ("wording", 8, "未使用结束语")))).ShouldBeProblem(HttpStatusCode.Conflict, "concurrency_conflict");
        var after = await Detail("inspector", id);
        Assert.Equal(100m, after.GetProperty("score").GetDecimal());

        // The inspector corrects the score at the version they read.
        Assert.Equal(98m, (await Scored(id, Score(after, lines: ("wording", 8, "未使用结束语")))).GetProperty("score").GetDecimal());
    }

    [Fact]
    public async Task Roles_DecideWhoDrawsScoresAndReads()
    {
        Day(14);
        await Api.RegisterId();
        await (await (await Api.As("agent")).PostJsonAsync("/api/quality-inspections/draws", Draw("2026-05-14", 1))).ShouldBe(HttpStatusCode.Forbidden);
        await (await (await Api.As("teamlead")).PostJsonAsync("/api/quality-inspections/draws", Draw("2026-05-14", 1))).ShouldBe(HttpStatusCode.Forbidden);
        await (await (await Api.As("handler")).GetAsync("/api/quality-inspections")).ShouldBe(HttpStatusCode.Forbidden);
        var id = (await Drawn("2026-05-14", perAgent: 1)).GetProperty("inspections")[0].GetProperty("id").GetInt64();

        // A pending inspection is not shown to the agent; the team leader reads it but may not score it.
        await (await (await Api.As("agent")).GetAsync($"/api/quality-inspections/{id}")).ShouldBeProblem(HttpStatusCode.NotFound, "quality_inspection_not_found");
        var detail = await Detail("teamlead", id);
        await (await (await Api.As("teamlead")).PostJsonAsync($"/api/quality-inspections/{id}/score", Score(detail))).ShouldBe(HttpStatusCode.Forbidden);

        // The callback agent does not read another agent's inspection, scored or not.
        await Scored(id, Score(detail));
        await (await (await Api.As("callback")).GetAsync($"/api/quality-inspections/{id}")).ShouldBeProblem(HttpStatusCode.NotFound, "quality_inspection_not_found");
        Assert.Equal("scored", (await Detail("agent", id)).GetProperty("state").GetString());

        // Bad filters and periods are field-named.
        await (await (await Api.As("inspector")).GetAsync("/api/quality-inspections?stage=phone")).ShouldBeValidationError("stage");
        await (await (await Api.As("inspector")).PostJsonAsync("/api/quality-inspections/draws", new { stage = "intake", from = "2026-05-14", to = "2026-01-01", perAgent = 1 })).ShouldBeValidationError("to");
        await (await (await Api.As("inspector")).PostJsonAsync("/api/quality-inspections/draws", new { from = "2026-05-14", to = "2026-05-14", perAgent = 1 })).ShouldBeValidationError("stage");
        await (await (await Api.As("inspector")).PostJsonAsync("/api/quality-inspections/draws", Draw("2026-05-14", 0))).ShouldBeValidationError("perAgent");
    }

    [Fact]
    public async Task ANewChecklist_ScoresWhatIsDrawnNext_AndThePastKeepsItsLines()
    {
        Day(15);
        await Api.RegisterId();
        await Api.RegisterId();
        var first = (await Drawn("2026-05-15", perAgent: 1)).GetProperty("inspections")[0].GetProperty("id").GetInt64();
        await Scored(first, Score(await Detail("inspector", first)));

        var inspector = await Api.As("inspector");
        var lines = new[] { new { code = "manner", name = "服务规范与态度", maxPoints = 40m }, new { code = "accuracy", name = "记录与答复准确", maxPoints = 60m } };
        await (await inspector.PutJsonAsync("/api/quality-inspections/checklists/intake", new { items = lines.Take(1) })).ShouldBeValidationError("items");
        var set = await inspector.PutJsonAsync("/api/quality-inspections/checklists/intake", new { items = lines }).ShouldBeOk();
        Assert.Equal("孙丽", set.GetProperty("createdByName").GetString());

        try
        {
            var checklists = await (await Api.As("teamlead")).GetAsync("/api/quality-inspections/checklists").ShouldBeOk();
            var intake = checklists.EnumerateArray().Single(c => c.GetProperty("stage").GetString() == "intake");
            Assert.Equal(["manner", "accuracy"], intake.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("code").GetString()));

            var second = (await Drawn("2026-05-15", perAgent: 1)).GetProperty("inspections")[0].GetProperty("id").GetInt64();
            var detail = await Detail("inspector", second);
            Assert.Equal(["manner", "accuracy"], detail.GetProperty("checklist").EnumerateArray().Select(l => l.GetProperty("code").GetString()));
            Assert.Equal(90m, (await Scored(second, Score(detail, lines: ("accuracy", 50, "地址记录不全")))).GetProperty("score").GetDecimal());

            // The first keeps the lines it was scored on.
            Assert.Equal(6, (await Detail("inspector", first)).GetProperty("checklist").GetArrayLength());
        }
        finally
        {
            var defaults = Checklist.Defaults(InspectionStage.Intake).Select(l => new { code = l.Code, name = l.Name, maxPoints = l.MaxPoints });
            await inspector.PutJsonAsync("/api/quality-inspections/checklists/intake", new { items = defaults }).ShouldBeOk();
        }
    }

    [Fact]
    public async Task Export_IsAWorkbookOfTheInspections()
    {
        Day(18);
        await Api.RegisterId();
        var id = (await Drawn("2026-05-18", perAgent: 1)).GetProperty("inspections")[0].GetProperty("id").GetInt64();
        await Scored(id, Score(await Detail("inspector", id), lines: ("answer", 15, "政策口径不准确")));

        var response = await (await Api.As("manager")).GetAsync("/api/quality-inspections/export?from=2026-05-18&to=2026-05-18");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var row = Assert.Single(MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>());
        Assert.Equal("王芳", row["坐席"]);
        Assert.Equal("受理", row["环节"]);
        Assert.Equal(95d, Convert.ToDouble(row["得分"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("政策口径不准确", row["扣分项"]?.ToString(), StringComparison.Ordinal);
    }
}

public sealed class InspectionTests_Sqlite(SqliteApp app) : InspectionTests(app), IClassFixture<SqliteApp>;

public sealed class InspectionTests_Postgres(PostgresApp app) : InspectionTests(app), IClassFixture<PostgresApp>;
