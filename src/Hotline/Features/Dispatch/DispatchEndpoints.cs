using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Security;
using static Hotline.Features.WorkOrders.WorkOrderRoutes;

namespace Hotline.Features.Dispatch;

/// <summary>Dispatch (S4): dispatch to a lead unit and co-units, send back to intake, re-dispatch, review a unit's return.</summary>
public static class DispatchEndpoints
{
    public static IEndpointRouteBuilder MapDispatch(this IEndpointRouteBuilder app)
    {
        var group = Group(app);
        group.MapPost("/{id:long}/dispatch", (long id, DispatchRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, async (o, clock) =>
                o.Dispatch(c.Actor, clock, await c.UnitAsync(r.LeadUnitId, "leadUnitId", ct), await c.UnitsAsync(r.CoUnitIds, "coUnitIds", ct), r.Note), ct)))
            .RequireAuthorization(Policies.Dispatch);
        group.MapPost("/{id:long}/send-back", (long id, SendBackRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, async (o, clock) =>
            {
                // "The knowledge base already answers" must point at an article the agent can use now.
                var article = r.Reason == SendBackReason.KnowledgeBaseAnswers ? await c.LiveArticleAsync(r.ArticleId, "articleId", ct) : null;
                o.SendBack(c.Actor, clock, Required(r.Reason, "reason"), r.Note ?? string.Empty, article?.Id ?? r.ArticleId);
            }, ct)))
            .RequireAuthorization(Policies.Dispatch);
        group.MapPost("/{id:long}/redispatch", (long id, DispatchRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, async (o, clock) =>
                o.Redispatch(c.Actor, clock, await c.UnitAsync(r.LeadUnitId, "leadUnitId", ct), await c.UnitsAsync(r.CoUnitIds, "coUnitIds", ct), r.Note), ct)))
            .RequireAuthorization(Policies.Redispatch);
        group.MapPost("/{id:long}/approve-return", (long id, ApproveReturnRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, async (o, clock) =>
                o.ApproveReturn(c.Actor, clock, r.Note, r.LeadUnitId is null ? null : await c.UnitAsync(r.LeadUnitId, "leadUnitId", ct), await c.UnitsAsync(r.CoUnitIds, "coUnitIds", ct)), ct)))
            .RequireAuthorization(Policies.Dispatch);
        group.MapPost("/{id:long}/reject-return", (long id, ReasonRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.RejectReturn(c.Actor, clock, r.Reason ?? string.Empty), ct))).RequireAuthorization(Policies.Dispatch);

        return app;
    }
}
