using System.Net;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.Foundation;

public abstract class CalendarApiTests(AppFixture app)
{
    [Theory]
    [InlineData("2026-02-13T10:00:00%2B08:00", 1, "2026-02-14T23:59:59+08:00")]
    [InlineData("2026-02-14T10:00:00%2B08:00", 1, "2026-02-24T23:59:59+08:00")]
    [InlineData("2026-09-30T10:00:00%2B08:00", 3, "2026-10-10T23:59:59+08:00")]
    [InlineData("2026-02-13T17:00:00Z", 1, "2026-02-24T23:59:59+08:00")]
    [InlineData("2026-02-13T10:00:00+08:00", 1, "2026-02-14T23:59:59+08:00")]
    public async Task Deadline_IsPublicAndFollowsTheCalendar(string from, int days, string expected)
    {
        var body = await app.Anonymous().GetAsync($"/api/calendar/deadline?from={from}&workingDays={days}").ShouldBeOk();

        Assert.Equal(expected, body.GetProperty("deadline").GetString());
        Assert.False(body.GetProperty("provisional").GetBoolean());
    }

    [Fact]
    public async Task Deadline_IntoUnpublishedYear_IsProvisional()
    {
        var body = await app.Anonymous().GetAsync("/api/calendar/deadline?from=2026-12-30T10:00:00%2B08:00&workingDays=3").ShouldBeOk();

        Assert.Equal("2027-01-04T23:59:59+08:00", body.GetProperty("deadline").GetString());
        Assert.True(body.GetProperty("provisional").GetBoolean());
    }

    [Fact]
    public async Task Deadline_Hours_IsWallClock()
    {
        var body = await app.Anonymous().GetAsync("/api/calendar/deadline?from=2026-02-15T23:00:00%2B08:00&hours=2").ShouldBeOk();

        Assert.Equal("2026-02-16T01:00:00+08:00", body.GetProperty("deadline").GetString());
    }

    [Theory]
    [InlineData("from=2026-02-13T10:00:00&workingDays=1", "from")]
    [InlineData("from=yesterday&workingDays=1", "from")]
    [InlineData("workingDays=1", "from")]
    [InlineData("from=2026-02-13T10:00:00Z&workingDays=61", "workingDays")]
    [InlineData("from=2026-02-13T10:00:00Z&workingDays=-1", "workingDays")]
    [InlineData("from=2026-02-13T10:00:00Z&workingDays=two", "workingDays")]
    [InlineData("from=2026-02-13T10:00:00Z", "workingDays")]
    [InlineData("from=2026-02-13T10:00:00Z&hours=1000", "hours")]
    public async Task Deadline_InvalidInput_Is400NamingTheParameter(string query, string field) =>
        await (await app.Anonymous().GetAsync($"/api/calendar/deadline?{query}")).ShouldBeValidationError(field);

    [Fact]
    public async Task PutYear_ByAdministrator_ChangesDeadlinesAtOnce()
    {
        var admin = await app.SignInAsync("admin");
        var before = await app.Anonymous().GetAsync("/api/calendar/deadline?from=2030-01-31T10:00:00%2B08:00&workingDays=1").ShouldBeOk();
        Assert.Equal("2030-02-01T23:59:59+08:00", before.GetProperty("deadline").GetString());
        Assert.True(before.GetProperty("provisional").GetBoolean());

        await (await admin.PutJsonAsync("/api/calendar/years/2030", new
        {
            source = "test notice",
            days = new object[]
            {
                new { date = "2030-02-01", kind = "holiday", name = "春节" },
                new { date = "2030-02-02", kind = "workday", name = "春节" },
            },
        })).ShouldBe(HttpStatusCode.OK);

        var after = await app.Anonymous().GetAsync("/api/calendar/deadline?from=2030-01-31T10:00:00%2B08:00&workingDays=1").ShouldBeOk();
        Assert.Equal("2030-02-02T23:59:59+08:00", after.GetProperty("deadline").GetString());
        Assert.False(after.GetProperty("provisional").GetBoolean());
        var year = await admin.GetAsync("/api/calendar/years/2030").ShouldBeOk();
        Assert.Equal(2, year.GetProperty("days").GetArrayLength());
    }

    [Fact]
    public async Task PutYear_InvalidDays_Is400AndChangesNothing()
    {
        var admin = await app.SignInAsync("admin");

        await (await admin.PutJsonAsync("/api/calendar/years/2026", new
        {
            source = "broken",
            days = new object[]
            {
                new { date = "2026-10-01", kind = "holiday", name = "国庆节" },
                new { date = "2026-03-04", kind = "workday", name = "not a weekend" },
                new { date = "2027-01-01", kind = "holiday", name = "wrong year" },
            },
        })).ShouldBeValidationError("days[1].kind");

        var year = await admin.GetAsync("/api/calendar/years/2026").ShouldBeOk();
        Assert.Equal("https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm", year.GetProperty("source").GetString());
        Assert.Equal(39, year.GetProperty("days").GetArrayLength());
    }

    [Fact]
    public async Task PutYear_ByDispatcher_IsForbidden()
    {
        var dispatcher = await app.SignInAsync("dispatcher");

        await (await dispatcher.PutJsonAsync("/api/calendar/years/2031", new { source = "x", days = Array.Empty<object>() })).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Warnings_FromFirstDecember_ReportMissingNextYear()
    {
        try
        {
            app.Time.Set(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.FromHours(8)));
            var admin = await app.SignInAsync("admin");
            var november = await admin.GetAsync("/api/calendar/warnings").ShouldBeOk();
            Assert.Equal(0, november.GetArrayLength());

            app.Time.Set(new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.FromHours(8)));
            admin = await app.SignInAsync("admin");
            var december = await admin.GetAsync("/api/calendar/warnings").ShouldBeOk();
            var warning = Assert.Single(december.EnumerateArray());
            Assert.Equal("calendar.next_year_missing", warning.GetProperty("code").GetString());
            Assert.Equal(2027, warning.GetProperty("year").GetInt32());

            var me = await admin.GetAsync("/api/auth/me").ShouldBeOk();
            Assert.Equal(1, me.GetProperty("warnings").GetArrayLength());
        }
        finally
        {
            app.Time.Set(AppFixture.DefaultNow);
        }
    }
}

public sealed class CalendarApiTests_Sqlite(SqliteApp app) : CalendarApiTests(app), IClassFixture<SqliteApp>;

public sealed class CalendarApiTests_Postgres(PostgresApp app) : CalendarApiTests(app), IClassFixture<PostgresApp>;
