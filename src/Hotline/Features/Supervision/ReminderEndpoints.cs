using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Observability;
using Hotline.Infrastructure.Security;
using static Hotline.Features.WorkOrders.WorkOrderRoutes;

namespace Hotline.Features.Supervision;

/// <summary>Manual reminders (催办) on one order.</summary>
public static class ReminderEndpoints
{
    public static IEndpointRouteBuilder MapReminders(this IEndpointRouteBuilder app)
    {
        var group = Group(app);
        group.MapPost("/{id:long}/remind", async (long id, TextRequest r, WorkOrderCommands c, HotlineMetrics metrics, CancellationToken ct) =>
        {
            var reminded = await Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.Remind(c.Actor, clock, r.Text ?? string.Empty), ct));
            metrics.RemindersSent(ReminderKind.Manual, 1);
            return reminded;
        }).RequireAuthorization(Policies.Supervise);
        return app;
    }
}
