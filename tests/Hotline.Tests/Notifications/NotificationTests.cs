using System.Net;
using System.Text.Json;
using Hotline.Features.Notifications;
using Hotline.Tests.Clocks;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Notifications;

/// <summary>
/// Workbench notifications made from the timeline (issue 15): the yellow light tells the unit (S7), a reminder notice
/// waits for the unit's acknowledgement, one acknowledgement answers for the whole audience, and nobody else sees them.
/// </summary>
public abstract class NotificationTests(AppFixture app) : IAsyncLifetime
{
    private readonly WorkOrderApi _api = new(app);

    public Task InitializeAsync()
    {
        app.Time.Set(AppFixture.DefaultNow);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        app.Time.Set(AppFixture.DefaultNow);
        _api.SignOutAll();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task YellowLight_TellsTheHoldingUnit_AndNobodyElse()
    {
        // Registered and dispatched Monday 2 March: due at the end of Monday 9 March, yellow after Friday 6 March.
        var id = await _api.Dispatched();
        var number = (await _api.Get("dispatcher", id)).GetProperty("number").GetString();
        await ClockAtAsync(new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.FromHours(8)));

        var handler = await NotificationsOfAsync("handler", number);
        var yellow = Assert.Single(handler, n => n.GetProperty("kind").GetString() == "yellowLight");
        Assert.Equal(id, yellow.GetProperty("workOrderId").GetInt64());
        Assert.False(yellow.GetProperty("requiresAcknowledgement").GetBoolean());
        Assert.Equal("东城区住房和城乡建设局", yellow.GetProperty("facts").GetProperty("unit").GetString());
        Assert.Single(await NotificationsOfAsync("liaison", number), n => n.GetProperty("kind").GetString() == "yellowLight");
        foreach (var other in new[] { "handler2", "water", "agent", "dispatcher" })
        {
            Assert.Empty(await NotificationsOfAsync(other, number));
        }
    }

    [Fact]
    public async Task Reminder_WaitsForTheUnitsAcknowledgement_GivenOnceForTheWholeUnit()
    {
        var id = await _api.Dispatched();
        var number = (await _api.Get("dispatcher", id)).GetProperty("number").GetString();
        // Red (and the automatic reminder) more than one working day past the deadline: after Tuesday 10 March.
        await ClockAtAsync(new DateTimeOffset(2026, 3, 11, 10, 0, 0, TimeSpan.FromHours(8)));

        var handler = await _api.As("handler");
        var list = await handler.GetAsync("/api/notifications").ShouldBeOk();
        var reminder = Assert.Single(Items(list, number), n => n.GetProperty("kind").GetString() == "reminder");
        Assert.True(reminder.GetProperty("requiresAcknowledgement").GetBoolean());
        Assert.True(list.GetProperty("open").GetInt32() >= 1);
        Assert.Equal("automatic", reminder.GetProperty("facts").GetProperty("kind").GetString(), StringComparer.OrdinalIgnoreCase);

        var reminderId = reminder.GetProperty("id").GetInt64();
        await (await (await _api.As("handler2")).PostJsonAsync($"/api/notifications/{reminderId}/acknowledge", new { }))
            .ShouldBeProblem(HttpStatusCode.NotFound, "notification.not_found");
        await (await handler.PostJsonAsync($"/api/notifications/{reminderId}/acknowledge", new { version = reminder.GetProperty("version").GetInt64() + 7 }))
            .ShouldBe(HttpStatusCode.Conflict);
        var acknowledged = await (await (await _api.As("liaison")).PostJsonAsync($"/api/notifications/{reminderId}/acknowledge", new { version = reminder.GetProperty("version").GetInt64() }))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal("黄磊", acknowledged.GetProperty("acknowledgedBy").GetString());

        var after = Assert.Single(Items(await handler.GetAsync("/api/notifications").ShouldBeOk(), number), n => n.GetProperty("kind").GetString() == "reminder");
        Assert.Equal("黄磊", after.GetProperty("acknowledgedBy").GetString());
        await (await handler.PostJsonAsync($"/api/notifications/{reminderId}/acknowledge", new { }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "notification.already_acknowledged");
    }

    [Fact]
    public async Task Follower_GivesEachEntryItsNotificationsOnce()
    {
        var id = await _api.Dispatched();
        var number = (await _api.Get("dispatcher", id)).GetProperty("number").GetString();
        await ClockAtAsync(new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(0, await app.Services.GetRequiredService<NotificationFollower>().RunOnceAsync(CancellationToken.None));
        Assert.Single(await NotificationsOfAsync("handler", number));
    }

    private Task ClockAtAsync(DateTimeOffset at) => _api.ClockAtAsync(app, at);

    private Task<List<JsonElement>> NotificationsOfAsync(string user, string? number) => _api.NotificationsOfAsync(user, number);

    private static List<JsonElement> Items(JsonElement list, string? number) => ClockRuns.NotificationsAbout(list, number);
}

public sealed class NotificationTests_Sqlite(SqliteApp app) : NotificationTests(app), IClassFixture<SqliteApp>;

public sealed class NotificationTests_Postgres(PostgresApp app) : NotificationTests(app), IClassFixture<PostgresApp>;
