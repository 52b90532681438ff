using Hotline.Features.Assessment;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>Issue 17 in the browser: a leader reads a unit's score with each figure's formula and drills down to the orders behind it.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class AssessmentBrowserTests(BrowserFixture browser) : ClockResetBrowserTests(browser.App)
{
    private readonly WorkOrderApi _api = new(browser.App);

    [Fact]
    public async Task ALeader_ReadsAUnitsScoreWithItsFormulas_AndDrillsDownToTheOrders()
    {
        const string subject = "浏览器考核测试：路灯不亮";
        var id = await _api.Dispatched(WorkOrderApi.Order(subject: subject, phone: "13977778888"));
        await _api.Ok("handler", id, "sign");
        await _api.Ok("handler", id, "reply", new { result = "已修复路灯", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        await browser.App.Services.GetRequiredService<AssessmentFollower>().RunOnceAsync(default);

        var leader = await browser.SignedInPageAsync("leader");
        await leader.GetByTestId("nav-group-assessment").Locator(".el-sub-menu__title").ClickAsync();
        await Expect(leader.GetByTestId("nav-assessment")).ToBeVisibleAsync();
        await leader.GotoAsync("/assessment?month=2026-03");
        var units = leader.GetByTestId("assessment-units");
        await units.Locator("tr").Filter(new LocatorFilterOptions { HasText = "东城区住房和城乡建设局" }).First.ClickAsync();
        var unit = leader.GetByTestId("assessment-unit");
        await Expect(unit.GetByTestId("formula-on-time-completion")).ToContainTextAsync("本单位按时限答复的工单数");
        await Expect(unit.GetByTestId("formula-on-time-completion")).ToContainTextAsync("按工单登记日");
        await unit.GetByTestId("drill-on-time-completion-numerator").ClickAsync();
        var orders = unit.GetByTestId("assessment-orders");
        await Expect(orders).ToContainTextAsync(subject);
        await browser.FinishAsync(leader);
    }
}
