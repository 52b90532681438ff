using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// A work order's life walked in the browser by the people who handle it, each in their own browser, by clicks and
/// typing: intake, dispatch, signing, an extension the centre approves, the reply, its review, the callback, the close.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class WorkOrderLifecycleBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task AnOrderGoesFromTheCallToClosure_EachPersonOnTheirOwnScreen()
    {
        const string subject = "明珠小区电梯停运两周";

        // The intake agent takes the call: the caller's number first, then the form, keyboard to register.
        var agent = await browser.SignedInPageAsync("agent");
        await agent.OpenScreenAsync("intake");
        await agent.GetByTestId("intake-phone").FillAsync("13911112222");
        await Expect(agent.GetByTestId("history-summary")).ToContainTextAsync("共 0 件");
        await agent.GetByTestId("intake-caller-name").FillAsync("张建华");
        await agent.GetByTestId("request-type-complaint").ClickAsync();
        await agent.ChooseInTreeAsync(agent.GetByTestId("intake-category"), "物业服务质量");
        await agent.ChooseInTreeAsync(agent.GetByTestId("intake-region"), "东华街道");
        await agent.GetByTestId("intake-address").FillAsync("明珠小区3栋2单元");
        await agent.GetByTestId("intake-subject").FillAsync(subject);
        await agent.GetByTestId("intake-events").FillAsync("3栋电梯停运两周，多次找物业无人处理，老人上下楼困难。");
        await agent.GetByTestId("intake-demand").FillAsync("督促物业尽快修复电梯。");
        await Expect(agent.GetByTestId("intake-proposal")).ToContainTextAsync("东城区住房和城乡建设局");
        await BrowserFixture.ScreenshotAsync(agent, "20-intake-agent");
        await agent.GetByTestId("intake-demand").PressAsync("Control+Enter");
        await Expect(agent.Message("等待派单")).ToBeVisibleAsync();
        var link = agent.GetByTestId("intake-registered").Locator("a").First;
        var id = await link.OrderIdOfLinkAsync();
        await Expect(agent.GetByTestId("intake-subject")).ToHaveValueAsync(string.Empty);

        // The unit's handler has the inbox open; the dispatch will appear there without a reload.
        var handler = await browser.SignedInPageAsync("handler");
        await handler.OpenScreenAsync("inbox");
        await Expect(handler.GetByTestId("live-state")).ToHaveAttributeAsync("data-state", "on");
        await Expect(handler.GetByTestId($"row-{subject}")).ToHaveCountAsync(0);

        // The dispatcher finds it in the queue with the catalogue's unit preselected, and dispatches.
        var dispatcher = await browser.SignedInPageAsync("dispatcher");
        await dispatcher.OpenScreenAsync("dispatch");
        await dispatcher.SelectOrderAsync(subject);
        await Expect(dispatcher.GetByTestId("proposal")).ToContainTextAsync("东城区住房和城乡建设局");
        var dispatch = await dispatcher.StartActionAsync("dispatch");
        await Expect(dispatch.GetByTestId("input-leadUnitId")).ToContainTextAsync("东城区住房和城乡建设局");
        await BrowserFixture.ScreenshotAsync(dispatcher, "21-dispatcher");
        await dispatch.SubmitAsync();
        await Expect(dispatcher.Message("已派单")).ToBeVisibleAsync();

        // Live: the order is in the handler's inbox without a reload; the handler signs and asks for more time.
        await Expect(handler.GetByTestId($"row-{subject}")).ToBeVisibleAsync();
        await handler.SelectOrderAsync(subject);
        await Expect(handler.GetByTestId("days-left").First).ToContainTextAsync("剩 5 个工作日");
        await BrowserFixture.ScreenshotAsync(handler, "22-unit-handler-inbox");
        await handler.GetByTestId("actions").GetByTestId("action-sign").ClickAsync();
        await Expect(handler.Message("已签收")).ToBeVisibleAsync();
        await handler.OpenTabAsync("inProgress");
        await handler.SelectOrderAsync(subject);
        var extension = await handler.StartActionAsync("request-extension");
        await extension.FillNumberAsync("days", 2);
        await extension.FillAsync("reason", "需协调电梯维保公司更换主板，配件在途。");
        await extension.SubmitAsync();
        await Expect(handler.Message("延期申请已提交")).ToBeVisibleAsync();

        // The centre approves the extension: the deadline moves by two working days.
        var manager = await browser.SignedInPageAsync("manager");
        await manager.OpenScreenAsync("dispatch");
        await manager.OpenTabAsync("extensions");
        await manager.SelectOrderAsync(subject);
        await Expect(manager.GetByTestId("note-extension")).ToContainTextAsync("2 个工作日");
        var approve = await manager.StartActionAsync("approve-extension");
        await approve.FillAsync("note", "同意延期");
        await approve.SubmitAsync();
        await Expect(manager.Message("已批准延期")).ToBeVisibleAsync();
        await Expect(manager.GetByTestId($"row-{subject}")).ToHaveCountAsync(0); // decided: it leaves the queue

        // The handler's open order shows the new deadline by itself; the unit replies.
        await Expect(handler.GetByTestId("handling-due")).ToContainTextAsync("2026/03/11");
        var reply = await handler.StartActionAsync("reply");
        await reply.FillAsync("result", "已督促物业更换电梯主板，电梯于3月6日恢复运行，已电话告知市民。");
        await reply.SubmitAsync();
        await Expect(handler.Message("已提交办结反馈")).ToBeVisibleAsync();

        // The dispatcher accepts the reply.
        await dispatcher.OpenTabAsync("replies");
        await dispatcher.SelectOrderAsync(subject);
        await Expect(dispatcher.GetByTestId("note-reply")).ToContainTextAsync("电梯于3月6日恢复运行");
        var accept = await dispatcher.StartActionAsync("accept-reply");
        await accept.SubmitAsync();
        await Expect(dispatcher.Message("办结反馈审核通过")).ToBeVisibleAsync();

        // The callback agent reaches the citizen, who is satisfied with both: the order closes.
        var callback = await browser.SignedInPageAsync("callback");
        await callback.OpenScreenAsync("callback");
        await callback.SelectOrderAsync(subject);
        await BrowserFixture.ScreenshotAsync(callback, "23-callback-agent");
        var record = await callback.StartActionAsync("callback");
        await record.OptionAsync("processRating", "satisfied");
        await record.OptionAsync("resultRating", "satisfied");
        await record.FillAsync("comment", "电梯已修好，满意");
        await record.SubmitAsync();
        await Expect(callback.Message("回访已记录")).ToBeVisibleAsync();

        // The order's page tells the whole story.
        await callback.GotoAsync($"/work-orders/{id}");
        await Expect(callback.GetByTestId("work-order-status")).ToHaveTextAsync("已办结");
        var timeline = callback.GetByTestId("timeline");
        await Expect(timeline).ToContainTextAsync("登记工单（12345电话）");
        await Expect(timeline).ToContainTextAsync("派单至东城区住房和城乡建设局");
        await Expect(timeline).ToContainTextAsync("刘洋（承办人 · 东城区住房和城乡建设局）");
        await Expect(timeline).ToContainTextAsync("申请延期 2 个工作日");
        await Expect(timeline).ToContainTextAsync("批准延期 2 个工作日");
        await Expect(timeline).ToContainTextAsync("办结反馈：已解决");
        await Expect(timeline).ToContainTextAsync("回访：办理过程满意，办理结果满意");
        await Expect(callback.GetByTestId("caller-phone")).ToHaveTextAsync("139****2222");
        await BrowserFixture.ScreenshotAsync(callback, "24-work-order-page");

        var api = await browser.App.SignInAsync("dispatcher");
        var order = await api.GetFromJsonAsync<JsonElement>($"/api/work-orders/{id}", AppFixture.Json);
        Assert.Equal("closed", order.GetProperty("status").GetString());
        Assert.Equal("satisfied", order.GetProperty("closeReason").GetString());
        foreach (var page in new[] { agent, handler, dispatcher, manager, callback })
        {
            await browser.FinishAsync(page);
        }
    }
}
