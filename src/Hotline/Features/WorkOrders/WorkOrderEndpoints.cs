using Hotline.Domain;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.WorkOrders;

/// <summary>What every capability reads of a work order: the list, search, one order, its timeline, and the caller reveal.</summary>
public static class WorkOrderEndpoints
{
    public static IEndpointRouteBuilder MapWorkOrders(this IEndpointRouteBuilder app)
    {
        var group = WorkOrderRoutes.Group(app);
        group.MapGet("/", WorkOrderQueries.List).RequireAuthorization(Policies.Staff);
        group.MapGet("/export", WorkOrderExport.Export).RequireAuthorization(Policies.Staff)
            .Produces(StatusCodes.Status200OK, contentType: Infrastructure.Web.XlsxExport.ContentType)
            .WithSummary("The work-order list as an .xlsx workbook: the list's filters, scope and sort, the caller masked as the list masks it, streamed with its length.");
        group.MapGet("/search", WorkOrderSearch.Search).RequireAuthorization(Policies.Staff)
            .WithSummary("Full-text search over the work orders the caller may see (subject, events, demand, latest reply), with the list's filters.");
        group.MapGet("/{id:long}", Get).RequireAuthorization(Policies.Staff);
        group.MapGet("/{id:long}/timeline", Timeline).RequireAuthorization(Policies.Staff)
            .WithSummary($"The order's timeline in id order, at most {TimelinePageSize} entries after the entry `after` names; a full page may have a next one.");
        group.MapPost("/{id:long}/reveal-caller", RevealCaller).RequireAuthorization(Policies.RevealCaller);
        return app;
    }

    private static async Task<Ok<WorkOrderDto>> Get(long id, WorkOrderCommands commands, WorkOrderClocks clocks, CancellationToken ct)
    {
        var order = await commands.LoadVisibleAsync(id, ct);
        return TypedResults.Ok(await commands.DtoAsync(order, clocks.For(order), ct));
    }

    /// <summary>The most entries one timeline answer holds, so that no order gives an unbounded answer (issue 13).</summary>
    public const int TimelinePageSize = 500;

    private static async Task<Ok<List<TimelineEntry>>> Timeline(long id, long? after, WorkOrderCommands commands, HotlineDbContext db, CancellationToken ct)
    {
        await commands.LoadVisibleAsync(id, ct);
        var from = after ?? 0;
        var events = await db.Set<WorkOrderEvent>().AsNoTracking()
            .Where(e => e.WorkOrderId == id && e.Id > from).OrderBy(e => e.Id).Take(TimelinePageSize).ToListAsync(ct);
        return TypedResults.Ok(events.Select(e => new TimelineEntry(
            e.Id, WorkOrderDto.Local(e.AtUtc), WorkOrderDto.ActionName(e.Action), e.ActorName, e.ActorRoles, e.ActorUnitName, e.Reason, e.FromStatus, e.ToStatus, e.Details)).ToList());
    }

    public sealed record RevealRequest([property: MaxLength(Limits.Reason)] string? Reason);

    /// <summary>Shows the caller's name and phone to an allowed role, and records that it did (S13).</summary>
    private static async Task<Ok<CallerView>> RevealCaller(long id, RevealRequest request, WorkOrderCommands commands, WorkOrderClocks clocks, CancellationToken ct)
    {
        var order = await commands.LoadVisibleAsync(id, ct);
        var caller = order.RevealCaller(commands.Actor, clocks.For(order), request.Reason ?? string.Empty);
        await commands.SaveAsync(order, ct);
        return TypedResults.Ok(CallerView.Revealed(caller));
    }
}
