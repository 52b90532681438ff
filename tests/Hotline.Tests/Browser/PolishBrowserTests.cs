using System.Text.RegularExpressions;
using Hotline.Tests.WorkOrders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>Issue 14 items 14–16: English that reads as English, no visual noise, a clean console in normal use.</summary>
[Collection(BrowserFixture.Collection)]
public sealed partial class PolishBrowserTests(BrowserFixture browser)
{
    private readonly WorkOrderApi _api = new(browser.App);

    [Fact]
    public async Task InEnglish_NamesCarryNoRole_DatesAreYearFirst_AndTheMenuReadsPlainly()
    {
        var id = await _api.Dispatched(WorkOrderApi.Order(subject: "东华街道路灯不亮"));
        var page = await browser.SignedInPageAsync("dispatcher", uiLanguage: "en");
        await Expect(page.GetByTestId("shell-user")).ToHaveTextAsync("赵敏");
        await Expect(page.GetByTestId("nav-supervision")).ToHaveTextAsync("Supervision alerts");

        await page.GotoAsync($"/work-orders/{id}");
        var timeline = page.GetByTestId("timeline");
        await Expect(timeline).ToContainTextAsync("王芳 (Intake agent");
        await Expect(timeline).Not.ToContainTextAsync("受理座席");
        var text = await page.Locator(".shell-main").InnerTextAsync();
        Assert.Matches(YearFirst(), text);
        Assert.DoesNotMatch(MonthDayYear(), text);

        await page.OpenScreenAsync("dispatch");
        await page.OpenTabAsync("returns");
        await Expect(page.GetByTestId("order-list").Locator("th")).ToContainTextAsync(["", "Subject", "Lead unit", "Registered"]);
        await page.OpenTabAsync("queue");
        await Expect(page.GetByTestId("order-list").Locator("th").Nth(3)).ToHaveTextAsync("Dispatch by");
        await browser.FinishAsync(page);
    }

    [Fact]
    public async Task AnEmptyQueue_SaysOnceWhyItIsEmpty()
    {
        // The water company's inbox has an empty tab whatever the other tests did (it is sent little): each empty tab says
        // its own sentence once, with no table "暂无数据" and no second picture.
        var page = await browser.SignedInPageAsync("water");
        await page.OpenScreenAsync("inbox");
        var empty = 0;
        foreach (var (tab, sentence) in new[] { ("toSign", "没有待签收的工单。"), ("inProgress", "没有办理中的工单。"), ("atCentre", "没有在中心处理中的工单。"), ("closed", "没有已办结的工单。") })
        {
            await page.OpenTabAsync(tab);
            await Expect(page.Locator(".el-loading-mask:visible")).ToHaveCountAsync(0);
            await page.WaitForTimeoutAsync(300);
            if (await page.GetByTestId("order-list").Locator(".el-table__row").CountAsync() > 0)
            {
                continue;
            }

            empty++;
            await Expect(page.GetByTestId("queue-empty")).ToHaveTextAsync(sentence);
            await Expect(page.GetByText("暂无数据")).ToHaveCountAsync(0);
            await Expect(page.Locator(".el-empty")).ToHaveCountAsync(0);
        }

        Assert.True(empty > 0, "no empty tab to check");
        await browser.FinishAsync(page);
    }

    [Fact]
    public async Task TheWallboardsOnTimeBars_AreGreen_NotTheBrandRed()
    {
        await _api.Dispatched(WorkOrderApi.Order(subject: "东华街道施工夜间扰民"));
        var page = await browser.SignedInPageAsync("manager");
        await page.OpenScreenAsync("wallboard");
        var chart = page.GetByTestId("load-chart").Locator("canvas").First;
        await Expect(chart).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1200); // the bars grow in

        var colours = await chart.EvaluateAsync<int[]>("""
            (canvas) => {
              const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
              const near = (i, r, g, b) => Math.abs(data[i] - r) < 10 && Math.abs(data[i + 1] - g) < 10 && Math.abs(data[i + 2] - b) < 10;
              let brand = 0, green = 0;
              for (let i = 0; i < data.length; i += 4) {
                if (near(i, 0x8e, 0x1b, 0x1b)) brand++;
                if (near(i, 0x67, 0xc2, 0x3a)) green++;
              }
              return [brand, green];
            }
            """);
        Assert.True(colours[0] == 0, $"{colours[0]} pixels of the chart are the brand's dark red");
        Assert.True(colours[1] > 50, "no on-time bar is drawn in green");
        await browser.FinishAsync(page);
    }

    [Fact]
    public async Task CheckboxesAndRadios_ShowAFocusRing_WhenReachedByTheKeyboard()
    {
        var page = await browser.SignedInPageAsync("agent");
        await page.OpenScreenAsync("intake");
        await page.GetByTestId("intake-caller-name").ClickAsync();

        var ring = new Dictionary<string, string>();
        for (var i = 0; i < 30 && ring.Count < 2; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var seen = await page.EvaluateAsync<string[]>("""
                () => {
                  const el = document.activeElement;
                  const kind = el?.classList.contains('el-checkbox__original') ? 'checkbox'
                    : el?.classList.contains('el-radio-button__original-radio') || el?.classList.contains('el-radio__original') ? 'radio' : '';
                  return kind ? [kind, getComputedStyle(el.nextElementSibling).outlineStyle] : [];
                }
                """);
            if (seen.Length == 2)
            {
                ring.TryAdd(seen[0], seen[1]);
            }
        }

        Assert.Equal("solid", ring.GetValueOrDefault("checkbox"));
        Assert.Equal("solid", ring.GetValueOrDefault("radio"));
        await browser.FinishAsync(page);
    }

    [Fact]
    public async Task TheSpringFestivalNotice_IsNotShownAsInForce_OutsideTheFestival()
    {
        // The test clock stands at 2 March 2026, after the 2026 festival: the panel lists 新桥街道's current notice only.
        var agent = await browser.SignedInPageAsync("agent");
        await agent.OpenScreenAsync("intake");
        await agent.ChooseInTreeAsync(agent.GetByTestId("intake-region"), "新桥街道");
        await agent.GetByTestId("intake-events").FillAsync("家里突然停电了，整栋楼都没有电");

        var panel = agent.GetByTestId("knowledge-panel");
        await Expect(panel.Locator(".kb-notice").Filter(new LocatorFilterOptions { HasText = "新桥街道计划停电检修公告" })).ToHaveCountAsync(1);
        await Expect(panel.Locator(".kb-notice").Filter(new LocatorFilterOptions { HasText = "春节" })).ToHaveCountAsync(0);
        await browser.FinishAsync(agent);
    }

    [Fact]
    public async Task TheNoModelHint_IsShownOnceAtIntake()
    {
        var page = await browser.SignedInPageAsync("agent");
        await page.OpenScreenAsync("intake");
        await page.GetByTestId("intake-events").FillAsync("小区旁边工地夜间施工噪声很大，影响休息。");
        await Expect(page.GetByTestId("routing-suggestions")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1500); // the suggestions are asked for once typing pauses
        var hints = await page.GetByTestId("routing-suggestions").Locator(".routing-warnings li").AllInnerTextsAsync();
        Assert.Equal(hints.Distinct().Count(), hints.Count);
        await browser.FinishAsync(page);
    }

    [Fact]
    public async Task TheLoginPage_AndAnOrdinaryDay_LeaveTheConsoleClean()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/login");
        await Expect(page.GetByTestId("login-submit")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(500);
        Assert.Empty(browser.ErrorsOf(page));

        await page.GetByTestId("login-user").FillAsync("dispatcher");
        await page.GetByTestId("login-password").FillAsync(Hotline.Seeding.DemoData.DefaultPassword);
        await page.GetByTestId("login-password").PressAsync("Enter");
        await Expect(page.GetByTestId("shell-user")).ToBeVisibleAsync();
        foreach (var screen in new[] { "dispatch", "work-orders", "knowledge", "supervision", "wallboard" })
        {
            await page.OpenScreenAsync(screen);
            await Expect(page.Locator(".el-loading-mask:visible")).ToHaveCountAsync(0);
        }

        await page.ReloadAsync();
        await Expect(page.GetByTestId("shell-user")).ToBeVisibleAsync();
        await page.GetByTestId("shell-user").ClickAsync();
        await page.GetByTestId("menu-logout").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/login$"));
        await page.ReloadAsync();
        await Expect(page.GetByTestId("login-submit")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(500);
        await browser.FinishAsync(page);
    }

    [GeneratedRegex(@"\b20\d\d-\d\d-\d\d \d\d:\d\d\b")]
    private static partial Regex YearFirst();

    [GeneratedRegex(@"\b\d\d/\d\d/20\d\d\b")]
    private static partial Regex MonthDayYear();
}
