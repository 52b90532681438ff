using System.Net;
using Hotline.Features.Intake;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.SmartDispatch;
using Hotline.Tests.WorkOrders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Smart dispatch in the workbench (issue 6): a manager trains the routing model, the agent sees suggestions and a
/// repeat as the call is typed, the dispatcher finds the suggestion preselected; repeats linked and merged on an
/// order's page; hot spots ranked, opened and warned about; early warnings acknowledged, and a refusal explained.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class SmartDispatchBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly SemaphoreSlim Planting = new(1, 1);
    private static readonly HashSet<AppFixture> Planted = [];
    private readonly WorkOrderApi _api = new(browser.App);

    private static DateTimeOffset Now => AppFixture.DefaultNow;

    public async Task InitializeAsync()
    {
        browser.App.Time.Set(Now);
        await Planting.WaitAsync();
        try
        {
            // Closed orders from the shipped routing fixture, registered two months ago (outside the hot-spot and
            // repeat windows): what the routing model learns from.
            if (Planted.Add(browser.App))
            {
                await new PlantedOrders(browser.App).PlantAsync(PlantedOrders.ClosedFromFixture().Select(o => o with { RegisteredAt = Now.AddDays(-60) }));
            }
        }
        finally
        {
            Planting.Release();
        }
    }

    public Task DisposeAsync()
    {
        _api.SignOutAll();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ManagerTrainsTheModel_AgentSeesSuggestionsAndLinksARepeat_DispatcherFindsTheSuggestionPreselected()
    {
        const string subject = "明珠小区5栋电梯又坏了";
        var earlier = await _api.Register(new
        {
            channel = "phone",
            requestType = "complaint",
            categoryCode = "010101",
            urgency = "normal",
            caller = new { name = "周敏", phone = "13866665555", isAnonymous = false, isConfidential = false },
            location = new { regionCode = "990102001001", street = "东华街道", address = "明珠小区5栋" },
            subject = "明珠小区5栋电梯频繁故障",
            events = "明珠小区5栋电梯这周坏了三次，物业修了又坏，老人被困过一次。",
            demand = "请督促物业彻底检修电梯。",
            outcome = new { kind = "dispatch" },
        });
        var earlierNumber = earlier.GetProperty("number").GetString()!;
        await FollowRepeatsAsync();

        // The centre manager trains the routing model from the closed orders, on the model versions page.
        var manager = await browser.SignedInPageAsync("manager");
        await manager.OpenScreenAsync("routing-models");
        await Expect(manager.GetByTestId("models-training")).ToContainTextAsync("至少 30 件");
        await manager.GetByTestId("models-train").ClickAsync();
        await manager.Locator(".el-message-box__btns .el-button--primary").ClickAsync();
        await Expect(manager.GetByTestId("model-active-unit")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(manager.GetByTestId("model-active-category")).ToBeVisibleAsync();
        await Expect(manager.GetByTestId("models-loaded")).ToContainTextAsync("承办单位模型 v");
        await BrowserFixture.ScreenshotAsync(manager, "60-routing-models");
        await browser.FinishAsync(manager);

        // The agent takes a call from the same caller: suggestions and the earlier order appear as the call is typed.
        var agent = await browser.SignedInPageAsync("agent");
        await agent.OpenScreenAsync("intake");
        await agent.GetByTestId("intake-phone").FillAsync("13866665555");
        await agent.GetByTestId("request-type-complaint").ClickAsync();
        await agent.ChooseInTreeAsync(agent.GetByTestId("intake-region"), "东华街道");
        await agent.GetByTestId("intake-subject").FillAsync(subject);
        await agent.GetByTestId("intake-events").FillAsync("明珠小区5栋电梯这周又坏了，物业修了几次还是坏，老人被困在电梯里。");
        await agent.GetByTestId("intake-demand").FillAsync("请督促物业尽快修好电梯。");

        var routing = agent.GetByTestId("routing-suggestions");
        await Expect(routing.GetByTestId("routing-model")).ToContainTextAsync("模型 v", new() { Timeout = 15_000 });
        await Expect(routing.GetByTestId("routing-category-1")).ToContainTextAsync("物业服务质量");
        await routing.GetByTestId("routing-category-1").ClickAsync();
        await Expect(agent.GetByTestId("intake-category")).ToContainTextAsync("物业服务质量");
        // With the category, the catalogue's unit joins the model's: it leads, preselected, and the agent may pick another.
        await Expect(routing.GetByTestId("routing-unit-1")).ToContainTextAsync("东城区住房和城乡建设局");
        await Expect(routing.GetByTestId("routing-unit-1")).ToContainTextAsync("派单目录");
        await Expect(routing.GetByTestId("routing-unit-1").GetByTestId("routing-picked")).ToBeVisibleAsync();
        await routing.GetByTestId("routing-pick-2").ClickAsync();
        await Expect(routing.GetByTestId("routing-unit-2").GetByTestId("routing-picked")).ToBeVisibleAsync();
        await routing.GetByTestId("routing-unit-1").ClickAsync();
        await Expect(routing.GetByTestId("routing-unit-1").GetByTestId("routing-picked")).ToBeVisibleAsync();

        var repeats = agent.GetByTestId("repeat-candidates");
        var candidate = repeats.GetByTestId($"repeat-{earlierNumber}");
        await Expect(candidate).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(candidate.GetByTestId("repeat-reason-same-caller")).ToHaveTextAsync("同一来电人");
        await Expect(candidate.GetByTestId("repeat-why-caller")).ToHaveTextAsync("同一来电号码");
        await Expect(candidate).ToContainTextAsync("138****5555");
        await candidate.GetByTestId($"repeat-mark-{earlierNumber}").ClickAsync();
        await Expect(repeats.GetByTestId("repeats-will-link")).ToContainTextAsync(earlierNumber);
        await BrowserFixture.ScreenshotAsync(agent, "61-intake-suggestions-and-repeats");

        await agent.GetByTestId("intake-demand").PressAsync("Control+Enter");
        await Expect(agent.Message($"已关联为工单 {earlierNumber} 的重复件")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var link = agent.GetByTestId("intake-registered").Locator("a").First;
        var id = await link.OrderIdOfLinkAsync();
        await link.ClickAsync();
        await Expect(agent.GetByTestId("work-order-subject")).ToHaveTextAsync(subject);
        await Expect(agent.GetByTestId("work-order")).ToContainTextAsync($"关联为工单 {earlierNumber} 的重复件", new() { Timeout = 15_000 });
        Assert.Equal(earlier.GetProperty("id").GetInt64(), (await _api.Get("agent", id)).GetProperty("repeatOfId").GetInt64());
        await browser.FinishAsync(agent);

        // The dispatcher opens the dispatch dialog: the first suggestion is preselected; the dispatcher confirms it.
        var dispatcher = await browser.SignedInPageAsync("dispatcher");
        await dispatcher.OpenScreenAsync("dispatch");
        await dispatcher.SelectOrderAsync(subject);
        var dispatch = await dispatcher.StartActionAsync("dispatch");
        var suggested = dispatch.GetByTestId("routing-suggestions");
        await Expect(suggested.GetByTestId("routing-unit-1")).ToContainTextAsync("东城区住房和城乡建设局", new() { Timeout = 15_000 });
        await Expect(suggested.GetByTestId("routing-unit-1").GetByTestId("routing-picked")).ToBeVisibleAsync();
        await Expect(dispatch.GetByTestId("input-leadUnitId")).ToContainTextAsync("东城区住房和城乡建设局");
        await BrowserFixture.ScreenshotAsync(dispatcher, "62-dispatch-dialog-suggestions");
        await dispatch.SubmitAsync();
        await Expect(dispatcher.Message("已派单")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.Equal("东城区住房和城乡建设局", (await _api.Get("dispatcher", id)).GetProperty("leadUnit").GetProperty("name").GetString());
        await browser.FinishAsync(dispatcher);
    }

    [Fact]
    public async Task OnAnOrdersPage_ARepeatByAnotherCaller_IsMergedIntoTheEarlierOrder_AfterConfirmation()
    {
        const string text = "青山村村口的垃圾堆放了十多天没人清运，天气转暖后臭味很大，苍蝇很多";
        object Order(string phone, string subject) => new
        {
            channel = "phone",
            requestType = "complaint",
            categoryCode = "090301",
            urgency = "normal",
            caller = new { name = "村民", phone, isAnonymous = false, isConfidential = false },
            location = new { regionCode = "990121100201", street = "青山镇", address = "青山村村口" },
            subject,
            events = text,
            demand = "请尽快清运垃圾。",
            outcome = new { kind = "dispatch" },
        };
        var earlier = await _api.Register(Order("13855550001", "青山村垃圾无人清运"));
        var earlierNumber = earlier.GetProperty("number").GetString()!;
        var newer = await _api.RegisterId(Order("13855550002", "青山村村口垃圾堆积"));
        await FollowRepeatsAsync();

        var dispatcher = await browser.SignedInPageAsync("dispatcher");
        await dispatcher.GotoAsync($"/work-orders/{newer}");
        var candidate = dispatcher.GetByTestId("repeat-candidates").GetByTestId($"repeat-{earlierNumber}");
        await Expect(candidate.GetByTestId("repeat-reason-similar-text")).ToHaveTextAsync("内容相近", new() { Timeout = 15_000 });
        await Expect(candidate.GetByTestId("repeat-score")).ToContainTextAsync("%");
        await Expect(candidate.GetByTestId("repeat-why-terms")).ToContainTextAsync("共同词语");
        await Expect(candidate.GetByTestId("repeat-why-place")).ToHaveTextAsync("同一街道");
        await Expect(candidate.GetByTestId($"repeat-link-{earlierNumber}")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(dispatcher, "63-work-order-repeat-candidates");

        // A second thought: the confirmation is cancelled and nothing changes; then merged for real.
        await candidate.GetByTestId($"repeat-merge-{earlierNumber}").ClickAsync();
        await Expect(dispatcher.Locator(".el-message-box")).ToContainTextAsync($"把本工单并入工单 {earlierNumber}？");
        await dispatcher.Locator(".el-message-box__btns .el-button").First.ClickAsync();
        Assert.Equal("awaitingDispatch", (await _api.Get("dispatcher", newer)).GetProperty("status").GetString());
        await candidate.GetByTestId($"repeat-merge-{earlierNumber}").ClickAsync();
        await dispatcher.Locator(".el-message-box__btns .el-button--primary").ClickAsync();
        await Expect(dispatcher.Message($"已并入工单 {earlierNumber}")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(dispatcher.GetByTestId("work-order")).ToContainTextAsync($"合并至工单 {earlierNumber}");
        var merged = await _api.Get("dispatcher", newer);
        Assert.Equal(earlier.GetProperty("id").GetInt64(), merged.GetProperty("mergedIntoId").GetInt64());
        Assert.Equal("closed", merged.GetProperty("status").GetString());
        await browser.FinishAsync(dispatcher);
    }

    [Fact]
    public async Task HotSpots_AreRankedAndOpened_EarlyWarningsAcknowledged_AndARefusalIsExplained()
    {
        string[] lights =
        [
            "江南街道滨河路路灯一整排都不亮，晚上漆黑一片，行人走路很危险",
            "滨河路路灯坏了好几天，晚上没有照明，江南街道这一段很黑",
            "江南街道滨河路的路灯晚上不亮，老人晚上散步摔倒了",
            "反映滨河路路灯不亮的问题，江南街道这段路晚上一片漆黑",
            "滨河路路灯不亮已经一周，江南街道一直没人来修路灯",
            "江南街道滨河路路灯全部熄灭，晚上骑车看不清路",
            "滨河路晚上路灯不亮，江南街道附近居民出行不便",
            "江南街道滨河路路灯不亮，希望尽快维修路灯",
            "滨河路一段路灯晚上都不亮，江南街道的孩子放学回家很害怕",
            "江南街道滨河路路灯坏了，晚上很黑，请尽快修复路灯",
            "滨河路的路灯连续多天不亮，江南街道晚上漆黑",
            "江南街道滨河路路灯晚上全不亮，存在安全隐患",
        ];
        string[] water =
        [
            "青山镇自来水发黄浑浊，烧开后有沉淀，不敢喝",
            "青山镇今天的自来水很浑浊，颜色发黄，有异味",
            "青山镇自来水发黄已经两天，水龙头放了很久还是浑浊",
            "反映青山镇自来水浑浊发黄，洗衣服都染黄了",
            "青山镇居民家中自来水发黄浑浊，请检测水质",
            "青山镇自来水浑浊发黄有铁锈味，担心水质安全",
        ];
        var planted = lights.Select((t, i) => new PlantedOrder("路灯不亮", t, "090301", "990103002", $"1362000{i:D4}", Now.AddHours(-2 - (i * 4))))
            .Concat(water.Select((t, i) => new PlantedOrder("自来水浑浊", t, "080101", "990121100", $"1363000{i:D4}", Now.AddHours(-1 - (i * 6)))))
            .OrderBy(o => o.RegisteredAt);
        await new PlantedOrders(browser.App).PlantAsync(planted);

        // A dispatcher may look but not run the analysis; supervisors may (issue 14); the centre manager runs it now.
        var dispatcher = await browser.SignedInPageAsync("dispatcher");
        await dispatcher.OpenScreenAsync("hot-spots");
        await Expect(dispatcher.GetByTestId("hot-spots")).ToBeVisibleAsync();
        await Expect(dispatcher.GetByTestId("hot-spots-run")).ToHaveCountAsync(0);
        await browser.FinishAsync(dispatcher);
        var supervisor = await browser.SignedInPageAsync("supervisor");
        browser.ExpectRefusal(supervisor, "/acknowledge"); // a warning someone else acknowledged, on purpose
        await supervisor.OpenScreenAsync("hot-spots");
        await Expect(supervisor.GetByTestId("hot-spots-run")).ToBeVisibleAsync();
        var manager = await browser.SignedInPageAsync("manager");
        await manager.OpenScreenAsync("hot-spots");
        await manager.GetByTestId("hot-spots-run").ClickAsync();
        await Expect(manager.Message("分析完成")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(manager.GetByTestId("hot-spots-run-info")).ToBeVisibleAsync();
        await browser.FinishAsync(manager);

        await supervisor.ReloadAsync();
        var row = supervisor.GetByTestId("hot-spots").Locator("tr").Filter(new() { HasText = "江南街道办事处" });
        await Expect(row).ToContainTextAsync("新发", new() { Timeout = 15_000 });
        await Expect(row).ToContainTextAsync("路灯");
        await Expect(row).ToContainTextAsync("新出现");
        await Expect(supervisor.GetByTestId("hot-spot-chart")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(supervisor, "64-hot-spots");

        // The two lists and the period picker: the street lights of one road are no common problem; the month has no run yet.
        var lists = supervisor.GetByTestId("hot-spots-lists");
        await lists.GetByText("高频共性问题").ClickAsync();
        await Expect(supervisor.GetByTestId("hot-spots").Locator("tbody tr").Filter(new() { HasText = "路灯" })).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await supervisor.GetByTestId("hot-spots-period-month").ClickAsync();
        await Expect(supervisor.GetByTestId("hot-spots-no-run")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        // The year, run by the supervisor: the centre's orders begin two months ago, so the previous year is not compared —
        // the page says so, and nothing is marked new (the week above, whose previous week they cover, was).
        await supervisor.GetByTestId("hot-spots-period-year").ClickAsync();
        await lists.GetByText("事件热点").ClickAsync();
        await supervisor.GetByTestId("hot-spots-run").ClickAsync();
        await Expect(supervisor.Message("分析完成")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(supervisor.GetByTestId("hot-spots-not-compared")).ToContainTextAsync("不与上一周期比较", new() { Timeout = 15_000 });
        await Expect(row).ToContainTextAsync("路灯", new() { Timeout = 15_000 });
        await Expect(supervisor.GetByTestId("hot-spots").Locator("tbody tr").Filter(new() { HasText = "新发" })).ToHaveCountAsync(0);
        await Expect(supervisor.GetByTestId("hot-spots").Locator("tbody tr").Filter(new() { HasText = "新出现" })).ToHaveCountAsync(0);
        await supervisor.GetByTestId("hot-spots-period-week").ClickAsync();
        await Expect(supervisor.GetByTestId("hot-spots-not-compared")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await lists.GetByText("事件热点").ClickAsync();
        await Expect(row).ToContainTextAsync("路灯", new() { Timeout = 15_000 });
        await row.GetByText("江南街道办事处").ClickAsync();
        var members = supervisor.GetByTestId("hot-spot-members");
        await Expect(members.Locator("tbody tr")).ToHaveCountAsync(lights.Length, new() { Timeout = 15_000 });
        await Expect(members).ToContainTextAsync("路灯不亮");
        await BrowserFixture.ScreenshotAsync(supervisor, "65-hot-spot-members");
        await members.Locator("tbody tr a").First.ClickAsync();
        await Expect(supervisor.GetByTestId("work-order-subject")).ToHaveTextAsync("路灯不亮");

        // Early warnings: the street-light hot spot and the water emerging issue; the supervisor acknowledges one.
        await supervisor.OpenScreenAsync("early-warnings");
        var warnings = supervisor.GetByTestId("warnings");
        var lightWarning = warnings.Locator("tbody tr").Filter(new() { HasText = "江南街道办事处" });
        var waterWarning = warnings.Locator("tbody tr").Filter(new() { HasText = "青山镇人民政府" });
        await Expect(lightWarning).ToContainTextAsync("热点问题", new() { Timeout = 15_000 });
        await Expect(waterWarning).ToContainTextAsync("新发问题");
        await Expect(waterWarning).ToContainTextAsync("安澜市自来水有限公司");
        await BrowserFixture.ScreenshotAsync(supervisor, "66-early-warnings");
        await lightWarning.GetByRole(AriaRole.Button, new() { Name = "确认" }).ClickAsync();
        await Expect(supervisor.Message("已确认预警")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(lightWarning).ToHaveCountAsync(0);

        // Meanwhile the water company acknowledged the water warning: the supervisor's click is refused, and says why.
        var list = await (await _api.As("water")).GetAsync("/api/early-warnings").ShouldBeOk();
        var id = list.EnumerateArray().Single(w => w.GetProperty("regionCode").GetString() == "990121100").GetProperty("id").GetInt64();
        await (await (await _api.As("water")).PostJsonAsync($"/api/early-warnings/{id}/acknowledge", new { })).ShouldBe(HttpStatusCode.OK);
        await waterWarning.GetByRole(AriaRole.Button, new() { Name = "确认" }).ClickAsync();
        await Expect(supervisor.GetByTestId("warnings-error")).ToContainTextAsync("该预警已由许晴", new() { Timeout = 15_000 });
        await supervisor.GetByTestId("warnings-status-acknowledged").ClickAsync();
        await Expect(warnings.Locator("tbody tr").Filter(new() { HasText = "青山镇人民政府" })).ToContainTextAsync("许晴（安澜市自来水有限公司）");
        await browser.FinishAsync(supervisor);

        // The water company's handler sees the warning routed to it; the supervisor's acceptance report opens.
        var unit = await browser.SignedInPageAsync("water");
        await unit.OpenScreenAsync("early-warnings");
        await unit.GetByTestId("warnings-status-acknowledged").ClickAsync();
        await Expect(unit.GetByTestId("warnings").Locator("tbody tr").Filter(new() { HasText = "青山镇人民政府" })).ToBeVisibleAsync();
        await Expect(unit.GetByTestId("nav-hot-spots")).ToHaveCountAsync(0);

        // The warning asked the water company to complete the knowledge base (S10): the reminder in its bell opens a new
        // answer wording titled by the first keyword, with its keywords filled in.
        var asked = (await (await _api.As("water")).GetAsync("/api/notifications").ShouldBeOk()).GetProperty("items").EnumerateArray()
            .Single(n => n.GetProperty("kind").GetString() == "knowledgeForIssue" && n.GetProperty("facts").GetProperty("place").GetString() == "青山镇人民政府");
        var terms = asked.GetProperty("facts").GetProperty("terms").GetString()!.Split('、');
        await unit.GetByTestId("notification-bell").ClickAsync();
        var ask = unit.GetByTestId("notification-list").GetByTestId("notification-knowledgeForIssue").Filter(new() { HasText = "青山镇人民政府" });
        await Expect(ask).ToContainTextAsync("请补充或更新知识库答复口径");
        await ask.GetByTestId("notification-knowledge").ClickAsync();
        await Expect(unit).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/knowledge/articles/new"));
        await Expect(unit.GetByTestId("article-title-input")).ToHaveValueAsync($"{terms[0]}问题答复口径");
        await Expect(unit.GetByTestId("article-keywords")).ToContainTextAsync(terms[^1]);
        await BrowserFixture.ScreenshotAsync(unit, "66b-knowledge-for-issue");
        await browser.FinishAsync(unit);

        var leader = await browser.SignedInPageAsync("leader");
        await leader.OpenScreenAsync("routing-acceptance");
        await Expect(leader.GetByTestId("acceptance-total")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(leader.GetByTestId("acceptance-weeks")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(leader, "67-routing-acceptance");
        await browser.FinishAsync(leader);
    }

    /// <summary>The repeat index follows the timeline once a second; the tests catch it up at once.</summary>
    private async Task FollowRepeatsAsync()
    {
        var index = browser.App.Services.GetRequiredService<RepeatCandidateIndex>();
        for (var i = 0; i < 200 && index.Status.Warming; i++)
        {
            await Task.Delay(50);
        }

        await index.FollowAsync(default);
    }
}
