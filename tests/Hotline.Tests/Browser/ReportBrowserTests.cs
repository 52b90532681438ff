using DocumentFormat.OpenXml.Packaging;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>Issue 17: a leader opens 分析专报, generates the month, edits a section, saves, downloads the Word file and opens the printable page.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class ReportBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Leader_GeneratesTheMonth_EditsASection_Saves_DownloadsWord_AndOpensThePrintablePage()
    {
        browser.App.Time.Set(AppFixture.DefaultNow);
        var api = new WorkOrderApi(browser.App);
        await api.Dispatched(WorkOrderApi.Order(subject: "专报测试：路灯不亮", region: "990115001", category: "010101"));

        var page = await browser.SignedInPageAsync("leader");
        await page.OpenScreenAsync("analysis-reports");
        await page.GotoAsync("/assessment/analysis-reports?month=2026-03");
        await page.GetByTestId("report-generate").ClickAsync();
        var volume = page.GetByTestId("report-text-volume"); // Element Plus puts the attribute on the textarea itself
        await Expect(volume).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("2026年3月.*共受理群众诉求\\d+件"));
        await Expect(page.GetByTestId("report-section-categories").Locator("canvas, svg").First).ToBeVisibleAsync();

        const string edited = "领导阅示：三月诉求总体平稳，请各单位对照整改。";
        await volume.FillAsync(edited);
        await page.GetByTestId("report-save").ClickAsync();
        await Expect(page.GetByTestId("report-saved")).ToContainTextAsync("2026年3月");
        await BrowserFixture.ScreenshotAsync(page, "175-analysis-report");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("report-word").ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.docx");
        await download.SaveAsAsync(file);
        try
        {
            using var document = WordprocessingDocument.Open(file, false);
            var text = document.MainDocumentPart!.Document.Body!.InnerText;
            Assert.Contains(edited, text, StringComparison.Ordinal);
            Assert.Equal(2, document.MainDocumentPart.ChartParts.Count());
        }
        finally
        {
            File.Delete(file);
        }

        var printable = await page.Context.RunAndWaitForPageAsync(() => page.GetByTestId("report-print").ClickAsync());
        await printable.WaitForLoadStateAsync();
        await Expect(printable.Locator("h1")).ToContainTextAsync("2026年3月");
        await Expect(printable.Locator("#volume")).ToContainTextAsync(edited);
        await Expect(printable.Locator("svg").First).ToBeVisibleAsync();
        await printable.CloseAsync();
        await browser.FinishAsync(page);
    }
}
