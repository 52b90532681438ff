using System.Text.RegularExpressions;
using Hotline.Tests.WorkOrders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Issue 14, what each role sees first: numbers typed out of range are refused with the rule, never changed; a signed
/// order stays on screen; supervision and the wallboard agree and the wallboard's tiles add up; each role's home shows
/// its work, linked to the queues that list it.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed partial class RoleHomeBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task ANumberOutOfRange_IsRefusedWithTheRuleByTheField_NeverClamped()
    {
        const string subject = "延期天数超出范围的测试工单";
        var api = new WorkOrderApi(browser.App);
        var id = await api.Dispatched(WorkOrderApi.Order(subject: subject));
        await api.Ok("handler", id, "sign");

        var handler = await browser.SignedInPageAsync("handler");
        browser.ExpectRefusal(handler, "/request-extension"); // 9 days, on purpose
        await handler.OpenScreenAsync("inbox");
        await handler.OpenTabAsync("inProgress");
        await handler.SelectOrderAsync(subject);
        var extension = await handler.StartActionAsync("request-extension");
        await Expect(extension.GetByTestId("number-rule")).ToHaveTextAsync("允许范围：1–5");
        await extension.FillNumberAsync("days", 9);
        await extension.FillAsync("reason", "需协调多个部门现场勘查。");
        await Expect(extension.GetByTestId("input-days").Locator("input")).ToHaveValueAsync("9");
        await extension.SubmitAsync();
        await Expect(extension.FieldError("days")).ToHaveTextAsync("请申请 1 至 5 个工作日。");
        await Expect(extension.GetByTestId("input-days").Locator("input")).ToHaveValueAsync("9");
        var order = await api.Get("handler", id);
        Assert.Equal(0, order.GetProperty("extensions").GetArrayLength());
        await browser.FinishAsync(handler);

        // The administrator's deadline rules: 20 callback days are refused by the server's rule (S6: at most 3), not turned into 3.
        var admin = await browser.SignedInPageAsync("admin");
        browser.ExpectRefusal(admin, "/api/deadline-rules"); // 20 callback days, on purpose
        await admin.OpenScreenAsync("admin-deadline-rules");
        await admin.GetByTestId("rule-new").ClickAsync();
        var rule = admin.GetByTestId("rule-editor");
        await admin.ChooseInTreeAsync(rule.Locator(".picker"), "物业服务质量");
        await rule.GetByTestId("rule-handling").Locator("input").FillAsync("3");
        await rule.GetByTestId("rule-callback").Locator("input").FillAsync("20");
        await rule.GetByTestId("rule-save").ClickAsync();
        await Expect(rule.Locator(".el-form-item__error")).ToHaveTextAsync("回访时限为 1–3 个工作日。");
        await Expect(rule.GetByTestId("rule-callback").Locator("input")).ToHaveValueAsync("20");
        await browser.FinishAsync(admin);
    }

    [Fact]
    public async Task AfterSigning_TheHandlerStaysOnTheSignedOrder_WithItsNextActions()
    {
        const string subject = "签收后仍停留在本工单的测试";
        var api = new WorkOrderApi(browser.App);
        await api.Dispatched(WorkOrderApi.Order(subject: subject));

        var handler = await browser.SignedInPageAsync("handler");
        await handler.OpenScreenAsync("inbox");
        await handler.SelectOrderAsync(subject);
        await handler.GetByTestId("actions").GetByTestId("action-sign").ClickAsync();
        await Expect(handler.Message("已签收")).ToBeVisibleAsync();
        await Expect(handler).ToHaveURLAsync(new Regex("tab=inProgress"));
        await Expect(handler.GetByTestId("work-order-subject")).ToHaveTextAsync(subject);
        await Expect(handler.GetByTestId("work-order-status")).ToHaveTextAsync("办理中");
        await Expect(handler.GetByTestId("actions").GetByTestId("action-reply")).ToBeVisibleAsync();
        await Expect(handler.GetByTestId($"row-{subject}")).ToBeVisibleAsync();
        await browser.FinishAsync(handler);
    }

    [Fact]
    public async Task SupervisionAndTheWallboard_ListTheSameUnits_AndTheWallboardsStagesAddUpToItsOpenOrders()
    {
        // A unit with an order in hand and no light yet: supervision used to leave it out (暂无数据) while the wallboard listed it.
        await new WorkOrderApi(browser.App).Dispatched(WorkOrderApi.Order(subject: "督办与看板一致的测试工单"));
        var supervisor = await browser.SignedInPageAsync("supervisor");
        await supervisor.OpenScreenAsync("wallboard");
        var units = supervisor.GetByTestId("wallboard-units").Locator("tbody tr");
        await Expect(units.First).ToBeVisibleAsync();
        var wallboardRows = await units.CountAsync();
        var open = await TileAsync(supervisor, "open");
        var stages = 0;
        foreach (var stage in new[] { "awaitingDispatch", "sentBackToIntake", "withUnits", "atCentreReview", "awaitingCallback" })
        {
            stages += await TileAsync(supervisor, stage);
        }

        Assert.Equal(open, stages);
        await BrowserFixture.ScreenshotAsync(supervisor, "70-wallboard-stages");

        await supervisor.OpenScreenAsync("supervision");
        await Expect(supervisor.GetByTestId("by-unit").Locator("tbody tr")).ToHaveCountAsync(wallboardRows);
        await Expect(supervisor.GetByTestId("by-unit")).ToContainTextAsync("东城区住房和城乡建设局");
        await browser.FinishAsync(supervisor);
    }

    [Fact]
    public async Task EachRolesHome_ShowsItsWork_LinkedToTheQueueThatListsIt()
    {
        const string subject = "首页待签收计数的测试工单";
        var api = new WorkOrderApi(browser.App);
        await api.Dispatched(WorkOrderApi.Order(subject: subject));

        // The unit handler: orders to sign, in hand, due today, yellow, red; the count opens the tab with as many rows.
        var handler = await browser.SignedInPageAsync("handler");
        var toSign = handler.GetByTestId("home-count-toSign");
        await Expect(toSign).ToBeVisibleAsync();
        await Expect(handler.GetByTestId("home-count-dueToday")).ToBeVisibleAsync();
        await Expect(handler.GetByTestId("home-count-red")).ToBeVisibleAsync();
        await Expect(handler.GetByTestId("home-headline")).ToHaveCountAsync(0);
        var count = int.Parse((await toSign.Locator(".home-value").TextContentAsync())!.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(count >= 1);
        await BrowserFixture.ScreenshotAsync(handler, "71-unit-handler-home");
        await toSign.ClickAsync();
        await Expect(handler).ToHaveURLAsync(new Regex("/inbox\\?tab=toSign"));
        await Expect(handler.Locator(".queue-head")).ToContainTextAsync($"共 {count} 条");
        await browser.FinishAsync(handler);

        // The dispatcher: the queue and what awaits the centre's decision.
        var dispatcher = await browser.SignedInPageAsync("dispatcher");
        await Expect(dispatcher.GetByTestId("home-count-awaitingDispatch")).ToBeVisibleAsync();
        await Expect(dispatcher.GetByTestId("home-count-pendingExtensions")).ToBeVisibleAsync();
        await browser.FinishAsync(dispatcher);

        // The supervisor: the clocks, linked to supervision; the latest hot spots, run from the home page.
        var supervisor = await browser.SignedInPageAsync("supervisor");
        await Expect(supervisor.GetByTestId("home-headline")).ToBeVisibleAsync();
        var red = supervisor.GetByTestId("home-count-red");
        await Expect(red).ToBeVisibleAsync();
        await supervisor.GetByTestId("home-run-hot-spots").ClickAsync();
        await Expect(supervisor.Message("分析完成")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(supervisor.GetByTestId("home-hot-spots-ran")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(supervisor, "72-supervisor-home");
        await red.ClickAsync();
        await Expect(supervisor).ToHaveURLAsync(new Regex("/supervision\\?tab=red"));
        await browser.FinishAsync(supervisor);

        // The leader: the headline figures and the latest analysis.
        var leader = await browser.SignedInPageAsync("leader");
        await Expect(leader.GetByTestId("headline-open")).ToBeVisibleAsync();
        await Expect(leader.GetByTestId("home-hot-spots-ran")).ToBeVisibleAsync();
        await Expect(leader.GetByTestId("home-count-overdue")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(leader, "73-leader-home");
        await leader.GetByTestId("home-count-dueToday").ClickAsync();
        await Expect(leader).ToHaveURLAsync(new Regex("/supervision\\?tab=dueToday"));
        await Expect(leader.GetByTestId("tab-dueToday")).ToBeVisibleAsync();
        await browser.FinishAsync(leader);
    }

    private static async Task<int> TileAsync(IPage page, string key)
    {
        var text = await page.GetByTestId($"tile-{key}").Locator(".tile-value").TextContentAsync();
        return int.Parse(text!.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
