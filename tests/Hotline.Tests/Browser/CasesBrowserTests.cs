using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Issue 15 in the browser: a hard case goes up two levels (dispatcher → team leader → site manager) and the site
/// manager dispatches it; a unit's responsibility dispute is decided by the organisation office and the order moves.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class CasesBrowserTests(BrowserFixture browser) : ClockResetBrowserTests(browser.App)
{
    private readonly WorkOrderApi _api = new(browser.App);

    [Fact]
    public async Task HardCase_GoesUpTwoLevels_AndTheSiteManagerDispatchesIt()
    {
        const string subject = "跨区河道漂浮物长期无人清理";
        var id = await _api.RegisterId(WorkOrderApi.Order(subject: subject, phone: "13955556666"));

        var dispatcher = await browser.SignedInPageAsync("dispatcher");
        await dispatcher.OpenScreenAsync("dispatch");
        await dispatcher.SelectOrderAsync(subject);
        var up = await dispatcher.StartActionAsync("escalate-hard-case");
        await up.FillAsync("reason", "河道跨东城、西城两区，职责不清");
        await up.SubmitAsync();
        await Expect(dispatcher.Message("已上报疑难工单")).ToBeVisibleAsync();

        var teamLeader = await browser.SignedInPageAsync("teamlead");
        await teamLeader.OpenScreenAsync("hard-cases");
        await teamLeader.SelectOrderAsync(subject);
        var higher = await teamLeader.StartActionAsync("escalate-hard-case");
        await higher.FillAsync("reason", "需现场负责人协调两区城管");
        await higher.SubmitAsync();
        await Expect(teamLeader.Message("已上报疑难工单")).ToBeVisibleAsync();

        var siteManager = await browser.SignedInPageAsync("sitemanager");
        await siteManager.OpenScreenAsync("hard-cases");
        await siteManager.SelectOrderAsync(subject);
        await Expect(siteManager.GetByTestId("actions").GetByTestId("action-escalate-hard-case")).ToHaveCountAsync(0);
        var dispatch = await siteManager.StartActionAsync("dispatch-hard-case");
        await siteManager.ChooseInTreeAsync(dispatch.GetByTestId("input-leadUnitId"), "东城区城市管理局");
        await dispatch.FillAsync("note", "上游段由东城区城管局牵头清理");
        await dispatch.SubmitAsync();
        await Expect(siteManager.Message("疑难工单已派出")).ToBeVisibleAsync();

        await siteManager.GotoAsync($"/work-orders/{id}");
        await Expect(siteManager.GetByTestId("lead-unit")).ToHaveTextAsync("东城区城市管理局");
        var timeline = siteManager.GetByTestId("timeline");
        await Expect(timeline).ToContainTextAsync("疑难工单上报至班长");
        await Expect(timeline).ToContainTextAsync("疑难工单上报至现场负责人");
        await Expect(timeline).ToContainTextAsync("疑难工单派至东城区城市管理局");
        await Expect(siteManager.GetByTestId("cases")).ToContainTextAsync("需现场负责人协调两区城管");
        foreach (var page in new[] { dispatcher, teamLeader, siteManager })
        {
            await browser.FinishAsync(page);
        }
    }

    [Fact]
    public async Task Arbitration_AfterRejectedReturn_BindsAndRedispatches()
    {
        const string subject = "小区内违建查处职责争议";
        var id = await _api.Dispatched(WorkOrderApi.Order(subject: subject, phone: "13966667777"));
        await _api.Ok("handler", id, "sign");
        await _api.Ok("handler", id, "return", new { reason = "违建查处属城管职责", basis = "城市管理综合执法事项目录", suggestedUnitId = await _api.UnitId("AL-XC-CG") });
        await _api.Ok("dispatcher", id, "reject-return", new { reason = "物业管理范围内，住建局牵头" });

        var handler = await browser.SignedInPageAsync("handler");
        await handler.OpenScreenAsync("inbox");
        await handler.OpenTabAsync("inProgress");
        await handler.SelectOrderAsync(subject);
        var dispute = await handler.StartActionAsync("request-arbitration");
        await dispute.FillAsync("reason", "执法事项目录明确违建查处由城管部门负责");
        await dispute.SubmitAsync();
        await Expect(handler.Message("已提请编办确认职责")).ToBeVisibleAsync();

        var office = await browser.SignedInPageAsync("bianban");
        await office.OpenScreenAsync("arbitration");
        await office.SelectOrderAsync(subject);
        var decide = await office.StartActionAsync("decide-arbitration");
        await office.ChooseInTreeAsync(decide.GetByTestId("input-unitId"), "西城区城市管理局");
        await decide.FillAsync("decision", "依据执法事项目录，由西城区城市管理局负责查处");
        await decide.SubmitAsync();
        await Expect(office.Message("职责已确认")).ToBeVisibleAsync();

        var west = await browser.SignedInPageAsync("handler2");
        await west.OpenScreenAsync("inbox");
        await west.SelectOrderAsync(subject);
        await Expect(west.GetByTestId("lead-unit")).ToHaveTextAsync("西城区城市管理局");
        var timeline = west.GetByTestId("timeline");
        await Expect(timeline).ToContainTextAsync("东城区住房和城乡建设局提请职责争议裁定");
        await Expect(timeline).ToContainTextAsync("编办职责确认：由西城区城市管理局办理");
        await Expect(west.GetByTestId("cases")).ToContainTextAsync("编办确认由西城区城市管理局办理");
        foreach (var page in new[] { handler, office, west })
        {
            await browser.FinishAsync(page);
        }
    }
}
