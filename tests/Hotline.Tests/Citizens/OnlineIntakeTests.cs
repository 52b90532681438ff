using System.Net;
using System.Text.Json;
using Hotline.Domain.CitizenMessages;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Citizens;

/// <summary>Issue 18: the online intake queue, the citizen-safe tracking and the online rating (S6's online callback).</summary>
public abstract class OnlineIntakeTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private readonly CitizenApi _citizen = new(app);

    [Fact]
    public async Task Accept_RegistersAWorkOrder_WithTheSubmissionsChannelAndVerifiedPhone_AndTellsTheCitizen()
    {
        var (client, phone, number) = await _citizen.Submitted();
        var agent = await Api.As("agent");
        var queued = await CitizenApi.Queued(agent, number);
        var accepted = await (await agent.PostJsonAsync($"/api/online-intake/{queued.GetProperty("id").GetInt64()}/accept", CitizenApi.Acceptance(queued.GetProperty("version").GetInt64())))
            .ShouldBe(HttpStatusCode.Created);
        var orderId = accepted.GetProperty("workOrderId").GetInt64();
        Assert.Equal("accepted", accepted.GetProperty("submission").GetProperty("state").GetString());

        var order = await Api.Get("agent", orderId);
        Assert.Equal("web", order.GetProperty("channel").GetString());
        Assert.Equal("awaitingDispatch", order.GetProperty("status").GetString());

        var progress = await CitizenApi.Track(client, number);
        Assert.Equal("accepted", progress.GetProperty("stage").GetString());
        Assert.Equal(accepted.GetProperty("workOrderNumber").GetString(), progress.GetProperty("workOrderNumber").GetString());
        Assert.DoesNotContain((await (await agent.GetAsync("/api/online-intake?pageSize=200")).ShouldBe(HttpStatusCode.OK)).GetProperty("items").EnumerateArray(),
            i => i.GetProperty("number").GetString() == number);

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var saved = await db.Set<Hotline.Domain.WorkOrders.WorkOrder>().AsNoTracking().SingleAsync(w => w.Id == orderId);
        Assert.Equal((phone, "张三", "web"), (saved.CallerPhone, saved.CallerName, "web"));
        Assert.Equal(Hotline.Domain.WorkOrders.Channel.Web, saved.Channel);
        var sms = await db.Set<CitizenMessage>().AsNoTracking().SingleAsync(m => m.Kind == CitizenMessageKind.SubmissionAccepted && m.WorkOrderId == orderId);
        Assert.Contains(accepted.GetProperty("workOrderNumber").GetString()!, sms.Text, StringComparison.Ordinal);
        Assert.Equal(phone, sms.Recipient);
    }

    [Fact]
    public async Task Accept_WithNotAcceptedOutcome_TellsTheCitizenTheCodedReason()
    {
        var (client, _, number) = await _citizen.Submitted();
        var agent = await Api.As("agent");
        var queued = await CitizenApi.Queued(agent, number);
        await (await agent.PostJsonAsync($"/api/online-intake/{queued.GetProperty("id").GetInt64()}/accept",
            CitizenApi.Acceptance(queued.GetProperty("version").GetInt64(), new { kind = "reject", reason = "statutoryRoute", note = "内部备注：属诉讼事项" }))).ShouldBe(HttpStatusCode.Created);
        var progress = await CitizenApi.Track(client, number);
        Assert.Equal("notAccepted", progress.GetProperty("stage").GetString());
        Assert.Equal("statutoryRoute", progress.GetProperty("reason").GetString());
        Assert.Contains("法定途径", progress.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("内部备注", progress.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_RefusedRegistration_PutsTheSubmissionBackInTheQueue()
    {
        var (_, _, number) = await _citizen.Submitted();
        var agent = await Api.As("agent");
        var queued = await CitizenApi.Queued(agent, number);
        var id = queued.GetProperty("id").GetInt64();
        await (await agent.PostJsonAsync($"/api/online-intake/{id}/accept", new { version = queued.GetProperty("version").GetInt64(), outcome = new { kind = "dispatch" } }))
            .ShouldBe(HttpStatusCode.BadRequest);
        var again = await CitizenApi.Queued(agent, number);
        Assert.Equal("queued", again.GetProperty("state").GetString());
        await (await agent.PostJsonAsync($"/api/online-intake/{id}/accept", CitizenApi.Acceptance(again.GetProperty("version").GetInt64()))).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Accept_ByTwoAgentsAtOnce_OneWins_TheOtherGets409()
    {
        var (_, _, number) = await _citizen.Submitted();
        var agent = await Api.As("agent");
        var teamlead = await Api.As("teamlead");
        var queued = await CitizenApi.Queued(agent, number);
        var id = queued.GetProperty("id").GetInt64();
        var version = queued.GetProperty("version").GetInt64();
        var answers = await Task.WhenAll(
            agent.PostJsonAsync($"/api/online-intake/{id}/accept", CitizenApi.Acceptance(version)),
            teamlead.PostJsonAsync($"/api/online-intake/{id}/accept", CitizenApi.Acceptance(version)));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var now = (await (await agent.GetAsync($"/api/online-intake/{id}")).ShouldBe(HttpStatusCode.OK)).GetProperty("version").GetInt64();
        await (await agent.PostJsonAsync($"/api/online-intake/{id}/accept", CitizenApi.Acceptance(now))).ShouldBeProblem(HttpStatusCode.Conflict, "submission.already_decided");

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var phone = (await db.Set<Hotline.Domain.Citizens.Submission>().AsNoTracking().SingleAsync(s => s.Id == id)).Phone;
        Assert.Equal(1, await db.Set<Hotline.Domain.WorkOrders.WorkOrder>().CountAsync(w => w.CallerPhone == phone));
    }

    [Fact]
    public async Task Refuse_TheCitizenSeesTheReasonAndWhereToGo_AndGetsAnSms()
    {
        var (client, phone, number) = await _citizen.Submitted();
        var agent = await Api.As("agent");
        var queued = await CitizenApi.Queued(agent, number);
        var id = queued.GetProperty("id").GetInt64();
        await (await agent.PostJsonAsync($"/api/online-intake/{id}/refuse", new { version = queued.GetProperty("version").GetInt64() })).ShouldBeValidationError("reason");
        await (await agent.PostJsonAsync($"/api/online-intake/{id}/refuse", new { reason = "statutoryRoute", version = queued.GetProperty("version").GetInt64() })).ShouldBe(HttpStatusCode.OK);

        var progress = await CitizenApi.Track(client, number);
        Assert.Equal("refused", progress.GetProperty("stage").GetString());
        Assert.Equal("statutoryRoute", progress.GetProperty("reason").GetString());
        Assert.Contains("法定途径", progress.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("王芳", progress.ToString(), StringComparison.Ordinal);
        await (await agent.PostJsonAsync($"/api/online-intake/{id}/accept", CitizenApi.Acceptance(queued.GetProperty("version").GetInt64() + 1))).ShouldBeProblem(HttpStatusCode.Conflict, "submission.already_decided");

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var sms = await db.Set<CitizenMessage>().AsNoTracking().SingleAsync(m => m.Kind == CitizenMessageKind.SubmissionRefused && m.Recipient == phone);
        Assert.Contains("法定途径", sms.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tracking_ShowsTheCitizenSafeProgress_NoStaffNoUnitsNoNotes_AndTheOnlineRatingClosesTheOrder()
    {
        var (client, _, number) = await _citizen.Submitted();
        var id = await AcceptedAsync(number);
        await Api.Ok("dispatcher", id, "dispatch", new { leadUnitId = await Api.UnitId("AL-DC-ZJ"), note = "派单内部说明：注意该户多次来电" });
        Assert.Equal("dispatched", (await CitizenApi.Track(client, number)).GetProperty("stage").GetString());
        await Api.Ok("handler", id, "sign");
        await Api.Ok("handler", id, "progress-report", new { text = "内部进度：已联系维保公司", committedDate = "2026-03-06" });
        Assert.Equal("inHand", (await CitizenApi.Track(client, number)).GetProperty("stage").GetString());
        await Api.Ok("handler", id, "reply", new { result = "已督促物业更换电梯主板，电梯已恢复运行。", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        Assert.Equal(JsonValueKind.Null, (await CitizenApi.Track(client, number)).GetProperty("answer").ValueKind); // not yet reviewed
        await Api.Ok("dispatcher", id, "accept-reply", new { note = "审核内部意见：答复合格" });

        var replied = await CitizenApi.Track(client, number);
        Assert.Equal("replied", replied.GetProperty("stage").GetString());
        Assert.True(replied.GetProperty("canRate").GetBoolean());
        Assert.Equal("已督促物业更换电梯主板，电梯已恢复运行。", replied.GetProperty("answer").GetString());
        Assert.Equal(["queued", "accepted", "dispatched", "inHand", "replied"], replied.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("stage").GetString()));
        var text = replied.ToString();
        foreach (var secret in new[] { "王芳", "赵敏", "刘洋", "东城区", "住建", "内部", "派单", "13900", "张三" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        Assert.Equal(
            ["answer", "canRate", "canRateService", "chat", "message", "number", "photos", "reason", "serviceRating", "stage", "steps", "submittedAt", "workOrderNumber"],
            replied.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        await (await client.PostJsonAsync($"/api/citizen/submissions/{number}/rating", new { processRating = "satisfied" })).ShouldBeValidationError("resultRating");
        var rated = await (await client.PostJsonAsync($"/api/citizen/submissions/{number}/rating", new { processRating = "satisfied", resultRating = "basicallySatisfied", comment = "修好了" }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal("closed", rated.GetProperty("stage").GetString());
        Assert.False(rated.GetProperty("canRate").GetBoolean());

        var order = await Api.Get("callback", id);
        Assert.Equal("closed", order.GetProperty("status").GetString());
        var callback = Assert.Single(order.GetProperty("callbacks").EnumerateArray());
        Assert.Equal("online", callback.GetProperty("method").GetString());
        Assert.Equal("basicallySatisfied", callback.GetProperty("resultRating").GetString());
        var timeline = await Api.Timeline("callback", id);
        Assert.Equal("callback", timeline.EnumerateArray().Last().GetProperty("action").GetString());
    }

    [Fact]
    public async Task OnlineRating_Unsatisfied_LeavesTheRedoToTheCentre_AsThePhoneCallbackDoes()
    {
        var (client, _, number) = await _citizen.Submitted();
        var id = await AcceptedAsync(number);
        await (await client.PostJsonAsync($"/api/citizen/submissions/{number}/rating", new { processRating = "satisfied", resultRating = "satisfied" }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "work_order.transition_not_allowed");
        await Api.Ok("dispatcher", id, "dispatch", new { leadUnitId = await Api.UnitId("AL-DC-ZJ") });
        await Api.Ok("handler", id, "sign");
        await Api.Ok("handler", id, "reply", new { result = "已通知物业", citizenContacted = false, outcome = "explained" });
        await Api.Ok("dispatcher", id, "accept-reply");

        var rated = await (await client.PostJsonAsync($"/api/citizen/submissions/{number}/rating", new { processRating = "basicallySatisfied", resultRating = "unsatisfied", comment = "电梯仍未修好" }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal("replied", rated.GetProperty("stage").GetString());
        Assert.False(rated.GetProperty("canRate").GetBoolean());
        await (await client.PostJsonAsync($"/api/citizen/submissions/{number}/rating", new { processRating = "satisfied", resultRating = "satisfied" }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "work_order.callback_decision_pending");

        var order = await Api.Get("callback", id);
        Assert.Equal("awaitingCallback", order.GetProperty("status").GetString());
        Assert.Contains("redo", order.GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()));
        var redone = await Api.Ok("callback", id, "redo", new { reason = "市民不满意，电梯仍未修好" });
        Assert.Equal("dispatched", redone.GetProperty("status").GetString());
        Assert.Equal(1, redone.GetProperty("counts").GetProperty("redos").GetInt32());
        Assert.Equal("dispatched", (await CitizenApi.Track(client, number)).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Queue_IsTheCentres_AUnitCannotSeeIt()
    {
        var (_, _, number) = await _citizen.Submitted();
        var id = (await CitizenApi.Queued(await Api.As("agent"), number)).GetProperty("id").GetInt64();
        await (await (await Api.As("handler")).GetAsync($"/api/online-intake/{id}")).ShouldBe(HttpStatusCode.Forbidden);
        await (await (await Api.As("callback")).GetAsync("/api/online-intake")).ShouldBe(HttpStatusCode.Forbidden);
    }

    private async Task<long> AcceptedAsync(string number)
    {
        var agent = await Api.As("agent");
        var queued = await CitizenApi.Queued(agent, number);
        var accepted = await (await agent.PostJsonAsync($"/api/online-intake/{queued.GetProperty("id").GetInt64()}/accept", CitizenApi.Acceptance(queued.GetProperty("version").GetInt64())))
            .ShouldBe(HttpStatusCode.Created);
        return accepted.GetProperty("workOrderId").GetInt64();
    }
}

public sealed class OnlineIntakeTests_Sqlite(SqliteApp app) : OnlineIntakeTests(app), IClassFixture<SqliteApp>;

public sealed class OnlineIntakeTests_Postgres(PostgresApp app) : OnlineIntakeTests(app), IClassFixture<PostgresApp>;
