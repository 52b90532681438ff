using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Security;
using Microsoft.Extensions.Options;
using static Hotline.Features.WorkOrders.WorkOrderRoutes;

namespace Hotline.Features.Callback;

/// <summary>After the reply (S7): review it, call the citizen back, redo, close, archive.</summary>
public static class CallbackEndpoints
{
    public static IEndpointRouteBuilder MapCallback(this IEndpointRouteBuilder app)
    {
        var group = Group(app);
        group.MapPost("/{id:long}/accept-reply", (long id, AcceptReplyRequest? r, WorkOrderCommands c, IOptionsSnapshot<ReplyOptions> reply, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r?.Version, (o, clock) =>
            {
                if (r?.SkipCallback == true)
                {
                    o.AcceptReplyWithoutCallback(c.Actor, clock, r.Note ?? string.Empty);
                }
                else if (reply.Value.Voice == ReplyVoice.Centre)
                {
                    o.AcceptReplyInOneVoice(c.Actor, clock, r?.Note, r?.CitizenAnswer ?? string.Empty); // issue 15: the centre answers in one voice
                }
                else
                {
                    o.AcceptReply(c.Actor, clock, r?.Note);
                }
            }, ct))).RequireAuthorization(Policies.ReviewReply);
        group.MapPost("/{id:long}/reject-reply", (long id, ReasonRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.RejectReply(c.Actor, clock, r.Reason ?? string.Empty), ct))).RequireAuthorization(Policies.ReviewReply);
        group.MapPost("/{id:long}/callback", (long id, CallbackRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) =>
                o.Callback(c.Actor, clock, r.Method ?? ContactMethod.Phone, Required(r.Reached, "reached"), r.ProcessRating, r.ResultRating, r.Comment, r.UnitFailedToAct == true), ct)))
            .RequireAuthorization(Policies.Callback);
        group.MapPost("/{id:long}/redo", (long id, RedoRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, async (o, clock) =>
                o.Redo(c.Actor, clock, r.Reason ?? string.Empty, await c.UnitAsync(r.LeadUnitId ?? o.LeadUnitId, "leadUnitId", ct)), ct)))
            .RequireAuthorization(Policies.Conclude);
        group.MapPost("/{id:long}/close", (long id, CloseRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.Close(c.Actor, clock, Required(r.Reason, "reason"), r.Note), ct))).RequireAuthorization(Policies.Conclude);
        group.MapPost("/{id:long}/archive", (long id, VersionOnly? r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r?.Version, (o, clock) => o.Archive(c.Actor, clock), ct))).RequireAuthorization(Policies.Archive);
        return app;
    }
}
