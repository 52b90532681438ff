using Hotline.Tests.Citizens;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.Supervision;
using Hotline.Tests.WorkOrders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Issue 18 at a phone's viewport (375×812): a citizen reads the public supervision listing (挂牌督办) from the home grid,
/// and gives the service of a closed order a 差评 from its tracking page, which the centre then sees in its follow-up list.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class PortalPublicBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Citizen_OpensTheSupervisionListing_FromTheHomeGrid_AndReadsAListedMatter()
    {
        var api = new WorkOrderApi(browser.App);
        var notices = new NoticeApi(api);
        var (id, _) = await notices.OpenOnNewOrder(days: 5);
        var summary = (await notices.Get("supervisor", id)).GetProperty("summary");
        var number = summary.GetProperty("number").GetString()!;
        var deadline = summary.GetProperty("dueAt").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await notices.Step("supervisor", id, "list", new() { ["publicMatter"] = "东城区某小区电梯长期停运问题", ["listingDeadline"] = deadline, ["inMedia"] = true });

        var page = await browser.NewPageAsync(viewport: PortalBrowserTests.Phone);
        await page.GotoAsync("/portal");
        await page.GetByText("挂牌督办", new() { Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/portal/supervision$"));
        var card = page.GetByTestId($"portal-listing-{number}");
        await Expect(card).ToBeVisibleAsync();
        await Expect(card.GetByTestId("portal-listing-matter")).ToHaveTextAsync("东城区某小区电梯长期停运问题");
        await Expect(card).ToContainTextAsync("东城区住房和城乡建设局");
        await Expect(card.GetByTestId("portal-listing-state")).ToHaveTextAsync("整改中");
        await Expect(card).ToContainTextAsync("已在新闻媒体公开");
        var text = await page.Locator("body").InnerTextAsync();
        foreach (var personal in new[] { "张三丰", "13812345678", "工单超期未办结" })
        {
            Assert.DoesNotContain(personal, text, StringComparison.Ordinal);
        }

        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= PortalBrowserTests.Phone.Width, $"the listing is {width}px wide on a {PortalBrowserTests.Phone.Width}px phone");
        await BrowserFixture.ScreenshotAsync(page, "18-portal-supervision");
        await browser.FinishAsync(page);
    }

    [Fact]
    public async Task Citizen_GivesAClosedOrderABadRating_FromTheTrackingPage_AndTheCentreSeesIt()
    {
        var citizen = new CitizenApi(browser.App);
        var api = new WorkOrderApi(browser.App);
        var (phone, n) = CitizenApi.NewCitizen();
        var id = await api.Dispatched(WorkOrderApi.Order(phone: phone));
        var number = (await api.Get("agent", id)).GetProperty("number").GetString()!;
        await api.Ok("handler", id, "sign");
        await api.Ok("handler", id, "reply", new { result = "已督促物业修复电梯。", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        await api.Ok("dispatcher", id, "accept-reply", new { note = "答复合格" });
        await api.Ok("callback", id, "callback", new { method = "phone", reached = true, processRating = "satisfied", resultRating = "satisfied", comment = "市民表示满意" });
        Assert.Equal("closed", (await api.Get("agent", id)).GetProperty("status").GetString());

        var page = await browser.NewPageAsync(viewport: PortalBrowserTests.Phone);
        await page.GotoAsync($"/portal/track/{number}");
        await page.GetByTestId("portal-verify-phone").Locator("input").FillAsync(phone);
        await page.GetByTestId("portal-verify-send").ClickAsync();
        await Expect(page.GetByTestId("portal-verify-sent")).ToBeVisibleAsync();
        await page.GetByTestId("portal-verify-code").Locator("input").FillAsync(await citizen.LastCode(phone));
        await page.GetByTestId("portal-verify-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/portal/track/{number}$"));
        await Expect(page.GetByTestId("portal-track-stage")).ToHaveTextAsync("已办结");

        var card = page.GetByTestId("portal-service-rating");
        await Expect(card).ToBeVisibleAsync();
        await card.GetByText("非常不满意", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("portal-service-send").ClickAsync();
        await Expect(page.GetByText("差评请写明不满意的原因。")).ToBeVisibleAsync();
        await page.GetByTestId("portal-service-comment").Locator("textarea").FillAsync("电梯修好两天又坏了，物业态度很差");
        await page.GetByTestId("portal-service-send").ClickAsync();
        await page.Locator(".van-dialog__confirm").ClickAsync();
        await Expect(page.GetByTestId("portal-service-rating-outcome")).ToContainTextAsync("热线中心将于");
        await Expect(page.GetByTestId("portal-service-rating-given")).ToContainTextAsync("非常不满意");
        await Expect(page.GetByTestId("portal-service-rating")).ToHaveCountAsync(0);
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= PortalBrowserTests.Phone.Width, $"the page is {width}px wide on a {PortalBrowserTests.Phone.Width}px phone");
        await BrowserFixture.ScreenshotAsync(page, "18-portal-service-rating");
        await browser.FinishAsync(page);

        // The centre's callback agent finds the 差评 in the follow-up list and records the follow-up.
        var desk = await browser.SignedInPageAsync("callback");
        await desk.OpenScreenAsync("service-ratings");
        var row = desk.GetByTestId("service-ratings-table").Locator("tr", new() { HasText = number });
        await Expect(row).ToContainTextAsync("非常不满意");
        await row.ClickAsync();
        await desk.GetByTestId("service-rating-outcome").GetByText("已整改", new() { Exact = true }).ClickAsync();
        await desk.GetByTestId("service-rating-note").FillAsync("已约谈物业公司，电梯更换主板后运行正常，回访市民认可。");
        await desk.GetByTestId("service-rating-record").ClickAsync();
        await Expect(desk.GetByTestId("service-rating-detail")).ToContainTextAsync("按期");
        await browser.FinishAsync(desk);
    }
}
