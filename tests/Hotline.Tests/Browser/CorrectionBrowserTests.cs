using Hotline.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>Issue 16 in the browser: the centre sends correction suggestions, the unit reports what it corrected, the centre passes it.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class CorrectionBrowserTests(BrowserFixture browser) : ClockResetBrowserTests(browser.App)
{
    [Fact]
    public async Task Correction_SentByTheCentre_ReportedByTheUnit_PassedByTheCentre()
    {
        const string suggestions = "浏览器测试：请建立退单审核制度，杜绝不当退单";
        var supervisor = await browser.SignedInPageAsync("supervisor");
        await supervisor.OpenScreenAsync("corrections");
        await Expect(supervisor).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/supervision/corrections"));
        await supervisor.GetByTestId("correction-new").ClickAsync();
        var dialog = supervisor.GetByTestId("correction-issue-dialog");
        await supervisor.ChooseUnitAsync(dialog.GetByTestId("correction-unit"), "东城区住房和城乡建设局");
        await dialog.GetByTestId("correction-suggestions").FillAsync(suggestions);
        await dialog.GetByTestId("correction-issue").ClickAsync();
        await Expect(supervisor.Message("整改建议已发送")).ToBeVisibleAsync();
        await Expect(supervisor.GetByTestId("correction-state")).ToHaveTextAsync("待接受");

        var handler = await browser.SignedInPageAsync("handler");
        await handler.OpenScreenAsync("corrections");
        await handler.GetByTestId("corrections").Locator("tr").Filter(new LocatorFilterOptions { HasText = suggestions }).ClickAsync();
        await handler.GetByTestId("correction-report").ClickAsync();
        var report = handler.GetByTestId("correction-action-dialog");
        await report.GetByTestId("correction-report-text").FillAsync("已制定退单审核办法并组织培训");
        await report.GetByTestId("correction-submit").ClickAsync();
        await Expect(handler.GetByTestId("correction-state")).ToHaveTextAsync("待核查");

        await supervisor.ReloadAsync();
        await supervisor.GetByTestId("corrections").Locator("tr").Filter(new LocatorFilterOptions { HasText = suggestions }).ClickAsync();
        await supervisor.GetByTestId("correction-check").ClickAsync();
        var check = supervisor.GetByTestId("correction-action-dialog");
        await check.GetByTestId("correction-note").FillAsync("整改到位");
        await check.GetByTestId("correction-submit").ClickAsync();
        await Expect(supervisor.GetByTestId("correction-state")).ToHaveTextAsync("整改通过");
        var timeline = supervisor.GetByTestId("correction-timeline");
        await Expect(timeline).ToContainTextAsync("报告整改情况");
        await Expect(timeline).ToContainTextAsync("已制定退单审核办法并组织培训");
        await Expect(timeline).ToContainTextAsync("核查");
        await browser.FinishAsync(supervisor);
        await browser.FinishAsync(handler);
    }
}
