using Hotline.Tests.WorkOrders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Issue 14 item 13: every role's main screen is usable at 1280×720, in both languages, without sideways scrolling,
/// with no clipped column header or category and the whole side menu reachable. Saves 1280-{language}-{role}.png.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class SmallScreenBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private static Task? _orders;

    /// <summary>Rows in the queues (once per run): an order to dispatch in a three-level category, one with a unit.</summary>
    public Task InitializeAsync() => _orders ??= PutOrdersInTheQueuesAsync(new WorkOrderApi(browser.App));

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task PutOrdersInTheQueuesAsync(WorkOrderApi api)
    {
        await api.Register(WorkOrderApi.Order(subject: "新桥社区楼道燃气味明显需要尽快上门检查", category: "080301", region: "990102002"));
        await api.Dispatched(WorkOrderApi.Order(subject: "明珠小区电梯停运两周无人维修"));
    }

    public static TheoryData<string, string, string> MainScreens()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var language in new[] { "zh", "en" })
        {
            foreach (var (role, user, screen) in Roles)
            {
                data.Add(language, role, $"{user}|{screen}");
            }
        }

        return data;
    }

    private static readonly (string Role, string User, string Screen)[] Roles =
    [
        ("agent", "agent", "intake"), ("dispatcher", "dispatcher", "dispatch"), ("handler", "handler", "inbox"),
        ("callback", "callback", "callback"), ("supervisor", "supervisor", "supervision"), ("leader", "leader", "wallboard"),
        ("manager", "manager", "wallboard"), ("admin", "admin", "admin-units"),
    ];

    /// <summary>What does not fit: the page or a card or a table scrolling sideways, a clipped header or cell, a menu cut off.</summary>
    internal const string Overflows = """
        () => {
          const out = [];
          const shown = (el) => el.getClientRects().length > 0;
          const doc = document.scrollingElement;
          if (doc.scrollWidth > doc.clientWidth) out.push(`the page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
          // The order's record tables (returns, reminders, …) in the side panel may scroll inside their own tab.
          for (const el of document.querySelectorAll('.shell-main, .hl-card, .el-table__body-wrapper .el-scrollbar__wrap')) {
            if (shown(el) && !el.closest('[data-test=records]') && el.scrollWidth > el.clientWidth + 1) {
              const edge = el.getBoundingClientRect().right;
              const widest = [...el.querySelectorAll('*')].filter((c) => c.getBoundingClientRect().right > edge + 1).pop();
              out.push(`${el.className.split(' ')[0]} overflows: ${el.scrollWidth} > ${el.clientWidth} (${widest?.tagName} ${widest?.className} "${widest?.textContent?.slice(0, 30)}")`);
            }
          }
          for (const cell of document.querySelectorAll('.el-table th .cell, .el-table td .cell')) {
            if (shown(cell) && !cell.closest('[data-test=records]') && cell.scrollWidth > cell.clientWidth + 1) out.push(`clipped: "${cell.textContent.trim()}"`);
          }
          const aside = document.querySelector('.shell-aside');
          if (aside && aside.scrollHeight > aside.clientHeight + 1) out.push(`the side menu needs scrolling: ${aside.scrollHeight} > ${aside.clientHeight}`);
          return out;
        }
        """;

    [Theory]
    [MemberData(nameof(MainScreens))]
    public async Task EveryRolesMainScreen_FitsA1280By720Screen_InBothLanguages(string language, string role, string userAndScreen)
    {
        var (user, screen) = (userAndScreen.Split('|')[0], userAndScreen.Split('|')[1]);
        var page = await browser.SignedInPageAsync(user, viewport: BrowserFixture.Small, uiLanguage: language == "en" ? "en" : null);
        await page.OpenScreenAsync(screen);
        await Expect(page.Locator(".shell-main h1, .shell-main h2, .shell-main .hl-card").First).ToBeVisibleAsync();
        await Expect(page.Locator(".el-loading-mask:visible")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, $"1280-{language}-{role}");

        var problems = await page.EvaluateAsync<string[]>(Overflows);
        Assert.True(problems.Length == 0, $"{role} ({language}) at 1280×720: " + string.Join("; ", problems));
        await browser.FinishAsync(page);
    }

    [Fact]
    public async Task TheManagersMenu_ReachesItsLastEntry_At1280By720()
    {
        var page = await browser.SignedInPageAsync("manager", viewport: BrowserFixture.Small);
        var last = page.GetByTestId("nav").Locator(".el-menu-item").Last;
        var box = await last.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Y + box.Height <= BrowserFixture.Small.Height, $"the last menu entry ends at {box.Y + box.Height}, below the screen");
        await last.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/smart/models$"));
        await browser.FinishAsync(page);
    }
}
