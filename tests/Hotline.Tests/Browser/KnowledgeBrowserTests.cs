using System.Text.RegularExpressions;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.Knowledge;
using Hotline.Tests.WorkOrders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// The knowledge base in the browser (S10): a unit writes an article and submits it, the centre publishes it, an agent
/// finds it at intake while typing the events and answers with it; a dispatcher sends an order back pointing at an
/// article; refusals are shown by the field they concern.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed partial class KnowledgeBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly WorkOrderApi _api = new(browser.App);

    public Task InitializeAsync()
    {
        browser.App.Time.Set(AppFixture.DefaultNow);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnAuthorDrafts_AReviewerPublishes_AndAnAgentAnswersWithItAtIntake()
    {
        const string title = "老旧小区加梯补贴申请答复口径";
        const string body = "老旧小区加装电梯，业主可向街道申请财政补贴，每台最高20万元。申请时提交业主同意书、设计方案和施工合同。";

        // The unit's author writes a draft; dates that contradict each other are refused by the field.
        var author = await browser.SignedInPageAsync("handler");
        browser.ExpectRefusal(author, "/api/knowledge/articles"); // the contradicting dates, on purpose
        await author.OpenScreenAsync("knowledge-manage");
        await author.GetByTestId("article-new").ClickAsync();
        await Expect(author).ToHaveURLAsync(new Regex("/knowledge/articles/new$"));
        await author.GetByTestId("article-category").ClickAsync();
        await author.GetByTestId("article-category").Locator("input").FillAsync("住房城建");
        await author.Keyboard.PressAsync("Enter");
        await author.GetByTestId("article-title-input").FillAsync(title);
        await author.GetByTestId("article-body-input").FillAsync(body);
        await TypeDateAsync(author, "article-effective", "2026-01-01 00:00:00");
        await TypeDateAsync(author, "article-expires", "2025-12-31 00:00:00");
        await author.GetByTestId("article-save").ClickAsync();
        await Expect(FieldError(author, "article-expires")).ToHaveTextAsync("失效时间须晚于生效时间。");
        await Expect(author.GetByTestId("article-title-input")).ToHaveValueAsync(title);
        await BrowserFixture.ScreenshotAsync(author, "40-knowledge-refused-dates");

        await TypeDateAsync(author, "article-expires", "2027-12-31 00:00:00");
        await Expect(FieldError(author, "article-expires")).ToHaveCountAsync(0);
        await author.GetByTestId("article-save").ClickAsync();
        await Expect(author.Message("已创建草稿")).ToBeVisibleAsync();
        await Expect(author).ToHaveURLAsync(new Regex("/knowledge/articles/[0-9]+$"));
        await Expect(author.GetByTestId("article-status")).ToHaveTextAsync("草稿");
        await author.GetByTestId("step-submit").ClickAsync();
        await author.GetByTestId("step-confirm").ClickAsync();
        await Expect(author.Message("已提交审核")).ToBeVisibleAsync();
        await Expect(author.GetByTestId("article-status")).ToHaveTextAsync("待审核");
        await Expect(author.GetByTestId("article-steps").GetByTestId("step-approve")).ToHaveCountAsync(0);
        await Expect(author.GetByTestId("article-timeline")).ToContainTextAsync("提交审核");

        // The centre's reviewer finds it in the review queue and publishes it.
        var reviewer = await browser.SignedInPageAsync("teamlead");
        await reviewer.OpenScreenAsync("knowledge-manage");
        await Expect(reviewer.GetByTestId("tab-inReview")).ToBeVisibleAsync();
        await reviewer.GetByTestId($"article-{title}").ClickAsync();
        await Expect(reviewer.GetByTestId("article-status")).ToHaveTextAsync("待审核");
        await BrowserFixture.ScreenshotAsync(reviewer, "41-knowledge-review");
        await reviewer.GetByTestId("step-approve").ClickAsync();
        await reviewer.GetByTestId("step-confirm").ClickAsync();
        await Expect(reviewer.Message("已发布")).ToBeVisibleAsync();
        await Expect(reviewer.GetByTestId("article-status")).ToHaveTextAsync("已发布");
        await Expect(reviewer.GetByTestId("article-versions")).ToContainTextAsync("第 1 版 · 李强 审核发布");
        await Expect(reviewer.GetByTestId("article-timeline")).ToContainTextAsync("审核发布");

        // At intake the agent types two characters of the events: the article appears beside the form, highlighted.
        var agent = await browser.SignedInPageAsync("agent");
        await agent.OpenScreenAsync("intake");
        await agent.GetByTestId("intake-phone").FillAsync("13866665555");
        await agent.GetByTestId("intake-events").FillAsync("加梯");
        var panel = agent.GetByTestId("knowledge-panel");
        var suggestion = panel.Locator("li").Filter(new LocatorFilterOptions { HasText = title });
        await Expect(suggestion).ToBeVisibleAsync();
        await Expect(suggestion.Locator("mark").First).ToHaveTextAsync("加梯");
        await BrowserFixture.ScreenshotAsync(agent, "42-intake-knowledge-panel");

        await suggestion.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "采用此答复" }).ClickAsync();
        await agent.Locator(".el-message-box").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "改为直接答复" }).ClickAsync();
        await Expect(agent.Message("作为直接答复")).ToBeVisibleAsync();
        await Expect(agent.GetByTestId("intake-answer")).ToHaveValueAsync(body);
        await Expect(agent.GetByTestId("intake-article")).ToContainTextAsync(title);
        await agent.GetByTestId("request-type-inquiry").ClickAsync();
        await agent.ChooseInTreeAsync(agent.GetByTestId("intake-category"), "医疗保险");
        await agent.GetByTestId("intake-subject").FillAsync("咨询老旧小区加装电梯补贴");
        await agent.GetByTestId("intake-events").FillAsync("加梯补贴怎么申请？市民所在小区准备加装电梯。");
        await agent.GetByTestId("intake-register").ClickAsync();
        await Expect(agent.Message("直接答复办结")).ToBeVisibleAsync();
        await Expect(agent.GetByTestId("intake-registered")).ToContainTextAsync("已办结");

        // The order is closed as answered directly.
        var link = agent.GetByTestId("intake-registered").Locator("a").First;
        var order = await (await (await _api.As("agent")).GetAsync($"/api/work-orders/{await link.OrderIdOfLinkAsync()}")).ShouldBe(System.Net.HttpStatusCode.OK);
        Assert.Equal("closed", order.GetProperty("status").GetString());
        Assert.Equal("answeredAtIntake", order.GetProperty("closeReason").GetString());
        Assert.Equal(body, order.GetProperty("resolution").GetProperty("answer").GetString());
        Assert.True(order.GetProperty("resolution").GetProperty("articleId").GetInt64() > 0);

        await agent.OpenScreenAsync("knowledge");
        await agent.GetByTestId("knowledge-search").FillAsync("加梯");
        var hit = agent.GetByTestId("knowledge-results").Locator("article").Filter(new LocatorFilterOptions { HasText = title });
        await Expect(hit.Locator("mark").First).ToHaveTextAsync("加梯");
        await BrowserFixture.ScreenshotAsync(agent, "43-knowledge-search");
        await hit.ClickAsync();
        var reader = agent.GetByTestId("article-reader");
        await Expect(reader.GetByTestId("article-title")).ToHaveTextAsync(title);
        await Expect(reader).ToContainTextAsync("采用 1 次");

        // An agent reports an error; it reaches the owning unit.
        await reader.GetByTestId("report-error").ClickAsync();
        await reader.GetByTestId("report-text").FillAsync("补贴标准已调整为每台25万元，请核实。");
        await reader.GetByTestId("report-submit").ClickAsync();
        await Expect(agent.Message("已提交纠错")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(agent, "44-knowledge-reader");

        await author.OpenScreenAsync("knowledge-manage");
        await author.OpenTabAsync("errorReports");
        await Expect(author.GetByTestId("error-reports")).ToContainTextAsync("补贴标准已调整为每台25万元");
        await BrowserFixture.ScreenshotAsync(author, "45-knowledge-error-reports");

        await browser.FinishAsync(agent);
        await browser.FinishAsync(reviewer);
        await browser.FinishAsync(author);
    }

    [Fact]
    public async Task ADispatcherSendsAnOrderBack_PickingTheArticleThatAnswersIt()
    {
        const string title = "犬只免疫证办理答复口径";
        var articleId = await KnowledgeApi.PublishAsync(
            await _api.As("handler"), await _api.As("teamlead"),
            KnowledgeApi.Content(title, "犬只免疫证可到辖区动物诊疗机构办理，需携带犬只和主人身份证。", kind: "answerWording", keywords: ["犬证"]));
        const string subject = "咨询犬只免疫证在哪里办";
        var orderId = await _api.RegisterId(WorkOrderApi.Order(subject: subject, phone: "13955556666"));

        var dispatcher = await browser.SignedInPageAsync("dispatcher");
        await dispatcher.OpenScreenAsync("dispatch");
        var sendBacks = dispatcher.RecordPosts("/send-back");
        await dispatcher.SelectOrderAsync(subject);
        var sendBack = await dispatcher.StartActionAsync("send-back");
        await sendBack.OptionAsync("reason", "knowledgeBaseAnswers");
        await sendBack.FillAsync("note", "知识库已有答复口径，请直接答复市民");

        // Without an article nothing is sent: the dialog says so by the field.
        await sendBack.SubmitAsync();
        await Expect(sendBack.FieldError("articleId")).ToHaveTextAsync("请选择给出答复的知识库文章。");
        Assert.Empty(sendBacks);

        var picker = sendBack.GetByTestId("input-articleId");
        await picker.ClickAsync();
        await picker.Locator("input").First.FillAsync("免疫证");
        await dispatcher.Locator(".el-select-dropdown:visible .el-select-dropdown__item").Filter(new LocatorFilterOptions { HasText = title }).First.ClickAsync();
        await Expect(sendBack.FieldError("articleId")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(dispatcher, "46-send-back-knowledge-article");
        await sendBack.SubmitAsync();
        await Expect(dispatcher.Message("已退回受理座席")).ToBeVisibleAsync();
        Assert.Single(sendBacks);

        var order = await (await (await _api.As("dispatcher")).GetAsync($"/api/work-orders/{orderId}")).ShouldBe(System.Net.HttpStatusCode.OK);
        Assert.Equal(articleId, order.GetProperty("lastSendBack").GetProperty("articleId").GetInt64());

        // The agent's direct answer starts from that article.
        var agent = await browser.SignedInPageAsync("agent");
        await agent.OpenScreenAsync("sent-back");
        await agent.SelectOrderAsync(subject);
        var answer = await agent.StartActionAsync("answer-directly");
        await Expect(answer.GetByTestId("input-articleId")).ToContainTextAsync(title);
        await browser.FinishAsync(agent);
        await browser.FinishAsync(dispatcher);
    }

    /// <summary>Types a date and time into an Element Plus date picker, as a person who knows the date does.</summary>
    private static async Task TypeDateAsync(IPage page, string testId, string value)
    {
        var input = page.Locator($"[data-test={testId}] input, input[data-test={testId}]").First;
        await input.ClickAsync();
        await input.FillAsync(value);
        await input.PressAsync("Enter");
        await page.Keyboard.PressAsync("Escape");
    }

    private static ILocator FieldError(IPage page, string testId) =>
        page.Locator(".el-form-item").Filter(new LocatorFilterOptions { Has = page.GetByTestId(testId) }).Locator(".el-form-item__error");
}
