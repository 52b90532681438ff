using System.Globalization;
using System.Text.Json;
using Hotline.Domain.Assessment;
using Hotline.Features.Assessment;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Issue 17 in the browser, the screens that had no test: a unit appeals an order's count from the drill-down and the centre
/// manager approves it (the unit's figure changes), someone else deciding first is said so; the manager adds a rule version
/// (the server's field message beside the field first); the month's ranking with its "样本不足" rows and the interview list
/// confirmed; third-party sampling imported from a small .xlsx with a bad row; agent performance showing the agent's orders.
/// Data is seeded through the API; the browser's clock is set to the fixture's month where a screen opens on "this month".
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class GovernanceBrowserTests(BrowserFixture browser) : ClockResetBrowserTests(browser.App)
{
    private const string Zj = "东城区住房和城乡建设局";
    private readonly WorkOrderApi _api = new(browser.App);

    [Fact]
    public async Task AUnitAppealsFromTheDrillDown_TheManagerApproves_AndTheFigureChanges()
    {
        var first = await RepliedOrderAsync("浏览器申诉测试：井盖缺失");
        var second = await RepliedOrderAsync("浏览器申诉测试：路面塌陷");
        await browser.App.Services.GetRequiredService<AssessmentFollower>().RunOnceAsync(default);

        // The unit's liaison opens its figures for March, drills down and appeals the first order's count.
        var liaison = await browser.SignedInPageAsync("liaison");
        await liaison.GotoAsync("/assessment?month=2026-03");
        var unit = await OpenUnitAsync(liaison);
        var before = long.Parse((await unit.GetByTestId("drill-on-time-completion-numerator").InnerTextAsync()).Trim(), CultureInfo.InvariantCulture);
        await unit.GetByTestId("drill-on-time-completion-numerator").ClickAsync();
        await unit.GetByTestId($"appeal-{first.Number}").ClickAsync();
        var dialog = liaison.GetByTestId("appeal-dialog");
        await Expect(dialog.GetByTestId("appeal-order")).ToHaveTextAsync(first.Number);
        await dialog.GetByTestId("appeal-reason").FillAsync("施工期间停电，无法按时办结");
        await dialog.GetByTestId("appeal-evidence").FillAsync("供电公司停电通知（2026-03-02）");
        await dialog.GetByTestId("appeal-submit").ClickAsync();
        await Expect(liaison.Message("申诉已提交")).ToBeVisibleAsync();
        await liaison.GotoAsync("/assessment/appeals"); // the drawer stays open over the menu after filing
        await Expect(Row(liaison.GetByTestId("appeals-list"), first.Number)).ToContainTextAsync("待审核");

        // A second appeal, filed through the API, is decided by a supervisor while the manager's dialog is open.
        var liaisonApi = await _api.As("liaison");
        var other = await (await liaisonApi.PostJsonAsync("/api/assessment/appeals", new { workOrderNumber = second.Number, formula = Formulas.All, reason = "重复派单", evidence = "见工单记录" }))
            .ShouldBe(System.Net.HttpStatusCode.OK);

        var manager = await browser.SignedInPageAsync("manager");
        await manager.OpenScreenAsync("assessment-appeals");
        var queue = manager.GetByTestId("appeals-list");
        await Row(queue, second.Number).Locator("[data-test^=appeal-reject-]").ClickAsync();
        var decision = manager.GetByTestId("appeal-decision");
        await decision.GetByTestId("appeal-note").FillAsync("证据不足");
        await (await (await _api.As("supervisor")).PostJsonAsync(
            $"/api/assessment/appeals/{other.GetProperty("id").GetInt64()}/decision", new { approve = true, note = "属实", version = other.GetProperty("version").GetInt64() })).ShouldBe(System.Net.HttpStatusCode.OK);
        browser.ExpectRefusal(manager, "/decision");
        await decision.GetByTestId("appeal-decide").ClickAsync();
        await Expect(decision.GetByTestId("appeal-conflict")).ToContainTextAsync("已被他人处理，请刷新");
        await decision.GetByRole(AriaRole.Button, new() { Name = "刷新" }).ClickAsync();

        await Row(queue, first.Number).Locator("[data-test^=appeal-approve-]").ClickAsync();
        await decision.GetByTestId("appeal-note").FillAsync("停电属实，予以核减");
        await decision.GetByTestId("appeal-decide").ClickAsync();
        await Expect(manager.Message("已通过申诉")).ToBeVisibleAsync();
        await browser.FinishAsync(manager);

        // The unit's figure no longer counts either order (the second appeal was for every figure), and lists the appeals that changed it.
        await liaison.GotoAsync("/assessment?month=2026-03");
        unit = await OpenUnitAsync(liaison);
        await Expect(unit.GetByTestId("drill-on-time-completion-numerator")).ToHaveTextAsync((before - 2).ToString(CultureInfo.InvariantCulture));
        await Expect(unit.GetByTestId("appeals-on-time-completion")).ToContainTextAsync(second.Number);
        await Expect(unit.GetByTestId("appeals-on-time-completion")).ToContainTextAsync(first.Number);
        await browser.FinishAsync(liaison);
    }

    [Fact]
    public async Task TheManagerAddsARuleVersion_AfterTheServerNamesTheWeightsField()
    {
        var manager = await browser.SignedInPageAsync("manager");
        await manager.OpenScreenAsync("assessment-rules");
        await Expect(manager.GetByTestId("rules-versions")).ToContainTextAsync("系统默认规则");
        await Expect(manager.GetByTestId("rules-in-force")).ToHaveCountAsync(1);

        await manager.GetByTestId("rules-new").ClickAsync();
        var dialog = manager.GetByTestId("rules-dialog");
        await NumberAsync(dialog.GetByTestId("rules-response"), 20);
        browser.ExpectRefusal(manager, "/api/assessment/rules");
        await dialog.GetByTestId("rules-save").ClickAsync();
        await Expect(dialog.GetByTestId("rules-satisfaction").Locator("xpath=ancestor::div[contains(@class,'el-form-item')][1]").Locator(".el-form-item__error")).ToBeVisibleAsync();
        await NumberAsync(dialog.GetByTestId("rules-solve"), 40);
        await NumberAsync(dialog.GetByTestId("rules-satisfaction"), 40);
        await Expect(dialog.GetByTestId("rules-sum")).ToContainTextAsync("100");
        await dialog.GetByTestId("rules-save").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        var from = await (await _api.As("manager")).GetAsync("/api/assessment/rules").ShouldBeOk();
        var added = from.EnumerateArray().First(v => v.GetProperty("rules").GetProperty("responseWeight").GetInt32() == 20);
        var row = Row(manager.GetByTestId("rules-versions"), added.GetProperty("rules").GetProperty("effectiveFrom").GetString()!);
        await Expect(row).ToContainTextAsync("20%");
        await Expect(row).ToContainTextAsync("今后");
        await browser.FinishAsync(manager);
    }

    [Fact]
    public async Task TheMonthsRanking_ShowsTooFewToRank_AndTheManagerConfirmsTheInterviewList()
    {
        // A record of inaction made in February (an ended month: the interview list is proposed for those only).
        browser.App.Time.Set(new DateTimeOffset(2026, 2, 10, 9, 0, 0, TimeSpan.FromHours(8)));
        var zj = await _api.UnitId("AL-DC-ZJ");
        await (await (await _api.As("supervisor")).PostJsonAsync("/api/supervision/misconduct", new { unitId = zj, code = "inaction", sanction = "interview", facts = "浏览器测试：多次超期不办" }))
            .ShouldBe(System.Net.HttpStatusCode.Created);
        browser.App.Time.Set(AppFixture.DefaultNow);
        _api.SignOutAll();

        var manager = await browser.SignedInPageAsync("manager");
        await manager.Clock.SetFixedTimeAsync(new DateTime(2026, 3, 10, 10, 0, 0, DateTimeKind.Local)); // the screen opens on last month: February
        await manager.OpenScreenAsync("rankings");
        await Expect(manager.GetByTestId("rankings-table").First.GetByTestId("too-few").First).ToContainTextAsync("样本不足");

        await manager.Locator("#tab-interviews").ClickAsync();
        await manager.GetByTestId("interviews-propose").ClickAsync();
        var row = Row(manager.GetByTestId("interviews"), Zj);
        await Expect(row).ToContainTextAsync("待确认");
        await row.GetByTestId("interview-confirm").ClickAsync();
        await Expect(row).ToContainTextAsync("已确认");
        await browser.FinishAsync(manager);
    }

    [Fact]
    public async Task SamplingImportsASmallXlsx_ReportsTheBadRow_AndShowsTheRatesBesideThePlatforms()
    {
        var order = await RepliedOrderAsync("浏览器抽样测试：供暖不热");
        await _api.Ok("dispatcher", order.Id, "accept-reply");
        await _api.Ok("callback", order.Id, "callback", new { method = "phone", reached = true, processRating = "satisfied", resultRating = "satisfied", comment = "回访" });
        browser.App.Time.Set(AppFixture.DefaultNow.AddHours(8));

        var manager = await browser.SignedInPageAsync("manager");
        await manager.Clock.SetFixedTimeAsync(new DateTime(2026, 3, 2, 18, 0, 0, DateTimeKind.Local));
        await manager.OpenScreenAsync("sampling");
        // The workbook is handed over as bytes: a file deleted right after it is chosen may be gone before the browser reads
        // it for the upload (the page then shows a network error).
        using var workbook = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(workbook, new[]
        {
            new[] { order.Number, "2026-03-02 15:00", "满意", "基本满意", "", "某某调查公司" },
            new[] { "NO-SUCH-ORDER", "2026-03-02 15:00", "满意", "满意", "", "某某调查公司" },
        }.Select(r => ThirdPartySampling.Columns.Select((c, i) => (c, r[i])).ToDictionary(x => x.c, x => (object?)x.Item2)).ToList());
        await manager.GetByTestId("sampling-file").SetInputFilesAsync(new FilePayload
        {
            Name = "抽样结果.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = workbook.ToArray(),
        });

        await Expect(manager.GetByTestId("sampling-rejects")).ToContainTextAsync("NO-SUCH-ORDER");
        await Expect(manager.GetByTestId("sampling-rejects")).ToContainTextAsync("3");
        var rates = Row(manager.GetByTestId("sampling-rates"), Zj);
        await Expect(rates).ToContainTextAsync("%");
        await Expect(manager.GetByTestId("sampling-batches")).ToContainTextAsync(".xlsx");
        await browser.FinishAsync(manager);
    }

    [Fact]
    public async Task AgentPerformance_ShowsTheAgentsRegisteredOrders()
    {
        await _api.RegisterId(WorkOrderApi.Order(subject: "浏览器坐席测试：咨询公积金"));
        var report = await (await _api.As("manager")).GetAsync("/api/assessment/agents?from=2026-03-01&to=2026-03-02").ShouldBeOk();
        var agent = report.GetProperty("rows").EnumerateArray().OrderByDescending(r => r.GetProperty("registered").GetInt32()).First();

        var manager = await browser.SignedInPageAsync("manager");
        await manager.Clock.SetFixedTimeAsync(new DateTime(2026, 3, 2, 18, 0, 0, DateTimeKind.Local));
        await manager.OpenScreenAsync("agent-performance");
        var row = Row(manager.GetByTestId("agents-table"), agent.GetProperty("name").GetString()!);
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync(agent.GetProperty("registered").GetInt32().ToString(CultureInfo.InvariantCulture));
        await browser.FinishAsync(manager);
    }

    private async Task<(long Id, string Number)> RepliedOrderAsync(string subject)
    {
        var id = await _api.Dispatched(WorkOrderApi.Order(subject: subject, phone: "13966665555"));
        await _api.Ok("handler", id, "sign");
        await _api.Ok("handler", id, "reply", new { result = "已处理完毕", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        return (id, (await _api.Get("handler", id)).GetProperty("number").GetString()!);
    }

    private static async Task<ILocator> OpenUnitAsync(IPage page)
    {
        await Row(page.GetByTestId("assessment-units"), Zj).First.ClickAsync();
        var unit = page.GetByTestId("assessment-unit");
        await Expect(unit.GetByTestId("formula-on-time-completion")).ToBeVisibleAsync();
        return unit;
    }

    private static ILocator Row(ILocator table, string text) => table.Locator("tbody tr").Filter(new LocatorFilterOptions { HasText = text });

    private static async Task NumberAsync(ILocator inputNumber, int value)
    {
        var input = inputNumber.Locator("input");
        await input.FillAsync(value.ToString(CultureInfo.InvariantCulture));
        await input.BlurAsync();
    }
}
