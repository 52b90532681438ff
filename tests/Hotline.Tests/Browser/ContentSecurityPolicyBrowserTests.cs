using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// The workbench works under its Content-Security-Policy (issue 13, item 5): the sign-in page, a chart, a queue with
/// live updates over a WebSocket to the same origin, and no violation reported by the browser on the way.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture browser)
{
    // Runs before the page's own scripts and is not subject to the page's policy.
    private const string RecordViolations =
        "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => " +
        "window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));";

    [Theory]
    [InlineData("manager", "wallboard", "tile-open")]
    [InlineData("handler", "inbox", "live-state")]
    public async Task Workbench_UnderItsPolicy_ReportsNoViolation(string userName, string screen, string shown)
    {
        var page = await browser.NewPageAsync();
        await page.AddInitScriptAsync(RecordViolations);
        var console = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                console.Add(message.Text);
            }
        };
        var sockets = new List<string>();
        page.WebSocket += (_, socket) => sockets.Add(socket.Url);

        var login = await page.GotoAsync("/login");
        Assert.Contains("frame-ancestors 'none'", (await login!.AllHeadersAsync()).GetValueOrDefault("content-security-policy") ?? string.Empty, StringComparison.Ordinal);
        await page.GetByTestId("login-user").FillAsync(userName);
        await page.GetByTestId("login-password").FillAsync(Hotline.Seeding.DemoData.DefaultPassword);
        await page.GetByTestId("login-password").PressAsync("Enter");
        await Expect(page.GetByTestId("shell-user")).ToBeVisibleAsync();
        await page.OpenScreenAsync(screen);
        await Expect(page.GetByTestId(shown)).ToBeVisibleAsync();
        if (shown == "live-state")
        {
            await Expect(page.GetByTestId("live-state")).ToHaveAttributeAsync("data-state", "on");
            Assert.Contains(sockets, url => url.Contains("/hubs/work-orders", StringComparison.Ordinal));
        }

        var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
        await browser.FinishAsync(page);
        Assert.True(violations.Length == 0, "CSP violations: " + string.Join(" | ", violations));
        Assert.True(console.Count == 0, "CSP messages in the console: " + string.Join(" | ", console));
    }
}
