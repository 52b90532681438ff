using System.Net;
using System.Text.Json;
using Hotline.Features.Notifications;
using Hotline.Tests.Foundation;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Emergencies;

/// <summary>
/// Emergency work orders (S4, issue 15): 紧急上报 tells the duty team leader by name, the dispatch group and site
/// management, and escalates when nobody acknowledges it; the duty team leader checks it; the order jumps the queue and is
/// routed by the emergency plan; the dispatcher records the confirming call; a report goes to the city's departments.
/// </summary>
public abstract class EmergencyTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task EmergencyReport_NotifiesTheDutyTeamLeaderByName_TheDispatchGroupAndSiteManagement()
    {
        // Monday 2 March 2026, 09:00: the day shift of 2 March. The roster names 李强 and 钱坤.
        await RosterAsync("2026-03-02", "day", "teamlead", "sitemanager");
        var id = await Api.RegisterId(WorkOrderApi.Order(subject: "东城区大面积停水", category: "1301"));
        var raised = await Api.Ok("agent", id, "raise-emergency", new { note = "多个小区同时停水" });
        Assert.Equal("emergency", raised.GetProperty("urgency").GetString());
        var record = raised.GetProperty("emergency").GetProperty("record");
        Assert.Equal("raised", record.GetProperty("state").GetString());
        Assert.Equal("李强", record.GetProperty("dutyTeamLeaderName").GetString());
        Assert.Equal("钱坤", record.GetProperty("dutySiteManagerName").GetString());
        await FollowAsync();

        var number = raised.GetProperty("number").GetString();
        foreach (var user in new[] { "teamlead", "dispatcher", "sitemanager" })
        {
            var n = Assert.Single(await NotificationsOfAsync(user, number));
            Assert.Equal("emergencyRaised", n.GetProperty("kind").GetString());
            Assert.True(n.GetProperty("requiresAcknowledgement").GetBoolean());
            Assert.Equal("李强", n.GetProperty("facts").GetProperty("dutyTeamLeader").GetString());
        }

        foreach (var user in new[] { "manager", "callback", "handler" })
        {
            Assert.Empty(await NotificationsOfAsync(user, number));
        }

        var entry = (await Api.Timeline("agent", id)).EnumerateArray().Single(e => e.GetProperty("action").GetString() == "raise-emergency");
        Assert.Equal("多个小区同时停水", entry.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task EmergencyReport_RaisedWithTheRegistration_InOneGo_AndOnlyWithADispatch()
    {
        await RosterAsync("2026-03-02", "day", "teamlead", "sitemanager");
        var body = JsonSerializer.SerializeToNode(WorkOrderApi.Order(subject: "西城区燃气管道破裂", category: "1302"))!.AsObject();
        body["raiseEmergency"] = true;
        var order = await Api.Register(body);
        Assert.Equal("emergency", order.GetProperty("urgency").GetString());
        Assert.Equal("awaitingDispatch", order.GetProperty("status").GetString());
        var record = order.GetProperty("emergency").GetProperty("record");
        Assert.Equal("raised", record.GetProperty("state").GetString());
        Assert.Equal("李强", record.GetProperty("dutyTeamLeaderName").GetString());
        await FollowAsync();
        Assert.Single(await NotificationsOfAsync("teamlead", order.GetProperty("number").GetString()), n => n.GetProperty("kind").GetString() == "emergencyRaised");
        var actions = (await Api.Timeline("agent", order.GetProperty("id").GetInt64())).EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("raise-emergency", actions);

        var answered = JsonSerializer.SerializeToNode(WorkOrderApi.Order(subject: "停水咨询", category: "1301", outcome: new { kind = "answerDirectly", answer = "已告知抢修进度" }))!.AsObject();
        answered["raiseEmergency"] = true;
        await (await (await Api.As("agent")).PostJsonAsync("/api/work-orders", answered)).ShouldBeValidationError("raiseEmergency");
    }

    [Fact]
    public async Task EmergencyReport_UnacknowledgedFor15Minutes_Escalates()
    {
        // Nobody is on the roster for Tuesday 3 March's day shift: every team leader and every site manager are told.
        App.Time.Set(new DateTimeOffset(2026, 3, 3, 10, 0, 0, China));
        var id = await Api.RegisterId(WorkOrderApi.Order(subject: "燃气管道泄漏", category: "1302"));
        var number = (await Api.Ok("agent", id, "raise-emergency", new { })).GetProperty("number").GetString();
        await FollowAsync();
        var escalation = App.Services.GetRequiredService<NotificationEscalationJob>();

        App.Time.Set(new DateTimeOffset(2026, 3, 3, 10, 14, 0, China));
        Api.SignOutAll();
        await escalation.RunOnceAsync(CancellationToken.None);
        Assert.Empty(await NotificationsOfAsync("manager", number));
        Assert.Equal(0, Assert.Single(await NotificationsOfAsync("sitemanager", number)).GetProperty("escalationLevel").GetInt32());

        // 15 minutes without an acknowledgement: the team leaders' and the dispatch group's go to site management, site
        // management's to the centre manager.
        App.Time.Set(new DateTimeOffset(2026, 3, 3, 10, 16, 0, China));
        Api.SignOutAll();
        await escalation.RunOnceAsync(CancellationToken.None);
        var site = await NotificationsOfAsync("sitemanager", number);
        Assert.Equal([0, 1, 1], site.Select(n => n.GetProperty("escalationLevel").GetInt32()).Order());
        Assert.Equal(1, Assert.Single(await NotificationsOfAsync("manager", number)).GetProperty("escalationLevel").GetInt32());

        // The site manager acknowledges one escalation; the other, unacknowledged, reaches the centre manager 15 minutes on.
        var first = site.First(n => n.GetProperty("escalationLevel").GetInt32() == 1);
        await (await (await Api.As("sitemanager")).PostJsonAsync($"/api/notifications/{first.GetProperty("id").GetInt64()}/acknowledge", new { version = first.GetProperty("version").GetInt64() }))
            .ShouldBe(HttpStatusCode.OK);
        App.Time.Set(new DateTimeOffset(2026, 3, 3, 10, 32, 0, China));
        Api.SignOutAll();
        await escalation.RunOnceAsync(CancellationToken.None);
        var manager = await NotificationsOfAsync("manager", number);
        Assert.Equal([1, 2], manager.Select(n => n.GetProperty("escalationLevel").GetInt32()).Order());
    }

    [Fact]
    public async Task DutyTeamLeader_ConfirmsIt_InformsTheSiteManager_AndTheRaiseStopsEscalating()
    {
        var other = await TeamLeaderAsync();
        await RosterAsync("2026-03-02", "day", other, "sitemanager");
        var id = await Api.RegisterId(WorkOrderApi.Order(subject: "暴雨致道路积水严重", category: "1303"));
        var version = (await Api.Ok("agent", id, "raise-emergency", new { })).GetProperty("version").GetInt64();
        await FollowAsync();

        // Only the named duty team leader checks it (site management may too); others are refused with a stable code.
        Assert.DoesNotContain("confirm-emergency", (await Api.Get("teamlead", id)).GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()));
        await (await Api.Act("teamlead", id, "confirm-emergency", new { version })).ShouldBeProblem(HttpStatusCode.Forbidden, "work_order.not_duty_team_leader");
        await (await Api.Act("agent", id, "confirm-emergency", new { version })).ShouldBe(HttpStatusCode.Forbidden);
        Assert.Contains("confirm-emergency", (await Api.Get(other, id)).GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()));

        App.Time.Set(AppFixture.DefaultNow.AddMinutes(5));
        var confirmed = await Api.Ok(other, id, "confirm-emergency", new { version, note = "已电话核实" });
        Assert.Equal("confirmed", confirmed.GetProperty("emergency").GetProperty("record").GetProperty("state").GetString());
        await (await Api.Act("sitemanager", id, "confirm-emergency", new { version = confirmed.GetProperty("version").GetInt64() }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "work_order.emergency_not_raised");
        await FollowAsync();

        var number = confirmed.GetProperty("number").GetString();
        var site = await NotificationsOfAsync("sitemanager", number);
        Assert.Single(site, n => n.GetProperty("kind").GetString() == "emergencyConfirmed");
        Assert.Single(await NotificationsOfAsync("agent", number), n => n.GetProperty("kind").GetString() == "emergencyConfirmed");
        Assert.All(site.Where(n => n.GetProperty("kind").GetString() == "emergencyRaised"), n => Assert.Equal("测试班长", n.GetProperty("acknowledgedBy").GetString()));

        App.Time.Set(AppFixture.DefaultNow.AddMinutes(40));
        Api.SignOutAll();
        await App.Services.GetRequiredService<NotificationEscalationJob>().RunOnceAsync(CancellationToken.None);
        Assert.DoesNotContain(await NotificationsOfAsync("sitemanager", number), n => n.GetProperty("escalationLevel").GetInt32() > 0);
        Assert.Empty(await NotificationsOfAsync("manager", number));
        var actions = (await Api.Timeline("agent", id)).EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("raise-emergency", actions);
        Assert.Contains("confirm-emergency", actions);
    }

    [Fact]
    public async Task NotGenuine_GoesBackToNormalUrgency_WithTheReason()
    {
        // Wednesday 4 March, a shift without a roster: any team leader checks it.
        App.Time.Set(new DateTimeOffset(2026, 3, 4, 10, 0, 0, China));
        var id = await Api.RegisterId(WorkOrderApi.Order(subject: "楼道有异味", category: "1305"));
        var raised = await Api.Ok("agent", id, "raise-emergency", new { });
        await (await Api.Act("agent", id, "raise-emergency", new { version = raised.GetProperty("version").GetInt64() }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "work_order.emergency_already_raised");
        await (await Api.Act("teamlead", id, "dismiss-emergency", new { version = raised.GetProperty("version").GetInt64() })).ShouldBeValidationError("reason");

        var dismissed = await Api.Ok("teamlead", id, "dismiss-emergency", new { version = raised.GetProperty("version").GetInt64(), reason = "经核实为个别住户垃圾未清理" });
        Assert.Equal("normal", dismissed.GetProperty("urgency").GetString());
        Assert.Equal("notGenuine", dismissed.GetProperty("emergency").GetProperty("record").GetProperty("state").GetString());
        Assert.Equal("经核实为个别住户垃圾未清理", dismissed.GetProperty("emergency").GetProperty("record").GetProperty("checkNote").GetString());
        // Back in the queue with the normal dispatch deadline (one working day: Thursday 5 March).
        Assert.StartsWith("2026-03-05", dismissed.GetProperty("clocks").GetProperty("dispatchDue").GetString(), StringComparison.Ordinal);
        await (await Api.Act("dispatcher", id, "record-emergency-call", new { department = "市卫健委", contact = "值班室", calledAt = new DateTimeOffset(2026, 3, 4, 10, 0, 0, China), agreed = "x", version = dismissed.GetProperty("version").GetInt64() }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "work_order.emergency_not_raised");
        var entry = (await Api.Timeline("agent", id)).EnumerateArray().Single(e => e.GetProperty("action").GetString() == "dismiss-emergency");
        Assert.Equal("经核实为个别住户垃圾未清理", entry.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task EmergencyOrder_JumpsTheDispatchQueue()
    {
        var earlier = await Api.RegisterId(WorkOrderApi.Order(subject: "排队在前的普通工单"));
        App.Time.Set(AppFixture.DefaultNow.AddMinutes(10));
        var id = await Api.RegisterId(WorkOrderApi.Order(subject: "后到的紧急工单", category: "1304"));
        await Api.Ok("agent", id, "raise-emergency", new { });

        var queue = await (await Api.As("dispatcher")).GetAsync("/api/work-orders?status=awaitingDispatch&sort=dispatchQueue&pageSize=200").ShouldBeOk();
        var ids = queue.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetInt64()).ToList();
        Assert.True(ids.IndexOf(id) < ids.IndexOf(earlier), "the emergency comes before the order registered earlier");
    }

    [Fact]
    public async Task Dispatch_ProposesThePlansUnits_TheDispatcherRecordsTheCall_AndTheReportGoesToTheDepartments()
    {
        var manager = await Api.As("manager");
        var water = await Api.UnitId("AL-WATER");
        var zj = await Api.UnitId("AL-DC-ZJ");
        var plans = await manager.GetAsync("/api/emergency-plans").ShouldBeOk();
        var plan = plans.EnumerateArray().FirstOrDefault(p => p.GetProperty("categoryCode").GetString() == "1301");
        if (plan.ValueKind == JsonValueKind.Undefined)
        {
            await (await manager.PostJsonAsync("/api/emergency-plans", new { categoryCode = "1301", name = "大面积停水预案", leadUnitId = water, leadContact = "供水集团调度室", coUnits = new[] { new { unitId = water, contact = "重复" } } }))
                .ShouldBeValidationError("coUnits");
            await (await (await Api.As("dispatcher")).PostJsonAsync("/api/emergency-plans", new { categoryCode = "1301", name = "x", leadUnitId = water, leadContact = "x" })).ShouldBe(HttpStatusCode.Forbidden);
            await (await manager.PostJsonAsync("/api/emergency-plans", new { categoryCode = "1301", name = "大面积停水预案", leadUnitId = water, leadContact = "供水集团调度室", coUnits = new[] { new { unitId = zj, contact = "东城区住建局值班室" } } }))
                .ShouldBe(HttpStatusCode.Created);
        }

        var id = await Api.RegisterId(WorkOrderApi.Order(subject: "东城区大面积停水", category: "1301", callerName: "欧阳修远", phone: "13900001111"));
        await (await Api.As("dispatcher")).GetAsync($"/api/work-orders/{id}/emergency-plan").ShouldBeOk();
        var raised = await Api.Ok("agent", id, "raise-emergency", new { });
        var proposed = await (await Api.As("dispatcher")).GetAsync($"/api/work-orders/{id}/emergency-plan").ShouldBeOk();
        Assert.Equal(water, proposed.GetProperty("leadUnitId").GetInt64());
        Assert.Equal("供水集团调度室", proposed.GetProperty("leadContact").GetString());
        Assert.Equal(zj, Assert.Single(proposed.GetProperty("coUnits").EnumerateArray()).GetProperty("unitId").GetInt64());

        var dispatched = await Api.Ok("dispatcher", id, "dispatch", new { leadUnitId = water, coUnitIds = new[] { zj }, version = raised.GetProperty("version").GetInt64() });
        Assert.NotEqual(JsonValueKind.Null, dispatched.GetProperty("clocks").GetProperty("firstResponseDue").ValueKind);
        var version = dispatched.GetProperty("version").GetInt64();
        await (await Api.Act("dispatcher", id, "record-emergency-call", new { department = "市水务局", contact = "值班室王科长", calledAt = AppFixture.DefaultNow.AddHours(2), agreed = "x", version }))
            .ShouldBeValidationError("calledAt");
        await (await Api.Act("agent", id, "record-emergency-call", new { department = "市水务局", contact = "值班室王科长", calledAt = AppFixture.DefaultNow, agreed = "x", version }))
            .ShouldBe(HttpStatusCode.Forbidden);
        var called = await Api.Ok("dispatcher", id, "record-emergency-call", new { department = "市水务局", contact = "值班室王科长", calledAt = AppFixture.DefaultNow, agreed = "一小时内派抢修队，下午六点前恢复供水", version });
        var call = Assert.Single(called.GetProperty("emergency").GetProperty("calls").EnumerateArray());
        Assert.Equal("值班室王科长", call.GetProperty("contact").GetString());

        // The report follows the duty team leader's confirmation.
        version = called.GetProperty("version").GetInt64();
        await (await Api.Act("dispatcher", id, "report-emergency", new { departments = new[] { "市政府办公室" }, version }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "work_order.emergency_not_confirmed");
        version = (await Api.Ok("sitemanager", id, "confirm-emergency", new { version })).GetProperty("version").GetInt64();
        await (await Api.Act("dispatcher", id, "report-emergency", new { departments = Array.Empty<string>(), version })).ShouldBeValidationError("departments");
        var reported = await Api.Ok("dispatcher", id, "report-emergency", new { departments = new[] { "市政府办公室", "市应急管理局" }, version });
        var report = Assert.Single(reported.GetProperty("emergency").GetProperty("reports").EnumerateArray());
        Assert.Equal("赵敏", report.GetProperty("by").GetString());
        Assert.Equal("市政府办公室、市应急管理局", report.GetProperty("departments").GetString());
        var text = report.GetProperty("text").GetString()!;
        Assert.Contains("东城区大面积停水", text, StringComparison.Ordinal);
        Assert.Contains("一小时内派抢修队", text, StringComparison.Ordinal);
        Assert.Contains("市水务局", text, StringComparison.Ordinal);
        Assert.DoesNotContain("欧阳修远", text, StringComparison.Ordinal);
        Assert.DoesNotContain("13900001111", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roster_KeptByTheCentreManager_WithTheRolesTheDutyAsks()
    {
        var users = await (await Api.As("manager")).GetAsync("/api/duty-roster/candidates").ShouldBeOk();
        var agentId = await UserIdAsync("agent");
        var leadId = await UserIdAsync("teamlead");
        Assert.Contains(users.GetProperty("teamLeaders").EnumerateArray(), u => u.GetProperty("id").GetInt64() == leadId);
        await (await (await Api.As("dispatcher")).PutJsonAsync("/api/duty-roster/2026-03-05", new { shift = "night", teamLeaderUserId = leadId })).ShouldBe(HttpStatusCode.Forbidden);
        await (await (await Api.As("manager")).PutJsonAsync("/api/duty-roster/2026-03-05", new { shift = "night", teamLeaderUserId = agentId })).ShouldBeValidationError("teamLeaderUserId");
        var saved = await (await (await Api.As("manager")).PutJsonAsync("/api/duty-roster/2026-03-05", new { shift = "night", teamLeaderUserId = leadId })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("李强", saved.GetProperty("teamLeaderName").GetString());

        // Friday 6 March 03:00 belongs to Thursday 5 March's night shift.
        App.Time.Set(new DateTimeOffset(2026, 3, 6, 3, 0, 0, China));
        Api.SignOutAll();
        var now = await (await Api.As("agent")).GetAsync("/api/duty-roster/now").ShouldBeOk();
        Assert.Equal("2026-03-05", now.GetProperty("date").GetString());
        Assert.Equal("李强", now.GetProperty("teamLeaderName").GetString());
    }

    [Fact]
    public async Task EmergencyCategories_AreInTheDefaultTree_Marked()
    {
        var categories = (await (await Api.As("agent")).GetAsync("/api/categories").ShouldBeOk()).EnumerateArray().ToList();
        var emergency = categories.Where(c => c.GetProperty("isEmergency").GetBoolean()).Select(c => c.GetProperty("name").GetString()).ToList();
        foreach (var name in new[] { "大面积停水停电停气停暖", "市政设施重大故障", "恶劣天气", "灾情", "疫情和公共卫生事件", "环境污染事件", "食品安全事件", "公共安全和群体性事件", "长期存在的安全隐患" })
        {
            Assert.Contains(name, emergency);
        }

        Assert.False(categories.Single(c => c.GetProperty("code").GetString() == "010101").GetProperty("isEmergency").GetBoolean());
    }

    private async Task RosterAsync(string date, string shift, string teamLeader, string siteManager)
    {
        var manager = await Api.As("manager");
        var existing = (await manager.GetAsync($"/api/duty-roster?from={date}&to={date}").ShouldBeOk()).EnumerateArray().FirstOrDefault(s => s.GetProperty("shift").GetString() == shift);
        long? version = existing.ValueKind == JsonValueKind.Undefined ? null : existing.GetProperty("version").GetInt64();
        await (await manager.PutJsonAsync($"/api/duty-roster/{date}", new { shift, teamLeaderUserId = await UserIdAsync(teamLeader), siteManagerUserId = await UserIdAsync(siteManager), version }))
            .ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>A second team leader (测试班长), created once per database.</summary>
    private async Task<string> TeamLeaderAsync()
    {
        const string name = "teamlead2";
        var admin = await Api.As("admin");
        var users = await admin.PostJsonAsync("/api/users/search", new { pageSize = 200 }).ShouldBeOk();
        if (!users.GetProperty("items").EnumerateArray().Any(u => u.GetProperty("userName").GetString() == name))
        {
            await (await admin.PostJsonAsync("/api/users", new { userName = name, displayName = "测试班长", unitId = await AuthTests.UnitIdAsync(admin, "AL-HC"), roles = new[] { "teamLeader" }, password = Hotline.Seeding.DemoData.DefaultPassword }))
                .ShouldBe(HttpStatusCode.Created);
        }

        Api.SignOutAll();
        return name;
    }

    private async Task<long> UserIdAsync(string userName)
    {
        var users = await (await Api.As("admin")).PostJsonAsync("/api/users/search", new { pageSize = 200 }).ShouldBeOk();
        return users.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("userName").GetString() == userName).GetProperty("id").GetInt64();
    }

    private Task<int> FollowAsync() => App.Services.GetRequiredService<NotificationFollower>().RunOnceAsync(CancellationToken.None);

    private async Task<List<JsonElement>> NotificationsOfAsync(string user, string? number) =>
        (await (await Api.As(user)).GetAsync("/api/notifications").ShouldBeOk()).GetProperty("items").EnumerateArray()
            .Where(n => n.GetProperty("workOrderNumber").GetString() == number).ToList();
}

public sealed class EmergencyTests_Sqlite(SqliteApp app) : EmergencyTests(app), IClassFixture<SqliteApp>;

public sealed class EmergencyTests_Postgres(PostgresApp app) : EmergencyTests(app), IClassFixture<PostgresApp>;
