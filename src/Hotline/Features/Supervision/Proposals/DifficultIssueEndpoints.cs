using Hotline.Domain;
using Hotline.Domain.Supervision;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Calendar;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Supervision.Proposals;

public sealed record DifficultIssueOrder(long Id, string Number, string Subject, string? UnitName);

public sealed record DifficultIssueDto(
    long Id, string Title, string Description, string? CategoryCode, string? RegionCode, long? UnitId, string? UnitName, IReadOnlyList<DifficultIssueOrder> Orders,
    DifficultIssueState State, string? Resolution, DateTimeOffset? ResolvedAt, string CreatedBy, DateTimeOffset CreatedAt, int OpenNotices, long Version);

public sealed record DifficultIssueRequest(
    [property: MaxLength(Limits.ShortText)] string? Title,
    [property: MaxLength(Limits.MediumText)] string? Description,
    [property: MaxLength(Limits.Code)] string? CategoryCode,
    [property: MaxLength(Limits.Code)] string? RegionCode,
    long? UnitId,
    [property: MaxLength(DifficultIssue.MaxOrders)] IReadOnlyList<long>? WorkOrderIds,
    long? Version);

public sealed record ResolveIssueRequest(long? Version, [property: MaxLength(Limits.Reason)] string? Resolution);

/// <summary>The terms of a notice drawn from a difficult issue.</summary>
public sealed record IssueNoticeRequest(
    [property: MaxLength(Limits.MediumText)] string? Reason,
    [property: MaxLength(Limits.MediumText)] string? Demand,
    int? DeadlineWorkingDays,
    SupervisionMethod? Method);

/// <summary>The key difficult issues store (重点疑难事项库, S8): supervisors keep matters here and draw notices from them.</summary>
public static class DifficultIssueEndpoints
{
    public static IEndpointRouteBuilder MapDifficultIssues(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/supervision/difficult-issues").WithTags("Supervision").RequireAuthorization(Policies.SupervisionProposals);
        group.MapGet("/", List);
        group.MapGet("/{id:long}", Get);
        group.MapPost("/", Create);
        group.MapPut("/{id:long}", Edit);
        group.MapPost("/{id:long}/resolve", Resolve);
        group.MapPost("/{id:long}/open-notice", OpenNotice);
        return app;
    }

    private static async Task<Ok<Paged<DifficultIssueDto>>> List(HotlineDbContext db, CurrentUser user, string? state, string? q, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Paging.Normalise(page, pageSize);
        var query = Scoped(db, user);
        if (state is not null)
        {
            if (!Enum.TryParse<DifficultIssueState>(state, ignoreCase: true, out var wanted) || !Enum.IsDefined(wanted) || int.TryParse(state, out _))
            {
                throw ValidationException.For("state", "Give open or resolved.");
            }

            query = query.Where(i => i.State == wanted);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(i => i.Title.Contains(text) || i.Description.Contains(text));
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(i => i.CreatedAtUtc).ThenByDescending(i => i.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<DifficultIssueDto>(await DtosAsync(db, rows, ct), total, number, size));
    }

    private static async Task<Ok<DifficultIssueDto>> Get(long id, HotlineDbContext db, CurrentUser user, CancellationToken ct) =>
        TypedResults.Ok((await DtosAsync(db, [await FindAsync(db, user, id, null, ct)], ct))[0]);

    private static async Task<Created<DifficultIssueDto>> Create(DifficultIssueRequest request, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var issue = DifficultIssue.Create(await ContentAsync(db, user, request, ct), await UnitAsync(db, request.UnitId, ct), user.ToActor(), time.GetUtcNow().UtcDateTime);
        db.Add(issue);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/supervision/difficult-issues/{issue.Id}", (await DtosAsync(db, [issue], ct))[0]);
    }

    private static async Task<Ok<DifficultIssueDto>> Edit(long id, DifficultIssueRequest request, HotlineDbContext db, CurrentUser user, CancellationToken ct)
    {
        var issue = await FindAsync(db, user, id, request.Version ?? throw ValidationException.For("version", "Give the version you edited."), ct);
        issue.Edit(await ContentAsync(db, user, request, ct), await UnitAsync(db, request.UnitId, ct), user.ToActor());
        await SaveAsync(db, ct);
        return TypedResults.Ok((await DtosAsync(db, [issue], ct))[0]);
    }

    private static async Task<Ok<DifficultIssueDto>> Resolve(long id, ResolveIssueRequest request, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var issue = await FindAsync(db, user, id, request.Version ?? throw ValidationException.For("version", "Give the version you saw."), ct);
        issue.Resolve(user.ToActor(), request.Resolution, time.GetUtcNow().UtcDateTime);
        await SaveAsync(db, ct);
        return TypedResults.Ok((await DtosAsync(db, [issue], ct))[0]);
    }

    /// <summary>
    /// Opens a notice drawn from the issue: on its unit (about its linked orders), or, without a unit, one notice per unit
    /// leading its linked orders. The notices carry the issue's id and the "difficult-issue" trigger.
    /// </summary>
    private static async Task<Ok<List<OpenedNotice>>> OpenNotice(
        long id, IssueNoticeRequest request, HotlineDbContext db, NoticeStore store, CurrentUser user, CalendarService calendars, TimeProvider time, CancellationToken ct)
    {
        var issue = await FindAsync(db, user, id, null, ct);
        var actor = user.ToActor();
        issue.EnsureCanOpenNotice(actor);
        var terms = new NoticeTerms(DifficultIssue.Trigger, request.Reason ?? $"重点疑难事项：{issue.Title}", request.Demand ?? string.Empty, request.DeadlineWorkingDays ?? 0, request.Method ?? SupervisionMethod.Document);
        var orders = await db.Set<WorkOrder>().AsNoTracking().Where(w => issue.WorkOrderIds.Contains(w.Id))
            .Select(w => new { w.Id, w.Number, w.Subject, w.LeadUnitId, w.LeadUnitPath }).ToListAsync(ct);
        var groups = issue.UnitId is { } unitId
            ? [(unitId, orders.Select(o => new NoticeOrderRef(o.Id, o.Number, o.Subject, o.LeadUnitPath)).ToList())]
            : orders.Where(o => o.LeadUnitId != null).GroupBy(o => o.LeadUnitId!.Value)
                .Select(g => (g.Key, g.Select(o => new NoticeOrderRef(o.Id, o.Number, o.Subject, o.LeadUnitPath)).ToList())).ToList();
        if (groups.Count == 0)
        {
            throw ValidationException.For("workOrderIds", "None of the linked orders is at a unit yet.");
        }

        var unitIds = groups.Select(g => g.Item1).ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var opened = new List<SupervisionNotice>();
        await store.AddAsync(
            groups.Select(g => (Func<string, SupervisionNotice>)(n => SupervisionNotice.Open(n, terms, units[g.Item1], g.Item2, actor, calendars.Current, now, issue.Id))).ToList(),
            now,
            ct,
            notices =>
            {
                opened = notices.ToList();
                return Task.CompletedTask;
            });
        return TypedResults.Ok(opened.Select(n => new OpenedNotice(n.Id, n.Number, n.UnitId, n.UnitName)).ToList());
    }

    private static IQueryable<DifficultIssue> Scoped(HotlineDbContext db, CurrentUser user)
    {
        var query = db.Set<DifficultIssue>().AsNoTracking();
        if (!user.Scope.IsPlatformWide)
        {
            var path = user.Scope.Path;
            query = query.Where(i => i.ScopePath.StartsWith(path));
        }

        return query;
    }

    private static async Task<DifficultIssue> FindAsync(HotlineDbContext db, CurrentUser user, long id, long? version, CancellationToken ct)
    {
        var issue = await db.Set<DifficultIssue>().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (issue is null || !user.Scope.Covers(issue.ScopePath))
        {
            throw new NotFoundException("issue_not_found", "No such difficult issue.");
        }

        if (version is { } v)
        {
            if (v != issue.Version)
            {
                throw new ConcurrencyConflictException("The issue was changed by someone else; reload it.");
            }

            db.ExpectVersion(issue, v);
        }

        return issue;
    }

    private static async Task SaveAsync(HotlineDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("The issue was changed by someone else; reload it.");
        }
    }

    /// <summary>The request's facts, its linked orders checked: each must exist inside the supervisor's scope.</summary>
    private static async Task<DifficultIssueContent> ContentAsync(HotlineDbContext db, CurrentUser user, DifficultIssueRequest request, CancellationToken ct)
    {
        var ids = (request.WorkOrderIds ?? []).Distinct().ToList();
        if (ids.Count > 0)
        {
            var found = await db.Set<WorkOrder>().AsNoTracking().Where(w => ids.Contains(w.Id)).Select(w => new { w.Id, w.LeadUnitPath }).ToListAsync(ct);
            if (found.Count != ids.Count || found.Any(o => o.LeadUnitPath is { } path && !user.Scope.Covers(path)))
            {
                throw ValidationException.For("workOrderIds", "Link work orders that exist and are inside your scope.");
            }
        }

        return new DifficultIssueContent(request.Title, request.Description, request.CategoryCode, request.RegionCode, ids);
    }

    private static async Task<Domain.Organisation.Unit?> UnitAsync(HotlineDbContext db, long? id, CancellationToken ct) =>
        id is not { } unitId ? null
            : await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId && u.IsActive, ct) ?? throw ValidationException.For("unitId", "Choose an active unit.");

    private static async Task<List<DifficultIssueDto>> DtosAsync(HotlineDbContext db, IReadOnlyList<DifficultIssue> issues, CancellationToken ct)
    {
        var orderIds = issues.SelectMany(i => i.WorkOrderIds).Distinct().ToList();
        var orders = await db.Set<WorkOrder>().AsNoTracking().Where(w => orderIds.Contains(w.Id))
            .Select(w => new DifficultIssueOrder(w.Id, w.Number, w.Subject, w.LeadUnitName)).ToDictionaryAsync(o => o.Id, ct);
        var issueIds = issues.Select(i => (long?)i.Id).ToList();
        var notices = await db.Set<SupervisionNotice>().AsNoTracking().Where(n => issueIds.Contains(n.DifficultIssueId) && n.State != NoticeState.Closed)
            .GroupBy(n => n.DifficultIssueId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!.Value, g => g.Count, ct);
        return issues.Select(i => new DifficultIssueDto(
            i.Id, i.Title, i.Description, i.CategoryCode, i.RegionCode, i.UnitId, i.UnitName, i.WorkOrderIds.Where(orders.ContainsKey).Select(o => orders[o]).ToList(),
            i.State, i.Resolution, i.ResolvedAtUtc is { } r ? WorkOrderDto.Local(r) : null, i.CreatedByName, WorkOrderDto.Local(i.CreatedAtUtc),
            notices.GetValueOrDefault(i.Id), i.Version)).ToList();
    }
}
