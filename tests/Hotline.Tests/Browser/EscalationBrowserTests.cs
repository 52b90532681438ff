using Hotline.Tests.Infrastructure;
using Hotline.Tests.Supervision;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>
/// Issue 16 in the browser: the centre escalates a notice to the organisation office with the hand-over text, the office
/// finds it among the notices escalated to it (the leader does not yet), and the centre writes a special report on it.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class EscalationBrowserTests(BrowserFixture browser) : ClockResetBrowserTests(browser.App)
{
    [Fact]
    public async Task Centre_EscalatesANotice_TheOfficeSeesIt_AndTheCentreWritesASpecialReport()
    {
        var (_, number) = await NoticeSeed.OpenAsync(browser.App, "AL-XC-CG");

        var supervisor = await browser.SignedInPageAsync("supervisor");
        await supervisor.OpenScreenAsync("escalation");
        await supervisor.GetByTestId("escalated").GetByText(number).ClickAsync();
        var drawer = supervisor.GetByTestId("escalation-drawer");
        await drawer.GetByTestId("input-reason").FillAsync("单位两次逾期未整改");
        await drawer.GetByTestId("input-handOver").FillAsync("请编办明确职责并督促落实");
        await drawer.GetByTestId("escalate").ClickAsync();
        await Expect(supervisor.Message("已升级")).ToBeVisibleAsync();
        await Expect(drawer.GetByTestId("level")).ToHaveTextAsync("编办");
        await Expect(drawer.GetByTestId("steps")).ToContainTextAsync("请编办明确职责并督促落实");

        var office = await browser.SignedInPageAsync("bianban");
        await office.OpenScreenAsync("escalated-to-me");
        await office.GetByTestId("escalated").GetByText(number).ClickAsync();
        await Expect(office.GetByTestId("escalate-form")).ToBeVisibleAsync();
        await Expect(office.GetByTestId("to-leader")).ToBeVisibleAsync();

        var leader = await browser.SignedInPageAsync("leader");
        await leader.OpenScreenAsync("escalated-to-me");
        await Expect(leader.GetByTestId("escalated")).Not.ToContainTextAsync(number);

        await drawer.GetByTestId("draft-report").ClickAsync();
        await Expect(supervisor).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/supervision/special-reports"));
        var report = supervisor.GetByTestId("report-drawer");
        await Expect(report.GetByTestId("input-body")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(number));
        await report.GetByTestId("input-title").FillAsync("关于西城区城管局逾期整改问题的专报");
        await report.GetByTestId("save").ClickAsync();
        await Expect(supervisor.Message("专报已保存")).ToBeVisibleAsync();
        await Expect(report.GetByTestId("docx")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/docx$"));

        foreach (var page in new[] { supervisor, office, leader })
        {
            await browser.FinishAsync(page);
        }
    }
}
