using Hotline.Domain;
using Hotline.Domain.Organisation;
using Hotline.Domain.Supervision;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Calendar;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Supervision;

/// <summary>
/// Supervision notices (督办单, S8, issue 16): opening, the ledger (督办台账) with its figures and export, one notice, and
/// its steps. The rules are the aggregate's; this file loads, checks the caller's scope (404 outside it) and saves.
/// </summary>
public static class NoticeEndpoints
{
    public static IEndpointRouteBuilder MapNotices(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/supervision/notices").WithTags("Supervision notices");
        group.MapPost("/", Open).RequireAuthorization(Policies.SuperviseNotices)
            .WithSummary("Open notices on work orders (one per lead unit) or on units (one per unit).");
        group.MapGet("/", Ledger).RequireAuthorization(Policies.ReadNotices).WithSummary("The ledger (督办台账), newest first.");
        group.MapGet("/by-unit", ByUnit).RequireAuthorization(Policies.ReadNotices).WithSummary("Per unit over local dates: opened, closed, answered late, rejections, open past due.");
        group.MapGet("/export", Export).RequireAuthorization(Policies.ReadNotices).WithSummary("The filtered ledger as an .xlsx workbook.");
        group.MapGet("/{id:long}", (long id, NoticeQueries q, CancellationToken ct) => Detail(q.DetailAsync(id, ct))).RequireAuthorization(Policies.ReadNotices);

        group.MapPost("/{id:long}/sign", (long id, NoticeVersionRequest r, NoticeCommands c, CancellationToken ct) =>
            Detail(c.ExecuteAsync(id, r.Version, (n, actor, now) => n.Sign(actor, now), ct))).RequireAuthorization(Policies.AnswerNotices);
        group.MapPost("/{id:long}/answer", (long id, NoticeAnswerRequest r, NoticeCommands c, CancellationToken ct) =>
            Detail(c.ExecuteAsync(id, r.Version, (n, actor, now) => n.Answer(actor, r.Measures ?? string.Empty, r.Evidence, now), ct))).RequireAuthorization(Policies.AnswerNotices);
        group.MapPost("/{id:long}/accept", (long id, NoticeAcceptRequest r, NoticeCommands c, CancellationToken ct) =>
            Detail(c.ExecuteAsync(id, r.Version, (n, actor, now) => n.Accept(actor, r.Outcome, now, r.PublicResult), ct))).RequireAuthorization(Policies.SuperviseNotices);
        group.MapPost("/{id:long}/reject", (long id, NoticeReasonRequest r, NoticeCommands c, CancellationToken ct) =>
            Detail(c.ExecuteAsync(id, r.Version, (n, actor, now) => n.Reject(actor, r.Reason ?? string.Empty, now), ct))).RequireAuthorization(Policies.SuperviseNotices);
        group.MapPost("/{id:long}/remind", (long id, NoticeRemindRequest r, NoticeCommands c, CancellationToken ct) =>
            Detail(c.ExecuteAsync(id, r.Version, (n, actor, now) => n.Remind(actor, r.Text ?? string.Empty, now), ct))).RequireAuthorization(Policies.SuperviseNotices);
        group.MapPost("/{id:long}/list", (long id, NoticeListRequest r, NoticeCommands c, CancellationToken ct) =>
            Detail(c.ExecuteAsync(id, r.Version, (n, actor, now) => n.List(
                actor, r.PublicMatter ?? string.Empty,
                Domain.Calendar.ChinaTime.EndOfDay(r.ListingDeadline ?? throw ValidationException.For("listingDeadline", "Give the listing's deadline.")).UtcDateTime,
                r.InMedia ?? false, now), ct)))
            .RequireAuthorization(Policies.SuperviseNotices).WithSummary("List the notice publicly (挂牌督办); its deadline may not be later than the notice's.");
        group.MapPost("/{id:long}/delist", (long id, NoticeReasonRequest r, NoticeCommands c, CancellationToken ct) =>
            Detail(c.ExecuteAsync(id, r.Version, (n, actor, now) => n.Delist(actor, r.Reason ?? string.Empty, now), ct))).RequireAuthorization(Policies.SuperviseNotices);
        return app;
    }

    private static async Task<Ok<NoticeDetail>> Detail(Task<NoticeDetail> detail) => TypedResults.Ok(await detail);

    private static async Task<Ok<OpenedNotices>> Open(
        OpenNoticeRequest r, HotlineDbContext db, NoticeStore store, CalendarService calendar, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var orderIds = (r.WorkOrderIds ?? []).Distinct().ToList();
        var unitIds = (r.UnitIds ?? []).Distinct().ToList();
        if ((orderIds.Count == 0) == (unitIds.Count == 0))
        {
            throw ValidationException.For(orderIds.Count == 0 ? "workOrderIds" : "unitIds", "Choose either work orders or units.");
        }

        var terms = new NoticeTerms(
            string.IsNullOrWhiteSpace(r.Trigger) ? NoticeTerms.ManualTrigger : r.Trigger, r.Reason ?? string.Empty, r.Demand ?? string.Empty,
            r.DeadlineWorkingDays ?? 0, r.Method ?? throw ValidationException.For("method", "Choose a method."));
        var targets = new List<(Unit Unit, List<NoticeOrderRef> Orders)>();
        if (orderIds.Count > 0)
        {
            var orders = await db.Set<WorkOrder>().AsNoTracking().Where(w => orderIds.Contains(w.Id))
                .Select(w => new { w.Id, w.Number, w.Subject, w.LeadUnitId, w.LeadUnitPath }).ToListAsync(ct);
            if (orders.Count != orderIds.Count)
            {
                throw ValidationException.For("workOrderIds", "No such work order: " + string.Join(", ", orderIds.Except(orders.Select(o => o.Id))));
            }

            if (orders.FirstOrDefault(o => o.LeadUnitId is null) is { } undispatched)
            {
                throw ValidationException.For("workOrderIds", $"Work order {undispatched.Number} has no lead unit yet.");
            }

            var leads = orders.Select(o => o.LeadUnitId!.Value).Distinct().ToList();
            var units = await db.Units.AsNoTracking().Where(u => leads.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
            targets.AddRange(orders.GroupBy(o => o.LeadUnitId!.Value).OrderBy(g => units[g.Key].Path, StringComparer.Ordinal)
                .Select(g => (units[g.Key], g.Select(o => new NoticeOrderRef(o.Id, o.Number, o.Subject, o.LeadUnitPath)).ToList())));
        }
        else
        {
            var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToListAsync(ct);
            if (units.Count != unitIds.Count)
            {
                throw ValidationException.For("unitIds", "No such unit: " + string.Join(", ", unitIds.Except(units.Select(u => u.Id))));
            }

            targets.AddRange(units.OrderBy(u => u.Path, StringComparer.Ordinal).Select(u => (u, new List<NoticeOrderRef>())));
        }

        var actor = user.ToActor();
        var now = time.GetUtcNow().UtcDateTime;
        var cal = calendar.Current;

        // Every notice is checked before any is numbered: one refused unit refuses the request.
        foreach (var (unit, orders) in targets)
        {
            SupervisionNotice.Open("check", terms, unit, orders, actor, cal, now, r.DifficultIssueId);
        }

        var opened = new List<SupervisionNotice>();
        await store.AddAsync(
            targets.Select(t => new Func<string, SupervisionNotice>(number => SupervisionNotice.Open(number, terms, t.Unit, t.Orders, actor, cal, now, r.DifficultIssueId))).ToList(),
            now, ct, notices =>
            {
                opened.Clear();
                opened.AddRange(notices);
                return Task.CompletedTask;
            });
        return TypedResults.Ok(new OpenedNotices(opened.Select(n => NoticeSummary.From(n, now)).ToList()));
    }

    private static async Task<Ok<Paged<NoticeSummary>>> Ledger(
        string? state, long? unitId, string? light, [MaxLength(SupervisionLimits.Trigger)] string? trigger, string? listed, string? late,
        string? from, string? to, [MaxLength(SupervisionLimits.Number)] string? number, int? page, int? pageSize, NoticeQueries q, CancellationToken ct) =>
        TypedResults.Ok(await q.PageAsync(NoticeQueries.Parse(state, unitId, light, trigger, listed, late, from, to, number), page, pageSize, ct));

    private static async Task<Ok<IReadOnlyList<NoticeUnitFigures>>> ByUnit(string? from, string? to, NoticeQueries q, CancellationToken ct) =>
        TypedResults.Ok(await q.ByUnitAsync(from, to, ct));

    private static async Task<FileStreamHttpResult> Export(
        string? state, long? unitId, string? light, [MaxLength(SupervisionLimits.Trigger)] string? trigger, string? listed, string? late,
        string? from, string? to, [MaxLength(SupervisionLimits.Number)] string? number, NoticeQueries q, CancellationToken ct)
    {
        var rows = await q.ExportAsync(NoticeQueries.Parse(state, unitId, light, trigger, listed, late, from, to, number), ct);
        var day = Domain.Calendar.ChinaTime.LocalDate(new DateTimeOffset(DateTime.SpecifyKind(q.NowUtc, DateTimeKind.Utc))).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        return await XlsxExport.FileAsync(rows, "督办台账", $"supervision-ledger-{day}.xlsx", ct);
    }
}

/// <summary>Load → scope (404 outside it) → version (409) → the aggregate's verb → save with the timeline → the notice as the caller sees it.</summary>
public sealed class NoticeCommands(HotlineDbContext db, NoticeStore store, NoticeQueries queries, CurrentUser user, TimeProvider time)
{
    public async Task<NoticeDetail> ExecuteAsync(long id, long? version, Action<SupervisionNotice, Actor, DateTime> verb, CancellationToken ct)
    {
        var expected = version ?? throw ValidationException.For("version", "Give the version you saw.");
        var notice = await store.LoadAsync(id, null, ct);
        if (!user.Scope.Covers(notice.UnitPath))
        {
            throw new NotFoundException("notice_not_found", "No such supervision notice.");
        }

        if (notice.Version != expected)
        {
            throw new ConcurrencyConflictException($"The notice changed since you loaded it (version {expected}, now {notice.Version}); reload it and try again.");
        }

        db.ExpectVersion(notice, expected);
        verb(notice, user.ToActor(), time.GetUtcNow().UtcDateTime);
        await store.SaveAsync(notice, ct);
        db.ChangeTracker.Clear();
        return await queries.DetailAsync(id, ct);
    }
}
