using System.Net;
using System.Text.Json;
using Hotline.Features.Supervision;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.WorkOrders;

/// <summary>The paths a work order takes, walked over HTTP by the demo accounts against a real server and database.</summary>
public abstract class WorkOrderLifecycleTests(AppFixture app) : IAsyncLifetime
{
    private readonly WorkOrderApi _api = new(app);

    public Task InitializeAsync()
    {
        app.Time.Set(AppFixture.DefaultNow);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        app.Time.Set(AppFixture.DefaultNow);
        _api.SignOutAll();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task HappyPath_RegisterDispatchSignExtendReplyAcceptCallbackClose()
    {
        var registered = await _api.Register();
        var id = registered.GetProperty("id").GetInt64();
        Assert.Matches("^AL20260302[0-9]{6}$", registered.GetProperty("number").GetString());
        Assert.Equal("awaitingDispatch", registered.GetProperty("status").GetString());
        Assert.Equal("2026-03-03T23:59:59+08:00", registered.GetProperty("clocks").GetProperty("dispatchDue").GetString());

        var proposal = await (await _api.As("dispatcher")).GetAsync("/api/dispatch-catalogue/proposal?categoryCode=010101&regionCode=990102001").ShouldBeOk();
        Assert.Equal("catalogue", proposal.GetProperty("basis").GetString());
        Assert.Equal(await _api.UnitId("AL-DC-ZJ"), proposal.GetProperty("unitId").GetInt64());
        var dispatched = await _api.Ok("dispatcher", id, "dispatch", new { leadUnitId = proposal.GetProperty("unitId").GetInt64(), coUnitIds = new[] { await _api.UnitId("AL-DC-DH") } });
        Assert.Equal("2026-03-09T23:59:59+08:00", dispatched.GetProperty("clocks").GetProperty("handlingDue").GetString());

        var atUnit = await _api.Get("handler", id);
        Assert.Equal(["redispatch", "sign", "return", "reveal-caller"], atUnit.GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()));
        await _api.Ok("handler", id, "sign");
        await _api.Ok("handler", id, "request-extension", new { days = 3, reason = "需协调电梯维保公司更换主板" });
        Assert.Equal("2026-03-09T23:59:59+08:00", (await _api.Get("handler", id)).GetProperty("clocks").GetProperty("handlingDue").GetString());
        var approved = await _api.Ok("manager", id, "approve-extension", new { note = "同意" });
        Assert.Equal("2026-03-12T23:59:59+08:00", approved.GetProperty("clocks").GetProperty("handlingDue").GetString());

        await _api.Ok("handler", id, "progress-report", new { text = "已联系维保公司，配件在途", committedDate = "2026-03-11" });
        var replied = await _api.Ok("handler", id, "reply", new { result = "已督促物业更换电梯主板，电梯恢复运行", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        Assert.Equal("replied", replied.GetProperty("status").GetString());
        var accepted = await _api.Ok("dispatcher", id, "accept-reply");
        Assert.Equal("awaitingCallback", accepted.GetProperty("status").GetString());
        var closed = await _api.Ok("callback", id, "callback", new { method = "phone", reached = true, processRating = "satisfied", resultRating = "satisfied", comment = "满意" });
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal("satisfied", closed.GetProperty("closeReason").GetString());
        Assert.Equal("archived", (await _api.Ok("manager", id, "archive")).GetProperty("status").GetString());

        var timeline = await _api.Timeline("agent", id);
        Assert.Equal(
            ["register", "dispatch", "sign", "request-extension", "approve-extension", "progress-report", "reply", "accept-reply", "callback", "archive"],
            timeline.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        var sign = timeline.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "sign");
        Assert.Equal("刘洋", sign.GetProperty("actorName").GetString());
        Assert.Equal("东城区住房和城乡建设局", sign.GetProperty("actorUnitName").GetString());
        Assert.Equal("dispatched", sign.GetProperty("fromStatus").GetString());
        Assert.Equal("inProgress", sign.GetProperty("toStatus").GetString());
    }

    [Fact]
    public async Task ReturnAndRedispatch_TheDispatcherApprovesAndTheNextUnitHandlesIt()
    {
        var id = await _api.Dispatched(WorkOrderApi.Order(subject: "停水三天", category: "080101"));
        var water = await _api.UnitId("AL-WATER");
        var returned = await _api.Ok("handler", id, "return", new { reason = "供水问题不属住建局职责", basis = "住建局三定方案", suggestedUnitId = water });
        Assert.Equal("returned", returned.GetProperty("status").GetString());
        Assert.False(returned.GetProperty("returnedLate").GetBoolean());
        await (await _api.Act("handler", id, "sign")).ShouldBeProblem(HttpStatusCode.Conflict, "work_order.transition_not_allowed");

        var redispatched = await _api.Ok("dispatcher", id, "approve-return", new { note = "同意退回", leadUnitId = water });
        Assert.Equal("dispatched", redispatched.GetProperty("status").GetString());
        Assert.Equal("安澜市自来水有限公司", redispatched.GetProperty("leadUnit").GetProperty("name").GetString());
        Assert.Equal(2, redispatched.GetProperty("counts").GetProperty("dispatches").GetInt32());

        await _api.Ok("water", id, "sign");
        var replied = await _api.Ok("water", id, "reply", new { result = "管网抢修完毕，已恢复供水", citizenContacted = false, outcome = "resolved" });
        Assert.Equal("replied", replied.GetProperty("status").GetString());
    }

    [Fact]
    public async Task RejectedReturn_GoesBackToTheSameUnit()
    {
        var id = await _api.Dispatched();
        await _api.Ok("handler", id, "sign");
        await _api.Ok("handler", id, "return", new { reason = "不属本单位", basis = "职责清单", suggestedUnitId = await _api.UnitId("AL-DC-DH") });

        var back = await _api.Ok("dispatcher", id, "reject-return", new { reason = "物业监管属于住建部门职责" });

        Assert.Equal("inProgress", back.GetProperty("status").GetString());
        Assert.Equal("rejected", back.GetProperty("returns")[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Emergency_DispatchedAtOnce_RemindedWhenNoFirstResponseInTwoHours()
    {
        var id = await _api.RegisterId(WorkOrderApi.Order(subject: "燃气泄漏", category: "080301", urgency: "emergency"));
        var queue = await (await _api.As("dispatcher")).GetAsync("/api/work-orders?status=awaitingDispatch&sort=dispatchQueue&pageSize=200").ShouldBeOk();
        Assert.Equal(id, queue.GetProperty("items")[0].GetProperty("id").GetInt64());

        var dispatched = await _api.Ok("dispatcher", id, "dispatch", new { leadUnitId = await _api.UnitId("AL-GAS") });
        Assert.Equal("2026-03-02T11:00:00+08:00", dispatched.GetProperty("clocks").GetProperty("firstResponseDue").GetString());
        Assert.Equal("2026-03-05T23:59:59+08:00", dispatched.GetProperty("clocks").GetProperty("handlingDue").GetString());
        Assert.Contains(
            (await _api.Timeline("dispatcher", id)).EnumerateArray(),
            e => e.GetProperty("action").GetString() == "dispatch" && e.GetProperty("details").GetProperty("dutyLeaderNotified").GetString() == "true");

        app.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await app.Services.GetRequiredService<AlertLightJob>().RunOnceAsync(CancellationToken.None);

        var reminded = await _api.Get("dispatcher", id);
        var reminder = Assert.Single(reminded.GetProperty("reminders").EnumerateArray());
        Assert.Equal("automatic", reminder.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task ReminderJob_TurnsAnOverdueOrderRed_OnceWithOneAutomaticReminder()
    {
        var id = await _api.Dispatched(WorkOrderApi.Order(subject: "楼道灯不亮"));
        await _api.Ok("handler", id, "sign");

        app.Time.Set(new DateTimeOffset(2026, 3, 7, 8, 0, 0, TimeSpan.FromHours(8)));
        _api.SignOutAll(); // days later, yesterday's sessions have expired
        var job = app.Services.GetRequiredService<AlertLightJob>();
        await job.RunOnceAsync(CancellationToken.None);
        Assert.Equal("yellow", (await _api.Get("handler", id)).GetProperty("light").GetString());

        app.Time.Set(new DateTimeOffset(2026, 3, 11, 8, 0, 0, TimeSpan.FromHours(8)));
        _api.SignOutAll();
        await job.RunOnceAsync(CancellationToken.None);
        await job.RunOnceAsync(CancellationToken.None);

        var red = await _api.Get("handler", id);
        Assert.Equal("red", red.GetProperty("light").GetString());
        Assert.Equal(1, red.GetProperty("counts").GetProperty("reminders").GetInt32());
        var reds = await (await _api.As("supervisor")).GetAsync("/api/work-orders?light=red&pageSize=200").ShouldBeOk();
        Assert.Contains(reds.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == id);
        var wallboard = await (await _api.As("supervisor")).GetAsync("/api/supervision/wallboard").ShouldBeOk();
        Assert.True(wallboard.GetProperty("red").GetInt32() >= 1);
        var reminders = await (await _api.As("supervisor")).GetAsync("/api/supervision/reminders").ShouldBeOk();
        Assert.Contains(reminders.GetProperty("items").EnumerateArray(), r => r.GetProperty("workOrderId").GetInt64() == id && r.GetProperty("kind").GetString() == "Automatic");
        var timeline = await _api.Timeline("handler", id);
        Assert.Equal(2, timeline.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "light-changed"));
    }

    [Fact]
    public async Task ManualReminder_IsRecordedForTheUnit()
    {
        var id = await _api.Dispatched();

        var reminded = await _api.Ok("supervisor", id, "remind", new { text = "请于今日内签收并联系市民" });

        Assert.Equal("manual", reminded.GetProperty("reminders")[0].GetProperty("kind").GetString());
        Assert.Equal("请于今日内签收并联系市民", (await _api.Get("handler", id)).GetProperty("reminders")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task RedoPath_UnsatisfiedCallbackSendsTheOrderBackToTheUnit()
    {
        var id = await _api.Dispatched();
        await _api.Ok("handler", id, "sign");
        await _api.Ok("handler", id, "reply", new { result = "已通知物业", citizenContacted = false, outcome = "explained" });
        await _api.Ok("dispatcher", id, "accept-reply");
        var unsatisfied = await _api.Ok("callback", id, "callback", new { reached = true, processRating = "basicallySatisfied", resultRating = "unsatisfied", comment = "电梯仍未修好" });
        Assert.Equal("awaitingCallback", unsatisfied.GetProperty("status").GetString());
        Assert.Contains("redo", unsatisfied.GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()));

        var redone = await _api.Ok("manager", id, "redo", new { reason = "市民诉求合理，请实地核查" });

        Assert.Equal("dispatched", redone.GetProperty("status").GetString());
        Assert.Equal(1, redone.GetProperty("counts").GetProperty("redos").GetInt32());
        await _api.Ok("handler", id, "sign");
    }

    [Fact]
    public async Task Merge_TheMergedOrderClosesAndBothTimelinesSaySo()
    {
        var first = await _api.RegisterId(WorkOrderApi.Order(subject: "同一部电梯故障", phone: "13900001111"));
        var second = await _api.RegisterId(WorkOrderApi.Order(subject: "同一部电梯故障（另一住户）", phone: "13900002222"));

        var merged = await _api.Ok("agent", second, "merge", new { targetId = first });

        Assert.Equal("closed", merged.GetProperty("status").GetString());
        Assert.Equal("merged", merged.GetProperty("closeReason").GetString());
        Assert.Equal(first, merged.GetProperty("mergedIntoId").GetInt64());
        Assert.Contains((await _api.Timeline("agent", first)).EnumerateArray(), e => e.GetProperty("action").GetString() == "merge");
        Assert.Contains((await _api.Timeline("agent", second)).EnumerateArray(), e => e.GetProperty("action").GetString() == "merge");
        Assert.Equal("awaitingDispatch", (await _api.Get("agent", first)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task LinkRepeat_LinksTheNewOrderToTheEarlierOne()
    {
        var earlier = await _api.RegisterId();
        var later = await _api.RegisterId();

        var linked = await _api.Ok("agent", later, "link-repeat", new { earlierId = earlier });

        Assert.Equal(earlier, linked.GetProperty("repeatOfId").GetInt64());
    }

    [Fact]
    public async Task SendBackWithKnowledgeAnswer_TheAgentAnswersAndTheOrderCloses()
    {
        var id = await _api.RegisterId();
        var articleId = (await Knowledge.KnowledgeApi.SearchIdsAsync(await _api.As("dispatcher"), "受理范围"))[0];
        await _api.Ok("dispatcher", id, "send-back", new { reason = "knowledgeBaseAnswers", note = "知识库已有明确答复", articleId });

        var answered = await _api.Ok("agent", id, "answer-directly", new { answer = "按知识库答复口径答复市民" });

        Assert.Equal("closed", answered.GetProperty("status").GetString());
        Assert.Equal(articleId, answered.GetProperty("resolution").GetProperty("articleId").GetInt64());
    }

    [Fact]
    public async Task IntakeOutcomes_AnswerThreeWayAndReject()
    {
        var answered = await _api.Register(WorkOrderApi.Order(outcome: new { kind = "answerDirectly", answer = "公积金提取需携带身份证到服务大厅办理" }));
        Assert.Equal("closed", answered.GetProperty("status").GetString());
        Assert.Equal("answeredAtIntake", answered.GetProperty("closeReason").GetString());

        var threeWay = await _api.Register(WorkOrderApi.Order(outcome: new { kind = "threeWayCall", unitId = await _api.UnitId("AL-SJ-12315"), result = "12315当场受理投诉" }));
        Assert.Equal("threeWayCall", threeWay.GetProperty("closeReason").GetString());

        var emergency = await _api.Register(WorkOrderApi.Order(outcome: new { kind = "reject", reason = "emergency", transferredTo = "fire119", note = "市民报告火情，已转119" }));
        Assert.Equal("notAccepted", emergency.GetProperty("status").GetString());
        Assert.Equal("fire119", emergency.GetProperty("resolution").GetProperty("transferredTo").GetString());

        await (await (await _api.As("agent")).PostJsonAsync("/api/work-orders", WorkOrderApi.Order(outcome: new { kind = "reject", reason = "emergency" })))
            .ShouldBeValidationError("transferredTo");
    }

    /// <summary>Every field the intake rules refuse, named together (a text over its declared limit is refused before these: TextLimitTests).</summary>
    [Fact]
    public async Task Register_InvalidInput_Is400NamingEachField()
    {
        var agent = await _api.As("agent");

        var body = await (await agent.PostJsonAsync("/api/work-orders", new
        {
            channel = "phone",
            requestType = "complaint",
            categoryCode = "010101",
            urgency = "normal",
            caller = new { phone = "abc" },
            location = new { regionCode = "12" },
            subject = "",
            events = "",
            outcome = new { kind = "dispatch" },
        })).ShouldBeValidationError("caller.phone");

        var errors = body.GetProperty("errors");
        foreach (var field in new[] { "location.regionCode", "subject", "events", "demand" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {body}");
        }
    }

    [Theory]
    [InlineData("{\"channel\":\"fax\"}", "channel")]
    [InlineData("{\"urgency\":7}", "urgency")]
    public async Task Register_UnknownEnumValue_Is400NamingTheField(string json, string field)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        await (await (await _api.As("agent")).PostAsync("/api/work-orders", content)).ShouldBeValidationError(field);
    }

    [Fact]
    public async Task Register_UnknownCategory_Is400()
    {
        await (await (await _api.As("agent")).PostJsonAsync("/api/work-orders", WorkOrderApi.Order(category: "777777"))).ShouldBeValidationError("categoryCode");
    }

    [Fact]
    public async Task Dispatch_ToAnUnknownUnit_Is400AndChangesNothing()
    {
        var id = await _api.RegisterId();

        await (await _api.Act("dispatcher", id, "dispatch", new { leadUnitId = 999999 })).ShouldBeValidationError("leadUnitId");

        var order = await _api.Get("dispatcher", id);
        Assert.Equal("awaitingDispatch", order.GetProperty("status").GetString());
        Assert.Single((await _api.Timeline("dispatcher", id)).EnumerateArray());
    }

    [Fact]
    public async Task DisallowedTransition_Is409WithStableCode()
    {
        var id = await _api.RegisterId();

        await (await _api.Act("dispatcher", id, "accept-reply")).ShouldBeProblem(HttpStatusCode.Conflict, "work_order.transition_not_allowed");
    }

    [Fact]
    public async Task StaleVersion_Is409AndTheFirstChangeStays()
    {
        var registered = await _api.Register();
        var id = registered.GetProperty("id").GetInt64();
        var version = registered.GetProperty("version").GetInt64();
        await _api.Ok("dispatcher", id, "dispatch", new { leadUnitId = await _api.UnitId("AL-DC-ZJ"), version });

        await (await _api.Act("dispatcher", id, "send-back", new { reason = "correction", note = "补充地址", version }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "concurrency_conflict");

        Assert.Equal("dispatched", (await _api.Get("dispatcher", id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task TwoSimultaneousActions_ExactlyOneWins()
    {
        for (var round = 0; round < 3; round++)
        {
            var id = await _api.RegisterId();
            var unit = await _api.UnitId("AL-DC-ZJ");
            var dispatcher = await _api.As("dispatcher");
            var teamlead = await _api.As("teamlead");

            var responses = await Task.WhenAll(
                dispatcher.PostJsonAsync($"/api/work-orders/{id}/dispatch", new { leadUnitId = unit }),
                teamlead.PostJsonAsync($"/api/work-orders/{id}/send-back", new { reason = "correction", note = "信息不全" }));

            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            var timeline = await _api.Timeline("dispatcher", id);
            Assert.Equal(2, timeline.GetArrayLength());
        }
    }

    [Fact]
    public async Task Numbers_AreUniqueUnderConcurrentRegistration()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => _api.Register()));

        var numbers = results.Select(r => r.GetProperty("number").GetString()!).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.Matches("^AL20260302[0-9]{6}$", n));
    }

    [Fact]
    public async Task AnotherUnit_CannotReadOrActOnTheOrder()
    {
        var id = await _api.Dispatched();

        await (await (await _api.As("handler2")).GetAsync($"/api/work-orders/{id}")).ShouldBeProblem(HttpStatusCode.NotFound, "work_order.not_found");
        await (await (await _api.As("handler2")).GetAsync($"/api/work-orders/{id}/timeline")).ShouldBe(HttpStatusCode.NotFound);
        await (await _api.Act("handler2", id, "sign")).ShouldBe(HttpStatusCode.NotFound);
        await (await _api.Act("handler2", id, "reveal-caller", new { reason = "x" })).ShouldBe(HttpStatusCode.NotFound);
        var west = await (await _api.As("handler2")).GetAsync("/api/work-orders?pageSize=200").ShouldBeOk();
        Assert.DoesNotContain(west.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == id);

        var east = await (await _api.As("handler")).GetAsync("/api/work-orders?pageSize=200").ShouldBeOk();
        Assert.Contains(east.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == id);
        var county = await (await _api.As("dcoffice")).GetAsync($"/api/work-orders/{id}").ShouldBeOk();
        Assert.Equal(id, county.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task EveryWorkOrderEndpoint_RefusesAUnitUserFromAnotherUnit()
    {
        var id = await _api.Dispatched();
        var before = (await _api.Get("dispatcher", id)).GetProperty("version").GetInt64();
        var endpoints = app.Services.GetServices<Microsoft.AspNetCore.Routing.EndpointDataSource>()
            .SelectMany(s => s.Endpoints).OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/work-orders/{id", StringComparison.Ordinal))
            .ToList();
        Assert.True(endpoints.Count >= 28, $"only {endpoints.Count} work-order endpoints found");
        var west = await _api.As("handler2");

        foreach (var endpoint in endpoints)
        {
            var method = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods[0];
            var url = endpoint.RoutePattern.RawText!.Replace("{id:long}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method == "POST")
            {
                request.Content = JsonContent(new { reason = "x", text = "x", note = "x", leadUnitId = await _api.UnitId("AL-XC-CG"), days = 1 });
            }

            using var response = await west.SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{method} {url} answered {(int)response.StatusCode} to another unit");
        }

        Assert.Equal(before, (await _api.Get("dispatcher", id)).GetProperty("version").GetInt64());
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, AppFixture.Json), System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task CoUnit_SeesTheOrderAndRepliesToTheLead()
    {
        var id = await _api.RegisterId();
        await _api.Ok("dispatcher", id, "dispatch", new { leadUnitId = await _api.UnitId("AL-XC-CG"), coUnitIds = new[] { await _api.UnitId("AL-DC-ZJ") } });

        var seen = await _api.Get("handler", id);
        Assert.Equal(["co-reply"], seen.GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()).Where(a => a != "reveal-caller"));
        var coReplied = await _api.Ok("handler", id, "co-reply", new { text = "住建局已约谈物业公司" });

        Assert.True(coReplied.GetProperty("coUnits")[0].GetProperty("hasReplied").GetBoolean());
        await (await _api.Act("handler", id, "sign")).ShouldBeProblem(HttpStatusCode.Forbidden, "work_order.not_holder");
    }

    [Fact]
    public async Task CountyOffice_RedispatchesWithinItsCountyOnly()
    {
        var id = await _api.Dispatched(unit: "AL-DC-HO");

        var passed = await _api.Ok("dcoffice", id, "redispatch", new { leadUnitId = await _api.UnitId("AL-DC-DH"), note = "属地街道办理" });
        Assert.Equal("东华街道办事处", passed.GetProperty("leadUnit").GetProperty("name").GetString());

        var other = await _api.Dispatched(unit: "AL-DC-HO");
        await (await _api.Act("dcoffice", other, "redispatch", new { leadUnitId = await _api.UnitId("AL-XC-CG") }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "work_order.outside_scope");
    }

    [Fact]
    public async Task CallerIdentity_IsMaskedEverywhere_HiddenFromUnitsWhenConfidential_AndEveryRevealIsRecorded()
    {
        const string phone = "13766665555";
        var id = await _api.Dispatched(WorkOrderApi.Order(subject: "举报违建", phone: phone, confidential: true));

        foreach (var user in new[] { "handler", "dcoffice", "unitlead" })
        {
            var detail = await _api.Get(user, id);
            Assert.True(detail.GetProperty("caller").GetProperty("isHidden").GetBoolean());
            Assert.Equal(JsonValueKind.Null, detail.GetProperty("caller").GetProperty("phone").ValueKind);
            await AssertNoLeak(user, id, phone);
            await (await _api.Act(user, id, "reveal-caller", new { reason = "联系市民" })).ShouldBe(HttpStatusCode.Forbidden);
        }

        var agentView = await _api.Get("agent", id);
        Assert.Equal("137****5555", agentView.GetProperty("caller").GetProperty("phone").GetString());
        await AssertNoLeak("agent", id, phone);

        var revealed = await (await _api.Act("callback", id, "reveal-caller", new { reason = "回访需要联系市民" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(phone, revealed.GetProperty("phone").GetString());
        var reveal = (await _api.Timeline("agent", id)).EnumerateArray().Single(e => e.GetProperty("action").GetString() == "reveal-caller");
        Assert.Equal("陈静", reveal.GetProperty("actorName").GetString());
        Assert.Equal("回访需要联系市民", reveal.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task HoldingUnit_MayRevealANonConfidentialCaller_AndTheRevealIsRecorded()
    {
        var id = await _api.Dispatched(WorkOrderApi.Order(phone: "13712340000"));

        var revealed = await (await _api.Act("handler", id, "reveal-caller", new { reason = "电话联系市民核实" })).ShouldBe(HttpStatusCode.OK);

        Assert.Equal("13712340000", revealed.GetProperty("phone").GetString());
        Assert.Contains((await _api.Timeline("handler", id)).EnumerateArray(), e => e.GetProperty("action").GetString() == "reveal-caller");
        await (await _api.Act("handler", id, "reveal-caller", new { reason = "" })).ShouldBeValidationError("reason");
    }

    [Fact]
    public async Task CallerHistory_ShowsThePhonesEarlierOrders()
    {
        await _api.Register(WorkOrderApi.Order(subject: "第一次来电", phone: "13600001234"));
        await _api.Register(WorkOrderApi.Order(subject: "第二次来电", phone: "13600001234"));

        var history = await (await _api.As("agent")).PostJsonAsync("/api/callers/history", new { phone = "13600001234" }).ShouldBeOk();

        Assert.Equal(2, history.GetProperty("total").GetInt32());
        Assert.Equal("第二次来电", history.GetProperty("items")[0].GetProperty("subject").GetString());
        Assert.Equal("136****1234", history.GetProperty("phone").GetString());
        await (await (await _api.As("handler")).PostJsonAsync("/api/callers/history", new { phone = "13600001234" })).ShouldBe(HttpStatusCode.Forbidden);
        await (await (await _api.As("agent")).PostJsonAsync("/api/callers/history", new { phone = " " })).ShouldBeValidationError("phone");
        await (await (await _api.As("agent")).GetAsync("/api/callers/history?phone=13600001234")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_FiltersAndValidatesItsParameters()
    {
        await _api.Register(WorkOrderApi.Order(subject: "西城区路灯不亮", region: "990103001", category: "010302"));
        var dispatcher = await _api.As("dispatcher");

        var west = await dispatcher.GetAsync("/api/work-orders?regionCode=990103&categoryCode=0103&q=路灯").ShouldBeOk();
        Assert.All(west.GetProperty("items").EnumerateArray(), i => Assert.StartsWith("990103", i.GetProperty("regionCode").GetString(), StringComparison.Ordinal));
        Assert.True(west.GetProperty("total").GetInt32() >= 1);

        await (await dispatcher.GetAsync("/api/work-orders?status=lost")).ShouldBeValidationError("status");
        await (await dispatcher.GetAsync("/api/work-orders?from=yesterday")).ShouldBeValidationError("from");
        await (await dispatcher.GetAsync("/api/work-orders?sort=random")).ShouldBeValidationError("sort");
    }

    [Fact]
    public async Task DeadlineRule_ForACategory_ChangesTheHandlingClock()
    {
        var admin = await _api.As("admin");
        var rule = await (await admin.PostJsonAsync("/api/deadline-rules", new { categoryCode = "0903", handlingWorkingDays = 2, callbackWorkingDays = 2 })).ShouldBe(HttpStatusCode.Created);
        try
        {
            var id = await _api.Dispatched(WorkOrderApi.Order(subject: "垃圾未清运", category: "090301"));

            Assert.Equal("2026-03-04T23:59:59+08:00", (await _api.Get("dispatcher", id)).GetProperty("clocks").GetProperty("handlingDue").GetString());
        }
        finally
        {
            await admin.DeleteAsync($"/api/deadline-rules/{rule.GetProperty("id").GetInt64()}");
        }
    }

    private async Task AssertNoLeak(string user, long id, string phone)
    {
        var client = await _api.As(user);
        foreach (var url in new[] { $"/api/work-orders/{id}", $"/api/work-orders/{id}/timeline", "/api/work-orders?pageSize=200", $"/api/work-orders?q=违建&pageSize=200" })
        {
            var text = await client.GetStringAsync(url);
            Assert.DoesNotContain(phone, text, StringComparison.Ordinal);
            Assert.DoesNotContain("张三丰", text, StringComparison.Ordinal);
        }
    }
}

public sealed class WorkOrderLifecycleTests_Sqlite(SqliteApp app) : WorkOrderLifecycleTests(app), IClassFixture<SqliteApp>;

public sealed class WorkOrderLifecycleTests_Postgres(PostgresApp app) : WorkOrderLifecycleTests(app), IClassFixture<PostgresApp>;
