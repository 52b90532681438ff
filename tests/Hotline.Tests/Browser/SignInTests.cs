using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

[Collection(BrowserFixture.Collection)]
public sealed class SignInTests(BrowserFixture browser)
{
    [Fact]
    public async Task WrongPassword_ShowsTheMessageByThePasswordField_ThenTheRightOneOpensTheWorkbench()
    {
        var page = await browser.NewPageAsync();
        browser.ExpectRefusal(page, "/api/auth/login"); // the wrong password, on purpose
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login$"));
        await BrowserFixture.ScreenshotAsync(page, "01-login");

        await page.GetByTestId("login-user").FillAsync("admin");
        await page.GetByTestId("login-password").FillAsync("not-the-password");
        await page.GetByTestId("login-submit").ClickAsync();

        var passwordItem = page.Locator(".el-form-item").Filter(new LocatorFilterOptions { Has = page.GetByTestId("login-password") });
        await Expect(passwordItem.Locator(".el-form-item__error")).ToHaveTextAsync("用户名或密码不正确。");
        await Expect(page.GetByTestId("login-user")).ToHaveValueAsync("admin");
        await BrowserFixture.ScreenshotAsync(page, "02-login-wrong-password");

        await page.GetByTestId("login-password").FillAsync(Hotline.Seeding.DemoData.DefaultPassword);
        await page.GetByTestId("login-password").PressAsync("Enter");

        await Expect(page.GetByTestId("shell-user")).ToContainTextAsync("系统管理员");
        await Expect(page.GetByTestId("shell-unit")).ToHaveTextAsync("安澜市12345政务服务便民热线中心");
        await Expect(page.GetByTestId("nav-admin-units")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "03-home-administrator");
        await browser.FinishAsync(page);
    }

    [Fact]
    public async Task FiveWrongPasswords_SlowTheAccountDown_AndSayForHowLong()
    {
        var page = await browser.NewPageAsync();
        browser.ExpectRefusal(page, "/api/auth/login"); // the wrong passwords, on purpose
        await page.GotoAsync("/login");
        await page.GetByTestId("login-user").FillAsync("expert");
        for (var i = 0; i < 6; i++)
        {
            await page.GetByTestId("login-password").FillAsync($"wrong-{i}");
            await page.GetByTestId("login-submit").ClickAsync();
            await Expect(page.GetByTestId("login-submit")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-loading"));
        }

        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync("登录尝试过多，请在 1 分钟后再试。");
        await BrowserFixture.ScreenshotAsync(page, "04-login-slowed-down");
        await browser.FinishAsync(page);
    }

    [Fact]
    public async Task AnIntakeAgent_SeesNoAdministration_AndIsRefusedItsPages()
    {
        var page = await browser.SignedInPageAsync("agent");

        await Expect(page.GetByTestId("shell-unit")).ToHaveTextAsync("安澜市12345政务服务便民热线中心");
        await Expect(page.GetByTestId("nav-home")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav-admin-units")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "05-home-intake-agent");

        await page.GotoAsync("/admin/users");
        await Expect(page.GetByTestId("forbidden")).ToBeVisibleAsync();
        await browser.FinishAsync(page);
    }

    [Fact]
    public async Task LanguageSwitch_ShowsEnglish_AndSignOutReturnsToTheLoginPage()
    {
        var page = await browser.SignedInPageAsync("handler");
        await Expect(page.GetByTestId("shell-unit")).ToHaveTextAsync("东城区住房和城乡建设局");

        await page.ChooseAsync(page.GetByTestId("language"), "English");
        await Expect(page.GetByTestId("nav-home")).ToContainTextAsync("Home");
        await Expect(page.GetByTestId("home-welcome")).ToContainTextAsync("Hello");

        await page.GetByTestId("shell-user").ClickAsync();
        await page.GetByTestId("menu-logout").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login$"));
        await Expect(page.GetByTestId("login-submit")).ToHaveTextAsync("Sign in");
        await browser.FinishAsync(page);
    }
}
