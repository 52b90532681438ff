using System.Globalization;
using System.Text.RegularExpressions;
using Hotline.Features.Assessment;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>Issue 17: a leader opens each dashboard tab, clicks a number and lands on the list of the orders behind it.</summary>
[Collection(BrowserFixture.Collection)]
public sealed partial class DashboardBrowserTests(BrowserFixture browser)
{
    private const string Subject = "看板钻取测试：积水内涝";
    private const string Period = "from=2026-02-01&to=2026-03-02";

    [Fact]
    public async Task Leader_OpensEachDashboard_AndEveryNumberClickedListsItsOrders()
    {
        browser.App.Time.Set(AppFixture.DefaultNow);
        var api = new WorkOrderApi(browser.App);
        await api.RegisterId(WorkOrderApi.Order(subject: Subject, region: "990108001", category: "010304"));
        await api.Dispatched(WorkOrderApi.Order(subject: Subject, region: "990108001", category: "010304"));
        var (city, district, bureau) = (await api.UnitId("AL"), await api.UnitId("AL-DC"), await api.UnitId("AL-DC-ZJ"));

        var page = await browser.SignedInPageAsync("leader");
        await page.OpenScreenAsync("dashboards");
        await page.GotoAsync($"/assessment/dashboards?{Period}");

        // The trend: the period's total lists the period's orders.
        await page.GetByTestId("trend-total").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/work-orders\\?.*from=2026-02-01.*to=2026-03-02"));
        await Expect(page.Locator("[data-test^=row-]").First).ToBeVisibleAsync(); // the period's newest orders (the test's may be on a later page)
        await BackToTab(page, "trend");
        await Expect(page.GetByTestId("trend-table")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "170-dashboards-trend");

        // Channels and types.
        await BackToTab(page, "channels");
        await page.GetByTestId("breakdown-channel").GetByTestId("count-phone").ClickAsync();
        await Listed(page, "channel=phone");
        await Expect(page.GetByTestId("drill-filters")).ToBeVisibleAsync();

        // The category tree, a level at a time.
        await BackToTab(page, "categories");
        await page.GetByTestId("down-01").ClickAsync();
        await page.GetByTestId("down-0103").ClickAsync();
        await Expect(page.GetByTestId("breakdown-trail")).ToContainTextAsync("全部");
        await page.GetByTestId("count-010304").ClickAsync();
        await Listed(page, "categoryCode=010304");

        // The region heat view.
        await BackToTab(page, "regions");
        await Expect(page.GetByTestId("breakdown-chart")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "171-dashboards-regions");
        await page.GetByTestId("count-990108").ClickAsync();
        await Listed(page, "regionCode=990108");

        // The unit tree: the city, its district, the bureau that leads the order.
        await BackToTab(page, "units");
        await page.GetByTestId($"down-{city}").ClickAsync();
        await page.GetByTestId($"down-{district}").ClickAsync();
        await page.GetByTestId($"count-{bureau.ToString(CultureInfo.InvariantCulture)}").ClickAsync();
        await Listed(page, $"unitSubtree={bureau}");

        // Hot categories rising (at least one order, so this period's orders rise against the two days before).
        await page.GotoAsync("/assessment/dashboards?tab=rising&minVolume=1&from=2026-03-01&to=2026-03-02");
        await page.GetByTestId("rising-table").Locator("[data-test^=rising-0]").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/work-orders\\?.*categoryCode=\\d{6}"));
        await Expect(page.Locator("[data-test^=row-]").First).ToBeVisibleAsync();

        // The forecast with its error.
        await BackToTab(page, "forecast");
        await Expect(page.GetByTestId("forecast-error")).ToContainTextAsync("MAE");
        await Expect(page.GetByTestId("forecast-chart")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "172-dashboards-forecast");
        await browser.FinishAsync(page);
    }

    [Fact]
    public async Task Leader_ReadsTheTrendsAndRankings_DrillsDownFromAPoint_AndExportsWorkbooks()
    {
        const string subject = "看板趋势测试：井盖缺失";
        browser.App.Time.Set(AppFixture.DefaultNow);
        var api = new WorkOrderApi(browser.App);
        var id = await api.Dispatched(WorkOrderApi.Order(subject: subject, category: "010304"));
        await api.Ok("handler", id, "sign");
        await api.Ok("handler", id, "reply", new { result = "已补装井盖", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        await browser.App.Services.GetRequiredService<AssessmentFollower>().RunOnceAsync(default);

        var page = await browser.SignedInPageAsync("leader");
        await page.OpenScreenAsync("dashboards");

        // The on-time and satisfaction trends: week by week for a month, each formula beside the chart; a point lists its orders.
        await page.GotoAsync($"/assessment/dashboards?tab=scores&{Period}");
        await Expect(page.GetByTestId("scores-chart")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("trend-formula-on-time-completion")).ToContainTextAsync("按时办结率");
        await Expect(page.GetByTestId("scores-formulas")).ToContainTextAsync("按工单登记日");
        await BrowserFixture.ScreenshotAsync(page, "173-dashboards-scores-trend");
        await page.GetByTestId("scores-point-2026-03-02").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/work-orders\\?.*from=2026-03-02.*to=2026-03-02"));
        await Expect(page.GetByTestId($"row-{subject}").First).ToBeVisibleAsync();

        // The month's rankings, read-only, with the way to the rankings screen.
        await BackToTab(page, "rankings");
        await Expect(page.GetByTestId("dashboard-rankings").Locator("[data-test^=dashboard-ranking-]").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("open-rankings")).ToBeVisibleAsync();

        // A dashboard table's workbook holds the table's rows.
        await BackToTab(page, "channels");
        var channels = page.GetByTestId("breakdown-channel");
        var phone = await channels.GetByTestId("count-phone").InnerTextAsync();
        var rows = await DownloadAsync(page, channels.GetByTestId("export"));
        Assert.Equal(["编码", "名称", "工单量", "占比"], rows[0].Keys);
        var row = Assert.Single(rows, r => Equals(r["编码"], "phone"));
        Assert.Equal("12345电话", row["名称"]);
        Assert.Equal(long.Parse(phone, CultureInfo.InvariantCulture), Convert.ToInt64(row["工单量"], CultureInfo.InvariantCulture));

        // The order list behind a figure exports its rows too.
        await channels.GetByTestId("count-phone").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("channel=phone"));
        await Expect(page.Locator("[data-test^=row-]").First).ToBeVisibleAsync();
        var orders = await DownloadAsync(page, page.GetByTestId("export"));
        Assert.Equal("工单编号", orders[0].Keys.First());
        Assert.All(orders, o => Assert.Equal("12345电话", o["受理渠道"]));
        Assert.Contains(orders, o => Equals(o["标题"], subject));
        await browser.FinishAsync(page);
    }

    /// <summary>Clicks an export button, waits for the download and reads the workbook's rows.</summary>
    private static async Task<List<IDictionary<string, object?>>> DownloadAsync(IPage page, ILocator button)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => button.ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"dashboard-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(file);
        try
        {
            await using var stream = File.OpenRead(file);
            return MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>On the work-order list with these filters in the address, showing the test's orders.</summary>
    private static async Task Listed(IPage page, params string[] filters)
    {
        await Expect(page).ToHaveURLAsync(new Regex("/work-orders\\?"));
        foreach (var f in filters)
        {
            await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(f)));
        }

        await Expect(page.GetByTestId($"row-{Subject}").First).ToBeVisibleAsync();
    }

    private static async Task BackToTab(IPage page, string tab)
    {
        await page.GotoAsync($"/assessment/dashboards?tab={tab}&{Period}");
        await Expect(page.Locator($"#tab-{tab}")).ToHaveAttributeAsync("aria-selected", "true");
    }
}
