using Hotline.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Issue 14, suggestions at intake: adopting a knowledge answer never changes the outcome without the agent's confirmed
/// choice (item 2); the hotline's framing words do not choose the knowledge suggested (item 10); construction noise in
/// 东城区 proposes 东城区住建局 first (item 11).
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class IntakeSuggestionBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string NoiseArticle = "夜间施工噪音扰民答复口径";
    private const string NoiseEvents = "来电人反映小区旁工地每天夜间施工到凌晨，噪音扰民，要求相关部门处理。";

    public Task InitializeAsync()
    {
        browser.App.Time.Set(AppFixture.DefaultNow);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AdoptingAnAnswer_OnAComplaint_AsksFirst_KeepsTheOutcomeWhenDeclined_AndShowsTheChangeWithAWayBack()
    {
        var agent = await browser.SignedInPageAsync("agent");
        await agent.OpenScreenAsync("intake");
        await agent.GetByTestId("intake-phone").FillAsync("13877776666");
        await agent.GetByTestId("request-type-complaint").ClickAsync();
        await agent.GetByTestId("intake-events").FillAsync(NoiseEvents);
        var register = agent.GetByTestId("intake-register");
        var dispatchLabel = await register.InnerTextAsync();
        var suggestion = agent.GetByTestId("knowledge-panel").Locator("li").Filter(new LocatorFilterOptions { HasText = NoiseArticle });
        var adopt = suggestion.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "采用此答复" });

        // Declined: the outcome stays 转办派单, nothing is filled in.
        await adopt.ClickAsync();
        var box = agent.Locator(".el-message-box");
        await Expect(box).ToContainTextAsync("这是一件投诉");
        await Expect(box).ToContainTextAsync("从“转办派单”改为“直接答复”");
        await BrowserFixture.ScreenshotAsync(agent, "i14-adopt-confirm");
        await box.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "保持“转办派单”" }).ClickAsync();
        await Expect(box).ToBeHiddenAsync();
        await Expect(agent.GetByTestId("outcome-dispatch").Locator("input")).ToBeCheckedAsync();
        await Expect(agent.GetByTestId("intake-answer")).ToHaveCountAsync(0);
        await Expect(agent.GetByTestId("intake-outcome-changed")).ToHaveCountAsync(0);
        await Expect(register).ToHaveTextAsync(dispatchLabel);

        // Confirmed: the change stands in the outcome area until undone.
        await adopt.ClickAsync();
        await box.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "改为直接答复" }).ClickAsync();
        var changed = agent.GetByTestId("intake-outcome-changed");
        await Expect(changed).ToContainTextAsync($"因采用《{NoiseArticle}》从“转办派单”改为“直接答复”");
        await Expect(agent.GetByTestId("outcome-answerDirectly").Locator("input")).ToBeCheckedAsync();
        await Expect(agent.GetByTestId("intake-answer")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("夜间施工"));
        await Expect(register).ToContainTextAsync("办结");
        await BrowserFixture.ScreenshotAsync(agent, "i14-adopt-changed");

        await agent.GetByTestId("intake-outcome-undo").ClickAsync();
        await Expect(agent.GetByTestId("outcome-dispatch").Locator("input")).ToBeCheckedAsync();
        await Expect(changed).ToHaveCountAsync(0);
        await Expect(register).ToHaveTextAsync(dispatchLabel);

        // Already a direct answer: adopting just fills the answer, no question asked.
        await agent.GetByTestId("outcome-answerDirectly").ClickAsync();
        await adopt.ClickAsync();
        await Expect(agent.GetByTestId("intake-answer")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("夜间施工"));
        await Expect(box).ToHaveCountAsync(0);
        await Expect(agent.GetByTestId("intake-outcome-changed")).ToHaveCountAsync(0);
        await browser.FinishAsync(agent);
    }

    [Fact]
    public async Task ANoiseComplaint_InTheHotlinesWords_SuggestsNoiseWording_NotConfidentialityProgressOrLitigation()
    {
        var agent = await browser.SignedInPageAsync("agent");
        await agent.OpenScreenAsync("intake");
        await agent.GetByTestId("intake-events").FillAsync(NoiseEvents);

        var panel = agent.GetByTestId("knowledge-panel");
        await Expect(panel.Locator("li").First).ToContainTextAsync(NoiseArticle);
        await Expect(panel).Not.ToContainTextAsync("来电人要求保密的处理口径");
        await Expect(panel).Not.ToContainTextAsync("工单办理进度查询答复口径");
        await Expect(panel).Not.ToContainTextAsync("涉法涉诉");
        await Expect(panel.Locator("mark").Filter(new LocatorFilterOptions { HasText = "来电" })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(agent, "i14-knowledge-noise");
        await browser.FinishAsync(agent);
    }

    [Fact]
    public async Task ConstructionNoiseInDongcheng_ProposesDongchengsHousingBureauFirst()
    {
        // The rule ranks the catalogue's suggestions, those given while no routing model is active (other browser tests
        // of this server train and activate one): none is, for this test.
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Hotline.Infrastructure.Data.HotlineDbContext>();
            foreach (var model in db.Set<Hotline.Domain.Routing.RouterModel>().Where(m => m.IsActive).ToList())
            {
                model.Deactivate();
            }

            await db.SaveChangesAsync();
        }

        await browser.App.Services.GetRequiredService<Hotline.Features.Dispatch.Routing.RouterModelRegistry>().RefreshAsync(default, reload: true);
        var agent = await browser.SignedInPageAsync("agent");
        await agent.OpenScreenAsync("intake");
        await agent.ChooseInTreeAsync(agent.GetByTestId("intake-category"), "施工扰民");
        await agent.ChooseInTreeAsync(agent.GetByTestId("intake-region"), "东华街道");
        await agent.GetByTestId("intake-subject").FillAsync("工地夜间施工噪音扰民");
        await agent.GetByTestId("intake-events").FillAsync("工地每天夜间施工到凌晨两点。");

        var routing = agent.GetByTestId("routing-suggestions");
        await Expect(routing.GetByTestId("routing-unit-1")).ToContainTextAsync("东城区住房和城乡建设局");
        await Expect(routing.GetByTestId("routing-unit-1")).ToContainTextAsync("属地对口部门");
        await Expect(routing.GetByTestId("routing-unit-2")).ToContainTextAsync("市住房和城乡建设局");
        await Expect(routing.GetByTestId("routing-unit-1").GetByTestId("routing-picked")).ToBeVisibleAsync();
        await Expect(agent.GetByTestId("intake-proposal")).ToContainTextAsync("东城区住房和城乡建设局");
        await BrowserFixture.ScreenshotAsync(agent, "i14-routing-local-counterpart");
        await browser.FinishAsync(agent);
    }
}
