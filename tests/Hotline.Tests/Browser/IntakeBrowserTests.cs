using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>The intake agent's screen: the caller's history at once, errors by their fields, the outcomes other than dispatch.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class IntakeBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly WorkOrderApi _api = new(browser.App);

    public Task InitializeAsync()
    {
        browser.App.Time.Set(AppFixture.DefaultNow);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ACallerWhoCalledBefore_TheirHistoryPopsUp_AndNothingTypedIsLostOnErrorsOrAReload()
    {
        await _api.RegisterId(WorkOrderApi.Order(subject: "上周的施工噪音投诉", phone: "13877776666"));
        var agent = await browser.SignedInPageAsync("agent");
        await agent.OpenScreenAsync("intake");
        var registrations = agent.RecordPosts("/api/work-orders");

        await agent.GetByTestId("intake-phone").FillAsync("13877776666");
        await Expect(agent.GetByTestId("history-summary")).ToHaveTextAsync("138****6666 共 1 件，在办 1 件");
        await agent.GetByTestId("caller-history").GetByText("上周的施工噪音投诉").ClickAsync();
        await Expect(agent.Locator(".el-drawer").GetByTestId("work-order-subject")).ToHaveTextAsync("上周的施工噪音投诉");
        await agent.Keyboard.PressAsync("Escape");

        // Registering with fields missing: nothing is sent, each message sits by its field with the cursor in the first,
        // and what was typed stays.
        await agent.GetByTestId("intake-caller-name").FillAsync("李秀英");
        await agent.GetByTestId("intake-caller-name").PressAsync("Control+Enter");
        await Expect(agent.ItemError("intake-subject")).ToHaveTextAsync("此项必填。");
        await Expect(agent.ItemError("intake-events")).ToHaveTextAsync("此项必填。");
        await Expect(agent.ItemError("intake-region")).ToHaveTextAsync("请选择所属区域，以便按属地派单。");
        await Expect(agent.ItemError("intake-request-type")).ToHaveTextAsync("请选择此项。");
        await Expect(agent.ItemError("intake-category")).ToHaveTextAsync("请选择此项。");
        await agent.FocusedAsync("intake-request-type");
        await Expect(agent.GetByTestId("intake-phone")).ToHaveValueAsync("13877776666");
        Assert.Empty(registrations);
        await BrowserFixture.ScreenshotAsync(agent, "30-intake-field-errors");

        // A reload (or a slip of the mouse) keeps the draft of this tab.
        await agent.GetByTestId("intake-subject").FillAsync("楼道里有燃气味");
        await agent.ReloadAsync();
        await Expect(agent.GetByTestId("intake-subject")).ToHaveValueAsync("楼道里有燃气味");
        await Expect(agent.GetByTestId("intake-caller-name")).ToHaveValueAsync("李秀英");

        // An emergency is not accepted: it is transferred, and the transfer must be recorded.
        await agent.GetByTestId("request-type-helpRequest").ClickAsync();
        await agent.GetByTestId("urgency-emergency").ClickAsync();
        await agent.ChooseInTreeAsync(agent.GetByTestId("intake-category"), "燃气", "燃气泄漏");
        await agent.GetByTestId("intake-events").FillAsync("楼道里燃气味很重，已让住户开窗。");
        await agent.GetByTestId("outcome-reject").ClickAsync();
        await agent.ChooseAsync(agent.GetByTestId("intake-reject-reason"), "紧急事项");
        await agent.GetByTestId("intake-register").ClickAsync();
        await Expect(agent.ItemError("intake-transferred-to")).ToHaveTextAsync("请记录转接的紧急电话（110/119/120/122）。");
        Assert.Empty(registrations);
        await agent.GetByTestId("intake-transferred-to").GetByText("119 火警").ClickAsync();
        await agent.GetByTestId("intake-register").ClickAsync();
        await Expect(agent.Message("不予受理")).ToBeVisibleAsync();
        await Expect(agent.GetByTestId("intake-subject")).ToHaveValueAsync(string.Empty);

        // A question answered at once closes at intake.
        await agent.GetByTestId("intake-phone").FillAsync("13877770000");
        await agent.GetByTestId("request-type-inquiry").ClickAsync();
        await agent.ChooseInTreeAsync(agent.GetByTestId("intake-category"), "医疗保险");
        await agent.GetByTestId("intake-subject").FillAsync("咨询新生儿医保办理");
        await agent.GetByTestId("intake-events").FillAsync("市民咨询新生儿如何参加城乡居民医保。");
        await agent.GetByTestId("outcome-answerDirectly").ClickAsync();
        await agent.GetByTestId("intake-answer").FillAsync("出生后90天内持出生医学证明到社区服务中心办理参保登记。");
        await agent.GetByTestId("intake-answer").PressAsync("Control+Enter");
        await Expect(agent.Message("直接答复办结")).ToBeVisibleAsync();
        await Expect(agent.GetByTestId("intake-registered").Locator("li")).ToHaveCountAsync(2);
        await Expect(agent.GetByTestId("intake-registered")).ToContainTextAsync("已办结");
        await Expect(agent.GetByTestId("intake-registered")).ToContainTextAsync("不予受理");
        await browser.FinishAsync(agent);
    }
}
