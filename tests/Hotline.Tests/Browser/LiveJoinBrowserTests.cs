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

    [Fact]
    public async Task AnOrderReadBeforeAnActionAndAnsweredAfterIt_DoesNotUndoTheActionOnScreen()
    {
        var id = await _api.Dispatched(WorkOrderApi.Order(subject: "读取晚于签收返回的工单", phone: "13966662222"));
        var order = new System.Text.RegularExpressions.Regex($"/api/work-orders/{id}$");
        var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readAfterTheSigning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reads = 0;
        var page = await browser.SignedInPageAsync("handler", beforeSignIn: async p =>
        {
            await p.RouteAsync("**/hubs/work-orders/negotiate**", async route =>
            {
                await joined.Task;
                await route.ContinueAsync();
            });
            // The order's first read opens it; the second, once the live channel has joined, is read at once and
            // answered only after the handler has signed the order.
            await p.RouteAsync(order, async route =>
            {
                var read = route.Request.Method == "GET" ? Interlocked.Increment(ref reads) : 0;
                if (read != 2)
                {
                    await route.ContinueAsync();
                    if (read == 3)
                    {
                        readAfterTheSigning.TrySetResult();
                    }

                    return;
                }

                var answer = await route.FetchAsync();
                held.SetResult();
                await release.Task;
                await route.FulfillAsync(new RouteFulfillOptions { Response = answer });
            });
        });
        await page.GotoAsync($"/work-orders/{id}");
        var status = page.GetByTestId("work-order-status");
        await Expect(status).ToHaveAttributeAsync("data-status", "dispatched");

        joined.SetResult();
        await held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await page.GetByTestId("actions").GetByTestId("action-sign").ClickAsync();
        await Expect(status).ToHaveAttributeAsync("data-status", "inProgress");
        // The signing's own push reads the order again (the third read); the held answer comes after that one.
        await readAfterTheSigning.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await page.WaitForTimeoutAsync(500);

        var lateAnswer = page.WaitForResponseAsync(r => r.Request.Method == "GET" && order.IsMatch(r.Url));
        release.SetResult();
        await lateAnswer;
        // The late answer is in; the page has had time to show it, had it been shown.
        await page.WaitForTimeoutAsync(500);
        await Expect(status).ToHaveAttributeAsync("data-status", "inProgress");
        await Expect(page.GetByTestId("actions").GetByTestId("action-sign")).ToHaveCountAsync(0);
        await browser.FinishAsync(page);
    }
}

