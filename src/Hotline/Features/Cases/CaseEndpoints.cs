using Hotline.Domain;
using Hotline.Domain.Organisation;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using static Hotline.Features.WorkOrders.WorkOrderRoutes;

namespace Hotline.Features.Cases;

/// <summary>
/// Issue 15: hard cases up to the team leader and the site manager (S4), responsibility disputes decided by the
/// organisation office, matters taken to the government at the unit's level, and lateness judged (S5).
/// </summary>
public static class CaseEndpoints
{
    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder app)
    {
        var group = Group(app);

        // hard cases (疑难工单)
        group.MapPost("/{id:long}/escalate-hard-case", (long id, ReasonRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.EscalateHardCase(c.Actor, clock, r.Reason ?? string.Empty), ct)))
            .RequireAuthorization(Policies.EscalateHardCase);
        group.MapPost("/{id:long}/dispatch-hard-case", (long id, HardCaseDispatchRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, async (o, clock) =>
                o.DispatchHardCase(c.Actor, clock, await c.UnitAsync(r.LeadUnitId, "leadUnitId", ct), await c.UnitsAsync(r.CoUnitIds, "coUnitIds", ct), r.Note), ct)))
            .RequireAuthorization(Policies.DecideHardCase);
        group.MapPost("/{id:long}/send-back-hard-case", (long id, HardCaseSendBackRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, async (o, clock) =>
            {
                var article = r.Reason == Domain.WorkOrders.SendBackReason.KnowledgeBaseAnswers ? await c.LiveArticleAsync(r.ArticleId, "articleId", ct) : null;
                o.SendBackHardCase(c.Actor, clock, Required(r.Reason, "reason"), r.Note ?? string.Empty, article?.Id ?? r.ArticleId);
            }, ct)))
            .RequireAuthorization(Policies.DecideHardCase);
        group.MapPost("/{id:long}/convene-units", (long id, ConveneUnitsRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, async (o, clock) =>
                o.ConveneUnits(c.Actor, clock, await c.UnitsAsync(r.UnitIds, "unitIds", ct), Required(r.HeldOn, "heldOn"), r.Outcome ?? string.Empty), ct)))
            .RequireAuthorization(Policies.DecideHardCase);

        // responsibility disputes (职责争议 → 职责确认)
        group.MapPost("/{id:long}/request-arbitration", (long id, ReasonRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.RequestArbitration(c.Actor, clock, r.Reason ?? string.Empty), ct)))
            .RequireAuthorization(Policies.Handle);
        group.MapPost("/{id:long}/decide-arbitration", (long id, DecideArbitrationRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, async (o, clock) =>
                o.DecideArbitration(c.Actor, clock, await c.UnitAsync(r.UnitId, "unitId", ct), r.Decision ?? string.Empty), ct)))
            .RequireAuthorization(Policies.Arbitrate);

        // coordination by the government at the unit's own level (报同级人民政府)
        group.MapPost("/{id:long}/report-to-government", (long id, ReportToGovernmentRequest r, WorkOrderCommands c, HotlineDbContext db, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, async (o, clock) =>
                o.ReportToGovernment(c.Actor, clock, await GovernmentAboveAsync(db, o.LeadUnitPath, ct), r.Matter ?? string.Empty), ct)))
            .RequireAuthorization(Policies.Handle)
            .WithSummary("The holding unit takes a matter to the government at its own level: the nearest district (county) or city government above it.");
        group.MapPost("/{id:long}/record-coordination", (long id, CoordinationResultRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.RecordCoordination(c.Actor, clock, r.Result ?? string.Empty), ct)))
            .RequireAuthorization(Policies.Handle);

        // lateness judged (无正当理由逾期)
        group.MapPost("/{id:long}/explain-lateness", (long id, ReasonRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.ExplainLateness(c.Actor, clock, r.Reason ?? string.Empty), ct)))
            .RequireAuthorization(Policies.Handle);
        group.MapPost("/{id:long}/judge-lateness", (long id, JudgeLatenessRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.JudgeLateness(c.Actor, clock, Required(r.Judgement, "judgement"), r.Note), ct)))
            .RequireAuthorization(Policies.Supervise);
        return app;
    }

    /// <summary>The government at the unit's own level: the nearest district (county) or city government above the lead unit.</summary>
    private static async Task<Unit> GovernmentAboveAsync(HotlineDbContext db, string? leadUnitPath, CancellationToken ct)
    {
        var governments = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.District || u.Kind == UnitKind.City).ToListAsync(ct);
        return governments.Where(g => leadUnitPath is not null && leadUnitPath.StartsWith(g.Path, StringComparison.Ordinal) && leadUnitPath != g.Path)
            .OrderByDescending(g => g.Depth).FirstOrDefault()
            ?? throw new DomainException("work_order.no_government_above", "No district or city government is above the unit holding the order.");
    }
}
