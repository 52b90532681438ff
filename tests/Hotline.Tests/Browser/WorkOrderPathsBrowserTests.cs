using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Features.Supervision;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// The other paths of an order, in the browser: a return approved and re-dispatched, a send-back corrected at intake,
/// refusals shown where they belong, and a red light reaching the supervisor's open list.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class WorkOrderPathsBrowserTests(BrowserFixture browser) : ClockResetBrowserTests(browser.App)
{
    private readonly WorkOrderApi _api = new(browser.App);

    [Fact]
    public async Task AUnitReturnsAnOrder_TheDispatcherApprovesIt_AndTheSuggestedUnitReceivesIt()
    {
        const string subject = "江南路井盖缺失";
        var id = await _api.Dispatched(WorkOrderApi.Order(subject: subject, phone: "13922223333"));

        var handler = await browser.SignedInPageAsync("handler");
        await handler.OpenScreenAsync("inbox");
        await handler.SelectOrderAsync(subject);
        var returns = handler.RecordPosts("/return");
        var back = await handler.StartActionAsync("return");
        await back.FillAsync("reason", "井盖产权属于市政排水设施，不属本局职责");

        // Sent with fields missing: the dialog says what is missing by each field, puts the cursor in the first, sends nothing.
        await back.SubmitAsync();
        await Expect(back.FieldError("basis")).ToHaveTextAsync("请填写回退依据（法规或本单位职责）。");
        await Expect(back.FieldError("suggestedUnitId")).ToHaveTextAsync("请选择单位。");
        await handler.FocusedAsync("input-basis");
        await handler.ChooseInTreeAsync(back.GetByTestId("input-suggestedUnitId"), "西城区城市管理局");
        await Expect(back.FieldError("suggestedUnitId")).ToHaveCountAsync(0);
        await back.SubmitAsync();
        await Expect(back.FieldError("basis")).ToHaveTextAsync("请填写回退依据（法规或本单位职责）。");
        await Expect(back.GetByTestId("input-reason")).ToHaveValueAsync("井盖产权属于市政排水设施，不属本局职责");
        Assert.Empty(returns);
        await back.FillAsync("basis", "《安澜市市政设施管理办法》第十二条");
        await back.SubmitAsync();
        await Expect(handler.Message("回退申请已提交")).ToBeVisibleAsync();

        // The suggested unit's handler is looking at the inbox when the dispatcher decides.
        var west = await browser.SignedInPageAsync("handler2");
        await west.OpenScreenAsync("inbox");
        await Expect(west.GetByTestId("live-state")).ToHaveAttributeAsync("data-state", "on");

        var dispatcher = await browser.SignedInPageAsync("dispatcher");
        await dispatcher.OpenScreenAsync("dispatch");
        await dispatcher.OpenTabAsync("returns");
        await dispatcher.SelectOrderAsync(subject);
        await Expect(dispatcher.GetByTestId("note-return")).ToContainTextAsync("建议改派：西城区城市管理局");
        var approve = await dispatcher.StartActionAsync("approve-return");
        await Expect(approve.GetByTestId("input-leadUnitId")).ToContainTextAsync("西城区城市管理局");
        await approve.FillAsync("note", "同意，改派西城区城管局");
        await approve.SubmitAsync();
        await Expect(dispatcher.Message("已同意回退")).ToBeVisibleAsync();

        await Expect(west.GetByTestId($"row-{subject}")).ToBeVisibleAsync();
        await west.SelectOrderAsync(subject);
        await west.GetByTestId("actions").GetByTestId("action-sign").ClickAsync();
        await Expect(west.Message("已签收")).ToBeVisibleAsync();
        await west.GotoAsync($"/work-orders/{id}");
        await Expect(west.GetByTestId("lead-unit")).ToHaveTextAsync("西城区城市管理局");
        await Expect(west.GetByTestId("timeline")).ToContainTextAsync("同意回退，改派至西城区城市管理局");
        await Expect(west.GetByTestId("timeline")).ToContainTextAsync("回退理由：井盖产权属于市政排水设施，不属本局职责");
        await Expect(west.GetByTestId("records-returns")).ToContainTextAsync("已同意");
        await BrowserFixture.ScreenshotAsync(west, "25-returned-and-redispatched");
        foreach (var page in new[] { handler, west, dispatcher })
        {
            await browser.FinishAsync(page);
        }
    }

    [Fact]
    public async Task ADispatcherSendsAnOrderBack_TheAgentCorrectsIt_AndItIsBackInTheDispatchQueue()
    {
        const string subject = "烧烤店油烟扰民（地址待核）";
        await _api.RegisterId(WorkOrderApi.Order(subject: subject, phone: "13933334444", category: "020201", region: "990103001"));

        var dispatcher = await browser.SignedInPageAsync("dispatcher");
        await dispatcher.OpenScreenAsync("dispatch");
        await dispatcher.SelectOrderAsync(subject);
        var sendBack = await dispatcher.StartActionAsync("send-back");
        await sendBack.FillAsync("note", "请核实烧烤店的具体门牌号");
        await sendBack.SubmitAsync();
        await Expect(dispatcher.Message("已退回受理座席")).ToBeVisibleAsync();

        var agent = await browser.SignedInPageAsync("agent");
        await agent.OpenScreenAsync("sent-back");
        await agent.SelectOrderAsync(subject);
        await Expect(agent.GetByTestId("note-send-back")).ToContainTextAsync("请核实烧烤店的具体门牌号");
        var correct = await agent.StartActionAsync("correct");
        await Expect(correct.GetByTestId("intake-phone")).ToHaveValueAsync("13933334444");
        await correct.GetByTestId("intake-address").FillAsync("西湖路88号");
        await correct.GetByTestId("intake-subject").FillAsync("西湖路88号烧烤店油烟扰民");
        await correct.GetByTestId("input-note").FillAsync("已补充门牌号");
        await correct.GetByTestId("action-submit").ClickAsync();
        await Expect(agent.Message("工单已补正")).ToBeVisibleAsync();

        await dispatcher.OpenTabAsync("queue");
        await Expect(dispatcher.GetByTestId("row-西湖路88号烧烤店油烟扰民")).ToBeVisibleAsync();
        await dispatcher.SelectOrderAsync("西湖路88号烧烤店油烟扰民");
        var timeline = dispatcher.GetByTestId("timeline");
        await Expect(timeline).ToContainTextAsync("退回受理：信息有误或不清，需补正");
        await Expect(timeline).ToContainTextAsync("详细地址：明珠小区3栋2单元 → 西湖路88号");
        await Expect(timeline).ToContainTextAsync("查看来电人身份信息");
        await browser.FinishAsync(agent);
        await browser.FinishAsync(dispatcher);
    }

    [Fact]
    public async Task RefusedActions_ShowTheServersMessageByTheFieldOrOverTheForm_AndKeepWhatWasTyped()
    {
        const string subject = "夜间渣土车噪音扰民";
        await _api.Dispatched(WorkOrderApi.Order(subject: subject, phone: "13944445555"));

        // Eight days later the handling deadline (end of 9 March) has passed.
        browser.App.Time.Set(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8)));
        var handler = await browser.SignedInPageAsync("handler");
        browser.ExpectRefusal(handler, "/request-extension"); // too late, on purpose
        var replies = handler.RecordPosts("/reply");
        await handler.OpenScreenAsync("inbox");
        await handler.SelectOrderAsync(subject);
        await Expect(handler.GetByTestId("days-left").First).ToContainTextAsync("已超期");
        await handler.GetByTestId("actions").GetByTestId("action-sign").ClickAsync();
        await Expect(handler.Message("已签收")).ToBeVisibleAsync();
        await handler.OpenTabAsync("inProgress");
        await handler.SelectOrderAsync(subject);

        var extension = await handler.StartActionAsync("request-extension");
        await extension.FillAsync("reason", "需协调城管执法夜间蹲守");
        await extension.SubmitAsync();
        await Expect(extension.GetByTestId("action-error")).ToHaveTextAsync("已过申请延期的时间：须在办理时限前申请（省级来件须至少提前 1 个工作日）。");
        await Expect(extension.GetByTestId("input-reason")).ToHaveValueAsync("需协调城管执法夜间蹲守");
        await BrowserFixture.ScreenshotAsync(handler, "26-refused-action");
        await extension.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();

        var reply = await handler.StartActionAsync("reply");
        await reply.OptionAsync("outcome", "cannotResolve");
        await reply.SubmitAsync();
        await Expect(reply.FieldError("result")).ToHaveTextAsync("请描述办理情况。");
        await Expect(reply.FieldError("unresolvedReason")).ToHaveTextAsync("请说明无法解决的原因。");
        await handler.FocusedAsync("input-result");
        await reply.FillAsync("result", "已联合执法队夜间巡查");
        await Expect(reply.FieldError("result")).ToHaveCountAsync(0);
        Assert.Empty(replies);
        await browser.FinishAsync(handler);
    }

    [Fact]
    public async Task AnOrderTurnsRed_ItAppearsOnTheSupervisorsOpenList_WhoRemindsTheUnit()
    {
        const string subject = "东华路路灯不亮";
        var id = await _api.Dispatched(WorkOrderApi.Order(subject: subject, phone: "13955556666"));
        await _api.Ok("handler", id, "sign");

        // Just before midnight on the working day after the deadline the order is yellow, not yet red.
        var job = browser.App.Services.GetRequiredService<AlertLightJob>();
        browser.App.Time.Set(new DateTimeOffset(2026, 3, 10, 23, 55, 0, TimeSpan.FromHours(8)));
        await job.RunOnceAsync(CancellationToken.None);
        var supervisor = await browser.SignedInPageAsync("supervisor");
        await supervisor.OpenScreenAsync("supervision");
        await Expect(supervisor.GetByTestId("live-state")).ToHaveAttributeAsync("data-state", "on");
        await Expect(supervisor.GetByTestId($"row-{subject}")).ToHaveCountAsync(0);

        // Midnight passes: the light job turns it red, and the supervisor's list shows it without a reload.
        browser.App.Time.Set(new DateTimeOffset(2026, 3, 11, 0, 1, 0, TimeSpan.FromHours(8)));
        await job.RunOnceAsync(CancellationToken.None);
        await Expect(supervisor.GetByTestId($"row-{subject}")).ToBeVisibleAsync();
        await Expect(supervisor.GetByTestId("by-unit")).ToContainTextAsync("东城区住房和城乡建设局");
        await supervisor.SelectOrderAsync(subject);
        await Expect(supervisor.GetByTestId("work-order").Locator("[data-light=red]").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(supervisor, "27-supervisor");

        var remind = await supervisor.StartActionAsync("remind");
        await remind.FillAsync("text", "请今日内办结并反馈市民");
        await remind.SubmitAsync();
        await Expect(supervisor.Message("催办单已发出")).ToBeVisibleAsync();

        await supervisor.OpenScreenAsync("reminders");
        var reminders = supervisor.GetByTestId("reminders");
        await Expect(reminders.GetByRole(AriaRole.Row).Filter(new() { HasText = "请今日内办结并反馈市民" })).ToContainTextAsync("人工");
        await Expect(reminders.GetByRole(AriaRole.Row).Filter(new() { HasText = subject }).Filter(new() { HasText = "自动" })).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(supervisor, "28-reminders");

        var api = await browser.App.SignInAsync("handler");
        var order = await api.GetFromJsonAsync<JsonElement>($"/api/work-orders/{id}", AppFixture.Json);
        Assert.Equal(2, order.GetProperty("counts").GetProperty("reminders").GetInt32());
        await browser.FinishAsync(supervisor);
    }
}
