using Hotline.Domain;
using Hotline.Domain.Citizens;
using Hotline.Domain.Open311;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Citizens;
using Hotline.Features.Dispatch;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Open311;

/// <summary>
/// Open311 GeoReport v2 at <c>/open311/v2</c> (issue 18): discovery, the services (the categories citizens choose from),
/// a service's definition, POST a request into the online intake queue with a channel key, the requests' public status,
/// and tokens. Each answer in JSON or XML by the path's extension; every refusal in the spec's error format
/// (<see cref="Open311Filter"/>). Public like the citizen API; rate-limited per key or per client address.
/// </summary>
public static class Open311Endpoints
{
    public const string Tag = "Open311";

    public const string RateLimit = "open311";

    public const string Base = "/open311/v2";

    public static IEndpointRouteBuilder MapOpen311(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Base).WithTags(Tag).AllowAnonymous().RequireRateLimiting(RateLimit).AddEndpointFilter(Open311Filter.Invoke);
        group.MapGet("/discovery.{format}", Discovery).WithSummary("Service discovery: where this GeoReport v2 endpoint is, and its formats.");
        group.MapGet("/services.{format}", Services).WithSummary("The services: the categories a citizen chooses from.");
        group.MapGet("/services/{code}.{format}", Definition).WithSummary("A service's definition: the attributes it asks (the request type first).");
        group.MapPost("/requests.{format}", Open311Posting.PostAsync).WithSummary("Send a request with a channel's api_key; it waits in the online intake queue (a token comes back).");
        group.MapGet("/requests.{format}", Requests).WithSummary("Requests by id (comma list), or by service_code, start_date, end_date, status (90 days, 1,000 at most).");
        group.MapGet("/requests/{id}.{format}", Request).WithSummary("One request's public status.");
        group.MapGet("/tokens/{token}.{format}", Token).WithSummary("The service_request_id of a token, once the request has been accepted.");
        return app;
    }

    private static IResult Discovery(HttpContext http, IOptionsMonitor<Open311Options> options, [MaxLength(Limits.QueryValue)] string? jurisdiction_id)
    {
        var o = options.CurrentValue;
        o.CheckJurisdiction(jurisdiction_id);
        var url = (o.BaseUrl ?? $"{http.Request.Scheme}://{http.Request.Host}").TrimEnd('/') + Base;
        return Open311Document.Result(Open311Filter.FormatOf(http), "discovery", new Open311Object(
        [
            ("changeset", Open311Options.Changeset), ("contact", o.Contact), ("key_service", o.KeyService),
            ("endpoints", new Open311List("endpoint", [new Open311Object(
            [
                ("specification", "http://wiki.open311.org/GeoReport_v2"), ("url", url), ("changeset", Open311Options.Changeset), ("type", "production"),
                ("formats", new Open311List("format", ["text/xml", "application/json"])),
            ])])),
        ]));
    }

    private static IResult Services(HttpContext http, CategoryDirectory categories, IOptionsMonitor<Open311Options> options, [MaxLength(Limits.QueryValue)] string? jurisdiction_id)
    {
        options.CurrentValue.CheckJurisdiction(jurisdiction_id);
        var services = categories.All.Where(OnlineCategories.IsOffered).OrderBy(c => c.Code, StringComparer.Ordinal).Select(c => (object?)new Open311Object(
        [
            ("service_code", c.Code), ("service_name", c.Name), ("description", categories.PathName(c.Code)), ("metadata", true), ("type", "batch"),
            ("keywords", string.Join(",", c.Synonyms)), ("group", TopOf(categories, c).Name),
        ])).ToList();
        return Open311Document.Result(Open311Filter.FormatOf(http), "services", new Open311List("service", services));
    }

    private static IResult Definition(
        [MaxLength(Limits.Code)] string code, HttpContext http, CategoryDirectory categories, IOptionsMonitor<Open311Options> options, [MaxLength(Limits.QueryValue)] string? jurisdiction_id)
    {
        options.CurrentValue.CheckJurisdiction(jurisdiction_id);
        if (categories.Find(code) is not { } category || !OnlineCategories.IsOffered(category))
        {
            throw new NotFoundException("open311.service_not_found", $"service_code {code} is not a service here.");
        }

        var attributes = Open311Attributes.All.Select(a => (object?)new Open311Object(
        [
            ("variable", true), ("code", a.Code), ("datatype", a.Datatype), ("required", a.Required), ("datatype_description", a.DatatypeDescription),
            ("order", a.Order), ("description", a.Description),
            ("values", new Open311List("value", a.Values.Select(v => (object?)new Open311Object([("key", v.Key), ("name", v.Name)])).ToList())),
        ])).ToList();
        return Open311Document.Result(Open311Filter.FormatOf(http), "service_definition",
            new Open311Object([("service_code", category.Code), ("attributes", new Open311List("attribute", attributes))]));
    }

    private static async Task<IResult> Requests(
        HttpContext http, HotlineDbContext db, CategoryDirectory categories, IOptionsMonitor<Open311Options> options, TimeProvider time,
        [MaxLength(Limits.QueryValue)] string? jurisdiction_id, [MaxLength(Limits.QueryValue * 20)] string? service_request_id, [MaxLength(Limits.Code)] string? service_code,
        [MaxLength(Limits.QueryValue)] string? start_date, [MaxLength(Limits.QueryValue)] string? end_date, [MaxLength(Limits.QueryValue)] string? status, CancellationToken ct)
    {
        options.CurrentValue.CheckJurisdiction(jurisdiction_id);
        var query = ServiceRequestQuery.Parse(service_request_id, service_code, start_date, end_date, status, time.GetUtcNow().UtcDateTime);
        if (query.ServiceCode is { } code && (categories.Find(code) is not { } category || !OnlineCategories.IsOffered(category)))
        {
            throw ValidationException.For("service_code", $"service_code {code} is not a service here.");
        }

        var orders = db.Set<WorkOrder>().AsNoTracking();
        if (query.Ids.Count > 0)
        {
            // The spec: ids override every other filter.
            var ids = query.Ids.ToArray();
            orders = orders.Where(w => ids.Contains(w.Number));
        }
        else
        {
            orders = orders.Where(w => w.RegisteredAtUtc >= query.FromUtc && w.RegisteredAtUtc <= query.ToUtc);
            if (query.ServiceCode is { } prefix)
            {
                orders = orders.Where(w => w.CategoryCode.StartsWith(prefix));
            }

            var finished = StatusGroups.Finished.ToArray();
            orders = query.Open switch
            {
                true => orders.Where(w => !finished.Contains(w.Status)),
                false => orders.Where(w => finished.Contains(w.Status)),
                null => orders,
            };
        }

        var found = await orders.OrderByDescending(w => w.RegisteredAtUtc).ThenByDescending(w => w.Id).Take(ServiceRequestQuery.MaxResults).ToListAsync(ct);
        return RequestList(http, categories, found);
    }

    private static async Task<IResult> Request(
        [MaxLength(32)] string id, HttpContext http, HotlineDbContext db, CategoryDirectory categories, IOptionsMonitor<Open311Options> options,
        [MaxLength(Limits.QueryValue)] string? jurisdiction_id, CancellationToken ct)
    {
        options.CurrentValue.CheckJurisdiction(jurisdiction_id);
        var order = await db.Set<WorkOrder>().AsNoTracking().SingleOrDefaultAsync(w => w.Number == id, ct)
            ?? throw new NotFoundException("open311.request_not_found", $"service_request_id {id} was not found.");
        return RequestList(http, categories, [order]);
    }

    private static async Task<IResult> Token(
        [MaxLength(32)] string token, HttpContext http, HotlineDbContext db, IOptionsMonitor<Open311Options> options, [MaxLength(Limits.QueryValue)] string? jurisdiction_id,
        CancellationToken ct)
    {
        options.CurrentValue.CheckJurisdiction(jurisdiction_id);
        var submission = await db.Set<Submission>().AsNoTracking().Where(s => s.Number == token)
            .Select(s => new { s.Number, s.State, s.WorkOrderNumber, s.RefusalMessage }).SingleOrDefaultAsync(ct);
        if (submission is null)
        {
            throw new NotFoundException("open311.token_not_found", $"token {token} was not found.");
        }

        if (submission.State == SubmissionState.Refused)
        {
            throw new NotFoundException("open311.token_refused", "This request was not accepted: " + submission.RefusalMessage);
        }

        return Open311Document.Result(Open311Filter.FormatOf(http), "service_requests", new Open311List("request",
            [new Open311Object([("service_request_id", submission.WorkOrderNumber ?? string.Empty), ("token", submission.Number)])]));
    }

    private static IResult RequestList(HttpContext http, CategoryDirectory categories, IEnumerable<WorkOrder> orders)
    {
        var items = orders.Select(o =>
        {
            var service = ServiceOf(categories, o.CategoryCode);
            var view = ServiceRequestView.Of(o, service?.Code ?? o.CategoryCode);
            return (object?)new Open311Object(
            [
                ("service_request_id", view.ServiceRequestId), ("status", view.IsOpen ? "open" : "closed"), ("status_notes", view.StatusNotes),
                ("service_name", service?.Name ?? string.Empty), ("service_code", view.ServiceCode), ("description", string.Empty),
                ("agency_responsible", view.AgencyResponsible ?? string.Empty), ("service_notice", view.ServiceNotice),
                ("requested_datetime", Open311Document.Date(view.RequestedUtc)), ("updated_datetime", Open311Document.Date(view.UpdatedUtc)),
                ("expected_datetime", view.ExpectedUtc is { } due ? Open311Document.Date(due) : string.Empty),
                ("address", view.Address ?? string.Empty), ("address_id", string.Empty), ("zipcode", string.Empty), ("lat", view.Latitude), ("long", view.Longitude),
                ("media_url", string.Empty),
            ]);
        }).ToList();
        return Open311Document.Result(Open311Filter.FormatOf(http), "service_requests", new Open311List("request", items));
    }

    /// <summary>The order's category at the level citizens choose from: the category itself or its nearest offered ancestor.</summary>
    private static Domain.Dispatch.Category? ServiceOf(CategoryDirectory categories, string code)
    {
        var category = categories.Find(code);
        while (category is not null && !OnlineCategories.IsOffered(category))
        {
            category = category.ParentCode is { } parent ? categories.Find(parent) : null;
        }

        return category;
    }

    private static Domain.Dispatch.Category TopOf(CategoryDirectory categories, Domain.Dispatch.Category category)
    {
        while (category.ParentCode is { } parent && categories.Find(parent) is { } up)
        {
            category = up;
        }

        return category;
    }
}
