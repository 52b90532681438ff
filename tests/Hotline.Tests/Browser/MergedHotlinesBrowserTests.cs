using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// S1 (热线归并) in the browser: the centre manager registers a former number as dual running (refused past six months, the
/// message beside the date), takes it live by call forwarding, then cancels it; a cancelled number offers no further step.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class MergedHotlinesBrowserTests(BrowserFixture browser) : ClockResetBrowserTests(browser.App)
{
    [Fact]
    public async Task AManagerRegistersADualNumber_ForwardsIt_AndCancelsIt()
    {
        var page = await browser.SignedInPageAsync("manager");
        browser.ExpectRefusal(page, "/api/merged-hotlines"); // the first registration is refused: past six months
        await page.OpenScreenAsync("merged-hotlines");
        await page.GetByTestId("merged-register").ClickAsync();
        var dialog = page.GetByTestId("merged-dialog");
        await dialog.GetByTestId("merged-number").FillAsync("12319");
        await dialog.GetByTestId("merged-name").FillAsync("城建服务热线");
        await dialog.GetByTestId("merged-owner").ClickAsync();
        await page.Locator(".el-select-dropdown__item").Filter(new LocatorFilterOptions { HasText = "市住房和城乡建设局" }).First.ClickAsync();
        await SetDateAsync(dialog, "merged-since", "2026-01-01");
        await SetDateAsync(dialog, "merged-until-date", "2026-08-01");
        await dialog.GetByTestId("merged-save").ClickAsync();
        await Expect(dialog).ToContainTextAsync("双号并行最长 6 个月，最迟至 2026-07-01。");

        await SetDateAsync(dialog, "merged-until-date", "2026-06-30");
        await dialog.GetByTestId("merged-save").ClickAsync();
        var row = page.GetByTestId("merged-table").Locator("tbody tr").Filter(new LocatorFilterOptions { HasText = "12319" });
        await Expect(row.GetByTestId("merged-state")).ToHaveTextAsync("双号并行中");
        await BrowserFixture.ScreenshotAsync(page, "merged-hotlines-register");

        await row.GetByTestId("merged-forward").ClickAsync();
        var step = page.GetByTestId("merged-step");
        await SetDateAsync(step, "merged-step-date", "2026-06-30");
        await step.GetByTestId("merged-step-submit").ClickAsync();
        await Expect(row.GetByTestId("merged-state")).ToHaveTextAsync("已呼转12345");

        await row.GetByTestId("merged-cancel").ClickAsync();
        await Expect(step).ToContainTextAsync("号码注销后不再恢复");
        await step.GetByTestId("merged-step-submit").ClickAsync();
        await Expect(row.GetByTestId("merged-state")).ToHaveTextAsync("已注销");
        await Expect(row.GetByTestId("merged-cancel")).ToHaveCountAsync(0);
        await Expect(row.GetByTestId("merged-forward")).ToHaveCountAsync(0);
        await browser.FinishAsync(page);
    }

    private static async Task SetDateAsync(ILocator scope, string testId, string date)
    {
        var input = scope.GetByTestId(testId).Locator("input");
        await input.FillAsync(date);
        await input.PressAsync("Enter");
    }
}
