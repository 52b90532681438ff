using System.Net;
using Hotline.Domain;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Tests.TextLimits;

/// <summary>
/// Declared text limits (issue 13, defect 2): PostgreSQL answered 500 (Npgsql 22001) on a 5,000-character reminder and
/// on 1 MB reasons and notes, where SQLite stored them. Every text field has one limit, enforced the same way on both
/// databases: a 400 naming the field before anything is written, and a check before every save behind it.
/// </summary>
public abstract class TextLimitTests(AppFixture fixture) : WorkOrderHttpTests(fixture)
{
    private readonly AppFixture _app = fixture;

    private static readonly string Megabyte = new('长', 1024 * 1024);

    [Fact]
    public async Task TheIssuesLongTexts_Are400NamingTheField_AndWriteNothing()
    {
        var id = await Api.Dispatched();
        var before = (await Api.Timeline("dispatcher", id)).GetArrayLength();

        var remind = await (await Api.Act("supervisor", id, "remind", new { text = new string('催', 5000) })).ShouldBeValidationError("text");
        Assert.Equal("validation_failed", remind.GetProperty("code").GetString());
        Assert.Equal($"At most {Limits.LongText} characters.", remind.GetProperty("errors").GetProperty("text")[0].GetString());
        await (await Api.Act("dispatcher", id, "reveal-caller", new { reason = Megabyte })).ShouldBeValidationError("reason");
        await (await Api.Act("dispatcher", id, "redispatch", new { leadUnitId = await Api.UnitId("AL-DC-ZJ"), note = Megabyte })).ShouldBeValidationError("note");
        await (await Api.Act("handler", id, "sign")).ShouldBe(HttpStatusCode.OK);
        await (await Api.Act("handler", id, "request-extension", new { days = 3, reason = Megabyte })).ShouldBeValidationError("reason");

        Assert.Equal(before + 1, (await Api.Timeline("dispatcher", id)).GetArrayLength());
    }

    [Fact]
    public async Task TextAtItsLimit_IsStored_OnBothDatabases()
    {
        var id = await Api.Dispatched();
        var reason = new string('核', Limits.Reason);
        await (await Api.Act("dispatcher", id, "reveal-caller", new { reason })).ShouldBe(HttpStatusCode.OK);
        await (await Api.Act("supervisor", id, "remind", new { text = new string('催', Limits.LongText) })).ShouldBe(HttpStatusCode.OK);

        var timeline = await Api.Timeline("dispatcher", id);
        Assert.Contains(timeline.EnumerateArray(), e => e.GetProperty("reason").GetString() == reason);
    }

    [Fact]
    public async Task NestedFieldsAndLists_AreNamedByTheirPath()
    {
        var order = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(WorkOrderApi.Order()))!;
        order["caller"]!["name"] = new string('张', Limits.Name + 1);
        var client = await Api.As("agent");
        using var content = new StringContent(order.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        await (await client.PostAsync("/api/work-orders", content)).ShouldBeValidationError("caller.name");

        // Issue 18: an order's attachments are upload ids now; a list of records is a unit's liaisons.
        var admin = await Api.As("admin");
        var unit = new
        {
            code = "TL-LIST",
            name = "列表测试单位",
            kind = "department",
            parentId = await Api.UnitId("AL-DC"),
            regionCode = "990102",
            liaisons = new[] { new { name = "联络员", phone = "0999-6000000", email = (string?)null }, new { name = new string('联', Limits.Name + 1), phone = "0999-6000001", email = (string?)null } },
        };
        await (await admin.PostJsonAsync("/api/units", unit)).ShouldBeValidationError("liaisons[1].name");

        var dispatcher = await Api.As("dispatcher");
        var id = await Api.RegisterId();
        var coUnits = Enumerable.Range(1, Limits.Items + 1).Select(i => (long)i).ToArray();
        await (await dispatcher.PostJsonAsync($"/api/work-orders/{id}/dispatch", new { leadUnitId = await Api.UnitId("AL-DC-ZJ"), coUnitIds = coUnits })).ShouldBeValidationError("coUnitIds");
    }

    [Fact]
    public async Task QueryStringText_IsLimitedToo()
    {
        var expert = await Api.As("expert");
        await (await expert.GetAsync($"/api/knowledge/articles?q={new string('a', Limits.SearchText + 1)}")).ShouldBeValidationError("q");
        var staff = await Api.As("dispatcher");
        await (await staff.GetAsync($"/api/work-orders?status={new string('a', Limits.QueryValue + 1)}")).ShouldBeValidationError("status");
    }

    [Fact]
    public async Task TheSaveCheck_RefusesWhatTheRequestCheckWouldHave_OnBothDatabases()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        db.CalendarYears.Add(new CalendarYearRow { Year = 2090, Source = new string('源', Limits.Reason + 1), UpdatedAtUtc = DateTime.UtcNow });
        var refused = await Assert.ThrowsAsync<ValidationException>(() => db.SaveChangesAsync());
        Assert.Equal(["source"], refused.Errors.Keys);
        db.ChangeTracker.Clear();
        Assert.False(await db.CalendarYears.AnyAsync(y => y.Year == 2090));
    }

    [Fact]
    public async Task Timeline_AnswersInPages_FollowingTheCursor()
    {
        var id = await Api.Dispatched();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var at = DateTime.UtcNow;
            for (var i = 0; i < WorkOrderEndpoints.TimelinePageSize + 20; i++)
            {
                await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO work_order_events (work_order_id, at_utc, action, actor_name, actor_roles, actor_unit_name, reason, details) VALUES ({id}, {at}, {"Remind"}, {"督办员"}, {"Supervisor"}, {"市热线中心"}, {"催办"}, {"{}"})");
            }

            await transaction.CommitAsync();
        }

        var client = await Api.As("dispatcher");
        var first = await client.GetAsync($"/api/work-orders/{id}/timeline").ShouldBeOk();
        Assert.Equal(WorkOrderEndpoints.TimelinePageSize, first.GetArrayLength());
        var last = first[WorkOrderEndpoints.TimelinePageSize - 1].GetProperty("id").GetInt64();
        var second = await client.GetAsync($"/api/work-orders/{id}/timeline?after={last}").ShouldBeOk();
        Assert.InRange(second.GetArrayLength(), 21, WorkOrderEndpoints.TimelinePageSize - 1);
        Assert.All(second.EnumerateArray(), e => Assert.True(e.GetProperty("id").GetInt64() > last));
    }
}

public sealed class TextLimitTests_Sqlite(SqliteApp app) : TextLimitTests(app), IClassFixture<SqliteApp>;

public sealed class TextLimitTests_Postgres(PostgresApp app) : TextLimitTests(app), IClassFixture<PostgresApp>;
