using System.Text.Json;
using Hotline.Features.Notifications;
using Hotline.Features.Supervision;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Clocks;

/// <summary>Moving the server's clock as the background jobs would see it, and reading what they told whom.</summary>
internal static class ClockRuns
{
    /// <summary>Moves the clock, lets the light job and the notification follower run, and signs everyone in again.</summary>
    public static async Task ClockAtAsync(this WorkOrderApi api, AppFixture app, DateTimeOffset at)
    {
        app.Time.Set(at);
        api.SignOutAll();
        await app.Services.GetRequiredService<AlertLightJob>().RunOnceAsync(CancellationToken.None);
        await app.Services.GetRequiredService<NotificationFollower>().RunOnceAsync(CancellationToken.None);
    }

    /// <summary>The notifications <paramref name="user"/> sees about the order numbered <paramref name="number"/>.</summary>
    public static async Task<List<JsonElement>> NotificationsOfAsync(this WorkOrderApi api, string user, string? number) =>
        NotificationsAbout(await (await api.As(user)).GetAsync("/api/notifications").ShouldBeOk(), number);

    public static List<JsonElement> NotificationsAbout(JsonElement list, string? number) =>
        list.GetProperty("items").EnumerateArray().Where(n => n.GetProperty("workOrderNumber").GetString() == number).ToList();
}
