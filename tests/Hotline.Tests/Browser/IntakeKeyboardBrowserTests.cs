using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Issue 14 at intake: an order registered from the keyboard alone, the category tree searched by common words, the page
/// laid out in two columns that scroll on their own, the same caller kept for a second request, the phone checked as typed.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class IntakeKeyboardBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly WorkOrderApi _api = new(browser.App);

    public Task InitializeAsync()
    {
        browser.App.Time.Set(AppFixture.DefaultNow);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnAgent_RegistersAnOrder_WithTheKeyboardOnly()
    {
        var agent = await StartKeyboardOnlyAsync("13912340001", "王先生");
        var keys = agent.Keyboard;
        await keys.PressAsync("ArrowRight");
        await keys.PressAsync("ArrowRight");
        await TabToAsync(agent, "intake-urgency");
        await TabToAsync(agent, "intake-channel");

        // The category: typed, walked with the arrows, chosen with Enter; focus stays on the picker.
        await ChooseTheConstructionNoiseCategoryAsync(agent);
        await Expect(agent.GetByTestId("intake-category")).ToContainTextAsync("施工扰民");

        await TabToAsync(agent, "intake-region");
        await keys.TypeAsync("东华");
        await TheTreeAnswersAsync(agent, "东华");
        await keys.PressAsync("ArrowDown");
        await keys.PressAsync("Enter");
        await Expect(agent.GetByTestId("intake-region")).ToContainTextAsync("东华");
        await agent.FocusedAsync("intake-region");

        await TabToAsync(agent, "intake-street");
        await keys.TypeAsync("东华街道");
        await TabToAsync(agent, "intake-address");
        await keys.TypeAsync("东华路8号");
        await TabToAsync(agent, "intake-subject");
        await keys.TypeAsync("工地夜间施工扰民");
        await TabToAsync(agent, "intake-events");
        await keys.TypeAsync("来电人反映东华路8号工地每晚22点后仍在施工。");
        await TabToAsync(agent, "intake-demand");
        await keys.TypeAsync("要求夜间停止施工。");
        await keys.PressAsync("Control+Enter");

        await Expect(agent.Message("派单")).ToBeVisibleAsync();
        var link = agent.GetByTestId("intake-registered").Locator("a").First;
        var order = await _api.Get("agent", await link.OrderIdOfLinkAsync());
        Assert.Equal("010501", order.GetProperty("categoryCode").GetString());
        Assert.Equal("990102001", order.GetProperty("location").GetProperty("regionCode").GetString());
        Assert.Equal("东华路8号", order.GetProperty("location").GetProperty("address").GetString());
        Assert.Equal("东华街道", order.GetProperty("location").GetProperty("street").GetString());
        Assert.Equal("工地夜间施工扰民", order.GetProperty("subject").GetString());
        Assert.Equal("complaint", order.GetProperty("requestType").GetString());
        Assert.Equal(0, await agent.EvaluateAsync<int>("() => window.__mouseEvents"));
        await browser.FinishAsync(agent);
    }

    [Fact]
    public async Task AnAgent_AnswersDirectly_WithTheKeyboardOnly_TheOutcomesFieldsComingBeforeTheRegisterButton()
    {
        var agent = await StartKeyboardOnlyAsync("13912340004", string.Empty);
        var keys = agent.Keyboard;
        await keys.PressAsync("Space");
        await TabToAsync(agent, "intake-urgency");
        await TabToAsync(agent, "intake-channel");
        await ChooseTheConstructionNoiseCategoryAsync(agent);
        await TabToAsync(agent, "intake-region");
        await TabToAsync(agent, "intake-street");
        await TabToAsync(agent, "intake-address");
        await TabToAsync(agent, "intake-subject");
        await keys.TypeAsync("咨询夜间施工的规定时间");
        await TabToAsync(agent, "intake-events");
        await keys.TypeAsync("市民咨询工地夜间几点后不得施工。");
        await TabToAsync(agent, "intake-demand");
        await TabToAsync(agent, "intake-suggested");
        await TabToAsync(agent, "intake-party");
        await TabToAsync(agent, "intake-party-address");
        await TabToAsync(agent, "intake-recording");
        await TabToAsync(agent, "intake-wants-callback");
        await TabToAsync(agent, "file-upload"); // issue 18: the files, then the one-go notice (el-upload's box and its button may be two stops)
        await TabToAsync(agent, "intake-one-go-notice", tabs: 2);

        // The outcome follows the form; the answer it needs follows the outcome; 登记 comes last.
        await TabToAsync(agent, "intake-outcome");
        await keys.PressAsync("ArrowRight");
        await Expect(agent.GetByTestId("intake-register")).ToHaveTextAsync("登记并办结");
        await TabToAsync(agent, "intake-answer");
        await keys.TypeAsync("夜间22时至次日6时禁止产生噪声的建筑施工作业。");
        await TabToAsync(agent, "intake-article");
        await TabToAsync(agent, "intake-scope"); // 受理范围, read to the caller when asked
        await TabToAsync(agent, "intake-register");
        await keys.PressAsync("Enter");

        await Expect(agent.Message("直接答复办结")).ToBeVisibleAsync();
        var link = agent.GetByTestId("intake-registered").Locator("a").First;
        var order = await _api.Get("agent", await link.OrderIdOfLinkAsync());
        Assert.Equal("closed", order.GetProperty("status").GetString());
        Assert.Equal("answeredAtIntake", order.GetProperty("closeReason").GetString());
        Assert.Equal("夜间22时至次日6时禁止产生噪声的建筑施工作业。", order.GetProperty("resolution").GetProperty("answer").GetString());
        Assert.Equal("inquiry", order.GetProperty("requestType").GetString());
        Assert.Equal(0, await agent.EvaluateAsync<int>("() => window.__mouseEvents"));
        await browser.FinishAsync(agent);
    }

    [Fact]
    public async Task TheCategoryTree_AnswersCommonWords_PinyinInitials_AndTheDescription()
    {
        var agent = await browser.SignedInPageAsync("agent");
        await agent.GotoAsync("/intake");
        var picker = agent.GetByTestId("intake-category");
        var nodes = agent.Locator(".el-popper:visible .el-tree-node__content");

        await picker.ClickAsync();
        await picker.Locator("input").First.FillAsync("噪音");
        await Expect(nodes.Filter(new() { HasText = "社会生活噪声" })).ToBeVisibleAsync();
        await Expect(nodes.Filter(new() { HasText = "施工扰民" })).ToBeVisibleAsync();
        await picker.Locator("input").First.FillAsync("住建");
        await Expect(nodes.Filter(new() { HasText = "物业收费" })).ToBeVisibleAsync();
        await picker.Locator("input").First.FillAsync("sgrm");
        await Expect(nodes.Filter(new() { HasText = "施工扰民" })).ToBeVisibleAsync();
        await Expect(nodes.Filter(new() { HasText = "物业收费" })).ToBeHiddenAsync();
        await agent.Keyboard.PressAsync("Escape");

        // What the agent wrote already proposes categories: the first arrow press walks them.
        await agent.GetByTestId("intake-events").FillAsync("小区门口的工地夜里施工，噪音很大。");
        await picker.Locator("input").First.FocusAsync();
        await agent.Keyboard.PressAsync("ArrowDown");
        await Expect(agent.GetByTestId("category-from-description")).ToContainTextAsync("施工扰民");
        await agent.Keyboard.PressAsync("ArrowDown");
        await agent.Keyboard.PressAsync("Enter");
        await Expect(picker).ToContainTextAsync("施工扰民");
        await browser.FinishAsync(agent);

        // The synonyms are the administrator's to edit.
        var admin = await browser.SignedInPageAsync("admin");
        browser.ExpectRefusal(admin, "/api/categories/"); // 25 synonyms, on purpose
        await admin.GotoAsync("/admin/categories");
        await admin.GetByTestId("category-search").FillAsync("预付卡");
        await admin.GetByTestId("category-060102").ClickAsync();
        var synonyms = admin.GetByTestId("category-synonyms");
        await synonyms.FillAsync("办卡跑路, 健身卡");
        await admin.GetByTestId("category-save").ClickAsync();
        await Expect(admin.Message("已保存")).ToBeVisibleAsync();
        await admin.ReloadAsync();
        await admin.GetByTestId("category-search").FillAsync("办卡跑路");
        await Expect(admin.GetByTestId("category-060102")).ToBeVisibleAsync();
        await admin.GetByTestId("category-060102").ClickAsync();
        await Expect(admin.GetByTestId("category-synonyms")).ToHaveValueAsync("办卡跑路、健身卡");
        await synonyms.FillAsync(string.Join("、", Enumerable.Range(1, 25).Select(i => $"词{i}")));
        await admin.GetByTestId("category-save").ClickAsync();
        await Expect(admin.GetByTestId("category-editor").Locator(".el-form-item__error")).ToContainTextAsync("20");
        await browser.FinishAsync(admin);
    }

    [Theory]
    [InlineData(1366, 768)]
    [InlineData(1280, 720)]
    public async Task TheIntakePage_KeepsTheRegisterBarInView_AndRoutingAndRepeatsBeforeKnowledge(int width, int height)
    {
        var agent = await browser.SignedInPageAsync("agent");
        await agent.SetViewportSizeAsync(width, height);
        await agent.GotoAsync("/intake");
        await agent.GetByTestId("outcome-answerDirectly").ClickAsync();
        await agent.GetByTestId("intake-events").FillAsync(string.Join('\n', Enumerable.Repeat("来电人反映小区噪音扰民。", 12)));

        var button = await agent.GetByTestId("intake-register").BoundingBoxAsync();
        Assert.NotNull(button);
        Assert.True(button.Y + button.Height <= height, $"the register button ends at {button.Y + button.Height}, below {height}");
        Assert.True(await agent.EvaluateAsync<bool>("() => { const m = document.querySelector('.shell-main'); return m.scrollHeight <= m.clientHeight + 1; }"), "the page scrolls as one");
        Assert.True(await agent.EvaluateAsync<bool>("() => { const f = document.querySelector('.intake-form-scroll'); return f && f.scrollHeight > f.clientHeight; }"), "the form does not scroll on its own");

        var routing = await agent.GetByTestId("intake-routing").BoundingBoxAsync();
        var repeats = await agent.GetByTestId("intake-repeats").BoundingBoxAsync();
        var knowledge = await agent.GetByTestId("knowledge-panel").BoundingBoxAsync();
        Assert.True(routing!.Y < knowledge!.Y && repeats!.Y < knowledge.Y, "routing and repeats come before the knowledge cards");
        await BrowserFixture.ScreenshotAsync(agent, $"14-intake-{width}x{height}");
        await browser.FinishAsync(agent);
    }

    [Fact]
    public async Task AfterRegistering_TheSameCaller_CanBeTakenForAnotherRequest()
    {
        var agent = await browser.SignedInPageAsync("agent");
        await agent.GotoAsync("/intake");
        await agent.GetByTestId("intake-phone").FillAsync("13912340002");
        await agent.GetByTestId("intake-caller-name").FillAsync("赵女士");
        await agent.GetByTestId("intake-confidential").ClickAsync();
        await agent.GetByTestId("request-type-inquiry").ClickAsync();
        await agent.ChooseInTreeAsync(agent.GetByTestId("intake-category"), "医疗保险");
        await agent.GetByTestId("intake-subject").FillAsync("咨询医保报销");
        await agent.GetByTestId("intake-events").FillAsync("市民咨询门诊报销比例。");
        await agent.GetByTestId("outcome-answerDirectly").ClickAsync();
        await agent.GetByTestId("intake-answer").FillAsync("门诊报销比例按社区医院和二级医院分别计算。");
        await agent.GetByTestId("intake-answer").PressAsync("Control+Enter");
        await Expect(agent.Message("直接答复办结")).ToBeVisibleAsync();
        await Expect(agent.GetByTestId("intake-phone")).ToHaveValueAsync(string.Empty);

        await agent.GetByTestId("intake-same-caller").ClickAsync();
        await Expect(agent.GetByTestId("intake-phone")).ToHaveValueAsync("13912340002");
        await Expect(agent.GetByTestId("intake-caller-name")).ToHaveValueAsync("赵女士");
        await Expect(agent.GetByTestId("intake-confidential")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-checked"));
        await Expect(agent.GetByTestId("intake-subject")).ToHaveValueAsync(string.Empty);
        await Expect(agent.GetByTestId("intake-same-caller")).ToBeHiddenAsync();
        await browser.FinishAsync(agent);
    }

    [Fact]
    public async Task ABadPhone_IsRefusedAsTyped_WithoutALookup_AndEveryMessageStaysInItsField()
    {
        var agent = await browser.SignedInPageAsync("agent");
        // Only lookups of the bad number count: typed one key at a time on a busy machine, the agent's pause before the
        // last key may look up the number typed so far (1395555666), as it would for a person who pauses.
        var lookups = 0;
        await agent.RouteAsync("**/api/callers/history", async route =>
        {
            if (route.Request.PostData?.Contains("1395555666a", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref lookups);
            }

            await route.ContinueAsync();
        });
        await agent.GotoAsync("/intake");
        await agent.GetByTestId("intake-phone").PressSequentiallyAsync("1395555666a");
        await Expect(agent.ItemError("intake-phone")).ToHaveTextAsync("电话号码为 3–20 位数字，可含 +、- 或空格。");
        await agent.WaitForTimeoutAsync(700);
        Assert.Equal(0, lookups);
        await AssertErrorsInsideTheirFieldsAsync(agent);

        // Corrected, it is looked up.
        await agent.GetByTestId("intake-phone").PressAsync("Backspace");
        await Expect(agent.ItemError("intake-phone")).ToBeHiddenAsync();
        await Expect(agent.GetByTestId("history-summary")).ToBeVisibleAsync();
        Assert.Equal(0, lookups);
        await browser.FinishAsync(agent);

        // In English the longer messages stay by their fields too.
        var english = await browser.SignedInPageAsync("agent");
        await english.GotoAsync("/intake");
        await english.EvaluateAsync("() => localStorage.setItem('hotline.locale', 'en')");
        await english.ReloadAsync();
        var registrations = english.RecordPosts("/api/work-orders");
        await english.GetByTestId("intake-phone").FillAsync("13912340003");
        await english.GetByTestId("intake-phone").PressAsync("Control+Enter");
        await Expect(english.ItemError("intake-region")).ToHaveTextAsync("Give the region, so the order can be routed to the territory.");
        await english.FocusedAsync("intake-request-type");
        Assert.Empty(registrations);
        await AssertErrorsInsideTheirFieldsAsync(english);
        await BrowserFixture.ScreenshotAsync(english, "14-intake-errors-en");
        await browser.FinishAsync(english);
    }

    private static async Task AssertErrorsInsideTheirFieldsAsync(IPage page)
    {
        var overflowing = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.intake .el-form-item__error')].filter(e => {
              const item = e.closest('.el-form-item').getBoundingClientRect();
              const r = e.getBoundingClientRect();
              return r.bottom > item.bottom + 0.5 || r.right > item.right + 0.5;
            }).map(e => e.textContent)
            """);
        Assert.True(overflowing.Length == 0, "messages outside their field: " + string.Join(" | ", overflowing));
    }

    /// <summary>
    /// The intake page at 1366×768 with mouse events counted: the phone (and a name) typed, Tab walked to the request type.
    /// </summary>
    private async Task<IPage> StartKeyboardOnlyAsync(string phone, string name)
    {
        var agent = await browser.SignedInPageAsync("agent");
        await agent.SetViewportSizeAsync(1366, 768);
        await agent.GotoAsync("/intake");
        await CountMouseEventsAsync(agent);
        await agent.FocusedAsync("intake-phone");
        await agent.Keyboard.TypeAsync(phone);
        await TabToAsync(agent, "intake-caller-name");
        await agent.Keyboard.TypeAsync(name);
        await TabToAsync(agent, "intake-anonymous");
        await TabToAsync(agent, "intake-confidential");
        await TabToAsync(agent, "intake-request-type");
        return agent;
    }

    /// <summary>From the field before it: Tab to the category, type 扰民, walk the tree with the arrows, Enter.</summary>
    private static async Task ChooseTheConstructionNoiseCategoryAsync(IPage page)
    {
        await TabToAsync(page, "intake-category");
        await page.Keyboard.TypeAsync("扰民");
        // As the agent does, wait for the tree to answer what was typed: on a loaded machine the drop-down may open
        // after the first arrow, which would walk the list from another place (and Enter would choose nothing).
        await TheTreeAnswersAsync(page, "施工扰民");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("intake-category")).ToContainTextAsync("施工扰民");
        await page.FocusedAsync("intake-category");
    }

    /// <summary>Waits, as the agent looks, for the open drop-down's tree to show a node answering what was typed.</summary>
    private static async Task TheTreeAnswersAsync(IPage page, string text) =>
        await Expect(page.Locator(".el-popper:visible .el-tree-node__content").Filter(new() { HasText = text }).First).ToBeVisibleAsync();

    private static async Task CountMouseEventsAsync(IPage page) => await page.EvaluateAsync("""
        () => {
          window.__mouseEvents = 0;
          for (const type of ['mousedown', 'mouseup', 'pointerdown', 'pointerup'])
            window.addEventListener(type, () => window.__mouseEvents++, true);
        }
        """);

    /// <summary>Presses Tab (at most <paramref name="tabs"/> times, stopping once the element is reached) and expects the focus in <paramref name="testId"/>.</summary>
    private static async Task TabToAsync(IPage page, string testId, int tabs = 1)
    {
        await page.Keyboard.PressAsync("Tab");
        for (var more = tabs - 1; more > 0 && !await page.EvaluateAsync<bool>("id => document.activeElement?.closest('[data-test]')?.dataset.test === id", testId); more--)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        try
        {
            await page.FocusedAsync(testId);
        }
        catch (TimeoutException)
        {
            var focused = await page.EvaluateAsync<string>("() => { const a = document.activeElement; const t = a && a.closest('[data-test]'); return (t ? t.dataset.test + ': ' : '') + (a ? a.outerHTML.slice(0, 200) : 'nothing'); }");
            throw new TimeoutException($"Tab did not reach {testId}; focused: {focused}");
        }
    }
}
