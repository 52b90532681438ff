using Hotline.Tests.Citizens;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Issue 18, online customer service in two browsers: a citizen on a phone (375×812) asks the intelligent assistant,
/// which answers with its citation; the citizen asks for a person, verifies the phone on the portal's screen and waits;
/// an agent on the workbench's 在线客服 desk takes the conversation, answers, and turns it into a work order in one step.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class ChatBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Citizen_AsksTheAssistant_IsHandedToAnAgent_AndTheChatBecomesAWorkOrder()
    {
        var citizenApi = new CitizenApi(browser.App);
        var (phone, _) = CitizenApi.NewCitizen();
        var agent = await browser.SignedInPageAsync("agent");
        await agent.OpenScreenAsync("chat-desk");
        await Expect(agent.GetByTestId("chat-queue")).ToBeVisibleAsync();

        var citizen = await browser.NewPageAsync(viewport: PortalBrowserTests.Phone);
        await citizen.GotoAsync("/portal/chat");
        await Expect(citizen.GetByTestId("chat-status")).ToBeVisibleAsync();

        // The assistant answers from the knowledge base with its citation…
        await citizen.GetByTestId("chat-text").Locator("input").FillAsync("申请公积金贷款需要什么条件？");
        await citizen.GetByTestId("chat-send").ClickAsync();
        await Expect(citizen.GetByTestId("chat-citation")).ToContainTextAsync("住房公积金贷款申请条件");

        // …and the citizen still wants a person: the hand-over needs a verified phone, asked on the portal's own screen.
        await citizen.GetByTestId("chat-person").ClickAsync();
        await Expect(citizen).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/portal/verify\\?next=(%2F|/)chat$"));
        await citizen.GetByTestId("portal-verify-phone").Locator("input").FillAsync(phone);
        await citizen.GetByTestId("portal-verify-send").ClickAsync();
        await Expect(citizen.GetByTestId("portal-verify-sent")).ToBeVisibleAsync();
        await citizen.GetByTestId("portal-verify-code").Locator("input").FillAsync(await citizenApi.LastCode(phone));
        await citizen.GetByTestId("portal-verify-submit").ClickAsync();
        await Expect(citizen).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/portal/chat$"));
        await Expect(citizen.GetByTestId("chat-status")).ToContainTextAsync("排");
        await BrowserFixture.ScreenshotAsync(citizen, "18-chat-queued");

        // The agent takes the next conversation, answers, and registers it as a work order.
        await agent.GetByTestId("chat-take-next").ClickAsync();
        var conversation = agent.GetByTestId("chat-conversation");
        await Expect(conversation).ToContainTextAsync("公积金贷款");
        await agent.GetByTestId("chat-reply").Locator("input").FillAsync("您好，我们将为您登记工单，转公积金中心答复，并转供电部门上门检查。");
        await agent.GetByTestId("chat-send").ClickAsync();
        await Expect(citizen.GetByTestId("chat-agent")).ToContainTextAsync("转供电部门上门检查");

        await agent.GetByTestId("chat-register").ClickAsync();
        await Expect(agent.GetByTestId("chat-subject").Locator("input")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("公积金贷款"));
        await agent.GetByTestId("chat-request-type").GetByText("求助").ClickAsync();
        await agent.ChooseInTreeAsync(agent.GetByTestId("chat-region"), "东华街道");
        await agent.GetByTestId("chat-address").Locator("input").FillAsync("明珠小区5栋");
        await BrowserFixture.ScreenshotAsync(agent, "18-chat-register");
        await agent.GetByTestId("chat-register-confirm").ClickAsync();
        await Expect(agent.GetByTestId("chat-order")).ToBeVisibleAsync();

        // The order carries the conversation: its transcript, as the centre reads it.
        await agent.GetByTestId("chat-order").ClickAsync();
        await Expect(agent).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/work-orders/\\d+"));
        var orderId = long.Parse(System.Text.RegularExpressions.Regex.Match(agent.Url, "/work-orders/(\\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var transcript = await agent.APIRequest.GetAsync($"/api/work-orders/{orderId}/chat");
        Assert.True(transcript.Ok, $"transcript: {transcript.Status}");
        Assert.Contains("转供电部门上门检查", await transcript.TextAsync(), StringComparison.Ordinal);

        await browser.FinishAsync(citizen);
        await browser.FinishAsync(agent);
    }
}
