using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Issue 15's workbench gaps: an emergency category suggests the emergency urgency at intake and 紧急上报 goes with the
/// registration; supervision lists the orders judged late without good reason (无正当理由逾期); with Reply:Voice = centre
/// the reviewer accepting a reply writes the centre's answer to the citizen.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class Issue15WorkbenchBrowserTests(BrowserFixture browser) : ClockResetBrowserTests(browser.App)
{
    private readonly WorkOrderApi _api = new(browser.App);

    [Fact]
    public async Task AnEmergencyCategory_SuggestsTheUrgency_AndTheAgentRaisesTheEmergencyWithTheRegistration()
    {
        const string subject = "化工园区附近河流出现大面积死鱼";
        var agent = await browser.SignedInPageAsync("agent");
        await agent.OpenScreenAsync("intake");
        await agent.GetByTestId("intake-phone").FillAsync("13877779911");
        await agent.GetByTestId("request-type-report").ClickAsync();
        await Expect(agent.GetByTestId("intake-raise-emergency")).ToHaveCountAsync(0);

        // An emergency category (应急事件 / 环境污染事件): the urgency becomes emergency, and the screen says it was suggested.
        await agent.ChooseInTreeAsync(agent.GetByTestId("intake-category"), "环境污染事件");
        await Expect(agent.GetByTestId("urgency-emergency")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-active"));
        await Expect(agent.GetByTestId("intake-urgency-suggested")).ToBeVisibleAsync();

        // The agent may set it back, and a later category does not override that choice.
        await agent.GetByTestId("urgency-normal").ClickAsync();
        await Expect(agent.GetByTestId("intake-urgency-suggested")).ToHaveCountAsync(0);
        await agent.ChooseInTreeAsync(agent.GetByTestId("intake-category"), "市政设施重大故障");
        await Expect(agent.GetByTestId("urgency-normal")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-active"));
        await agent.GetByTestId("urgency-emergency").ClickAsync();

        await agent.ChooseInTreeAsync(agent.GetByTestId("intake-region"), "东华街道");
        await agent.GetByTestId("intake-subject").FillAsync(subject);
        await agent.GetByTestId("intake-events").FillAsync("市民反映河面漂浮大量死鱼，水体发黑有异味。");
        await agent.GetByTestId("intake-demand").FillAsync("请尽快查明污染源并处置。");
        await agent.GetByTestId("intake-raise-emergency").ClickAsync();
        await agent.GetByTestId("intake-register").ClickAsync();
        await Expect(agent.GetByTestId("intake-registered")).ToContainTextAsync(subject);

        // The registered order has the emergency raised, by the same request.
        var order = await LatestAsync(subject);
        Assert.Equal("emergency", order.GetProperty("urgency").GetString());
        Assert.Equal("raised", order.GetProperty("emergency").GetProperty("record").GetProperty("state").GetString());
        await browser.FinishAsync(agent);
    }

    [Fact]
    public async Task Supervision_ListsTheOrdersJudgedLateWithoutGoodReason_Tagged()
    {
        const string judged = "逾期答复被认定无正当理由";
        const string excused = "逾期答复理由被接受";
        var late = await LateReplyAsync(judged);
        var accepted = await LateReplyAsync(excused);
        await _api.Ok("handler", late, "explain-lateness", new { reason = "经办人休假" });
        await _api.Ok("supervisor", late, "judge-lateness", new { judgement = "withoutGoodReason", note = "休假不是逾期的正当理由" });
        await _api.Ok("handler", accepted, "explain-lateness", new { reason = "等待法院判决结果" });
        await _api.Ok("supervisor", accepted, "judge-lateness", new { judgement = "accepted" });

        var supervisor = await browser.SignedInPageAsync("supervisor");
        await supervisor.OpenScreenAsync("supervision");
        await supervisor.OpenTabAsync("lateWithoutGoodReason");
        var row = supervisor.GetByTestId($"row-{judged}");
        await Expect(row).ToBeVisibleAsync();
        await Expect(supervisor.Locator(".el-table__row").Filter(new() { HasText = judged }).GetByTestId("late-without-good-reason")).ToHaveTextAsync("无正当理由逾期");
        await Expect(supervisor.GetByTestId($"row-{excused}")).ToHaveCountAsync(0);
        await Expect(supervisor.GetByTestId("late-without-good-reason")).ToHaveCountAsync(1);
        await browser.FinishAsync(supervisor);
    }

    [Fact]
    public async Task CentreVoice_TheReviewerWritesTheCentresAnswer_FromTheUnitsReply()
    {
        const string subject = "小区路灯不亮中心统一答复";
        var configuration = browser.App.Services.GetRequiredService<IConfiguration>();
        configuration["Reply:Voice"] = "Centre";
        try
        {
            var id = await _api.Dispatched(WorkOrderApi.Order(subject: subject, phone: "13877776655"));
            await _api.Ok("handler", id, "sign");
            await _api.Ok("handler", id, "reply", new { result = "已更换路灯灯泡", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });

            var reviewer = await browser.SignedInPageAsync("dispatcher");
            await reviewer.GotoAsync($"/work-orders/{id}");
            var accept = await reviewer.StartActionAsync("accept-reply");
            var answer = accept.GetByTestId("input-citizenAnswer");
            await Expect(answer).ToHaveValueAsync("已更换路灯灯泡");
            await answer.FillAsync("");
            await accept.SubmitAsync();
            await Expect(accept.FieldError("citizenAnswer")).ToHaveTextAsync("请根据承办单位的答复撰写中心给市民的统一答复。");
            await answer.FillAsync("您反映的路灯不亮问题，经区城管局处理，已于当日更换灯泡恢复照明。");
            await accept.SubmitAsync();
            await Expect(reviewer.Message("办结反馈审核通过")).ToBeVisibleAsync();

            var order = await _api.Get("dispatcher", id);
            Assert.Equal("awaitingCallback", order.GetProperty("status").GetString());
            Assert.Equal("您反映的路灯不亮问题，经区城管局处理，已于当日更换灯泡恢复照明。", order.GetProperty("cases").GetProperty("answerToCitizen").GetString());
            await browser.FinishAsync(reviewer);
        }
        finally
        {
            configuration["Reply:Voice"] = "Unit";
        }
    }

    /// <summary>Dispatched on the default day, replied a week after the handling deadline.</summary>
    private async Task<long> LateReplyAsync(string subject)
    {
        var id = await _api.Dispatched(WorkOrderApi.Order(subject: subject));
        await _api.Ok("handler", id, "sign");
        var due = (await _api.Get("handler", id)).GetProperty("clocks").GetProperty("handlingDue").GetDateTimeOffset();
        browser.App.Time.Set(due.AddDays(7));
        _api.SignOutAll();
        await _api.Ok("handler", id, "reply", new { result = "已处理", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        browser.App.Time.Set(AppFixture.DefaultNow);
        _api.SignOutAll();
        return id;
    }

    private async Task<JsonElement> LatestAsync(string subject)
    {
        var client = await browser.App.SignInAsync("dispatcher");
        var list = await client.GetFromJsonAsync<JsonElement>("/api/work-orders?sort=-registeredAt&pageSize=50", AppFixture.Json);
        var id = list.GetProperty("items").EnumerateArray().First(o => o.GetProperty("subject").GetString() == subject).GetProperty("id").GetInt64();
        return await client.GetFromJsonAsync<JsonElement>($"/api/work-orders/{id}", AppFixture.Json);
    }
}
