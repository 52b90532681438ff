using Hotline.Tests.Citizens;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Issue 18, the portal's citizen screens at a phone's viewport (375×812): a citizen goes to submit, is asked to verify the
/// phone first, submits, follows the request, reads the reply once the unit answered, and rates it online, which closes it.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class PortalCitizenBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Citizen_Verifies_Submits_Tracks_ReadsTheReply_AndRates_OnAPhone()
    {
        var citizen = new CitizenApi(browser.App);
        var api = new WorkOrderApi(browser.App);
        var (phone, _) = CitizenApi.NewCitizen();
        var page = await browser.NewPageAsync(viewport: PortalBrowserTests.Phone);
        browser.ExpectRefusal(page, "/api/citizen/codes/verify"); // the wrong code typed on purpose
        browser.ExpectRefusal(page, "/api/citizen/submissions"); // the empty form sent on purpose
        await page.GotoAsync("/portal");

        // Submitting needs a verified phone: the portal asks for it, then comes back.
        await page.GetByText("我要反映").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/portal/verify\\?next=(%2F|/)submit$"));
        await page.GetByTestId("portal-verify-phone").Locator("input").FillAsync(phone);
        await page.GetByTestId("portal-verify-send").ClickAsync();
        await Expect(page.GetByTestId("portal-verify-sent")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("portal-verify-send")).ToContainTextAsync("秒后重新获取");
        await page.GetByTestId("portal-verify-code").Locator("input").FillAsync("000000");
        await page.GetByTestId("portal-verify-submit").ClickAsync();
        await Expect(page.GetByText("验证码不正确，还可以再试4次。")).ToBeVisibleAsync();
        await page.GetByTestId("portal-verify-code").Locator("input").FillAsync(await citizen.LastCode(phone));
        await page.GetByTestId("portal-verify-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/portal/submit$"));

        // A form sent empty names its fields beside them.
        await page.GetByTestId("portal-submit-send").ClickAsync();
        await Expect(page.GetByText("请选择诉求所属的类别。")).ToBeVisibleAsync();

        await page.GetByText("投诉", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("portal-submit-category").ClickAsync();
        await page.Locator(".van-cascader__option", new() { HasText = "城乡建设" }).ClickAsync();
        await page.Locator(".van-cascader__option", new() { HasText = "物业管理" }).ClickAsync();
        await Expect(page.GetByTestId("portal-submit-category").Locator("input")).ToHaveValueAsync("物业管理");
        await page.GetByTestId("portal-submit-region").ClickAsync();
        await page.Locator(".van-cascader__option", new() { HasText = "安澜市" }).ClickAsync();
        await page.Locator(".van-cascader__option", new() { HasText = "东城区" }).ClickAsync();
        await page.Locator(".van-cascader__option", new() { HasText = "东华街道" }).ClickAsync();
        await Expect(page.GetByTestId("portal-submit-region").Locator("input")).ToHaveValueAsync("东华街道");
        await page.GetByTestId("portal-submit-address").Locator("input").FillAsync("明珠小区3栋2单元");
        await page.GetByTestId("portal-submit-description").Locator("textarea").FillAsync("小区3栋电梯停运两周，物业一直不修，老人上下楼非常困难。");
        await page.GetByTestId("portal-submit-demand").Locator("textarea").FillAsync("请督促物业尽快修复电梯。");
        // A photo (issue 18): uploaded when chosen, its thumbnail shown, sent with the request.
        await page.GetByTestId("portal-photos").Locator("input[type=file]").SetInputFilesAsync(
            new FilePayload { Name = "现场.png", MimeType = "image/png", Buffer = Hotline.Tests.Attachments.AttachmentFiles.Png() });
        await Expect(page.GetByTestId("portal-photos").Locator(".van-uploader__preview-image")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("portal-photos").Locator(".van-uploader__mask")).ToHaveCountAsync(0);
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= PortalBrowserTests.Phone.Width, $"the form is {width}px wide on a {PortalBrowserTests.Phone.Width}px phone");
        await BrowserFixture.ScreenshotAsync(page, "18-portal-submit");
        await page.GetByTestId("portal-submit-send").ClickAsync();
        await Expect(page.GetByTestId("portal-submit-done")).ToBeVisibleAsync();
        var number = (await page.GetByTestId("portal-submit-number").TextContentAsync())!.Trim();

        // An agent accepts it; the unit handles and replies; the centre accepts the reply.
        var agent = await api.As("agent");
        var queued = await CitizenApi.Queued(agent, number);
        var detail = await (await agent.GetAsync($"/api/online-intake/{queued.GetProperty("id").GetInt64()}")).ShouldBe(System.Net.HttpStatusCode.OK);
        var photo = detail.GetProperty("photos").EnumerateArray().Single().GetProperty("id").GetInt64();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await agent.GetAsync($"/api/attachments/{photo}/thumbnail")).StatusCode);
        var accepted = await (await agent.PostJsonAsync($"/api/online-intake/{queued.GetProperty("id").GetInt64()}/accept", CitizenApi.Acceptance(queued.GetProperty("version").GetInt64())))
            .ShouldBe(System.Net.HttpStatusCode.Created);
        var id = accepted.GetProperty("workOrderId").GetInt64();
        await api.Ok("dispatcher", id, "dispatch", new { leadUnitId = await api.UnitId("AL-DC-ZJ") });
        Assert.Equal(photo, (await api.Get("handler", id)).GetProperty("attachments").EnumerateArray().Single().GetProperty("id").GetInt64());
        await api.Ok("handler", id, "sign");
        await api.Ok("handler", id, "reply", new { result = "已督促物业更换电梯主板，电梯已恢复运行。", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        await api.Ok("dispatcher", id, "accept-reply", new { note = "答复合格" });

        await page.GetByTestId("portal-submit-track").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/portal/track/{number}$"));
        await Expect(page.GetByTestId("portal-track-stage")).ToHaveTextAsync("已答复，待评价");
        await Expect(page.GetByTestId("portal-track-answer")).ToHaveTextAsync("已督促物业更换电梯主板，电梯已恢复运行。");
        await Expect(page.GetByTestId("portal-track-step")).ToHaveCountAsync(5);
        await Expect(page.GetByTestId("portal-track-photo")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "18-portal-track");

        await page.GetByTestId("portal-rate-send").ClickAsync();
        await Expect(page.GetByText("请选择一项评价。").First).ToBeVisibleAsync();
        await page.GetByTestId("portal-rate-process").GetByText("满意", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("portal-rate-result").GetByText("基本满意", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("portal-rate-comment").Locator("textarea").FillAsync("修好了，谢谢");
        await page.GetByTestId("portal-rate-send").ClickAsync();
        await page.Locator(".van-dialog__confirm").ClickAsync();
        await Expect(page.GetByTestId("portal-rate-outcome")).ToContainTextAsync("该诉求已办结");
        await Expect(page.GetByTestId("portal-track-stage")).ToHaveTextAsync("已办结");
        await Expect(page.GetByTestId("portal-track-rating")).ToHaveCountAsync(0);

        // The list of the phone's requests shows it closed.
        await page.GotoAsync("/portal/track");
        await Expect(page.GetByTestId("portal-track-item").Filter(new() { HasText = number })).ToContainTextAsync("已办结");
        await browser.FinishAsync(page);
    }

    [Fact]
    public async Task Tracking_WithoutAVerifiedPhone_AsksForIt_AndAnUnknownNumberIsNotFound()
    {
        var citizen = new CitizenApi(browser.App);
        var (phone, _) = CitizenApi.NewCitizen();
        var page = await browser.NewPageAsync(viewport: PortalBrowserTests.Phone);
        browser.ExpectRefusal(page, "/api/citizen/submissions/W202603029999999999");
        await page.GotoAsync("/portal/track/W202603029999999999");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/portal/verify\\?next="));
        await page.GetByTestId("portal-verify-phone").Locator("input").FillAsync("12345");
        await page.GetByTestId("portal-verify-send").ClickAsync();
        await Expect(page.GetByText("请填写11位手机号码。")).ToBeVisibleAsync();
        await page.GetByTestId("portal-verify-phone").Locator("input").FillAsync(phone);
        await page.GetByTestId("portal-verify-send").ClickAsync();
        await Expect(page.GetByTestId("portal-verify-sent")).ToBeVisibleAsync();
        await page.GetByTestId("portal-verify-code").Locator("input").FillAsync(await citizen.LastCode(phone));
        await page.GetByTestId("portal-verify-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/portal/track/W202603029999999999$"));
        await Expect(page.GetByTestId("portal-track-missing")).ToBeVisibleAsync();
        await browser.FinishAsync(page);
    }
}
