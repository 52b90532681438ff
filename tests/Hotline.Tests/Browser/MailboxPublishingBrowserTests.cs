using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hotline.Tests.Citizens;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Issue 18 in the browser: a letter to the mayor's mailbox, sent with the citizen's consent through the citizen API,
/// accepted, handled and closed through the API; the centre manager opens it on the publishing screen (市长信箱公开),
/// finds the proposal without the writer's name and phone, edits and publishes it; the public listing then shows it.
/// When someone else changed the publication meanwhile, the screen's next change is refused and says so; after a reload
/// the manager withdraws it and the public listing no longer shows it.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class MailboxPublishingBrowserTests(BrowserFixture browser) : ClockResetBrowserTests(browser.App)
{
    private readonly CitizenApi _citizen = new(browser.App);
    private readonly WorkOrderApi _api = new(browser.App);

    [Fact]
    public async Task Manager_PublishesAClosedLetter_TheListingShowsIt_AndAConflictIsShownBeforeTheWithdrawal()
    {
        var mark = Guid.NewGuid().ToString("N")[..6];
        var title = $"望江路夜市喧哗扰民{mark}";
        var number = await ClosedLetterAsync(title, mark);

        var page = await browser.SignedInPageAsync("manager");
        await page.OpenScreenAsync("mailbox-letters");
        await page.GetByTestId("mailbox-letters").GetByText(title).ClickAsync();
        var form = page.GetByTestId("mailbox-letter");
        var letter = form.GetByTestId("mailbox-letter-text").Locator("xpath=descendant-or-self::textarea");
        await Expect(letter).ToHaveValueAsync(new Regex("望江路夜市"));
        var proposed = await letter.InputValueAsync();
        Assert.DoesNotContain("13912340000", proposed, StringComparison.Ordinal);
        Assert.DoesNotContain("王芳", proposed, StringComparison.Ordinal);
        Assert.DoesNotContain("王芳", await form.GetByTestId("mailbox-letter-reply").Locator("xpath=descendant-or-self::textarea").InputValueAsync(), StringComparison.Ordinal);
        var edited = proposed + "（已核对）";
        await letter.FillAsync(edited);
        await BrowserFixture.ScreenshotAsync(page, "18-mailbox-publish");
        await form.GetByTestId("mailbox-letter-publish").ClickAsync();
        await Expect(page.Message("已公开")).ToBeVisibleAsync();
        await Expect(form.GetByTestId("mailbox-letter-unpublish")).ToBeVisibleAsync();

        var shown = (await PublicAsync()).Single(l => l.GetProperty("title").GetString() == title);
        Assert.Equal(edited, shown.GetProperty("letter").GetString());
        Assert.DoesNotContain("13912340000", shown.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(number, shown.ToString(), StringComparison.Ordinal);

        // Another publisher edits the publication meanwhile: the screen's withdrawal carries the old version.
        var teamLeader = await _api.As("teamlead");
        var item = (await (await teamLeader.GetAsync("/api/mailbox/letters?pageSize=100")).ShouldBe(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Single(l => l.GetProperty("number").GetString() == number);
        var submissionId = item.GetProperty("submissionId").GetInt64();
        await (await teamLeader.PostJsonAsync($"/api/mailbox/letters/{submissionId}/publish", new
        {
            title,
            letter = edited,
            reply = shown.GetProperty("reply").GetString() + "（补充）",
            version = item.GetProperty("publicationVersion").GetInt64(),
        })).ShouldBe(HttpStatusCode.OK);
        browser.ExpectRefusal(page, "/unpublish");
        await form.GetByTestId("mailbox-letter-unpublish").ClickAsync();
        await Expect(page.GetByTestId("mailbox-letter-conflict")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "18-mailbox-conflict");
        await page.GetByTestId("mailbox-letter-reload").ClickAsync();
        await Expect(form.GetByTestId("mailbox-letter-reply").Locator("xpath=descendant-or-self::textarea")).ToHaveValueAsync(new Regex("（补充）$"));
        await form.GetByTestId("mailbox-letter-unpublish").ClickAsync();
        await Expect(page.Message("已撤回公开")).ToBeVisibleAsync();
        Assert.DoesNotContain(await PublicAsync(), l => l.GetProperty("title").GetString() == title);
        await browser.FinishAsync(page);
    }

    /// <summary>A letter with consent, accepted, dispatched, replied, and closed by the citizen's online rating; its number.</summary>
    private async Task<string> ClosedLetterAsync(string title, string mark)
    {
        var (phone, n) = CitizenApi.NewCitizen();
        var citizen = _citizen.Client(n);
        await _citizen.Verify(citizen, phone);
        var number = (await (await citizen.PostJsonAsync("/api/citizen/mailbox/letters", new
        {
            title,
            requestType = "complaint",
            regionCode = "990102001",
            address = "望江路",
            letter = $"市长您好，我叫王芳，电话13912340000。望江路夜市每晚喧哗到凌晨一点，住户无法休息，多次反映无果（{mark}）。",
            demand = "请限定夜市的营业时间。",
            citizenName = "王芳",
            isAnonymous = false,
            isConfidential = false,
            consentToPublish = true,
        })).ShouldBe(HttpStatusCode.Created)).GetProperty("number").GetString()!;

        var agent = await _api.As("agent");
        var queued = await CitizenApi.Queued(agent, number);
        var accepted = await (await agent.PostJsonAsync($"/api/online-intake/{queued.GetProperty("id").GetInt64()}/accept", CitizenApi.Acceptance(queued.GetProperty("version").GetInt64())))
            .ShouldBe(HttpStatusCode.Created);
        var id = accepted.GetProperty("workOrderId").GetInt64();
        await _api.Ok("dispatcher", id, "dispatch", new { leadUnitId = await _api.UnitId("AL-DC-ZJ") });
        await _api.Ok("handler", id, "sign");
        await _api.Ok("handler", id, "reply", new { result = "经核查，已要求夜市22时后停止经营并安排巡查。已电话告知王芳女士（13912340000）。", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
        await _api.Ok("dispatcher", id, "accept-reply");
        await (await citizen.PostJsonAsync($"/api/citizen/submissions/{number}/rating", new { processRating = "satisfied", resultRating = "satisfied" })).ShouldBe(HttpStatusCode.OK);
        return number;
    }

    private async Task<List<JsonElement>> PublicAsync() =>
        (await (await browser.App.Anonymous().GetAsync("/api/portal/mailbox/letters?pageSize=100")).ShouldBe(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
}
