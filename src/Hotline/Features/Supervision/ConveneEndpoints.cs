using Hotline.Domain;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Security;
using static Hotline.Features.WorkOrders.WorkOrderRoutes;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Supervision;

public sealed record ConveneLeadRequest(
    [property: MaxLength(Limits.Items)] IReadOnlyList<long>? UnitIds, long? LeadUnitId, DateOnly? HeldOn, [property: MaxLength(Limits.LongText)] string? Outcome, long? Version);

/// <summary>Issue 16 (S8, multi-unit cases): the centre convenes the units concerned and names one lead unit.</summary>
public static class ConveneEndpoints
{
    public static IEndpointRouteBuilder MapConvene(this IEndpointRouteBuilder app)
    {
        Group(app).MapPost("/{id:long}/convene-lead", (long id, ConveneLeadRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, async (o, clock) =>
            {
                var units = await c.UnitsAsync(r.UnitIds, "unitIds", ct);
                var lead = r.LeadUnitId is { } leadId ? units.FirstOrDefault(u => u.Id == leadId) : null;
                o.ConveneLead(c.Actor, clock, units, lead, r.HeldOn, r.Outcome ?? string.Empty);
            }, ct)))
            .RequireAuthorization(Policies.ConveneLead)
            .WithSummary("Records the meeting (when, the units that attended, the outcome) and names the lead unit; the others assist as co-units.");
        return app;
    }
}
