using Hotline.Tests.Citizens;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Issue 18, online customer service in two browsers: a citizen on a phone (375×812) asks the intelligent assistant,
/// which answers with its citation; the citizen asks for a person, verifies the phone on the portal's screen and waits;
/// an agent on the workbench's 在线客服 desk takes the conversation and answers; the citizen reads it live; the agent turns
/// the conversation into a work order and the citizen reads its number.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class ChatBrowserTests(BrowserFixture browser)
{
    private const string Subject = "网上客服：小区停电咨询";

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
        await Expect(citizen).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/portal/verify\\?next=(%2F|/)chat"));
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
        await agent.GetByTestId("chat-reply").Locator("xpath=descendant-or-self::input").FillAsync("您好，我们将为您登记工单，转公积金中心答复，并转供电部门上门检查。");
        await agent.GetByTestId("chat-send").ClickAsync();
        await Expect(citizen.GetByTestId("chat-agent")).ToContainTextAsync("转供电部门上门检查");

        // The agent searches the knowledge base on the desk and sends an article's citation; the citizen gets its title and link.
        var picker = agent.GetByTestId("chat-article");
        await picker.ClickAsync();
        await picker.Locator("input").First.FillAsync("公积金贷款");
        await agent.Locator(".el-select-dropdown:visible .el-select-dropdown__item").Filter(new LocatorFilterOptions { HasText = "住房公积金贷款申请条件" }).First.ClickAsync();
        await agent.GetByTestId("chat-send").ClickAsync();
        await Expect(conversation.GetByTestId("chat-cite-link").Last).ToContainTextAsync("住房公积金贷款申请条件");
        var cited = citizen.GetByTestId("chat-agent").Last.GetByTestId("chat-citation");
        await Expect(cited).ToContainTextAsync("住房公积金贷款申请条件");
        await Expect(cited).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/portal/knowledge/[0-9]+$"));

        // The agent turns the conversation into a work order in one step: category, type, region, subject.
        await agent.GetByTestId("chat-register").ClickAsync();
        await agent.ChooseInTreeAsync(agent.GetByTestId("chat-category"), "物业服务质量");
        await agent.GetByTestId("chat-request-type").GetByText("求助").ClickAsync();
        await agent.ChooseInTreeAsync(agent.GetByTestId("chat-region"), "东华街道");
        await agent.GetByTestId("chat-subject").Locator("xpath=descendant-or-self::input").FillAsync(Subject);
        await agent.GetByTestId("chat-address").Locator("xpath=descendant-or-self::input").FillAsync("明珠小区3栋");
        await agent.GetByTestId("chat-demand").Locator("xpath=descendant-or-self::textarea").FillAsync("请尽快查明停电原因并恢复供电。");
        await BrowserFixture.ScreenshotAsync(agent, "18-chat-register");
        await agent.GetByTestId("chat-register-confirm").ClickAsync();
        var orderLink = conversation.GetByTestId("chat-order");
        await Expect(orderLink).ToBeVisibleAsync();
        var number = (await orderLink.InnerTextAsync()).Trim();

        // The order is the citizen's, over the web channel, with the transcript kept with it…
        var api = new WorkOrderApi(browser.App);
        var staff = await api.As("agent");
        var orderId = await orderLink.OrderIdOfLinkAsync();
        var order = await staff.GetAsync($"/api/work-orders/{orderId}").ShouldBeOk();
        Assert.Equal(number, order.GetProperty("number").GetString());
        Assert.Equal("web", order.GetProperty("channel").GetString());
        Assert.Equal("helpRequest", order.GetProperty("requestType").GetString());
        Assert.Equal(Subject, order.GetProperty("subject").GetString());
        var transcript = await staff.GetAsync($"/api/work-orders/{orderId}/chat").ShouldBeOk();
        var lines = transcript.EnumerateArray().Single().GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToList();
        Assert.Contains("申请公积金贷款需要什么条件？", lines);
        Assert.Contains(lines, l => l!.Contains("转供电部门上门检查", StringComparison.Ordinal));

        // …and the citizen reads the order's number in the chat, follows it, and finds the conversation with the order.
        await Expect(citizen.GetByTestId("chat-system").Last).ToContainTextAsync(number);
        await BrowserFixture.ScreenshotAsync(citizen, "18-chat-registered");
        await citizen.GetByTestId("chat-order").ClickAsync();
        await Expect(citizen.GetByTestId("portal-track-chat")).ToContainTextAsync("申请公积金贷款需要什么条件？");
        await Expect(citizen.GetByTestId("portal-track-chat-agent").First).ToContainTextAsync("客服");
        await BrowserFixture.ScreenshotAsync(citizen, "18-chat-tracking");

        // The order's page on the workbench shows the transcript.
        await orderLink.ClickAsync();
        await Expect(agent.GetByTestId("order-chat")).ToContainTextAsync("转供电部门上门检查");

        await browser.FinishAsync(citizen);
        await browser.FinishAsync(agent);
    }

    [Fact]
    public async Task ATranscriptReadAnsweredAfterTheCitizensMessage_DoesNotTakeTheMessageOffTheScreen()
    {
        // The portal reads the transcript again once its live channel has joined. That read is held here until the citizen
        // has written and the assistant has answered: its late answer is older than the message's and must not be shown.
        var transcript = new System.Text.RegularExpressions.Regex("/api/citizen/chat/[0-9]+$");
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var citizen = await browser.NewPageAsync(viewport: PortalBrowserTests.Phone);
        await citizen.RouteAsync(transcript, async route =>
        {
            if (route.Request.Method != "GET" || !held.TrySetResult())
            {
                await route.ContinueAsync();
                return;
            }

            // Read now (the server answers with the transcript as it is), delivered once released.
            var answer = await route.FetchAsync();
            await release.Task;
            await route.FulfillAsync(new RouteFulfillOptions { Response = answer });
        });
        await citizen.GotoAsync("/portal/chat");
        await held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Expect(citizen.GetByTestId("chat-status")).ToBeVisibleAsync();

        await citizen.GetByTestId("chat-text").Locator("input").FillAsync("申请公积金贷款需要什么条件？");
        await citizen.GetByTestId("chat-send").ClickAsync();
        await Expect(citizen.GetByTestId("chat-citation")).ToContainTextAsync("住房公积金贷款申请条件");

        var lateAnswer = citizen.WaitForResponseAsync(r => r.Request.Method == "GET" && transcript.IsMatch(r.Url));
        release.SetResult();
        await lateAnswer;
        // The late answer is in; the page has had time to show it, had it been shown.
        await citizen.WaitForTimeoutAsync(500);
        await Expect(citizen.GetByTestId("chat-citizen")).ToContainTextAsync("申请公积金贷款需要什么条件？");
        await Expect(citizen.GetByTestId("chat-citation")).ToContainTextAsync("住房公积金贷款申请条件");
        await browser.FinishAsync(citizen);
    }
}
