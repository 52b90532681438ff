using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Workbench notifications (issue 15): a reminder notice reaches the unit's open workbench live, pops up, waits in the
/// bell until someone of the unit takes it on, and the unit's other users see who did.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class NotificationBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task AReminder_ReachesTheUnitsWorkbenchLive_AndOneAcknowledgementAnswersForTheUnit()
    {
        var api = new WorkOrderApi(browser.App);
        var id = await api.Dispatched(WorkOrderApi.Order(subject: "通知铃测试：电梯停运"));
        var number = (await api.Get("dispatcher", id)).GetProperty("number").GetString()!;
        // Other tests of the shared server may have left reminders to this unit: the count is read before and after.
        var before = (await (await api.As("handler")).GetAsync("/api/notifications").ShouldBeOk()).GetProperty("open").GetInt32();
        var handler = await browser.SignedInPageAsync("handler");
        await Expect(handler.GetByTestId("notification-bell")).ToBeVisibleAsync();
        var count = handler.GetByTestId("notification-count").Locator("sup");
        if (before > 0)
        {
            await Expect(count).ToHaveTextAsync(Invariant(before));
        }

        await api.Ok("supervisor", id, "remind", new { text = "请今天内联系来电人并反馈处理进展。" });

        // Pushed live: the count and a pop-up, without reloading the page.
        await Expect(count).ToHaveTextAsync(Invariant(before + 1), new() { Timeout = 15_000 });
        await Expect(handler.Locator(".el-notification").Filter(new() { HasText = number })).ToBeVisibleAsync();

        await handler.GetByTestId("notification-bell").ClickAsync();
        var reminder = handler.GetByTestId("notification-list").GetByTestId("notification-reminder").Filter(new() { HasText = number });
        await Expect(reminder).ToContainTextAsync($"工单 {number} 收到催办单");
        await reminder.GetByTestId("notification-acknowledge").ClickAsync();
        await Expect(reminder.GetByTestId("notification-acknowledged-by")).ToHaveTextAsync("刘洋 已确认");
        if (before == 0)
        {
            await Expect(count).ToBeHiddenAsync();
        }
        else
        {
            await Expect(count).ToHaveTextAsync(Invariant(before));
        }

        await reminder.GetByTestId("notification-open").ClickAsync();
        await Expect(handler).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/work-orders/{id}$"));
        await browser.FinishAsync(handler);

        var liaison = await browser.SignedInPageAsync("liaison", uiLanguage: "en");
        await liaison.GetByTestId("notification-bell").ClickAsync();
        var seen = liaison.GetByTestId("notification-list").GetByTestId("notification-reminder").Filter(new() { HasText = number });
        await Expect(seen).ToContainTextAsync($"Order {number} has a reminder notice");
        await Expect(seen.GetByTestId("notification-acknowledged-by")).ToHaveTextAsync("Acknowledged by 刘洋");
        await Expect(seen.GetByTestId("notification-acknowledge")).ToHaveCountAsync(0);
        await browser.FinishAsync(liaison);
    }

    private static string Invariant(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
