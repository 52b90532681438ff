using System.Net;
using Hotline.Tests.Attachments;
using Hotline.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Issue 18: a photo taken at registration is seen by the dispatcher as a thumbnail that opens the full image; a photo added
/// to an existing order from its screen shows there as a thumbnail.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class AttachmentBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync()
    {
        browser.App.Time.Set(AppFixture.DefaultNow);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnIntakeAgentAttachesAPhoto_AndTheDispatcherSeesItsThumbnail()
    {
        const string subject = "路灯倒伏占道";
        var agent = await browser.SignedInPageAsync("agent");
        await agent.OpenScreenAsync("intake");
        await agent.GetByTestId("intake-phone").FillAsync("13911113333");
        await agent.GetByTestId("intake-caller-name").FillAsync("赵丽");
        await agent.GetByTestId("request-type-complaint").ClickAsync();
        await agent.ChooseInTreeAsync(agent.GetByTestId("intake-category"), "物业服务质量");
        await agent.ChooseInTreeAsync(agent.GetByTestId("intake-region"), "东华街道");
        await agent.GetByTestId("intake-subject").FillAsync(subject);
        await agent.GetByTestId("intake-events").FillAsync("小区门口路灯倒伏，占用人行道，市民拍照反映。");
        await agent.GetByTestId("intake-demand").FillAsync("请尽快清理并修复路灯。");

        // The photo is sent as it is chosen; the registration attaches it.
        await agent.GetByTestId("file-upload").Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "路灯照片.jpg",
            MimeType = "image/jpeg",
            Buffer = AttachmentFiles.Jpeg(1200, 900),
        });
        await Expect(agent.GetByTestId("file-upload").Locator(".el-upload-list__item.is-success")).ToHaveCountAsync(1);
        await agent.GetByTestId("intake-demand").PressAsync("Control+Enter");
        await Expect(agent.Message("等待派单")).ToBeVisibleAsync();
        await Expect(agent.GetByTestId("file-upload").Locator(".el-upload-list__item")).ToHaveCountAsync(0);

        var dispatcher = await browser.SignedInPageAsync("dispatcher");
        await dispatcher.OpenScreenAsync("dispatch");
        await dispatcher.SelectOrderAsync(subject);
        var thumbnail = dispatcher.GetByTestId("attachment-thumbnail").Locator("img");
        await Expect(thumbnail).ToBeVisibleAsync();
        Assert.True(await thumbnail.EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 240"));
        await BrowserFixture.ScreenshotAsync(dispatcher, "60-attachment-thumbnail");

        // A click opens the full image.
        await thumbnail.ClickAsync();
        var full = dispatcher.Locator(".el-image-viewer__img");
        await Expect(full).ToBeVisibleAsync();
        await dispatcher.WaitForFunctionAsync("() => { const i = document.querySelector('.el-image-viewer__img'); return i && i.complete && i.naturalWidth === 1200 }");
    }

    [Fact]
    public async Task AnIntakeAgentAddsAPhotoToAnExistingOrder_AndSeesItsThumbnail()
    {
        const string subject = "井盖缺失补充照片";
        var api = await browser.App.SignInAsync("agent");
        var created = await (await api.PostJsonAsync("/api/work-orders", WorkOrders.WorkOrderApi.Order(subject: subject, phone: "13911114444"))).ShouldBe(HttpStatusCode.Created);
        Assert.Equal("awaitingDispatch", created.GetProperty("status").GetString());

        var agent = await browser.SignedInPageAsync("agent");
        await agent.GotoAsync($"/work-orders/{created.GetProperty("id").GetInt64()}");
        await Expect(agent.GetByTestId("attachment-thumbnail")).ToHaveCountAsync(0);
        await agent.GetByTestId("action-attachments").ClickAsync();
        var dialog = agent.GetByTestId("action-dialog-attachments");
        await dialog.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "井盖现场.jpg", MimeType = "image/jpeg", Buffer = AttachmentFiles.Jpeg(800, 600) });
        await Expect(dialog.Locator(".el-upload-list__item.is-success")).ToHaveCountAsync(1);
        await dialog.GetByTestId("action-submit").ClickAsync();
        await Expect(agent.Message("附件已添加到工单")).ToBeVisibleAsync();

        var thumbnail = agent.GetByTestId("attachment-thumbnail").Locator("img");
        await Expect(thumbnail).ToBeVisibleAsync();
        await agent.WaitForFunctionAsync("() => { const i = document.querySelector('[data-test=attachment-thumbnail] img'); return i && i.complete && i.naturalWidth === 240 }");
        await BrowserFixture.ScreenshotAsync(agent, "61-attachment-added");
    }
}
