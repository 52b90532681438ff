using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hotline.Tests.Browser;

/// <summary>The working-day calendar editor: a year entered by hand, the server's row messages, the December warning.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class CalendarEditorTests(BrowserFixture browser)
{
    [Fact]
    public async Task InDecember_TheMissingNextYearIsFlagged_AndAnAdministratorEntersIt()
    {
        // 2 December 2026: the State Council has published 2027, but nobody has entered it yet.
        browser.App.Time.Set(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(8)));
        try
        {
            var page = await browser.SignedInPageAsync("admin");
            // The test provokes this refusal on purpose: the server's answer is what it checks.
            browser.ExpectRefusal(page, "/api/calendar/years/");
            await Expect(page.GetByTestId("home-warnings")).ToContainTextAsync("2027 年的节假日安排尚未录入");
            await page.GotoAsync("/admin/calendar/2027");
            await Expect(page.GetByTestId("calendar-warning")).ToContainTextAsync("2027 年的节假日安排尚未录入");

            await page.GetByTestId("calendar-source").FillAsync("国务院办公厅关于2027年部分节假日安排的通知");
            await page.GetByTestId("calendar-add-range").ClickAsync();
            var dates = page.GetByTestId("calendar-range-dates").Locator("input");
            await dates.Nth(0).FillAsync("2027-01-01");
            await dates.Nth(1).FillAsync("2027-01-03");
            await dates.Nth(1).PressAsync("Enter");
            await page.GetByTestId("calendar-range-name").FillAsync("元旦");
            await page.GetByTestId("calendar-range-add").ClickAsync();
            await Expect(page.GetByTestId("calendar-rows").Locator("tbody tr")).ToHaveCountAsync(3);

            // A make-up working day typed on a weekday: the server refuses it, and says so on that row.
            await page.GetByTestId("calendar-add-workday").ClickAsync();
            await page.GetByTestId("calendar-date-3").Locator("input").FillAsync("2027-01-04");
            await page.GetByTestId("calendar-date-3").Locator("input").PressAsync("Enter");
            await page.GetByTestId("calendar-name-3").FillAsync("元旦调休");
            await page.GetByTestId("calendar-save").ClickAsync();
            await Expect(page.GetByTestId("calendar-kind-error-3")).ToHaveTextAsync("调休上班日应在周六或周日。");
            await Expect(page.GetByTestId("calendar-name-3")).ToHaveValueAsync("元旦调休");
            await BrowserFixture.ScreenshotAsync(page, "20-calendar-refused-row");

            await page.GetByTestId("calendar-date-3").Locator("input").FillAsync("2027-01-09");
            await page.GetByTestId("calendar-date-3").Locator("input").PressAsync("Enter");
            await page.GetByTestId("calendar-save").ClickAsync();
            await Expect(page.Message("2027 年工作日历已保存")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("calendar-warning")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("calendar-dirty")).ToHaveCountAsync(0);
            await BrowserFixture.ScreenshotAsync(page, "21-calendar");

            var admin = await browser.App.SignInAsync("admin");
            var year = await admin.GetFromJsonAsync<JsonElement>("/api/calendar/years/2027", AppFixture.Json);
            var days = year.GetProperty("days").EnumerateArray().Select(d => (d.GetProperty("date").GetString(), d.GetProperty("kind").GetString())).ToList();
            Assert.Equal([("2027-01-01", "holiday"), ("2027-01-02", "holiday"), ("2027-01-03", "holiday"), ("2027-01-09", "workday")], days);
            await browser.FinishAsync(page);
        }
        finally
        {
            browser.App.Time.Set(AppFixture.DefaultNow);
            var admin = await browser.App.SignInAsync("admin");
            await admin.DeleteAsync("/api/calendar/years/2027");
        }
    }
}
