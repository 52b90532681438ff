using System.Net;
using System.Text.Json;
using Hotline.Tests.Citizens;
using Hotline.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>Issue 18: the mayor's mailbox on a phone (375×812): an abusive letter is stopped with its message, a decent one is sent.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class MailboxBrowserTests(BrowserFixture browser)
{
    /// <summary>A verified phone's citizen token, as the portal's /verify screen would keep it.</summary>
    private async Task<string> TokenAsync()
    {
        var (phone, _) = CitizenApi.NewCitizen();
        var client = browser.App.Anonymous();
        await (await client.PostJsonAsync("/api/citizen/codes", new { phone, purpose = "submit" })).ShouldBe(HttpStatusCode.Accepted);
        var code = (await (await client.PostJsonAsync("/api/development/citizen-codes/last", new { phone })).ShouldBe(HttpStatusCode.OK)).GetProperty("code").GetString();
        var token = await (await client.PostJsonAsync("/api/citizen/codes/verify", new { phone, purpose = "submit", code })).ShouldBe(HttpStatusCode.OK);
        return token.GetProperty("token").GetString()!;
    }

    [Fact]
    public async Task AbusiveLetter_IsStoppedWithItsMessage_AndADecentOneIsSent_OnAPhone()
    {
        var token = await TokenAsync();
        var page = await browser.NewPageAsync(viewport: PortalBrowserTests.Phone);
        await page.AddInitScriptAsync($"sessionStorage.setItem('hotline.citizen-token', {JsonSerializer.Serialize(token)})");
        browser.ExpectRefusal(page, "/api/citizen/mailbox/letters"); // the 422 of the intercepted letter
        await page.GotoAsync("/portal/mailbox");
        await page.GetByTestId("portal-mailbox-title").Locator("input").FillAsync("城管执法态度恶劣");
        await page.GetByTestId("portal-mailbox-letter").Locator("textarea").FillAsync("人民路上的城管就是一群傻 逼，天天赶摊贩还骂人，请市长管一管。");
        await page.GetByTestId("portal-mailbox-send").ClickAsync();
        await Expect(page.GetByTestId("portal-notice")).ToContainTextAsync("不文明用语");
        await BrowserFixture.ScreenshotAsync(page, "18-mailbox-intercepted");
        await page.GetByRole(AriaRole.Button, new() { Name = "知道了" }).ClickAsync();

        await page.GetByTestId("portal-mailbox-letter").Locator("textarea").FillAsync("人民路上的城管执法时态度恶劣，还辱骂摊贩，请市长督促整改，文明执法。");
        await page.GetByTestId("portal-mailbox-consent").ClickAsync();
        await page.GetByTestId("portal-mailbox-send").ClickAsync();
        await Expect(page.GetByTestId("portal-mailbox-sent")).ToContainTextAsync("受理编号");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= PortalBrowserTests.Phone.Width, $"the mailbox is {width}px wide on a {PortalBrowserTests.Phone.Width}px phone");
        await browser.FinishAsync(page);
    }
}
