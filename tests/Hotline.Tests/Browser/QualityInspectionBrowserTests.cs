using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// S14 in the browser: the quality inspector draws a sample of the day's intake calls, scores one (the deduction asks for
/// its note first), and the agent's quality score shows in agent performance; the sample's list then holds what is left to score; the agent is told in the bell and reads the inspection and the note.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class QualityInspectionBrowserTests(BrowserFixture browser) : ClockResetBrowserTests(browser.App)
{
    private readonly WorkOrderApi _api = new(browser.App);

    [Fact]
    public async Task TheInspectorDrawsAndScores_TheAgentReadsTheNote_AndTheScoreJoinsAgentPerformance()
    {
        await _api.RegisterId(WorkOrderApi.Order(subject: "浏览器质检测试：噪音扰民"));

        var inspector = await browser.SignedInPageAsync("inspector");
        await inspector.Clock.SetFixedTimeAsync(new DateTime(2026, 3, 2, 18, 0, 0, DateTimeKind.Local));
        await inspector.OpenScreenAsync("quality-inspection");
        await inspector.GetByTestId("quality-draw").ClickAsync();
        var dialog = inspector.GetByTestId("quality-draw-dialog");
        await dialog.GetByTestId("quality-draw-per-agent").Locator("input").FillAsync("1");
        await dialog.GetByTestId("quality-draw-submit").ClickAsync();
        await Expect(inspector.Message("已抽取")).ToBeVisibleAsync();

        // The sample holds one of 王芳's calls; the inspector opens it and deducts points from the record line.
        var row = inspector.GetByTestId("quality-table").Locator("tbody tr").Filter(new LocatorFilterOptions { HasText = "王芳" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("待评分");
        await row.Locator("[data-test^=quality-open-]").ClickAsync();
        var drawer = inspector.GetByTestId("quality-drawer");
        await Expect(drawer.GetByTestId("quality-lines")).ToContainTextAsync("诉求记录准确完整");
        await Expect(drawer.GetByTestId("quality-total")).ToHaveTextAsync("合计 100 分");
        var points = drawer.GetByTestId("quality-points-record").Locator("input");
        await points.FillAsync("20");
        await points.BlurAsync();
        await Expect(drawer.GetByTestId("quality-total")).ToHaveTextAsync("合计 95 分");
        await Expect(drawer).ToContainTextAsync("扣分须说明原因");
        await drawer.GetByTestId("quality-note-record").FillAsync("未记录噪音发生的具体时段");
        await drawer.GetByTestId("quality-save").ClickAsync();
        await Expect(inspector.Message("已评分：95 分")).ToBeVisibleAsync();
        await Expect(row).ToHaveCountAsync(0); // the list shows what is left to score after a draw
        await BrowserFixture.ScreenshotAsync(inspector, "quality-inspection-scored");
        await browser.FinishAsync(inspector);

        // Agent performance shows the agent's quality score and how many inspections it rests on.
        var manager = await browser.SignedInPageAsync("manager");
        await manager.Clock.SetFixedTimeAsync(new DateTime(2026, 3, 2, 18, 0, 0, DateTimeKind.Local));
        await manager.OpenScreenAsync("agent-performance");
        var agentRow = manager.GetByTestId("agents-table").Locator("tbody tr").Filter(new LocatorFilterOptions { HasText = "王芳" });
        await Expect(agentRow).ToContainTextAsync("95");
        await browser.FinishAsync(manager);

        // The agent is told in the bell, opens the inspection from it and reads the note, without a way to change it.
        var agent = await browser.SignedInPageAsync("agent");
        await agent.Clock.SetFixedTimeAsync(new DateTime(2026, 3, 2, 18, 0, 0, DateTimeKind.Local));
        await agent.GetByTestId("notification-bell").ClickAsync();
        var notice = agent.GetByTestId("notification-qualityScored").First;
        await Expect(notice).ToContainTextAsync("得分 95 分");
        await notice.GetByTestId("notification-inspection").ClickAsync();
        var read = agent.GetByTestId("quality-drawer");
        await Expect(read).ToBeVisibleAsync();
        await Expect(read.GetByTestId("quality-lines")).ToContainTextAsync("未记录噪音发生的具体时段");
        await Expect(read.GetByTestId("quality-save")).ToHaveCountAsync(0);
        await read.Locator(".el-drawer__close-btn").ClickAsync();
        await Expect(read).ToBeHiddenAsync();

        // The same notice opens it again.
        await agent.GetByTestId("notification-bell").ClickAsync();
        await agent.GetByTestId("notification-qualityScored").First.GetByTestId("notification-inspection").ClickAsync();
        await Expect(read).ToBeVisibleAsync();
        await read.Locator(".el-drawer__close-btn").ClickAsync();
        var own = agent.GetByTestId("quality-table").Locator("tbody tr");
        await Expect(own).ToHaveCountAsync(1);
        await Expect(own.GetByTestId("quality-row-score")).ToHaveTextAsync("95");
        await browser.FinishAsync(agent);
    }
}
