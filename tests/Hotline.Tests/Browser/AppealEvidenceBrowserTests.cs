using Hotline.Features.Assessment;
using Hotline.Tests.Attachments;
using Hotline.Tests.WorkOrders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>Issue 18 with issue 17's appeals: a unit's liaison files an appeal with a photo; the centre's reviewer sees its thumbnail.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class AppealEvidenceBrowserTests(BrowserFixture browser) : ClockResetBrowserTests(browser.App)
{
    private readonly WorkOrderApi _api = new(browser.App);

    [Fact]
    public async Task ALiaisonAppealsWithAPhoto_AndTheSupervisorSeesItsThumbnail()
    {
        const string subject = "浏览器申诉测试：停电无法施工";
        var id = await _api.Dispatched(WorkOrderApi.Order(subject: subject, phone: "13977779999"));
        await _api.Ok("handler", id, "sign");
        await _api.Ok("handler", id, "reply", new { result = "已修复", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        await browser.App.Services.GetRequiredService<AssessmentFollower>().RunOnceAsync(default);
        var number = (await _api.Get("handler", id)).GetProperty("number").GetString()!;

        var liaison = await browser.SignedInPageAsync("liaison");
        await liaison.GotoAsync("/assessment?month=2026-03");
        await liaison.GetByTestId("assessment-units").Locator("tr").Filter(new LocatorFilterOptions { HasText = "东城区住房和城乡建设局" }).First.ClickAsync();
        await liaison.GetByTestId("assessment-unit").GetByTestId("drill-on-time-completion-numerator").ClickAsync();
        await liaison.GetByTestId($"appeal-{number}").ClickAsync();
        var dialog = liaison.GetByTestId("appeal-dialog");
        await dialog.GetByTestId("appeal-reason").FillAsync("施工期间全区停电，无法按时办结");
        await dialog.GetByTestId("appeal-evidence").FillAsync("供电公司停电通知及现场照片");
        await dialog.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "停电现场.jpg", MimeType = "image/jpeg", Buffer = AttachmentFiles.Jpeg(800, 600) });
        await Expect(dialog.Locator(".el-upload-list__item.is-success")).ToHaveCountAsync(1);
        await liaison.GetByTestId("appeal-submit").ClickAsync();
        await Expect(liaison.Message("申诉已提交")).ToBeVisibleAsync();

        var supervisor = await browser.SignedInPageAsync("supervisor");
        await supervisor.GotoAsync("/assessment/appeals");
        var row = supervisor.GetByTestId("appeals-list").Locator("tr").Filter(new LocatorFilterOptions { HasText = number });
        var thumbnail = row.GetByTestId("attachment-thumbnail").Locator("img");
        await Expect(thumbnail).ToBeVisibleAsync();
        await supervisor.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-test=attachment-thumbnail] img')].some(i => i.complete && i.naturalWidth === 240)");
        await BrowserFixture.ScreenshotAsync(supervisor, "62-appeal-evidence");
        await browser.FinishAsync(supervisor);
    }
}
