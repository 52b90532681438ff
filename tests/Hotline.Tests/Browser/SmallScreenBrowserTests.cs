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
          for (const el of document.querySelectorAll('.shell-main, .hl-card, .el-tabs__content, [data-test=records] ol, .el-table__body-wrapper .el-scrollbar__wrap')) {
            if (shown(el) && el.scrollWidth > el.clientWidth + 1) {
              const edge = el.getBoundingClientRect().right;
              const widest = [...el.querySelectorAll('*')].filter((c) => c.getBoundingClientRect().right > edge + 1).pop();
              out.push(`${el.className.split(' ')[0]} overflows: ${el.scrollWidth} > ${el.clientWidth} (${widest?.tagName} ${widest?.className} "${widest?.textContent?.slice(0, 30)}")`);
            }
          }
          for (const cell of document.querySelectorAll('.el-table th .cell, .el-table td .cell')) {
            if (shown(cell) && cell.scrollWidth > cell.clientWidth + 1) out.push(`clipped: "${cell.textContent.trim()}"`);
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

    /// <summary>
    /// An order with every kind of record a handler reads (a refused return, an approved extension, progress, a reminder,
    /// a reply, an unsatisfied callback), sent back to the unit to redo, in the handler's inbox: each record tab fits.
    /// </summary>
    private static async Task<string> AnOrderWithRecordsAsync(WorkOrderApi api, string language)
    {
        var subject = $"{language}：金宝街小区夜间施工噪声持续扰民需核查";
        var id = await api.Dispatched(WorkOrderApi.Order(subject: subject));
        await api.Ok("handler", id, "sign");
        await api.Ok("handler", id, "return", new { reason = "夜间施工许可由城管部门审批，不属本单位职责范围，请改派城市管理部门办理", basis = "住建局三定方案第三条及夜间施工管理办法", suggestedUnitId = await api.UnitId("AL-DC-DH") });
        await api.Ok("dispatcher", id, "reject-return", new { reason = "在建工地施工噪声监管属于住建部门职责，请继续办理并联系市民" });
        await api.Ok("handler", id, "request-extension", new { days = 3, reason = "需协调施工单位调整作业时间并现场复测噪声，涉及多方会商" });
        await api.Ok("manager", id, "approve-extension", new { note = "同意延期三个工作日，请按期答复" });
        await api.Ok("handler", id, "progress-report", new { text = "已约谈施工单位负责人，要求夜间二十二时后停止高噪声作业", committedDate = "2026-03-11" });
        await api.Ok("supervisor", id, "remind", new { text = "请尽快联系市民告知办理进展，避免重复来电" });
        await api.Ok("handler", id, "reply", new { result = "已约谈施工单位，夜间停止高噪声作业，并安排专人巡查，市民表示理解", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        await api.Ok("dispatcher", id, "accept-reply");
        await api.Ok("callback", id, "callback", new { method = "phone", reached = true, processRating = "basicallySatisfied", resultRating = "unsatisfied", comment = "夜间仍有施工噪声，问题没有解决，希望再次核查" });
        await api.Ok("manager", id, "redo", new { reason = "市民反映夜间仍有噪声，请实地复核" });
        return subject;
    }

    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public async Task AnOrdersRecords_FitBesideTheQueue_At1280By720(string language)
    {
        var subject = await AnOrderWithRecordsAsync(new WorkOrderApi(browser.App), language);
        var page = await browser.SignedInPageAsync("handler", viewport: BrowserFixture.Small, uiLanguage: language == "en" ? "en" : null);
        await page.OpenScreenAsync("inbox");
        await page.SelectOrderAsync(subject);

        var records = page.GetByTestId("records");
        var tabs = records.Locator(".el-tabs__item");
        Assert.Equal(6, await tabs.CountAsync()); // returns, extensions, progress, replies, callbacks, reminders
        await Expect(records.Locator(".el-tabs__nav-wrap.is-scrollable")).ToHaveCountAsync(0); // every tab header in sight
        for (var i = 0; i < await tabs.CountAsync(); i++)
        {
            await tabs.Nth(i).ClickAsync();
            await Expect(records.Locator(".el-tab-pane:visible")).ToBeVisibleAsync();
            var problems = await page.EvaluateAsync<string[]>(Overflows);
            Assert.True(problems.Length == 0, $"record tab {await tabs.Nth(i).TextContentAsync()} ({language}) at 1280×720: " + string.Join("; ", problems));
        }

        await BrowserFixture.ScreenshotAsync(page, $"1280-{language}-order-records");
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
