using System.Net;
using System.Text.Json;
using Hotline.Features.Supervision;
using Hotline.Features.Supervision.Proposals;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Extensions.DependencyInjection;
using static Hotline.Tests.Knowledge.KnowledgeApi;

namespace Hotline.Tests.Supervision;

/// <summary>
/// Issue 16, proposals: a proposal from each S8 trigger, never a duplicate of an open notice, one-click opening, dismissal,
/// resolution when the condition ends, the triggers as data, and the key difficult issues store.
/// </summary>
public abstract class ProposalTests(AppFixture app) : WorkOrderHttpTests(app)
{
    /// <summary>Ten days after the default day: an order dispatched then is red, an unsigned one slow, a ten-day article expired.</summary>
    private static readonly DateTimeOffset Later = new(2026, 3, 12, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task EachTrigger_RaisesOneProposal_OnTheUnitConcerned_WithoutTheCaller()
    {
        var red = await Api.Dispatched(WorkOrderApi.Order(subject: "督办红灯：路灯不亮", callerName: "李秘密"));
        await Api.Ok("handler", red, "sign");
        var unsigned = await Api.Dispatched(WorkOrderApi.Order(subject: "督办：久未签收"));
        var redone = await RedoneAsync("督办：重办工单");
        var repeat = await RepeatAfterClosureAsync("督办：办结后重复诉求");
        var late = await LateWithoutGoodReasonAsync("督办：无正当理由逾期");
        var (expired, reported) = await ArticlesAsync();

        App.Time.Set(Later);
        Api.SignOutAll();
        await App.Services.GetRequiredService<AlertLightJob>().RunOnceAsync(CancellationToken.None);
        var pass = await RunAsync();
        Assert.True(pass.Skipped == 0, "no enabled trigger is skipped: the unit-figure ones are disabled");

        var zj = await Api.UnitId("AL-DC-ZJ");
        var all = await ProposalsAsync();
        void Single(string trigger, long subject, string kind = "order")
        {
            var found = Assert.Single(all, p => p.GetProperty("trigger").GetString() == trigger && p.GetProperty("subjectId").GetInt64() == subject);
            Assert.Equal(kind, found.GetProperty("subjectKind").GetString());
            Assert.Equal(zj, found.GetProperty("unitId").GetInt64());
            Assert.Equal("open", found.GetProperty("state").GetString());
        }

        Single("red-light", red);
        Single("slow-sign", unsigned);
        Single("redo", redone);
        Single("repeat-after-closure", repeat);
        Single("late-without-good-reason", late);
        Single("knowledge-expired", expired, "article");
        Single("knowledge-error-report", reported, "article");
        var redProposal = all.Single(p => p.GetProperty("trigger").GetString() == "red-light" && p.GetProperty("subjectId").GetInt64() == red);
        Assert.StartsWith((await Api.Get("supervisor", red)).GetProperty("number").GetString() + " 督办红灯：路灯不亮", redProposal.GetProperty("facts").GetString());
        Assert.Equal("红灯工单", redProposal.GetProperty("triggerName").GetString());
        Assert.DoesNotContain("李秘密", redProposal.ToString());
        Assert.DoesNotContain("13812345678", redProposal.ToString());

        await RunAsync();
        Assert.Equal(all.Count, (await ProposalsAsync()).Count); // no duplicates on the next pass

        var filtered = await ProposalsAsync("trigger=redo");
        Assert.All(filtered, p => Assert.Equal("redo", p.GetProperty("trigger").GetString()));
    }

    [Fact]
    public async Task OpenInOneClick_OpensTheNoticeWithTheTriggersTerms_AndTheSubjectIsNotProposedWhileTheNoticeIsOpen()
    {
        var id = await RedoneAsync("督办：一键督办");
        await RunAsync();
        var proposal = await ProposalAsync("redo", id);
        var supervisor = await Api.As("supervisor");

        await (await supervisor.PostJsonAsync($"/api/supervision/proposals/{Id(proposal)}/open", new { })).ShouldBeValidationError("version");
        await (await supervisor.PostJsonAsync($"/api/supervision/proposals/{Id(proposal)}/open", new { version = Version(proposal) + 1 })).ShouldBe(HttpStatusCode.Conflict);
        await (await supervisor.PostJsonAsync($"/api/supervision/proposals/{Id(proposal)}/open", new { version = Version(proposal), deadlineWorkingDays = 0 })).ShouldBeValidationError("deadlineWorkingDays");
        var opened = await (await supervisor.PostJsonAsync($"/api/supervision/proposals/{Id(proposal)}/open", new { version = Version(proposal), demand = "请三日内上门核查并答复" })).ShouldBe(HttpStatusCode.OK);

        Assert.Equal("opened", opened.GetProperty("proposal").GetProperty("state").GetString());
        var noticeId = opened.GetProperty("notice").GetProperty("id").GetInt64();
        Assert.Equal(noticeId, opened.GetProperty("proposal").GetProperty("noticeId").GetInt64());
        Assert.StartsWith("DB", opened.GetProperty("notice").GetProperty("number").GetString());
        var notice = await NoticeAsync(noticeId);
        Assert.Equal("redo", notice.Trigger);
        Assert.Equal("请三日内上门核查并答复", notice.Demand);
        Assert.Equal(5, notice.DeadlineWorkingDays);
        Assert.Equal(id, Assert.Single(notice.Orders).WorkOrderId);
        Assert.StartsWith("重办工单：", notice.Reason);

        await (await supervisor.PostJsonAsync($"/api/supervision/proposals/{Id(proposal)}/open", new { version = Version(opened.GetProperty("proposal")) })).ShouldBeProblem(HttpStatusCode.Conflict, "proposal_not_open");
        await RunAsync();
        Assert.DoesNotContain(await ProposalsAsync(), p => p.GetProperty("subjectId").GetInt64() == id && p.GetProperty("trigger").GetString() == "redo");
    }

    [Fact]
    public async Task AnOpenProposal_IsResolved_WhenANoticeDrawnFromADifficultIssueCoversItsOrder()
    {
        var id = await RedoneAsync("督办：疑难事项覆盖");
        await RunAsync();
        var proposal = await ProposalAsync("redo", id);
        var supervisor = await Api.As("supervisor");
        var issue = await (await supervisor.PostJsonAsync("/api/supervision/difficult-issues", new { title = "背街小巷照明长期不足", description = "多条背街小巷路灯损坏，屡修屡坏", workOrderIds = new[] { id } })).ShouldBe(HttpStatusCode.Created);

        var notices = await (await supervisor.PostJsonAsync($"/api/supervision/difficult-issues/{Id(issue)}/open-notice", new { demand = "请制定整改计划", deadlineWorkingDays = 5, method = "onSite" })).ShouldBe(HttpStatusCode.OK);
        await RunAsync();

        var notice = await NoticeAsync(Assert.Single(notices.EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(Id(issue), notice.DifficultIssueId);
        Assert.Equal("difficult-issue", notice.Trigger);
        Assert.Equal(await Api.UnitId("AL-DC-ZJ"), notice.UnitId);
        Assert.Contains(await ProposalsAsync("state=resolved"), p => Id(p) == Id(proposal));
        Assert.DoesNotContain(await ProposalsAsync(), p => Id(p) == Id(proposal));
        Assert.Equal(1, (await (await supervisor.GetAsync($"/api/supervision/difficult-issues/{Id(issue)}")).ShouldBe(HttpStatusCode.OK)).GetProperty("openNotices").GetInt32());
    }

    [Fact]
    public async Task Dismissed_StaysDismissedWhileTheConditionHolds_AndAResolvedOneEndsWhenItEnds()
    {
        var dismissed = await Api.Dispatched(WorkOrderApi.Order(subject: "督办：驳回建议"));
        var signedLater = await Api.Dispatched(WorkOrderApi.Order(subject: "督办：后来签收"));
        App.Time.Set(Later);
        Api.SignOutAll();
        await RunAsync();
        var supervisor = await Api.As("supervisor");
        var proposal = await ProposalAsync("slow-sign", dismissed);

        await (await supervisor.PostJsonAsync($"/api/supervision/proposals/{Id(proposal)}/dismiss", new { version = Version(proposal) })).ShouldBeValidationError("reason");
        var result = await (await supervisor.PostJsonAsync($"/api/supervision/proposals/{Id(proposal)}/dismiss", new { version = Version(proposal), reason = "单位已电话说明，系统故障" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("dismissed", result.GetProperty("state").GetString());
        await RunAsync();
        Assert.DoesNotContain(await ProposalsAsync(), p => p.GetProperty("subjectId").GetInt64() == dismissed && p.GetProperty("trigger").GetString() == "slow-sign");
        Assert.Contains(await ProposalsAsync("state=dismissed"), p => Id(p) == Id(proposal) && p.GetProperty("dismissReason").GetString() == "单位已电话说明，系统故障");

        var slow = await ProposalAsync("slow-sign", signedLater);
        await Api.Ok("handler", signedLater, "sign");
        await RunAsync();
        Assert.Contains(await ProposalsAsync("state=resolved"), p => Id(p) == Id(slow) && p.GetProperty("endedAt").ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task Triggers_AreData_EditedByTheCentreManager_AndAUnitFigureTriggerReadsAssessment()
    {
        var manager = await Api.As("manager");
        var triggers = await (await manager.GetAsync("/api/supervision/triggers")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(9, triggers.GetArrayLength());
        var lowRate = triggers.EnumerateArray().Single(t => t.GetProperty("code").GetString() == "low-rate");
        Assert.False(lowRate.GetProperty("enabled").GetBoolean());
        // Issue 17: assessment's rankings give the unit-figure triggers their figures.
        Assert.True(lowRate.GetProperty("hasSource").GetBoolean());

        await (await manager.PutJsonAsync("/api/supervision/triggers/slow-sign", new { parameters = new[] { new { name = "workingDays", value = "abc" } }, version = 0 })).ShouldBeValidationError("parameters.workingDays");
        await (await manager.PutJsonAsync("/api/supervision/triggers/slow-sign", new { defaultDeadlineWorkingDays = 99, version = 0 })).ShouldBeValidationError("defaultDeadlineWorkingDays");
        await (await manager.PutJsonAsync("/api/supervision/triggers/slow-sign", new { enabled = true, version = 7 })).ShouldBe(HttpStatusCode.Conflict);
        await (await manager.PutJsonAsync("/api/supervision/triggers/nothing", new { enabled = true, version = 0 })).ShouldBe(HttpStatusCode.NotFound);
        var enabled = await (await manager.PutJsonAsync("/api/supervision/triggers/low-rate", new { enabled = true, version = Version(lowRate) })).ShouldBe(HttpStatusCode.OK);
        try
        {
            Assert.True(enabled.GetProperty("enabled").GetBoolean());
            Assert.Equal(0, (await RunAsync()).Skipped);
        }
        finally
        {
            await (await manager.PutJsonAsync("/api/supervision/triggers/low-rate", new { enabled = false, version = Version(enabled) })).ShouldBe(HttpStatusCode.OK);
        }

        var admin = await Api.As("admin");
        await (await admin.GetAsync("/api/supervision/triggers")).ShouldBe(HttpStatusCode.OK);
        await (await admin.GetAsync("/api/supervision/proposals")).ShouldBe(HttpStatusCode.Forbidden);
        await (await (await Api.As("supervisor")).PutJsonAsync("/api/supervision/triggers/redo", new { enabled = false, version = 0 })).ShouldBe(HttpStatusCode.Forbidden);
        await (await (await Api.As("handler")).GetAsync("/api/supervision/proposals")).ShouldBe(HttpStatusCode.Forbidden);
        await (await (await Api.As("dispatcher")).GetAsync("/api/supervision/difficult-issues")).ShouldBe(HttpStatusCode.Forbidden);
        await (await (await Api.As("supervisor")).GetAsync("/api/supervision/proposals?state=whatever")).ShouldBeValidationError("state");
    }

    [Fact]
    public async Task DifficultIssues_AreKeptEditedAndResolved_WithFieldNamedErrors()
    {
        var supervisor = await Api.As("supervisor");
        await (await supervisor.PostJsonAsync("/api/supervision/difficult-issues", new { title = " ", description = "x" })).ShouldBeValidationError("title");
        await (await supervisor.PostJsonAsync("/api/supervision/difficult-issues", new { title = "t", description = "d", workOrderIds = new[] { 987654321L } })).ShouldBeValidationError("workOrderIds");
        await (await supervisor.PostJsonAsync("/api/supervision/difficult-issues", new { title = "t", description = "d", unitId = 987654321L })).ShouldBeValidationError("unitId");
        await (await supervisor.PostJsonAsync("/api/supervision/difficult-issues", new { title = new string('长', 201), description = "d" })).ShouldBeValidationError("title");

        var zj = await Api.UnitId("AL-DC-ZJ");
        var created = await (await supervisor.PostJsonAsync("/api/supervision/difficult-issues", new { title = "老旧小区加装电梯推进缓慢", description = "多个小区申请加装电梯后长期无进展", unitId = zj, regionCode = "990102" })).ShouldBe(HttpStatusCode.Created);
        Assert.Equal("open", created.GetProperty("state").GetString());
        await (await supervisor.PutJsonAsync($"/api/supervision/difficult-issues/{Id(created)}", new { title = "改", description = "改", version = Version(created) + 5 })).ShouldBe(HttpStatusCode.Conflict);
        var edited = await (await supervisor.PutJsonAsync($"/api/supervision/difficult-issues/{Id(created)}", new { title = "老旧小区加装电梯推进缓慢（东城）", description = "多个小区申请加装电梯后长期无进展", unitId = zj, version = Version(created) })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("老旧小区加装电梯推进缓慢（东城）", edited.GetProperty("title").GetString());
        Assert.Contains((await (await supervisor.GetAsync("/api/supervision/difficult-issues?q=加装电梯")).ShouldBe(HttpStatusCode.OK)).GetProperty("items").EnumerateArray(), i => Id(i) == Id(created));

        await (await supervisor.PostJsonAsync($"/api/supervision/difficult-issues/{Id(created)}/open-notice", new { demand = "请说明推进计划" })).ShouldBeValidationError("deadlineWorkingDays");
        var notices = await (await (await Api.As("manager")).PostJsonAsync($"/api/supervision/difficult-issues/{Id(created)}/open-notice", new { demand = "请说明推进计划", deadlineWorkingDays = 10, method = "meeting" })).ShouldBe(HttpStatusCode.OK);
        var notice = await NoticeAsync(Assert.Single(notices.EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(zj, notice.UnitId);
        Assert.Empty(notice.Orders);

        await (await supervisor.PostJsonAsync($"/api/supervision/difficult-issues/{Id(created)}/resolve", new { version = Version(edited) })).ShouldBeValidationError("resolution");
        var resolved = await (await supervisor.PostJsonAsync($"/api/supervision/difficult-issues/{Id(created)}/resolve", new { version = Version(edited), resolution = "区政府已统筹推进" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("resolved", resolved.GetProperty("state").GetString());
        await (await supervisor.PostJsonAsync($"/api/supervision/difficult-issues/{Id(created)}/open-notice", new { demand = "x", deadlineWorkingDays = 3 })).ShouldBeProblem(HttpStatusCode.Conflict, "issue_resolved");
        await (await supervisor.GetAsync("/api/supervision/difficult-issues/987654321")).ShouldBe(HttpStatusCode.NotFound);
    }

    private static long Id(JsonElement e) => e.GetProperty("id").GetInt64();

    private static long Version(JsonElement e) => e.GetProperty("version").GetInt64();

    private Task<ProposalPass> RunAsync() => App.Services.GetRequiredService<ProposalJob>().RunOnceAsync(CancellationToken.None);

    private async Task<global::Hotline.Domain.Supervision.SupervisionNotice> NoticeAsync(long id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NoticeStore>().LoadAsync(id, null, CancellationToken.None);
    }

    private async Task<List<JsonElement>> ProposalsAsync(string query = "")
    {
        var supervisor = await Api.As("supervisor");
        var all = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var body = await (await supervisor.GetAsync($"/api/supervision/proposals?pageSize=200&page={page}&{query}")).ShouldBe(HttpStatusCode.OK);
            all.AddRange(body.GetProperty("items").EnumerateArray());
            if (all.Count >= body.GetProperty("total").GetInt32() || body.GetProperty("items").GetArrayLength() == 0)
            {
                return all;
            }
        }
    }

    private async Task<JsonElement> ProposalAsync(string trigger, long subject) =>
        Assert.Single(await ProposalsAsync($"trigger={trigger}"), p => p.GetProperty("subjectId").GetInt64() == subject);

    private async Task<long> RedoneAsync(string subject)
    {
        var id = await Api.Dispatched(WorkOrderApi.Order(subject: subject));
        await Api.Ok("handler", id, "sign");
        await Api.Ok("handler", id, "reply", new { result = "已通知物业", citizenContacted = false, outcome = "explained" });
        await Api.Ok("dispatcher", id, "accept-reply");
        await Api.Ok("callback", id, "callback", new { reached = true, processRating = "basicallySatisfied", resultRating = "unsatisfied", comment = "仍未解决" });
        await Api.Ok("manager", id, "redo", new { reason = "市民诉求合理，请实地核查" });
        return id;
    }

    private async Task<long> RepeatAfterClosureAsync(string subject)
    {
        var earlier = (await Api.Register(WorkOrderApi.Order(subject: subject, outcome: new { kind = "answerDirectly", answer = "已解答" }))).GetProperty("id").GetInt64();
        var later = await Api.RegisterId(WorkOrderApi.Order(subject: subject));
        var linked = await Api.Ok("agent", later, "link-repeat", new { earlierId = earlier });
        Assert.True(linked.GetProperty("isRepeatAfterClosure").GetBoolean());
        await Api.Ok("dispatcher", later, "dispatch", new { leadUnitId = await Api.UnitId("AL-DC-ZJ") });
        return later;
    }

    private async Task<long> LateWithoutGoodReasonAsync(string subject)
    {
        var id = await Api.Dispatched(WorkOrderApi.Order(subject: subject));
        await Api.Ok("handler", id, "sign");
        var due = (await Api.Get("handler", id)).GetProperty("clocks").GetProperty("handlingDue").GetDateTimeOffset();
        App.Time.Set(due.AddDays(1));
        Api.SignOutAll();
        await Api.Ok("handler", id, "reply", new { result = "已处理", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        await Api.Ok("supervisor", id, "judge-lateness", new { judgement = "withoutGoodReason", note = "无正当理由" });
        App.Time.Set(AppFixture.DefaultNow);
        Api.SignOutAll();
        return id;
    }

    /// <summary>An article of 东城区住建局 that expires in two days, and one with an open error report.</summary>
    private async Task<(long Expired, long Reported)> ArticlesAsync()
    {
        var handler = await Api.As("handler");
        var reviewer = await Api.As("teamlead");
        var expired = await PublishAsync(handler, reviewer, Content("督办测试：临时停水口径", "停水期间送水安排", expiresAt: App.Time.GetUtcNow().AddDays(2)));
        var reported = await PublishAsync(handler, reviewer, Content("督办测试：办事指南", "携带身份证办理"));
        await (await (await Api.As("agent")).PostJsonAsync($"/api/knowledge/articles/{reported}/error-reports", new { text = "办公地址已变更" })).ShouldBe(HttpStatusCode.Created);
        return (expired, reported);
    }
}

public sealed class ProposalTests_Sqlite(SqliteApp app) : ProposalTests(app), IClassFixture<SqliteApp>;

public sealed class ProposalTests_Postgres(PostgresApp app) : ProposalTests(app), IClassFixture<PostgresApp>;
