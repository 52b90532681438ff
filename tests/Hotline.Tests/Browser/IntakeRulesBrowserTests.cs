using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Issue 15, intake (S3) and callback (S6) in the workbench: handled directly by the centre with the accepted scope at
/// hand, a not-accepted reason with the words read to the caller, and a callback that finds the unit failed to act (应办未办)
/// leading to a redo.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class IntakeRulesBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly WorkOrderApi _api = new(browser.App);

    public Task InitializeAsync()
    {
        browser.App.Time.Set(AppFixture.DefaultNow);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task HandledDirectly_WithTheScopeShown_ClosesAtIntake_WithThePartyAndTheOneGoNotice()
    {
        var agent = await browser.SignedInPageAsync("agent");
        await agent.OpenScreenAsync("intake");
        var registrations = agent.RecordPosts("/api/work-orders");

        await agent.GetByTestId("intake-scope").ClickAsync();
        await Expect(agent.GetByTestId("intake-scope-panel")).ToContainTextAsync("对政府工作人员工作效率、服务态度、作风纪律的投诉");
        await agent.Keyboard.PressAsync("Escape");

        await agent.GetByTestId("intake-phone").FillAsync("13877771234");
        await agent.GetByTestId("request-type-complaint").ClickAsync();
        await agent.ChooseInTreeAsync(agent.GetByTestId("intake-category"), "医疗保险");
        await agent.GetByTestId("intake-subject").FillAsync("药店拒绝医保刷卡");
        await agent.GetByTestId("intake-events").FillAsync("市民反映和平路药店拒绝使用医保卡结算。");
        await agent.GetByTestId("intake-party").FillAsync("康泰大药房");
        await agent.GetByTestId("intake-party-address").FillAsync("东城区和平路12号");
        await agent.GetByTestId("outcome-handleDirectly").ClickAsync();
        await agent.GetByTestId("intake-register").ClickAsync();
        await Expect(agent.ItemError("intake-centre-action")).ToHaveTextAsync("请记录中心办理情况。");
        Assert.Empty(registrations);

        await agent.GetByTestId("intake-centre-action").FillAsync("中心已电话联系药店负责人，药店恢复医保结算。");
        await agent.GetByTestId("intake-one-go-notice").FillAsync("如再遇拒刷，可携带购药凭证到医保局窗口反映。");
        await agent.GetByTestId("intake-register").ClickAsync();
        await Expect(agent.Message("中心直接办理")).ToBeVisibleAsync();

        var order = await LatestAsync("药店拒绝医保刷卡");
        Assert.Equal("closed", order.GetProperty("status").GetString());
        Assert.Equal("handledByCentre", order.GetProperty("closeReason").GetString());
        Assert.Equal("东城区和平路12号", order.GetProperty("intakeDetails").GetProperty("partyAddress").GetString());
        Assert.Equal("如再遇拒刷，可携带购药凭证到医保局窗口反映。", order.GetProperty("intakeDetails").GetProperty("oneGoNotice").GetString());

        // The order's page shows what the centre did, the party's address and the notice.
        await agent.GotoAsync($"/work-orders/{order.GetProperty("id").GetInt64()}");
        await Expect(agent.GetByTestId("work-order-centre-action")).ToHaveTextAsync("中心已电话联系药店负责人，药店恢复医保结算。");
        await Expect(agent.GetByTestId("work-order-party-address")).ToHaveTextAsync("东城区和平路12号");
        await Expect(agent.GetByTestId("timeline")).ToContainTextAsync("中心直接办理");
        await Expect(agent.GetByTestId("timeline")).ToContainTextAsync("一次性告知");
        await browser.FinishAsync(agent);
    }

    [Fact]
    public async Task NotAccepted_TheChosenReasonShowsTheWordsToReadToTheCaller()
    {
        var agent = await browser.SignedInPageAsync("agent");
        await agent.OpenScreenAsync("intake");
        await agent.GetByTestId("intake-phone").FillAsync("13877775678");
        await agent.GetByTestId("request-type-complaint").ClickAsync();
        await agent.ChooseInTreeAsync(agent.GetByTestId("intake-category"), "医疗保险");
        await agent.GetByTestId("intake-subject").FillAsync("信访复查期间再次反映");
        await agent.GetByTestId("intake-events").FillAsync("市民的信访事项正在复查，要求热线督办。");
        await agent.GetByTestId("outcome-reject").ClickAsync();

        await agent.ChooseAsync(agent.GetByTestId("intake-reject-reason"), "不属于行政职权范围");
        await Expect(agent.GetByTestId("intake-reject-wording")).ToContainTextAsync("武警");
        await agent.ChooseAsync(agent.GetByTestId("intake-reject-reason"), "信访复查复核或法定程序未结束");
        await Expect(agent.GetByTestId("intake-reject-wording")).ToContainTextAsync("请您继续通过原渠道反映");
        await BrowserFixture.ScreenshotAsync(agent, "60-intake-reject-wording");
        await agent.GetByTestId("intake-register").ClickAsync();
        await Expect(agent.Message("不予受理")).ToBeVisibleAsync();

        var order = await LatestAsync("信访复查期间再次反映");
        Assert.Equal("notAccepted", order.GetProperty("status").GetString());
        Assert.Equal("procedureNotEnded", order.GetProperty("resolution").GetProperty("rejectionReason").GetString());
        await browser.FinishAsync(agent);
    }

    [Fact]
    public async Task Callback_UnitFailedToAct_WhateverTheRating_LeadsToRedo()
    {
        const string subject = "路灯损坏无人修";
        var id = await _api.Dispatched(WorkOrderApi.Order(subject: subject));
        await _api.Ok("handler", id, "sign");
        await _api.Ok("handler", id, "reply", new { result = "已安排维修", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        await _api.Ok("dispatcher", id, "accept-reply");

        var callback = await browser.SignedInPageAsync("callback");
        await callback.OpenScreenAsync("callback");
        await callback.SelectOrderAsync(subject);
        var record = await callback.StartActionAsync("callback");
        await record.OptionAsync("processRating", "satisfied");
        await record.OptionAsync("resultRating", "basicallySatisfied");
        await record.GetByTestId("input-unitFailedToAct").ClickAsync();
        await record.FillAsync("comment", "单位未到现场，路灯仍不亮");
        await record.SubmitAsync();
        await Expect(callback.Message("回访已记录")).ToBeVisibleAsync();

        var manager = await browser.SignedInPageAsync("manager");
        await manager.GotoAsync($"/work-orders/{id}");
        await Expect(manager.GetByTestId("work-order-unit-failed-to-act")).ToBeVisibleAsync();
        await Expect(manager.GetByTestId("timeline")).ToContainTextAsync("单位应办未办");
        var redo = await manager.StartActionAsync("redo");
        await redo.FillAsync("reason", "应办未办：请到现场修复路灯");
        await redo.SubmitAsync();
        await Expect(manager.Message("已发起重办")).ToBeVisibleAsync();

        var order = await (await browser.App.SignInAsync("dispatcher")).GetFromJsonAsync<JsonElement>($"/api/work-orders/{id}", AppFixture.Json);
        Assert.Equal("dispatched", order.GetProperty("status").GetString());
        Assert.Equal(1, order.GetProperty("counts").GetProperty("redos").GetInt32());
        await browser.FinishAsync(callback);
        await browser.FinishAsync(manager);
    }

    private async Task<JsonElement> LatestAsync(string subject)
    {
        var client = await browser.App.SignInAsync("dispatcher");
        var list = await client.GetFromJsonAsync<JsonElement>("/api/work-orders?sort=-registeredAt&pageSize=50", AppFixture.Json);
        var id = list.GetProperty("items").EnumerateArray().First(o => o.GetProperty("subject").GetString() == subject).GetProperty("id").GetInt64();
        return await client.GetFromJsonAsync<JsonElement>($"/api/work-orders/{id}", AppFixture.Json);
    }
}
