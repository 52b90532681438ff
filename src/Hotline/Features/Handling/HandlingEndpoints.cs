using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Security;
using static Hotline.Features.WorkOrders.WorkOrderRoutes;

namespace Hotline.Features.Handling;

/// <summary>Handling by the unit (S5, S6): sign, return, extensions, progress reports, co-unit replies, the reply.</summary>
public static class HandlingEndpoints
{
    public static IEndpointRouteBuilder MapHandling(this IEndpointRouteBuilder app)
    {
        var group = Group(app);
        group.MapPost("/{id:long}/sign", (long id, VersionOnly? r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r?.Version, (o, clock) => o.Sign(c.Actor, clock), ct))).RequireAuthorization(Policies.Handle);
        group.MapPost("/{id:long}/return", (long id, ReturnRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, async (o, clock) =>
                o.Return(c.Actor, clock, r.Reason ?? string.Empty, r.Basis ?? string.Empty, await c.UnitAsync(r.SuggestedUnitId, "suggestedUnitId", ct)), ct)))
            .RequireAuthorization(Policies.Handle);
        group.MapPost("/{id:long}/request-extension", (long id, ExtensionRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.RequestExtension(c.Actor, clock, Required(r.Days, "days"), r.Reason ?? string.Empty), ct)))
            .RequireAuthorization(Policies.Handle);
        group.MapPost("/{id:long}/approve-extension", (long id, ApproveExtensionRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.ApproveExtension(c.Actor, clock, r.Days, r.Note), ct))).RequireAuthorization(Policies.ReviewExtension);
        group.MapPost("/{id:long}/reject-extension", (long id, ReasonRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.RejectExtension(c.Actor, clock, r.Reason ?? string.Empty), ct))).RequireAuthorization(Policies.ReviewExtension);
        group.MapPost("/{id:long}/progress-report", (long id, ProgressReportRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.ReportProgress(c.Actor, clock, r.Text ?? string.Empty, Required(r.CommittedDate, "committedDate")), ct)))
            .RequireAuthorization(Policies.Handle);
        group.MapPost("/{id:long}/co-reply", (long id, TextRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.CoReply(c.Actor, clock, r.Text ?? string.Empty), ct))).RequireAuthorization(Policies.Handle);
        // Issue 18 (S5): the reply carries the unit's files; their claim commits with the reply.
        group.MapPost("/{id:long}/reply", (long id, ReplyRequest r, WorkOrderCommands c, Attachments.UploadClaims uploads, CancellationToken ct) =>
            Ok(uploads.InTransactionAsync(() => c.ExecuteAsync(id, r.Version, async (o, clock) =>
            {
                var files = await uploads.ResolveAsync(r.AttachmentIds, ct);
                o.Reply(c.Actor, clock, r.Result ?? string.Empty, Required(r.CitizenContacted, "citizenContacted"), r.ContactMethod, Required(r.Outcome, "outcome"), r.UnresolvedReason, files);
                await uploads.ClaimAsync(o.Id, files, ct);
            }, ct), ct)))
            .RequireAuthorization(Policies.Handle);

        return app;
    }
}
