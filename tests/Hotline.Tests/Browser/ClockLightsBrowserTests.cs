using Hotline.Features.Supervision;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// The dispatch and callback clocks' lights (issue 15) as the centre sees them: the dispatch queue shows a red lamp on an
/// order left past its dispatch deadline, the callback queue a yellow lamp on an order past its callback target, and the
/// order beside the queue shows the light next to the clock it belongs to.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class ClockLightsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheDispatchQueue_ShowsARedDispatchLight_AndTheCallbackQueue_ACallbackLight()
    {
        browser.App.Time.Set(AppFixture.DefaultNow);
        var api = new WorkOrderApi(browser.App);
        const string waiting = "派单灯测试：路灯不亮";
        const string toCall = "回访灯测试：井盖缺失";
        try
        {
            // Monday 2 March 09:00: one order stays in the dispatch queue (due at the end of Tuesday), another is replied
            // and accepted (callback target the end of Tuesday, limit the end of Thursday).
            await api.RegisterId(WorkOrderApi.Order(subject: waiting));
            var called = await api.Dispatched(WorkOrderApi.Order(subject: toCall));
            await api.Ok("handler", called, "sign");
            await api.Ok("handler", called, "reply", new { result = "已补装井盖", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
            await api.Ok("dispatcher", called, "accept-reply");

            // Wednesday 4 March: the dispatch deadline has passed (red), the callback target too (yellow).
            browser.App.Time.Set(new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.FromHours(8)));
            api.SignOutAll();
            await browser.App.Services.GetRequiredService<AlertLightJob>().RunOnceAsync(CancellationToken.None);

            var dispatcher = await browser.SignedInPageAsync("dispatcher");
            await dispatcher.OpenScreenAsync("dispatch");
            await Expect(RowOf(dispatcher, waiting).Locator("[data-light=red]")).ToBeVisibleAsync();
            await dispatcher.SelectOrderAsync(waiting);
            await Expect(dispatcher.GetByTestId("dispatch-clock").Locator("[data-light=red]")).ToBeVisibleAsync();
            await browser.FinishAsync(dispatcher);

            var callback = await browser.SignedInPageAsync("callback");
            await callback.OpenScreenAsync("callback");
            await Expect(RowOf(callback, toCall).Locator("[data-light=yellow]")).ToBeVisibleAsync();
            await callback.SelectOrderAsync(toCall);
            await Expect(callback.GetByTestId("callback-clock").Locator("[data-light=yellow]")).ToBeVisibleAsync();
            await Expect(callback.GetByTestId("hops")).ToContainTextAsync("1");
            await browser.FinishAsync(callback);
        }
        finally
        {
            browser.App.Time.Set(AppFixture.DefaultNow);
        }
    }

    private static ILocator RowOf(IPage page, string subject) =>
        page.GetByTestId("order-list").Locator("tr", new() { Has = page.GetByTestId($"row-{subject}") });
}
