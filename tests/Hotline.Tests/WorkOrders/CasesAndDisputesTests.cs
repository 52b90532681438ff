using System.Net;
using System.Text.Json;
using Hotline.Features.Notifications;
using Hotline.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.WorkOrders;

/// <summary>
/// Issue 15: hard cases up to the team leader and the site manager, responsibility disputes decided by the organisation
/// office, matters taken to the government at the unit's level, lateness judged, and who answers the citizen.
/// </summary>
public abstract class CasesAndDisputesTests(AppFixture app) : WorkOrderHttpTests(app)
{
    [Fact]
    public async Task HardCase_GoesUpToTheTeamLeaderThenTheSiteManager_WhoConvenesTheUnitsAndDispatches()
    {
        var id = await Api.RegisterId(WorkOrderApi.Order(subject: "跨区河道漂浮物无人清理"));
        var number = (await Api.Get("dispatcher", id)).GetProperty("number").GetString();

        var atTeamLeader = await Api.Ok("dispatcher", id, "escalate-hard-case", new { reason = "河道跨两区，职责不清" });
        Assert.Equal("hardCase", atTeamLeader.GetProperty("status").GetString());
        Assert.Equal("teamLeader", Cases(atTeamLeader).GetProperty("hardCaseLevel").GetString());
        Assert.DoesNotContain("dispatch-hard-case", Actions(await Api.Get("dispatcher", id)));
        Assert.Contains("escalate-hard-case", Actions(await Api.Get("teamlead", id)));
        Assert.Contains(id, await ListedAsync("teamlead", "status=hardCase&hardCaseLevel=teamLeader"));

        await Api.Ok("teamlead", id, "escalate-hard-case", new { reason = "需现场负责人协调两区" });
        var atSiteManager = await Api.Get("sitemanager", id);
        Assert.Equal("siteManager", Cases(atSiteManager).GetProperty("hardCaseLevel").GetString());
        Assert.Equal(["convene-units", "dispatch-hard-case", "send-back-hard-case"], Actions(atSiteManager).Where(a => a!.Contains("hard-case", StringComparison.Ordinal) || a == "convene-units").Order());
        await (await Api.Act("teamlead", id, "dispatch-hard-case", new { leadUnitId = await Api.UnitId("AL-DC-CG") })).ShouldBeProblem(HttpStatusCode.Forbidden, "work_order.not_hard_case_level");
        Assert.Contains(id, await ListedAsync("sitemanager", "status=hardCase&hardCaseLevel=siteManager"));
        Assert.DoesNotContain(id, await ListedAsync("teamlead", "status=hardCase&hardCaseLevel=teamLeader"));

        await Api.Ok("sitemanager", id, "convene-units", new
        {
            unitIds = new[] { await Api.UnitId("AL-DC-CG"), await Api.UnitId("AL-XC-CG") },
            heldOn = "2026-03-02",
            outcome = "上游段由东城区城管局牵头清理，西城区城管局配合",
        });
        var dispatched = await Api.Ok("sitemanager", id, "dispatch-hard-case", new
        {
            leadUnitId = await Api.UnitId("AL-DC-CG"),
            coUnitIds = new[] { await Api.UnitId("AL-XC-CG") },
            note = "按会商结果派单",
        });

        Assert.Equal("dispatched", dispatched.GetProperty("status").GetString());
        Assert.Equal("东城区城市管理局", dispatched.GetProperty("leadUnit").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, Cases(dispatched).GetProperty("hardCaseLevel").ValueKind);
        Assert.Equal(2, Cases(dispatched).GetProperty("hardCaseSteps").GetArrayLength());
        Assert.Equal("东城区城市管理局、西城区城市管理局", Cases(dispatched).GetProperty("consultations")[0].GetProperty("units").GetString());
        var timeline = (await Api.Timeline("dispatcher", id)).EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["register", "escalate-hard-case", "escalate-hard-case", "convene-units", "dispatch-hard-case"], timeline);

        await App.Services.GetRequiredService<NotificationFollower>().RunOnceAsync(CancellationToken.None);
        Assert.Single(await NotificationsAsync("teamlead", number), n => n.GetProperty("kind").GetString() == "hardCase");
        Assert.Single(await NotificationsAsync("sitemanager", number), n => n.GetProperty("kind").GetString() == "hardCase");
        Assert.Empty(await NotificationsAsync("dispatcher", number));
    }

    [Fact]
    public async Task HardCase_AtTheSiteManager_GoesNoHigher_AndTheTeamLeaderMaySendItBackToIntake()
    {
        var top = await Api.RegisterId(WorkOrderApi.Order(subject: "疑难件到顶"));
        await Api.Ok("dispatcher", top, "escalate-hard-case", new { reason = "职责不清" });
        await Api.Ok("teamlead", top, "escalate-hard-case", new { reason = "需现场负责人" });
        Assert.DoesNotContain("escalate-hard-case", Actions(await Api.Get("sitemanager", top)));
        await (await Api.Act("sitemanager", top, "escalate-hard-case", new { reason = "再上报" })).ShouldBe(HttpStatusCode.Forbidden);

        var back = await Api.RegisterId(WorkOrderApi.Order(subject: "疑难件退回受理"));
        await Api.Ok("dispatcher", back, "escalate-hard-case", new { reason = "诉求不清" });
        await (await Api.Act("teamlead", back, "send-back-hard-case", new { reason = "correction" })).ShouldBeValidationError("note");
        var sentBack = await Api.Ok("teamlead", back, "send-back-hard-case", new { reason = "correction", note = "请核实具体地址" });
        Assert.Equal("sentBackToIntake", sentBack.GetProperty("status").GetString());
        Assert.Equal("请核实具体地址", sentBack.GetProperty("lastSendBack").GetProperty("note").GetString());
    }

    [Fact]
    public async Task Arbitration_AfterRejectedReturn_BindsAndRedispatches()
    {
        var id = await Api.Dispatched(WorkOrderApi.Order(subject: "小区违建职责争议"));
        var number = (await Api.Get("dispatcher", id)).GetProperty("number").GetString();
        await Api.Ok("handler", id, "sign");
        await (await Api.Act("handler", id, "request-arbitration", new { reason = "不属本局" })).ShouldBeProblem(HttpStatusCode.Conflict, "work_order.arbitration_needs_rejected_return");
        await Api.Ok("handler", id, "return", new { reason = "违建查处属城管职责", basis = "城市管理综合执法事项目录", suggestedUnitId = await Api.UnitId("AL-DC-CG") });
        await Api.Ok("dispatcher", id, "reject-return", new { reason = "物业管理范围内，住建局牵头" });
        Assert.Contains("request-arbitration", Actions(await Api.Get("handler", id)));

        var disputed = await Api.Ok("handler", id, "request-arbitration", new { reason = "执法事项目录明确由城管局查处" });
        Assert.Equal("inArbitration", disputed.GetProperty("status").GetString());
        Assert.Contains(id, await ListedAsync("bianban", "status=inArbitration"));
        Assert.Equal(["decide-arbitration"], Actions(await Api.Get("bianban", id)).Where(a => a != "reveal-caller"));
        await (await Api.Act("dispatcher", id, "decide-arbitration", new { unitId = await Api.UnitId("AL-XC-CG"), decision = "x" })).ShouldBe(HttpStatusCode.Forbidden);
        await App.Services.GetRequiredService<NotificationFollower>().RunOnceAsync(CancellationToken.None);
        Assert.Single(await NotificationsAsync("bianban", number), n => n.GetProperty("kind").GetString() == "arbitrationRequested");

        var decided = await Api.Ok("bianban", id, "decide-arbitration", new { unitId = await Api.UnitId("AL-XC-CG"), decision = "依据执法事项目录，由西城区城市管理局负责" });

        Assert.Equal("dispatched", decided.GetProperty("status").GetString());
        Assert.Equal("西城区城市管理局", decided.GetProperty("leadUnit").GetProperty("name").GetString());
        Assert.Equal("西城区城市管理局", Cases(decided).GetProperty("arbitrations")[0].GetProperty("decidedUnitName").GetString());
        Assert.Contains("sign", Actions(await Api.Get("handler2", id)));
        await (await (await Api.As("handler")).GetAsync($"/api/work-orders/{id}")).ShouldBe(HttpStatusCode.NotFound);
        var actions = (await Api.Timeline("dispatcher", id)).EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["request-arbitration", "decide-arbitration"], actions.TakeLast(2));
        await App.Services.GetRequiredService<NotificationFollower>().RunOnceAsync(CancellationToken.None);
        Assert.Single(await NotificationsAsync("handler2", number), n => n.GetProperty("kind").GetString() == "arbitrationDecided");
        Assert.Single(await NotificationsAsync("handler", number), n => n.GetProperty("kind").GetString() == "arbitrationDecided");
    }

    [Fact]
    public async Task Arbitration_DecidedForTheDisputingUnit_ReturnsTheOrderWhereItWas()
    {
        var id = await Api.Dispatched(WorkOrderApi.Order(subject: "职责争议维持原单位"));
        await Api.Ok("handler", id, "sign");
        await Api.Ok("handler", id, "return", new { reason = "不属本局", basis = "三定方案", suggestedUnitId = await Api.UnitId("AL-DC-CG") });
        await Api.Ok("dispatcher", id, "reject-return", new { reason = "属住建局职责" });
        await Api.Ok("handler", id, "request-arbitration", new { reason = "三定方案未列此项" });

        var decided = await Api.Ok("bianban", id, "decide-arbitration", new { unitId = await Api.UnitId("AL-DC-ZJ"), decision = "属住建局物业监管职责" });

        Assert.Equal("inProgress", decided.GetProperty("status").GetString());
        Assert.Equal("东城区住房和城乡建设局", decided.GetProperty("leadUnit").GetProperty("name").GetString());
        Assert.DoesNotContain("request-arbitration", Actions(await Api.Get("handler", id)));
    }

    [Fact]
    public async Task Coordination_TakenToTheDistrictGovernment_ResultRecordedOnTheTimeline()
    {
        var id = await Api.Dispatched(WorkOrderApi.Order(subject: "老旧小区加装电梯协调"));
        await Api.Ok("handler", id, "sign");
        await (await Api.Act("handler", id, "record-coordination", new { result = "x" })).ShouldBeProblem(HttpStatusCode.Conflict, "work_order.no_open_coordination");

        var reported = await Api.Ok("handler", id, "report-to-government", new { matter = "需规划、街道、供电多部门协调" });
        Assert.Equal("东城区人民政府", Cases(reported).GetProperty("coordinations")[0].GetProperty("governmentName").GetString());
        await (await Api.Act("handler", id, "report-to-government", new { matter = "再报" })).ShouldBeProblem(HttpStatusCode.Conflict, "work_order.coordination_open");
        var recorded = await Api.Ok("handler", id, "record-coordination", new { result = "区政府召开协调会，明确由街道牵头" });

        Assert.Equal("区政府召开协调会，明确由街道牵头", Cases(recorded).GetProperty("coordinations")[0].GetProperty("result").GetString());
        var timeline = (await Api.Timeline("dispatcher", id)).EnumerateArray().ToList();
        Assert.Equal("东城区人民政府", timeline.Single(e => e.GetProperty("action").GetString() == "report-to-government").GetProperty("details").GetProperty("government").GetString());
        Assert.Single(timeline, e => e.GetProperty("action").GetString() == "record-coordination");
    }

    [Fact]
    public async Task Lateness_JudgedWithoutGoodReason_FlagsTheOrderForTheListFilter_AndAnAcceptedReasonDoesNot()
    {
        var late = await LateReplyAsync("逾期答复无正当理由");
        var excused = await LateReplyAsync("逾期答复理由成立");
        Assert.Contains("explain-lateness", Actions(await Api.Get("handler", late)));

        await Api.Ok("handler", late, "explain-lateness", new { reason = "经办人休假" });
        await (await Api.Act("supervisor", late, "judge-lateness", new { judgement = "withoutGoodReason" })).ShouldBeValidationError("note");
        var judged = await Api.Ok("supervisor", late, "judge-lateness", new { judgement = "withoutGoodReason", note = "休假不是逾期的正当理由" });
        Assert.True(Cases(judged).GetProperty("lateWithoutGoodReason").GetBoolean());
        Assert.Equal("经办人休假", Cases(judged).GetProperty("lateness").GetProperty("reason").GetString());

        await Api.Ok("handler", excused, "explain-lateness", new { reason = "等待法院判决结果" });
        var accepted = await Api.Ok("supervisor", excused, "judge-lateness", new { judgement = "accepted" });
        Assert.False(Cases(accepted).GetProperty("lateWithoutGoodReason").GetBoolean());
        await (await Api.Act("supervisor", excused, "judge-lateness", new { judgement = "withoutGoodReason", note = "再判" })).ShouldBeProblem(HttpStatusCode.Conflict, "work_order.lateness_judged");

        var flagged = await ListedAsync("supervisor", "lateWithoutGoodReason=true&pageSize=200");
        Assert.Contains(late, flagged);
        Assert.DoesNotContain(excused, flagged);
        var list = await (await Api.As("supervisor")).GetAsync("/api/work-orders?lateWithoutGoodReason=true&pageSize=200").ShouldBeOk();
        Assert.True(list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == late).GetProperty("lateWithoutGoodReason").GetBoolean());
    }

    [Fact]
    public async Task ReplyVoice_Unit_TheCitizenIsAnsweredWithTheUnitsReply()
    {
        var id = await RepliedAsync("单位直接答复");
        Assert.Equal("unit", (await (await Api.As("dispatcher")).GetAsync("/api/auth/me").ShouldBeOk()).GetProperty("replyVoice").GetString());
        var accepted = await Api.Ok("dispatcher", id, "accept-reply", new { });
        Assert.Equal("已督促物业修复电梯", Cases(accepted).GetProperty("answerToCitizen").GetString());
        Assert.Equal(JsonValueKind.Null, Cases(accepted).GetProperty("citizenAnswer").ValueKind);
    }

    [Fact]
    public async Task ReplyVoice_Centre_TheCentreWritesTheCitizensAnswerAtReview()
    {
        var configuration = App.Services.GetRequiredService<IConfiguration>();
        configuration["Reply:Voice"] = "Centre";
        try
        {
            var id = await RepliedAsync("中心统一答复");
            // The workbench learns the setting with the signed-in user, to ask the reviewer for the answer (issue 15).
            Assert.Equal("centre", (await (await Api.As("dispatcher")).GetAsync("/api/auth/me").ShouldBeOk()).GetProperty("replyVoice").GetString());
            await (await Api.Act("dispatcher", id, "accept-reply", new { })).ShouldBeValidationError("citizenAnswer");
            Assert.Equal("replied", (await Api.Get("dispatcher", id)).GetProperty("status").GetString());

            var accepted = await Api.Ok("dispatcher", id, "accept-reply", new { citizenAnswer = "您反映的电梯问题，经东城区住建局督促，物业已于3月3日修复。" });

            Assert.Equal("awaitingCallback", accepted.GetProperty("status").GetString());
            Assert.Equal("您反映的电梯问题，经东城区住建局督促，物业已于3月3日修复。", Cases(accepted).GetProperty("answerToCitizen").GetString());
            Assert.Equal("已督促物业修复电梯", accepted.GetProperty("replies")[0].GetProperty("result").GetString());
            Assert.Equal("您反映的电梯问题，经东城区住建局督促，物业已于3月3日修复。", Cases(await Api.Get("callback", id)).GetProperty("answerToCitizen").GetString());
        }
        finally
        {
            configuration["Reply:Voice"] = "Unit";
        }
    }

    private async Task<long> RepliedAsync(string subject)
    {
        var id = await Api.Dispatched(WorkOrderApi.Order(subject: subject));
        await Api.Ok("handler", id, "sign");
        await Api.Ok("handler", id, "reply", new { result = "已督促物业修复电梯", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        return id;
    }

    /// <summary>Dispatched on the default day, replied a week after the handling deadline.</summary>
    private async Task<long> LateReplyAsync(string subject)
    {
        var id = await Api.Dispatched(WorkOrderApi.Order(subject: subject));
        await Api.Ok("handler", id, "sign");
        var due = (await Api.Get("handler", id)).GetProperty("clocks").GetProperty("handlingDue").GetDateTimeOffset();
        App.Time.Set(due.AddDays(7));
        Api.SignOutAll();
        var replied = await Api.Ok("handler", id, "reply", new { result = "已处理", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        Assert.True(replied.GetProperty("repliedLate").GetBoolean());
        App.Time.Set(AppFixture.DefaultNow);
        Api.SignOutAll();
        return id;
    }

    private async Task<List<long>> ListedAsync(string user, string query)
    {
        var list = await (await Api.As(user)).GetAsync($"/api/work-orders?{query}").ShouldBeOk();
        return list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
    }

    private async Task<List<JsonElement>> NotificationsAsync(string user, string? number)
    {
        var list = await (await Api.As(user)).GetAsync("/api/notifications").ShouldBeOk();
        return list.GetProperty("items").EnumerateArray().Where(n => n.GetProperty("workOrderNumber").GetString() == number).ToList();
    }

    private static JsonElement Cases(JsonElement order) => order.GetProperty("cases");

    private static List<string?> Actions(JsonElement order) => order.GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()).ToList();
}

public sealed class CasesAndDisputesTests_Sqlite(SqliteApp app) : CasesAndDisputesTests(app), IClassFixture<SqliteApp>;

public sealed class CasesAndDisputesTests_Postgres(PostgresApp app) : CasesAndDisputesTests(app), IClassFixture<PostgresApp>;
