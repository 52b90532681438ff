using Hotline.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hotline.Features.WorkOrders;

/// <summary>What the action endpoints of every capability share: the route group of work orders and the typed answers.</summary>
public static class WorkOrderRoutes
{
    /// <summary>The <c>/api/work-orders</c> group; each capability maps its own actions on it.</summary>
    public static RouteGroupBuilder Group(IEndpointRouteBuilder app) => app.MapGroup("/api/work-orders").WithTags("Work orders");

    public static async Task<Ok<WorkOrderDto>> Ok(Task<WorkOrderDto> result) => TypedResults.Ok(await result);

    public static T Required<T>(T? value, string field)
        where T : struct =>
        value ?? throw ValidationException.For(field, "This field is required.");
}
