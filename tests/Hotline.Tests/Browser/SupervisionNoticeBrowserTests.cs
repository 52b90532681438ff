using System.Net;
using System.Text.Json;
using Hotline.Features.Supervision;
using Hotline.Features.Supervision.Proposals;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Issue 16 in the browser: a supervisor opens a notice on an order, the unit signs and answers, the supervisor lists it
/// publicly and accepts it, an anonymous visitor reads it on the public page without the caller's data, and the ledger's
/// export downloads a workbook that opens.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class SupervisionNoticeBrowserTests(BrowserFixture browser) : ClockResetBrowserTests(browser.App)
{
    private readonly WorkOrderApi _api = new(browser.App);

    [Fact]
    public async Task Supervisor_OpensANotice_TheUnitAnswers_ItIsListedPublicly_AndTheLedgerExports()
    {
        const string subject = "小区二次供水水箱长期未清洗";
        var orderId = await _api.Dispatched(WorkOrderApi.Order(subject: subject, phone: "13977778888", callerName: "李秀英"));
        var orderNumber = (await _api.Get("supervisor", orderId)).GetProperty("number").GetString()!;

        // The supervisor opens the notice on the order, chosen by its number.
        var supervisor = await browser.SignedInPageAsync("supervisor");
        await supervisor.OpenScreenAsync("notices");
        await supervisor.GetByTestId("notice-new").ClickAsync();
        await Input(supervisor, "notice-order-number").FillAsync(orderNumber);
        await supervisor.GetByTestId("notice-order-add").ClickAsync();
        await Expect(supervisor.GetByTestId($"notice-order-{orderNumber}")).ToContainTextAsync("东城区住房和城乡建设局");
        await Text(supervisor, "notice-reason").FillAsync("水箱清洗投诉反复出现，工单超期未办结");
        await Text(supervisor, "notice-demand").FillAsync("请于期限内完成水箱清洗并报送检测报告");
        await supervisor.GetByTestId("notice-submit").ClickAsync();
        await Expect(supervisor.Message("已下达督办单")).ToBeVisibleAsync();
        var number = await NoticeNumberAsync(orderNumber);

        // The unit signs for it and answers with measures and evidence.
        var handler = await browser.SignedInPageAsync("handler");
        await handler.OpenScreenAsync("my-notices");
        await handler.GetByTestId($"notice-open-{number}").ClickAsync();
        await handler.GetByTestId("notice-sign").ClickAsync();
        await Expect(handler.Message("已签收")).ToBeVisibleAsync();
        await handler.GetByTestId("notice-answer").ClickAsync();
        await Text(handler, "notice-step-text").FillAsync("已委托专业公司清洗水箱，并完成水质检测");
        await Text(handler, "notice-step-evidence").FillAsync("水质检测报告编号 SZ-2026-031");
        await handler.GetByTestId("notice-step-submit").ClickAsync();
        await Expect(handler.Message("已答复")).ToBeVisibleAsync();
        await Expect(handler.GetByTestId("notice-timeline")).ToContainTextAsync("已委托专业公司清洗水箱");
        await Expect(handler.GetByTestId("notice-drawer").GetByText("李秀英")).ToHaveCountAsync(0);

        // The supervisor lists it publicly (the listing's deadline defaults to the notice's), then accepts the answer.
        await supervisor.ReloadAsync();
        await supervisor.GetByTestId($"notice-open-{number}").ClickAsync();
        await supervisor.GetByTestId("notice-list").ClickAsync();
        await Text(supervisor, "notice-step-text").FillAsync("某小区二次供水水箱长期未清洗问题");
        await supervisor.GetByTestId("notice-step-media").ClickAsync();
        await supervisor.GetByTestId("notice-step-submit").ClickAsync();
        await Expect(supervisor.Message("已挂牌")).ToBeVisibleAsync();
        await Expect(supervisor.GetByTestId("notice-listing")).ToContainTextAsync("某小区二次供水水箱长期未清洗问题");
        await supervisor.GetByTestId("notice-accept").ClickAsync();
        await Text(supervisor, "notice-step-text").FillAsync("水箱已清洗，水质达标");
        await supervisor.GetByTestId("notice-step-submit").ClickAsync();
        await Expect(supervisor.Message("已办结")).ToBeVisibleAsync();
        await Expect(supervisor.GetByTestId("notice-state")).ToHaveAttributeAsync("data-state", "closed");

        // Anyone reads it on the public page, without signing in: the unit, the matter, the progress; never the caller.
        var visitor = await browser.NewPageAsync();
        browser.ExpectRefusal(visitor, "/api/auth/me");
        await visitor.GotoAsync("/public/supervision");
        var listing = visitor.GetByTestId($"public-listing-{number}");
        await Expect(listing).ToContainTextAsync("东城区住房和城乡建设局");
        await Expect(listing).ToContainTextAsync("某小区二次供水水箱长期未清洗问题");
        await Expect(listing).ToContainTextAsync("已整改办结");
        var page = await visitor.Locator("body").InnerTextAsync();
        foreach (var personal in new[] { "李秀英", "13977778888", "明珠小区", orderNumber, "水质检测报告编号" })
        {
            Assert.DoesNotContain(personal, page, StringComparison.Ordinal);
        }

        // The ledger, filtered to the notice, exports a workbook that opens and holds it.
        await supervisor.Keyboard.PressAsync("Escape");
        await supervisor.OpenScreenAsync("notices");
        await Input(supervisor, "notice-filter-number").FillAsync(number);
        await Input(supervisor, "notice-filter-number").PressAsync("Enter");
        await Expect(supervisor.GetByTestId($"notice-open-{number}")).ToBeVisibleAsync();
        var download = await supervisor.RunAndWaitForDownloadAsync(() => supervisor.GetByTestId("notice-export").ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"ledger-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(file);
        try
        {
            await using var stream = File.OpenRead(file);
            var row = Assert.Single(MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>());
            Assert.Equal(number, row["督办单号"]);
            Assert.Equal("已办结", row["状态"]);
            Assert.Equal("是", row["挂牌督办"]);
        }
        finally
        {
            File.Delete(file);
        }

        foreach (var p in new[] { supervisor, handler, visitor })
        {
            await browser.FinishAsync(p);
        }
    }

    [Fact]
    public async Task Supervisor_OpensANoticeFromAProposal_InOneClick()
    {
        // An order the unit signed and left: ten days later it is red, and the proposal job proposes it.
        const string subject = "督办提议：背街小巷路灯长期不亮";
        var orderId = await _api.Dispatched(WorkOrderApi.Order(subject: subject, phone: "13966665555", callerName: "周慧敏"));
        await _api.Ok("handler", orderId, "sign");
        var orderNumber = (await _api.Get("supervisor", orderId)).GetProperty("number").GetString()!;
        browser.App.Time.Set(new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.FromHours(8)));
        _api.SignOutAll();
        await browser.App.Services.GetRequiredService<AlertLightJob>().RunOnceAsync(CancellationToken.None);
        await browser.App.Services.GetRequiredService<ProposalJob>().RunOnceAsync(CancellationToken.None);

        // Other tests' orders are red too: the supervisor keeps this one proposal open and sets the others aside.
        var api = await _api.As("supervisor");
        long proposalId = 0;
        var others = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var body = await (await api.GetAsync($"/api/supervision/proposals?state=open&pageSize=200&page={page}")).ShouldBe(HttpStatusCode.OK);
            var items = body.GetProperty("items").EnumerateArray().ToList();
            foreach (var p in items)
            {
                if (p.GetProperty("trigger").GetString() == "red-light" && p.GetProperty("subjectId").GetInt64() == orderId)
                {
                    proposalId = p.GetProperty("id").GetInt64();
                }
                else
                {
                    others.Add(p);
                }
            }

            if (items.Count < 200)
            {
                break;
            }
        }

        Assert.NotEqual(0, proposalId);
        foreach (var p in others)
        {
            await (await api.PostJsonAsync($"/api/supervision/proposals/{p.GetProperty("id").GetInt64()}/dismiss", new { reason = "另案处理", version = p.GetProperty("version").GetInt64() })).ShouldBe(HttpStatusCode.OK);
        }

        var supervisor = await browser.SignedInPageAsync("supervisor");
        await supervisor.OpenScreenAsync("proposals");
        await Expect(supervisor.GetByTestId("proposals")).ToContainTextAsync(orderNumber);
        await Expect(supervisor.GetByTestId("proposals").GetByText("周慧敏")).ToHaveCountAsync(0);
        await supervisor.GetByTestId($"proposal-open-{proposalId}").ClickAsync();
        await Expect(Text(supervisor, "notice-demand")).Not.ToBeEmptyAsync(); // the trigger's default terms, editable
        await Text(supervisor, "notice-reason").FillAsync("路灯工单超期未办结，群众多次催促");
        await supervisor.GetByTestId("proposal-open-save").ClickAsync();
        await Expect(supervisor.Message("已发起督办")).ToBeVisibleAsync();

        // The notice is in the ledger on the order's unit, and the proposal is no longer open.
        var number = await NoticeNumberAsync(orderNumber);
        await supervisor.OpenScreenAsync("notices");
        await Expect(supervisor.GetByTestId($"notice-open-{number}")).ToBeVisibleAsync();
        var after = await (await api.GetAsync("/api/supervision/proposals?state=open&pageSize=200")).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetInt64() == proposalId);
        await browser.FinishAsync(supervisor);
    }

    private static ILocator Input(IPage page, string testId) => page.GetByTestId(testId).Locator("xpath=descendant-or-self::input").First;

    private static ILocator Text(IPage page, string testId) => page.Locator($"[data-test={testId}]:visible").Locator("xpath=descendant-or-self::textarea").First;

    private async Task<string> NoticeNumberAsync(string orderNumber)
    {
        var ledger = await (await _api.As("supervisor")).GetAsync("/api/supervision/notices?pageSize=200").ShouldBeOk();
        return ledger.GetProperty("items").EnumerateArray()
            .Single(n => n.GetProperty("orderNumbers").EnumerateArray().Any(o => o.GetString() == orderNumber))
            .GetProperty("number").GetString()!;
    }
}
