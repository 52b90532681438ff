using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Issue 18: the citizen portal at a phone's viewport (375×812) in Chromium — its own page at /portal, with no sign-in,
/// and self-service (自助查询): a citizen searches the knowledge base and reads an answer.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class PortalBrowserTests(BrowserFixture browser)
{
    /// <summary>A common phone's screen (issue 18's browser tests).</summary>
    public static readonly ViewportSize Phone = new() { Width = 375, Height = 812 };

    [Fact]
    public async Task Citizen_SearchesTheKnowledgeBase_AndReadsAnAnswer_OnAPhone()
    {
        var page = await browser.NewPageAsync(viewport: Phone);
        await page.GotoAsync("/portal");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "12345 政务服务便民热线" })).ToBeVisibleAsync();

        await page.GetByText("查政策").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/portal/knowledge$"));
        var search = page.GetByRole(AriaRole.Searchbox);
        await search.FillAsync("公积金提取");
        await search.PressAsync("Enter");
        var hit = page.GetByTestId("portal-knowledge-hit").Filter(new() { HasText = "住房公积金提取办事指南" });
        await Expect(hit).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "18-portal-knowledge");

        await hit.ClickAsync();
        await Expect(page.GetByTestId("portal-article-title")).ToHaveTextAsync("住房公积金提取办事指南");
        await Expect(page).ToHaveTitleAsync("问答详情 · 12345 政务服务便民热线");

        // The page fits the phone: nothing wider than the screen.
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= Phone.Width, $"the portal is {width}px wide on a {Phone.Width}px phone");

        // Back returns to the search with the words kept in the address.
        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/portal/knowledge\\?q="));
        await browser.FinishAsync(page);
    }

    [Fact]
    public async Task UnknownPortalAddress_ShowsTheCitizensNotFoundPage()
    {
        var page = await browser.NewPageAsync(viewport: Phone);
        await page.GotoAsync("/portal/no-such-page");
        await Expect(page.GetByText("您访问的页面不存在。")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "返回首页" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/portal/?$"));
        await browser.FinishAsync(page);
    }
}
