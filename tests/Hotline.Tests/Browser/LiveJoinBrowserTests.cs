using Hotline.Tests.WorkOrders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// The workbench's live channel joins its groups after the page has read its lists: a change saved in between is
/// pushed to no one, so the lists read again once the channel is on.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class LiveJoinBrowserTests(BrowserFixture browser) : ClockResetBrowserTests(browser.App)
{
    private readonly WorkOrderApi _api = new(browser.App);

    [Fact]
    public async Task AnOrderDispatchedBeforeTheLiveChannelJoined_IsOnTheInboxOnceItHasJoined()
    {
        const string subject = "实时通道加入前派发的工单";
        var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var page = await browser.SignedInPageAsync("handler", beforeSignIn: p => p.RouteAsync("**/hubs/work-orders/negotiate**", async route =>
        {
            await joined.Task;
            await route.ContinueAsync();
        }));
        // The inbox's list has been read (the answer is in) before the order is dispatched: otherwise a slow first read
        // could already hold it, and the test would not show what the reading-again adds.
        await page.RunAndWaitForResponseAsync(
            () => page.OpenScreenAsync("inbox"),
            r => r.Url.Contains("/api/work-orders?", StringComparison.Ordinal) && r.Url.Contains("status=dispatched", StringComparison.Ordinal));
        await Expect(page.GetByTestId("live-state")).ToHaveAttributeAsync("data-state", "connecting");

        // Dispatched while the channel is still connecting: the list the page read does not hold it, and no push reaches it.
        await _api.Dispatched(WorkOrderApi.Order(subject: subject, phone: "13966661111"));
        await Expect(page.GetByTestId($"row-{subject}")).ToHaveCountAsync(0);

        await Expect(page.GetByTestId("live-state")).ToHaveAttributeAsync("data-state", "connecting");
        joined.SetResult();
        await Expect(page.GetByTestId("live-state")).ToHaveAttributeAsync("data-state", "on");
        await Expect(page.GetByTestId($"row-{subject}")).ToBeVisibleAsync();
        await browser.FinishAsync(page);
    }
}
