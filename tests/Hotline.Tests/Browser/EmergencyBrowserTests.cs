using System.Text.RegularExpressions;
using Hotline.Tests.WorkOrders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Emergency work orders (issue 15): an agent raises 紧急上报 on an order; the team leader's open workbench is told live,
/// opens the order from the notification and confirms it is genuine; the agent's page shows the confirmation without
/// reloading.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class EmergencyBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task AnAgentRaisesAnEmergency_AndTheDutyTeamLeaderConfirmsItLive()
    {
        var api = new WorkOrderApi(browser.App);
        var id = await api.RegisterId(WorkOrderApi.Order(subject: "紧急上报测试：大面积停水", category: "1301"));
        var number = (await api.Get("agent", id)).GetProperty("number").GetString()!;
        var leader = await browser.SignedInPageAsync("teamlead");
        await Expect(leader.GetByTestId("notification-bell")).ToBeVisibleAsync();

        var agent = await browser.SignedInPageAsync("agent");
        await agent.GotoAsync($"/work-orders/{id}");
        var raise = await agent.StartActionAsync("raise-emergency");
        await raise.FillAsync("note", "三个小区同时停水，居民反映强烈");
        await raise.SubmitAsync();
        await Expect(agent.GetByTestId("emergency")).ToHaveAttributeAsync("data-state", "raised");
        await Expect(agent.GetByTestId("emergency-state")).ToHaveTextAsync("紧急上报，待值班班长核实");

        // The team leader's workbench is told without reloading, and the notification opens the order.
        var toast = leader.Locator(".el-notification").Filter(new() { HasText = number });
        await Expect(toast).ToBeVisibleAsync(new() { Timeout = 15_000 });
        // The pop-up opens below the header: it never covers the bell that lists it.
        var header = (await leader.Locator(".shell-header").BoundingBoxAsync())!;
        await Expect(toast).Not.ToHaveClassAsync(new Regex("enter-active"));
        var popped = (await toast.BoundingBoxAsync())!;
        Assert.True(popped.Y >= header.Y + header.Height, $"the pop-up at y={popped.Y} covers the header ending at {header.Y + header.Height}");
        await leader.GetByTestId("notification-bell").ClickAsync();
        var told = leader.GetByTestId("notification-list").GetByTestId("notification-emergencyRaised").Filter(new() { HasText = number });
        await Expect(told).ToContainTextAsync($"工单 {number} 由王芳上报为紧急工单");
        await told.GetByTestId("notification-open").ClickAsync();
        await Expect(leader).ToHaveURLAsync(new Regex($"/work-orders/{id}$"));
        var confirm = await leader.StartActionAsync("confirm-emergency");
        await confirm.FillAsync("note", "已电话联系供水集团核实");
        await confirm.SubmitAsync();
        await Expect(leader.GetByTestId("emergency-state")).ToHaveTextAsync("紧急工单（已核实）");

        // The agent's page follows live: the confirmation, by whom.
        await Expect(agent.GetByTestId("emergency")).ToHaveAttributeAsync("data-state", "confirmed", new() { Timeout = 15_000 });
        await Expect(agent.GetByTestId("emergency-checked")).ToContainTextAsync("李强");
        await Expect(agent.GetByTestId("actions").GetByTestId("action-raise-emergency")).ToHaveCountAsync(0);
        await browser.FinishAsync(leader);
        await browser.FinishAsync(agent);
    }
}
