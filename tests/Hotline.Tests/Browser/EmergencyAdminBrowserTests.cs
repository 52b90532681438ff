using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hotline.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// The emergency administration screens (issue 15): the centre manager keeps the duty roster (值班表) and the server then
/// names the officers on duty; an administrator keeps the emergency plan catalogue (应急预案), and a stale save shows the
/// conflict; those without the policies do not see the entries.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class EmergencyAdminBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheCentreManagerPutsOfficersOnTheCurrentShift_AndTheServerNamesThemOnDuty()
    {
        browser.App.Time.Set(AppFixture.DefaultNow); // Monday 2 March 2026, 09:00 in Beijing: the day shift of 2 March
        var page = await browser.SignedInPageAsync("manager");
        browser.ExpectRefusal(page, "/api/duty-roster/"); // the empty shift, on purpose
        await page.GetByTestId("nav-duty-roster").ClickAsync();
        await Expect(page.GetByTestId("duty-week")).ToHaveTextAsync("2026-03-02 至 2026-03-08");
        await Expect(page.GetByTestId("duty-table").Locator("tr").Filter(new() { Has = page.GetByTestId("duty-today") })).ToContainTextAsync("2026-03-02");
        var cell = page.GetByTestId("duty-2026-03-02-day");
        await Expect(cell).ToHaveAttributeAsync("data-current", "true");

        // A shift naming nobody is refused by the field.
        await page.GetByTestId("duty-2026-03-03-night").GetByTestId("duty-edit").ClickAsync();
        await page.GetByTestId("duty-save").ClickAsync();
        await Expect(page.ItemError("duty-team-leader")).ToHaveTextAsync("请至少指定值班班长或现场负责人之一。");
        await page.GetByTestId("duty-editor").GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();

        await cell.GetByTestId("duty-edit").ClickAsync();
        var editor = page.GetByTestId("duty-editor");
        await page.ChooseAsync(editor.GetByTestId("duty-team-leader"), "李强");
        await page.ChooseAsync(editor.GetByTestId("duty-site-manager"), "钱坤");
        await page.GetByTestId("duty-save").ClickAsync();
        await Expect(page.Message("值班已保存")).ToBeVisibleAsync();
        await Expect(cell.GetByTestId("duty-cell-team-leader")).ToHaveTextAsync("值班班长：李强");
        await Expect(cell.GetByTestId("duty-cell-site-manager")).ToHaveTextAsync("现场负责人：钱坤");
        await Expect(page.GetByTestId("duty-now-team-leader")).ToHaveTextAsync("值班班长：李强");
        await Expect(page.GetByTestId("duty-now-site-manager")).ToHaveTextAsync("现场负责人：钱坤");
        await BrowserFixture.ScreenshotAsync(page, "emergency-duty-roster");

        var dispatcher = await browser.App.SignInAsync("dispatcher");
        var now = await dispatcher.GetFromJsonAsync<JsonElement>("/api/duty-roster/now", AppFixture.Json);
        Assert.Equal("2026-03-02", now.GetProperty("date").GetString());
        Assert.Equal("day", now.GetProperty("shift").GetString());
        Assert.Equal("李强", now.GetProperty("teamLeaderName").GetString());
        Assert.Equal("钱坤", now.GetProperty("siteManagerName").GetString());

        // The next week, and back.
        await page.GetByTestId("duty-week-next").ClickAsync();
        await Expect(page.GetByTestId("duty-week")).ToHaveTextAsync("2026-03-09 至 2026-03-15");
        await Expect(page.GetByTestId("duty-today")).ToHaveCountAsync(0);
        await page.GetByTestId("duty-week-today").ClickAsync();
        await Expect(cell.GetByTestId("duty-cell-team-leader")).ToHaveTextAsync("值班班长：李强");
        await browser.FinishAsync(page);

        // The team leader reads the roster and cannot edit it.
        var leader = await browser.SignedInPageAsync("teamlead");
        await leader.GetByTestId("nav-duty-roster").ClickAsync();
        await Expect(leader.GetByTestId("duty-2026-03-02-day").GetByTestId("duty-cell-team-leader")).ToHaveTextAsync("值班班长：李强");
        await Expect(leader.GetByTestId("duty-read-only")).ToBeVisibleAsync();
        await Expect(leader.GetByTestId("duty-edit")).ToHaveCountAsync(0);
        await browser.FinishAsync(leader);
    }

    [Fact]
    public async Task AnAdministratorKeepsAnEmergencyPlan_AndASecondEditorsStaleSaveShowsTheConflict()
    {
        var page = await browser.SignedInPageAsync("admin");
        browser.ExpectRefusal(page, "/api/emergency-plans"); // the missing contact and the conflict, on purpose
        await page.GetByTestId("nav-emergency-plans").ClickAsync();
        await page.GetByTestId("plan-new").ClickAsync();
        var editor = page.GetByTestId("plan-editor");

        // Only emergency categories are offered.
        await editor.GetByTestId("plan-category").ClickAsync();
        var options = page.Locator(".el-select-dropdown:visible .el-select-dropdown__item");
        await Expect(options.Filter(new() { HasText = "灾情" })).ToHaveCountAsync(1);
        await Expect(options.Filter(new() { HasText = "城乡建设" })).ToHaveCountAsync(0);
        await options.Filter(new() { HasText = "灾情" }).ClickAsync();

        await editor.GetByTestId("plan-name").FillAsync("自然灾害应急预案");
        await page.ChooseUnitAsync(editor.GetByTestId("plan-lead-unit"), "东城区人民政府");
        await editor.GetByTestId("plan-co-add").ClickAsync();
        await page.ChooseUnitAsync(editor.GetByTestId("plan-co-unit-0").GetByTestId("plan-co-unit"), "国网安澜供电公司");
        await editor.GetByTestId("plan-co-unit-0").GetByTestId("plan-co-contact").FillAsync("供电公司调度室 0990-95598");
        await editor.GetByTestId("plan-save").ClickAsync();
        await Expect(page.ItemError("plan-lead-contact")).ToHaveTextAsync("请填写牵头单位的联系方式。");

        await editor.GetByTestId("plan-lead-contact").FillAsync("东城区政府总值班室 0990-6601000");
        await editor.GetByTestId("plan-save").ClickAsync();
        await Expect(page.Message("预案已创建")).ToBeVisibleAsync();
        var row = page.GetByTestId("plan-table").Locator("tr").Filter(new() { HasText = "自然灾害应急预案" });
        await Expect(row).ToContainTextAsync("东城区人民政府");
        await Expect(row).ToContainTextAsync("国网安澜供电公司");
        await Expect(row).ToContainTextAsync("1304");
        await page.GetByTestId("plan-edit-1304").ClickAsync();
        await BrowserFixture.ScreenshotAsync(page, "emergency-plan-editor");
        await editor.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await BrowserFixture.ScreenshotAsync(page, "emergency-plans");

        // Edited once.
        await page.GetByTestId("plan-edit-1304").ClickAsync();
        await Expect(editor.GetByTestId("plan-co-unit-0").GetByTestId("plan-co-contact")).ToHaveValueAsync("供电公司调度室 0990-95598");
        await editor.GetByTestId("plan-name").FillAsync("灾情应急预案");
        await editor.GetByTestId("plan-save").ClickAsync();
        await Expect(page.Message("预案已保存")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("plan-table")).ToContainTextAsync("灾情应急预案");

        // A second editor saves first; this one's save is stale.
        await page.GetByTestId("plan-edit-1304").ClickAsync();
        await editor.GetByTestId("plan-name").FillAsync("灾情应急预案（甲）");
        var other = await browser.App.SignInAsync("manager");
        var plans = await other.GetFromJsonAsync<List<JsonElement>>("/api/emergency-plans", AppFixture.Json);
        var plan = plans!.Single(p => p.GetProperty("categoryCode").GetString() == "1304");
        var body = new
        {
            categoryCode = "1304",
            name = "灾情应急预案（乙）",
            leadUnitId = plan.GetProperty("leadUnitId").GetInt64(),
            leadContact = plan.GetProperty("leadContact").GetString(),
            coUnits = plan.GetProperty("coUnits").EnumerateArray().Select(c => new { unitId = c.GetProperty("unitId").GetInt64(), contact = c.GetProperty("contact").GetString() }).ToList(),
            version = plan.GetProperty("version").GetInt64(),
        };
        (await other.PutAsJsonAsync($"/api/emergency-plans/{plan.GetProperty("id").GetInt64()}", body)).EnsureSuccessStatusCode();

        await editor.GetByTestId("plan-save").ClickAsync();
        await Expect(page.GetByTestId("plan-conflict")).ToContainTextAsync("其他人已先修改了这条记录");
        await Expect(editor.GetByTestId("plan-name")).ToHaveValueAsync("灾情应急预案（甲）");
        await page.GetByTestId("plan-conflict").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(editor.GetByTestId("plan-name")).ToHaveValueAsync("灾情应急预案（乙）");
        await Expect(page.GetByTestId("plan-conflict")).ToHaveCountAsync(0);
        await browser.FinishAsync(page);
    }

    [Fact]
    public async Task ThoseWithoutThePolicies_DoNotSeeTheEntries()
    {
        var agent = await browser.SignedInPageAsync("agent");
        await Expect(agent.GetByTestId("nav-intake")).ToBeVisibleAsync();
        await Expect(agent.GetByTestId("nav-duty-roster")).ToHaveCountAsync(0);
        await Expect(agent.GetByTestId("nav-emergency-plans")).ToHaveCountAsync(0);
        await agent.GotoAsync("/emergency-plans");
        await Expect(agent).ToHaveURLAsync(new Regex("/forbidden$"));
        await browser.FinishAsync(agent);

        // The dispatcher reads the roster (the officers to phone) but does not keep the plans.
        var dispatcher = await browser.SignedInPageAsync("dispatcher");
        await Expect(dispatcher.GetByTestId("nav-duty-roster")).ToHaveCountAsync(1);
        await Expect(dispatcher.GetByTestId("nav-emergency-plans")).ToHaveCountAsync(0);
        await browser.FinishAsync(dispatcher);
    }
}
