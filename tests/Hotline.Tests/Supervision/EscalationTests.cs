using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Hotline.Domain.Supervision;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Supervision;

/// <summary>
/// Issue 16 (S8): a notice escalated one step at a time up the chain by the level that holds it, seen by the levels it
/// reached and by no one else; joint handling; special reports to leaders, edited, exported and instructed on, the
/// instruction tracked as a notice until it is done; a multi-unit case convened and given a new lead unit.
/// </summary>
public abstract class EscalationTests(AppFixture app) : WorkOrderHttpTests(app)
{
    [Fact]
    public async Task Escalation_GoesUpOneStepAtATime_ByTheLevelThatHoldsIt_AndOnlyTheLevelsReachedSeeIt()
    {
        var orderId = await Api.Dispatched(WorkOrderApi.Order(subject: "小区违建长期未拆除"));
        var id = await OpenNoticeAsync("AL-DC-ZJ", orderId);
        Assert.DoesNotContain(id, await EscalatedAsync("bianban"));
        Assert.DoesNotContain(id, await EscalatedAsync("leader"));
        await (await Get("bianban", id)).ShouldBe(HttpStatusCode.NotFound);
        Assert.Contains(id, await EscalatedAsync("supervisor"));

        var view = await (await Get("supervisor", id)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(["organisationOffice"], view.GetProperty("nextLevels").EnumerateArray().Select(l => l.GetString()));
        await (await Escalate("supervisor", id, "leader", Version(view))).ShouldBeProblem(HttpStatusCode.Conflict, "notice_escalation_skips_level");
        await (await Escalate("bianban", id, "organisationOffice", Version(view))).ShouldBe(HttpStatusCode.NotFound);
        await (await Escalate("supervisor", id, "organisationOffice", Version(view), handOver: " ")).ShouldBeValidationError("handOver");
        await (await Escalate("supervisor", id, null, Version(view))).ShouldBeValidationError("to");

        var atOffice = await (await Escalate("supervisor", id, "organisationOffice", Version(view))).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("organisationOffice", atOffice.GetProperty("level").GetString());
        await (await Escalate("supervisor", id, "organisationOffice", Version(view))).ShouldBe(HttpStatusCode.Conflict); // stale
        await (await Escalate("supervisor", id, "leader", Version(atOffice))).ShouldBeProblem(HttpStatusCode.Forbidden, "notice_not_escalation_level");
        Assert.Contains(id, await EscalatedAsync("bianban"));
        Assert.DoesNotContain(id, await EscalatedAsync("leader"));
        Assert.DoesNotContain(id, await EscalatedAsync("jiwei"));

        await (await Escalate("bianban", id, "centre", Version(atOffice))).ShouldBeProblem(HttpStatusCode.Conflict, "notice_escalation_downward");
        var atLeader = await (await Escalate("bianban", id, "leader", Version(atOffice), reason: "职责确认后单位仍未落实")).ShouldBe(HttpStatusCode.OK);
        var leaderView = await (await Get("leader", id)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(["disciplineCommission", "government"], leaderView.GetProperty("nextLevels").EnumerateArray().Select(l => l.GetString()));
        Assert.Contains(id, await EscalatedAsync("leader"));
        Assert.Empty((await (await Get("bianban", id)).ShouldBe(HttpStatusCode.OK)).GetProperty("nextLevels").EnumerateArray());

        var atCommission = await (await Escalate("leader", id, "disciplineCommission", Version(atLeader), reason: "涉嫌不作为")).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(id, await EscalatedAsync("jiwei"));
        Assert.Empty(atCommission.GetProperty("nextLevels").EnumerateArray());
        await (await Escalate("jiwei", id, "government", Version(atCommission))).ShouldBeProblem(HttpStatusCode.Conflict, "notice_escalation_downward");

        var steps = atCommission.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["organisationOffice", "leader", "disciplineCommission"], steps.Select(s => s.GetProperty("to").GetString()));
        Assert.Equal(["周涛", "秦明", "林峰"], steps.Select(s => s.GetProperty("by").GetString()));
        Assert.Equal("涉嫌不作为", steps[2].GetProperty("reason").GetString());
        Assert.Equal("请督促落实整改", steps[0].GetProperty("handOver").GetString());
        Assert.Equal("安澜市纪委监委", steps[2].GetProperty("organ").GetString());
        Assert.Equal("安澜市委机构编制委员会办公室", steps[0].GetProperty("organ").GetString());
    }

    [Fact]
    public async Task Escalation_FromTheLeader_ReachesTheGovernmentAtTheSameLevel_AndJointHandlingIsRecorded()
    {
        var id = await OpenNoticeAsync("AL-XC-CG", null);
        var v = Version(await (await Get("supervisor", id)).ShouldBe(HttpStatusCode.OK));
        v = Version(await (await Escalate("supervisor", id, "organisationOffice", v)).ShouldBe(HttpStatusCode.OK));
        v = Version(await (await Escalate("bianban", id, "leader", v)).ShouldBe(HttpStatusCode.OK));
        var atGovernment = await (await Escalate("leader", id, "government", v, reason: "特别复杂，需政府统筹")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("government", atGovernment.GetProperty("level").GetString());
        Assert.Equal("安澜市人民政府", atGovernment.GetProperty("steps")[2].GetProperty("organ").GetString());
        Assert.DoesNotContain(id, await EscalatedAsync("jiwei"));

        var client = await Api.As("supervisor");
        var url = $"/api/supervision/notices/{id}/joint-handling";
        await (await client.PostJsonAsync(url, new { partners = Array.Empty<string>(), agreed = "x", agreedOn = "2026-03-02", version = Version(atGovernment) })).ShouldBeValidationError("partners");
        await (await client.PostJsonAsync(url, new { partners = new[] { "petitionsBureau" }, agreed = "x", agreedOn = "2026-03-09", version = Version(atGovernment) })).ShouldBeValidationError("agreedOn");
        await (await (await Api.As("handler")).PostJsonAsync(url, new { partners = new[] { "petitionsBureau" }, agreed = "x", agreedOn = "2026-03-02", version = Version(atGovernment) })).ShouldBe(HttpStatusCode.Forbidden);
        var joint = await (await client.PostJsonAsync(url, new
        {
            partners = new[] { "disciplineInspection", "petitionsBureau" },
            agreed = "纪检跟踪问责，信访局接访化解",
            agreedOn = "2026-03-02",
            version = Version(atGovernment),
        })).ShouldBe(HttpStatusCode.OK);
        var entry = joint.GetProperty("jointHandlings").EnumerateArray().Single();
        Assert.Equal(["disciplineInspection", "petitionsBureau"], entry.GetProperty("partners").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("纪检跟踪问责，信访局接访化解", entry.GetProperty("agreed").GetString());
        Assert.Equal("2026-03-02", entry.GetProperty("agreedOn").GetString());
    }

    [Fact]
    public async Task SpecialReport_IsGeneratedEditedExportedAndInstructed_AndTheInstructionIsTrackedUntilDone()
    {
        var orderId = await Api.Dispatched(WorkOrderApi.Order(subject: "电梯停运两周无人维修", phone: "13900001111"));
        var id = await OpenNoticeAsync("AL-DC-ZJ", orderId);
        var supervisor = await Api.As("supervisor");
        await (await (await Api.As("leader")).PostJsonAsync($"/api/supervision/notices/{id}/special-reports", new { })).ShouldBe(HttpStatusCode.NotFound);
        var report = await (await supervisor.PostJsonAsync($"/api/supervision/notices/{id}/special-reports", new { })).ShouldBe(HttpStatusCode.OK);
        var body = report.GetProperty("body").GetString()!;
        Assert.Contains("东城区住房和城乡建设局", report.GetProperty("title").GetString());
        Assert.Contains("电梯停运两周无人维修", body);
        Assert.Contains("下发督办单", body);
        Assert.Contains("一、基本情况", body);
        Assert.DoesNotContain("13900001111", body);
        var reportId = report.GetProperty("id").GetInt64();
        var url = $"/api/supervision/special-reports/{reportId}";

        await (await supervisor.PutJsonAsync(url, new { title = " ", body = "x", version = Version(report) })).ShouldBeValidationError("title");
        var edited = await (await supervisor.PutJsonAsync(url, new { title = "关于电梯长期停运问题的专报", body = body + "\n建议：由市住建局牵头督促。", version = Version(report) })).ShouldBe(HttpStatusCode.OK);
        await (await supervisor.PutJsonAsync(url, new { title = "旧版本", body = "x", version = Version(report) })).ShouldBe(HttpStatusCode.Conflict);

        var docx = await supervisor.GetAsync($"{url}/docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using (var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
        {
            var text = word.MainDocumentPart!.Document.Body!.InnerText;
            Assert.Contains("关于电梯长期停运问题的专报", text);
            Assert.Contains("建议：由市住建局牵头督促。", text);
        }

        var print = await (await supervisor.GetAsync($"{url}/print")).Content.ReadAsStringAsync();
        Assert.Contains("<h1>关于电梯长期停运问题的专报</h1>", print);

        await (await (await Api.As("leader")).GetAsync(url)).ShouldBe(HttpStatusCode.NotFound);
        var leaders = await (await supervisor.GetAsync("/api/supervision/special-reports/leaders")).ShouldBe(HttpStatusCode.OK);
        var leaderId = leaders.EnumerateArray().Single(l => l.GetProperty("name").GetString() == "林峰").GetProperty("id").GetInt64();
        await (await supervisor.PostJsonAsync($"{url}/send", new { leaderUserId = await UserIdAsync("bianban"), version = Version(edited) })).ShouldBeValidationError("leaderUserId");
        var sent = await (await supervisor.PostJsonAsync($"{url}/send", new { leaderUserId = leaderId, version = Version(edited) })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("sent", sent.GetProperty("state").GetString());

        var leader = await Api.As("leader");
        var listed = await (await leader.GetAsync("/api/supervision/special-reports")).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(reportId, listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        await (await supervisor.PostJsonAsync($"{url}/instruction", new { text = "x", unitId = await Api.UnitId("AL-ZJ"), deadlineWorkingDays = 5, version = Version(sent) }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "special_report_not_addressee");
        await (await leader.PostJsonAsync($"{url}/instruction", new { text = "请市住建局牵头限期解决", unitId = await Api.UnitId("AL-ZJ"), deadlineWorkingDays = 0, version = Version(sent) }))
            .ShouldBeValidationError("deadlineWorkingDays");
        await (await leader.PostJsonAsync($"{url}/instruction", new { text = "请市住建局牵头限期解决", unitId = await Api.UnitId("AL-HC"), deadlineWorkingDays = 5, version = Version(sent) }))
            .ShouldBeValidationError("unitId");
        var instructed = await (await leader.PostJsonAsync($"{url}/instruction", new
        {
            text = "请市住建局牵头限期解决",
            unitId = await Api.UnitId("AL-ZJ"),
            deadlineWorkingDays = 5,
            version = Version(sent),
        })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("instructed", instructed.GetProperty("state").GetString());
        Assert.Equal("林峰", instructed.GetProperty("instructedBy").GetString());
        var progress = instructed.GetProperty("progress");
        Assert.False(progress.GetProperty("done").GetBoolean());
        Assert.Equal("issued", progress.GetProperty("state").GetString());
        Assert.Equal("市住房和城乡建设局", progress.GetProperty("unitName").GetString());
        var noticeId = progress.GetProperty("noticeId").GetInt64();

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var notice = await db.Set<SupervisionNotice>().SingleAsync(n => n.Id == noticeId);
            Assert.Equal(SpecialReport.InstructionTrigger, notice.Trigger);
            Assert.Equal("请市住建局牵头限期解决", notice.Demand);
            Assert.True(notice.DueAtUtc > App.Time.GetUtcNow().UtcDateTime);
        }

        // The unit answers and the centre accepts, as any notice (the notice endpoints belong to the notices' part).
        await ActOnNoticeAsync(noticeId, "AL-ZJ", (n, unit, centre, now) =>
        {
            n.Sign(unit, now);
            n.Answer(unit, "已约谈物业并更换电梯主板，电梯恢复运行", "维修记录", now);
            n.Accept(centre, "整改到位", now);
        });

        var done = await (await leader.GetAsync(url)).ShouldBe(HttpStatusCode.OK);
        Assert.True(done.GetProperty("progress").GetProperty("done").GetBoolean());
        Assert.Equal("已约谈物业并更换电梯主板，电梯恢复运行", done.GetProperty("progress").GetProperty("measures").GetString());
        var rows = await (await leader.GetAsync("/api/supervision/special-reports")).ShouldBe(HttpStatusCode.OK);
        Assert.True(rows.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == reportId).GetProperty("done").GetBoolean());
        await (await (await Api.As("handler")).GetAsync(url)).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ConveneLead_RecordsTheMeeting_AndNamesANewLeadUnit_WithTheOthersAssisting()
    {
        var id = await Api.Dispatched(WorkOrderApi.Order(subject: "跨部门占道经营整治"));
        await Api.Ok("handler", id, "sign");
        var housing = await Api.UnitId("AL-DC-ZJ");
        var management = await Api.UnitId("AL-DC-CG");
        var market = await Api.UnitId("AL-DC-SJ");
        var version = (await Api.Get("supervisor", id)).GetProperty("version").GetInt64();

        await (await Api.Act("handler", id, "convene-lead", new { unitIds = new[] { housing, management }, leadUnitId = management, heldOn = "2026-03-02", outcome = "x", version }))
            .ShouldBe(HttpStatusCode.Forbidden);
        await (await Api.Act("supervisor", id, "convene-lead", new { unitIds = new[] { housing }, leadUnitId = market, heldOn = "2026-03-09", outcome = " ", version }))
            .ShouldBeValidationError("leadUnitId");
        var problem = await (await Api.Act("supervisor", id, "convene-lead", new { unitIds = new[] { housing }, leadUnitId = housing, heldOn = "2026-03-09", outcome = " ", version }))
            .ShouldBeValidationError("unitIds");
        Assert.True(problem.GetProperty("errors").TryGetProperty("heldOn", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("outcome", out _));

        var convened = await Api.Ok("supervisor", id, "convene-lead", new
        {
            unitIds = new[] { housing, management, market },
            leadUnitId = management,
            heldOn = "2026-03-02",
            outcome = "由区城管局牵头，住建、市场监管配合",
            version,
        });
        Assert.Equal("dispatched", convened.GetProperty("status").GetString());
        Assert.Equal("东城区城市管理局", convened.GetProperty("leadUnit").GetProperty("name").GetString());
        var consultation = convened.GetProperty("cases").GetProperty("consultations")[0];
        Assert.Equal("东城区城市管理局", consultation.GetProperty("leadUnit").GetString());
        Assert.Equal("2026-03-02", consultation.GetProperty("heldOn").GetString());
        var entry = (await Api.Timeline("supervisor", id)).EnumerateArray().Last();
        Assert.Equal("convene-lead", entry.GetProperty("action").GetString());
        await (await Api.Act("supervisor", id, "convene-lead", new { unitIds = new[] { housing, management }, leadUnitId = management, heldOn = "2026-03-02", outcome = "x", version }))
            .ShouldBe(HttpStatusCode.Conflict);
    }

    private static long Version(JsonElement e) => e.GetProperty("version").GetInt64();

    private async Task<HttpResponseMessage> Get(string user, long id) => await (await Api.As(user)).GetAsync($"/api/supervision/notices/{id}/escalation");

    private async Task<HttpResponseMessage> Escalate(string user, long id, string? to, long version, string reason = "单位逾期未整改", string handOver = "请督促落实整改") =>
        await (await Api.As(user)).PostJsonAsync($"/api/supervision/notices/{id}/escalate", new { to, reason, handOver, version });

    private async Task<List<long>> EscalatedAsync(string user)
    {
        var list = await (await (await Api.As(user)).GetAsync("/api/supervision/escalated?pageSize=200")).ShouldBe(HttpStatusCode.OK);
        return list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
    }

    private Task<long> UserIdAsync(string userName) => NoticeSeed.UserIdAsync(App, userName);

    private async Task<long> OpenNoticeAsync(string unitCode, long? orderId) => (await NoticeSeed.OpenAsync(App, unitCode, orderId)).Id;

    private Task ActOnNoticeAsync(long id, string unitCode, Action<SupervisionNotice, Actor, Actor, DateTime> act) => NoticeSeed.ActAsync(App, id, unitCode, act);
}

public sealed class EscalationTests_Sqlite(SqliteApp app) : EscalationTests(app), IClassFixture<SqliteApp>;

public sealed class EscalationTests_Postgres(PostgresApp app) : EscalationTests(app), IClassFixture<PostgresApp>;
