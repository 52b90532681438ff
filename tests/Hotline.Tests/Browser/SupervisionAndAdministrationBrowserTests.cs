using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>The wallboard for managers and leaders, and the administrator's dispatch screens.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class SupervisionAndAdministrationBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task CentreManagerAndLeader_SeeTheWallboard_WithItsChart()
    {
        var manager = await browser.SignedInPageAsync("manager");
        await manager.OpenScreenAsync("wallboard");
        await Expect(manager.GetByTestId("tile-open")).ToBeVisibleAsync();
        await Expect(manager.GetByTestId("tile-red")).ToContainTextAsync("红灯");
        await BrowserFixture.ScreenshotAsync(manager, "31-centre-manager-wallboard");
        await browser.FinishAsync(manager);

        var leader = await browser.SignedInPageAsync("leader");
        await Expect(leader.GetByTestId("nav-dispatch")).ToHaveCountAsync(0);
        await leader.OpenScreenAsync("wallboard");
        await Expect(leader.GetByTestId("tile-dueToday")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(leader, "32-leader-wallboard");
        await browser.FinishAsync(leader);
    }

    [Fact]
    public async Task Administrator_AddsACategory_RoutesItInTheCatalogue_AndGivesItADeadlineRule()
    {
        var admin = await browser.SignedInPageAsync("admin");
        // A wrong child code and a duplicate catalogue line, on purpose.
        browser.ExpectRefusal(admin, "/api/categories");
        browser.ExpectRefusal(admin, "/api/dispatch-catalogue");
        await admin.OpenScreenAsync("admin-categories");
        await admin.GetByTestId("category-search").FillAsync("物业管理");
        await admin.GetByTestId("category-0101").ClickAsync();
        await admin.GetByTestId("category-new-child").ClickAsync();
        await admin.GetByTestId("category-code").FillAsync("0101");
        await admin.GetByTestId("category-save").ClickAsync();
        await Expect(admin.GetByTestId("category-editor").Locator(".el-form-item__error").First).ToHaveTextAsync("下级分类编码为上级编码加两位数字。");
        await admin.GetByTestId("category-code").FillAsync("010106");
        await admin.GetByTestId("category-name").FillAsync("电梯安全");
        await admin.GetByTestId("category-save").ClickAsync();
        await Expect(admin.Message("分类已创建")).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("category-010106")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(admin, "33-categories");

        await admin.OpenScreenAsync("admin-catalogue");
        await admin.GetByTestId("catalogue-new").ClickAsync();
        var editor = admin.GetByTestId("catalogue-editor");
        await admin.ChooseInTreeAsync(editor.GetByTestId("catalogue-category"), "电梯安全");
        await admin.ChooseInTreeAsync(editor.GetByTestId("catalogue-region"), "东华街道");
        await admin.ChooseInTreeAsync(editor.GetByTestId("catalogue-unit"), "东华街道办事处");
        await editor.GetByTestId("catalogue-save").ClickAsync();
        await Expect(admin.Message("派单目录已保存")).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("catalogue-table")).ToContainTextAsync("电梯安全");

        await admin.GetByTestId("catalogue-new").ClickAsync();
        await admin.ChooseInTreeAsync(editor.GetByTestId("catalogue-category"), "电梯安全");
        await admin.ChooseInTreeAsync(editor.GetByTestId("catalogue-region"), "东华街道");
        await admin.ChooseInTreeAsync(editor.GetByTestId("catalogue-unit"), "东华社区居民委员会");
        await editor.GetByTestId("catalogue-save").ClickAsync();
        await Expect(editor.Locator(".el-form-item__error")).ToHaveTextAsync("派单目录中已有这一分类和区域的条目。");
        await editor.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();

        await admin.ChooseInTreeAsync(admin.Locator(".tester .picker").First, "电梯安全");
        await admin.ChooseInTreeAsync(admin.Locator(".tester .picker").Nth(1), "东华街道");
        await admin.GetByTestId("catalogue-try").ClickAsync();
        await Expect(admin.GetByTestId("catalogue-proposal")).ToHaveTextAsync("建议承办单位：东华街道办事处（依据派单目录）");
        await BrowserFixture.ScreenshotAsync(admin, "34-dispatch-catalogue");

        await admin.OpenScreenAsync("admin-deadline-rules");
        await admin.GetByTestId("rule-new").ClickAsync();
        var rule = admin.GetByTestId("rule-editor");
        await admin.ChooseInTreeAsync(rule.Locator(".picker"), "电梯安全");
        await rule.GetByTestId("rule-handling").Locator("input").FillAsync("3");
        await rule.GetByTestId("rule-callback").Locator("input").FillAsync("2");
        await rule.GetByTestId("rule-dispatch-minutes").Locator("input").FillAsync("30"); // issue 15: dispatch at once
        await rule.GetByTestId("rule-save").ClickAsync();
        await Expect(admin.Message("时限规则已保存")).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("rule-table")).ToContainTextAsync("城乡建设 / 物业管理 / 电梯安全");
        await Expect(admin.GetByTestId("rule-table")).ToContainTextAsync("3 个工作日");
        await Expect(admin.GetByTestId("rule-table")).ToContainTextAsync("立即（30 分钟内）");
        await BrowserFixture.ScreenshotAsync(admin, "35-deadline-rules");
        await browser.FinishAsync(admin);
    }
}
