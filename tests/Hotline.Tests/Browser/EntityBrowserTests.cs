using System.Text.Json;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Issue 19: the agent sees the named things of the call as it is typed; the registered order shows them as tags, and a
/// tag opens the list of the orders that name the same thing.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class EntityBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly WorkOrderApi _api = new(browser.App);

    public Task InitializeAsync()
    {
        browser.App.Time.Set(AppFixture.DefaultNow);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnAgentRegistersAnOrderNamingACompound_SeesTheTag_AndTheTagOpensTheOrdersThatNameIt()
    {
        var compound = WorkOrderEntitiesTests.Compound();
        var earlier = JsonSerializer.SerializeToElement(WorkOrderApi.Order("餐馆油烟扰民"), AppFixture.Json).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        earlier["events"] = $"{compound}楼下新开的餐馆油烟直排，住户无法开窗。";
        await _api.RegisterId(earlier);

        const string subject = "油烟熏得无法开窗";
        var agent = await browser.SignedInPageAsync("agent");
        await agent.OpenScreenAsync("intake");
        await agent.GetByTestId("intake-phone").FillAsync("13911115555");
        await agent.GetByTestId("request-type-complaint").ClickAsync();
        await agent.ChooseInTreeAsync(agent.GetByTestId("intake-category"), "物业服务质量");
        await agent.ChooseInTreeAsync(agent.GetByTestId("intake-region"), "东华街道");
        await agent.GetByTestId("intake-subject").FillAsync(subject);
        await agent.GetByTestId("intake-events").FillAsync($"我住在{compound}3栋，楼下餐馆的油烟每天中午和晚上熏进屋里。");
        await agent.GetByTestId("intake-demand").FillAsync("请督促餐馆安装油烟净化设备。");
        await Expect(agent.GetByTestId("intake-entities")).ToContainTextAsync(compound, new() { Timeout = 15_000 });
        await BrowserFixture.ScreenshotAsync(agent, "19-intake-entities");

        await agent.GetByTestId("intake-demand").PressAsync("Control+Enter");
        await Expect(agent.Message("等待派单")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await agent.GetByTestId("intake-registered").Locator("li", new() { HasText = subject }).Locator("a").ClickAsync();
        await Expect(agent.GetByTestId("work-order-subject")).ToHaveTextAsync(subject, new() { Timeout = 15_000 });
        var tag = agent.GetByTestId("work-order").GetByTestId("entity-tag").Filter(new() { HasText = compound });
        await Expect(tag).ToContainTextAsync("小区楼宇");
        await BrowserFixture.ScreenshotAsync(agent, "19-work-order-entities");

        await tag.ClickAsync();
        await Expect(agent.GetByTestId("entity-filter")).ToContainTextAsync(compound, new() { Timeout = 15_000 });
        var list = agent.GetByTestId("order-list");
        await Expect(list.GetByTestId($"row-{subject}")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(list.GetByTestId("row-餐馆油烟扰民")).ToBeVisibleAsync();
        await Expect(list.Locator("div.subject")).ToHaveCountAsync(2);
        await BrowserFixture.ScreenshotAsync(agent, "19-orders-by-entity");
        await browser.FinishAsync(agent);
    }
}
