using System.Net;
using Hotline.Tests.Citizens;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Issue 18 in the browser: an abusive submission through the citizen API is stopped; the intake agent finds it on the
/// review screen (拦截审查) with its rule, opens the evidence, and releases it with a reason; the release is a new
/// submission in the online intake queue, which the citizen can track.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class InterceptionReviewBrowserTests(BrowserFixture browser) : ClockResetBrowserTests(browser.App)
{
    private readonly CitizenApi _citizen = new(browser.App);
    private readonly WorkOrderApi _api = new(browser.App);

    [Fact]
    public async Task Agent_SeesAnInterceptedSubmissionWithItsRule_AndReleasesItIntoTheOnlineQueue()
    {
        var mark = Guid.NewGuid().ToString("N")[..6];
        var (phone, n) = CitizenApi.NewCitizen();
        var citizen = _citizen.Client(n);
        await _citizen.Verify(citizen, phone);
        var stopped = await citizen.PostJsonAsync("/api/citizen/submissions", CitizenApi.Submission($"{mark}号楼的物业经理就是个傻 逼，地下车库的灯坏了一个月都不修，晚上停车看不见。"));
        await stopped.ShouldBeProblem((HttpStatusCode)422, "submission.intercepted");

        var page = await browser.SignedInPageAsync("agent");
        await page.OpenScreenAsync("interceptions");
        var row = page.GetByTestId("interception-table").Locator("tr").Filter(new LocatorFilterOptions { HasText = mark });
        await Expect(row).ToContainTextAsync("不文明用语");
        await Expect(row).ToContainTextAsync(phone[..3] + "****" + phone[^4..]);
        await row.ClickAsync();
        var detail = page.GetByTestId("interception-detail");
        await Expect(detail).ToContainTextAsync("不文明用语");
        await Expect(detail).ToContainTextAsync("地下车库的灯坏了一个月都不修");
        await detail.GetByTestId("interception-reason").Locator("xpath=descendant-or-self::input").FillAsync("措辞不当，但车库照明故障的诉求明确");
        await BrowserFixture.ScreenshotAsync(page, "18-interception-review");
        await detail.GetByTestId("interception-release").ClickAsync();
        await Expect(page.Message("已放行")).ToBeVisibleAsync();

        var agent = await _api.As("agent");
        var item = (await (await agent.GetAsync("/api/interceptions?rule=abusive&pageSize=200")).ShouldBe(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Single(i => i.GetProperty("excerpt").GetString()!.Contains(mark, StringComparison.Ordinal));
        var number = item.GetProperty("releasedAs").GetString()!;
        await Expect(row).ToContainTextAsync(number); // the list shows what the release became
        await Expect(detail).ToContainTextAsync(number);
        await browser.FinishAsync(page);

        var queued = await CitizenApi.Queued(agent, number);
        Assert.Equal("web", queued.GetProperty("channel").GetString());
        Assert.Contains("地下车库的灯坏了", queued.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal("queued", (await CitizenApi.Track(citizen, number)).GetProperty("stage").GetString());
    }
}
