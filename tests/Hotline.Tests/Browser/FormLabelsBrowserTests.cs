using Hotline.Tests.WorkOrders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Issue 14 item 13: a form label never breaks inside a word ("业务分/类") and no label's text runs out of its box, on the
/// intake page and in an order's action dialog, at 1280×720, 1366×768 and 1920×1080, in Chinese and in English.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class FormLabelsBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Subject = "标签换行检查：小区路灯不亮";
    private static Task? _order;

    public Task InitializeAsync() => _order ??= new WorkOrderApi(browser.App).RegisterId(WorkOrderApi.Order(subject: Subject, phone: "13955550001"));

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Every shown form label whose text takes more than one line or runs past its box.</summary>
    private const string BrokenLabels = """
        () => [...document.querySelectorAll('.el-form-item__label')]
          .filter((l) => l.getClientRects().length > 0 && l.textContent.trim())
          .flatMap((l) => {
            const range = document.createRange();
            range.selectNodeContents(l);
            const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            const box = l.getBoundingClientRect();
            const text = range.getBoundingClientRect();
            const out = [];
            if (lines.size > 1) out.push(`"${l.textContent.trim()}" takes ${lines.size} lines`);
            if (l.scrollWidth > l.clientWidth + 1 || text.right > box.right + 1) out.push(`"${l.textContent.trim()}" runs out of its box`);
            return out;
          })
        """;

    public static TheoryData<int, int, string> Screens()
    {
        var data = new TheoryData<int, int, string>();
        foreach (var (width, height) in new[] { (1280, 720), (1366, 768), (1920, 1080) })
        {
            data.Add(width, height, "zh");
            data.Add(width, height, "en");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task EveryFormLabel_IsOnOneLine_AndInsideItsBox(int width, int height, string language)
    {
        var viewport = new ViewportSize { Width = width, Height = height };
        var uiLanguage = language == "en" ? "en" : null;

        var agent = await browser.SignedInPageAsync("agent", viewport: viewport, uiLanguage: uiLanguage);
        await agent.OpenScreenAsync("intake");
        await Expect(agent.GetByTestId("intake-category")).ToBeVisibleAsync();
        await AssertLabelsAsync(agent, $"intake {width}×{height} {language}");
        foreach (var outcome in new[] { "answerDirectly", "threeWayCall", "reject" })
        {
            await agent.GetByTestId($"outcome-{outcome}").ClickAsync();
            await AssertLabelsAsync(agent, $"intake ({outcome}) {width}×{height} {language}");
        }

        await agent.GetByTestId("intake-channel").ClickAsync();
        await agent.Locator(".el-select-dropdown:visible .el-select-dropdown__item").Nth(6).ClickAsync(); // the province's platform
        await AssertLabelsAsync(agent, $"intake (a forwarded ticket) {width}×{height} {language}");
        await BrowserFixture.ScreenshotAsync(agent, $"14-labels-intake-{language}-{width}x{height}");
        await browser.FinishAsync(agent);

        var dispatcher = await browser.SignedInPageAsync("dispatcher", viewport: viewport, uiLanguage: uiLanguage);
        await dispatcher.OpenScreenAsync("dispatch");
        await dispatcher.SelectOrderAsync(Subject);
        var sendBack = await dispatcher.StartActionAsync("send-back");
        await sendBack.OptionAsync("reason", "knowledgeBaseAnswers");
        await Expect(sendBack.GetByTestId("field-articleId")).ToBeVisibleAsync();
        await AssertLabelsAsync(dispatcher, $"send-back {width}×{height} {language}");
        await dispatcher.Keyboard.PressAsync("Escape");
        await Expect(sendBack).ToBeHiddenAsync();
        var dispatch = await dispatcher.StartActionAsync("dispatch");
        await Expect(dispatch.GetByTestId("field-leadUnitId")).ToBeVisibleAsync();
        await AssertLabelsAsync(dispatcher, $"dispatch {width}×{height} {language}");
        await BrowserFixture.ScreenshotAsync(dispatcher, $"14-labels-dispatch-{language}-{width}x{height}");
        await browser.FinishAsync(dispatcher);
    }

    private static async Task AssertLabelsAsync(IPage page, string where)
    {
        var broken = await page.EvaluateAsync<string[]>(BrokenLabels);
        Assert.True(broken.Length == 0, $"{where}: " + string.Join("; ", broken));
    }
}
