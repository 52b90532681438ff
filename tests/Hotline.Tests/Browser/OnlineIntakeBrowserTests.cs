using System.Net;
using Hotline.Tests.Citizens;
using Hotline.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Issue 18 in the browser: a citizen's submission (sent through the citizen API) waits in the online intake queue; an
/// intake agent opens it, accepts it into a work order for dispatch, and the dispatcher dispatches it; the citizen's
/// tracking then says it is with a unit.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class OnlineIntakeBrowserTests(BrowserFixture browser) : ClockResetBrowserTests(browser.App)
{
    private readonly CitizenApi _citizen = new(browser.App);

    [Fact]
    public async Task IntakeAgent_AcceptsAQueuedSubmission_AndTheDispatcherDispatchesIt()
    {
        const string subject = "网上反映明珠小区电梯停运";
        var (citizen, _, number) = await _citizen.Submitted();

        var agent = await browser.SignedInPageAsync("agent");
        await agent.OpenScreenAsync("online-intake");
        await agent.GetByTestId("online-table").GetByText(number).ClickAsync();
        await Expect(agent.GetByTestId("online-detail")).ToContainTextAsync("老人上下楼非常困难");
        await agent.GetByTestId("online-accept").ClickAsync();
        await BrowserFixture.ScreenshotAsync(agent, "18-online-intake-open");
        var subjectInput = agent.GetByTestId("online-subject").Locator("xpath=descendant-or-self::input").First;
        await Expect(subjectInput).ToBeVisibleAsync();
        await subjectInput.FillAsync(subject);
        await BrowserFixture.ScreenshotAsync(agent, "18-online-intake-accept");
        await agent.GetByTestId("online-accept-confirm").ClickAsync();
        await Expect(agent.Message("已受理")).ToBeVisibleAsync();
        await Expect(agent.GetByTestId("online-order")).ToBeVisibleAsync();

        var dispatcher = await browser.SignedInPageAsync("dispatcher");
        await dispatcher.OpenScreenAsync("dispatch");
        await dispatcher.SelectOrderAsync(subject);
        var dispatch = await dispatcher.StartActionAsync("dispatch");
        await dispatcher.ChooseUnitAsync(dispatch.GetByTestId("input-leadUnitId"), "东城区住房和城乡建设局");
        await dispatch.SubmitAsync();
        await Expect(dispatcher.Message("已派单")).ToBeVisibleAsync();

        var progress = await (await citizen.GetAsync($"/api/citizen/submissions/{number}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("dispatched", progress.GetProperty("stage").GetString());
    }
}
