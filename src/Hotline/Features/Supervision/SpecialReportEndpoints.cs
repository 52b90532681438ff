using Hotline.Domain;
using Hotline.Domain.Calendar;
using Hotline.Domain.Organisation;
using Hotline.Domain.Supervision;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static Hotline.Features.WorkOrders.WorkOrderRoutes;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Supervision;

public sealed record SpecialReportEditRequest([property: MaxLength(Limits.ShortText)] string? Title, [property: MaxLength(Limits.ArticleBody)] string? Body, long? Version);

public sealed record SpecialReportSendRequest(long? LeaderUserId, long? Version);

public sealed record InstructionRequest([property: MaxLength(Limits.LongText)] string? Text, long? UnitId, int? DeadlineWorkingDays, long? Version);

/// <summary>The notice that carries out a leader's instruction, as the report follows it.</summary>
public sealed record InstructionProgress(
    long NoticeId, string Number, string UnitName, NoticeState State, Light Light, DateTimeOffset DueAt, DateTimeOffset? AnsweredAt, string? Measures,
    DateTimeOffset? ClosedAt, bool Done);

public sealed record SpecialReportDto(
    long Id, long NoticeId, string NoticeNumber, string Title, string Body, SpecialReportState State, string CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt, string? SentTo, DateTimeOffset? SentAt, string? Instruction, string? InstructedBy, DateTimeOffset? InstructedAt,
    string? InstructionUnitName, InstructionProgress? Progress, long Version);

public sealed record SpecialReportRow(
    long Id, string NoticeNumber, string Title, SpecialReportState State, string CreatedBy, DateTimeOffset UpdatedAt, string? SentTo, bool Done);

public sealed record LeaderChoice(long Id, string Name, string UnitName);

/// <summary>Issue 16 (S8): special reports (专报) to leaders, their export, and the leaders' instructions (签批) tracked as notices.</summary>
public static class SpecialReportEndpoints
{
    public static IEndpointRouteBuilder MapSpecialReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/supervision").WithTags("Supervision special reports").RequireAuthorization(Policies.SpecialReports);
        group.MapPost("/notices/{id:long}/special-reports", Draft).WithSummary("Generates a special report from the notice: facts, orders, timeline, measures (never caller data).");
        group.MapGet("/special-reports", List);
        group.MapGet("/special-reports/leaders", Leaders);
        group.MapGet("/special-reports/{id:long}", Get);
        group.MapPut("/special-reports/{id:long}", Edit);
        group.MapPost("/special-reports/{id:long}/send", Send);
        group.MapPost("/special-reports/{id:long}/instruction", Instruct)
            .WithSummary("The leader's written instruction (签批): opens a supervision notice (trigger leader-instruction) on the unit it names.");
        group.MapGet("/special-reports/{id:long}/docx", Docx).Produces(StatusCodes.Status200OK, contentType: SpecialReportExport.DocxType);
        group.MapGet("/special-reports/{id:long}/print", Print).Produces(StatusCodes.Status200OK, contentType: "text/html");
        return app;
    }

    private static async Task<Ok<SpecialReportDto>> Draft(long id, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var actor = user.ToActor();
        var notice = await db.Set<SupervisionNotice>().AsNoTracking().Include(n => n.Orders).SingleOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null || !actor.Scope.Covers(notice.UnitPath) || !actor.IsCentre)
        {
            throw new NotFoundException("notice_not_found", "No such supervision notice.");
        }

        var timeline = await db.Set<NoticeEvent>().AsNoTracking().Where(e => e.NoticeId == id).OrderBy(e => e.Id).ToListAsync(ct);
        var report = SpecialReport.Draft(notice, timeline, actor, time.GetUtcNow().UtcDateTime);
        db.Add(report);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DtoAsync(db, report, ct));
    }

    private static async Task<Ok<Paged<SpecialReportRow>>> List(HotlineDbContext db, CurrentUser user, int? page, int? pageSize, CancellationToken ct)
    {
        var actor = user.ToActor();
        var (number, size) = Paging.Normalise(page, pageSize);
        var query = db.Set<SpecialReport>().AsNoTracking();
        var path = actor.Scope.Path;
        query = actor.Roles.Overlaps(EscalationChain.CentreRoles)
            ? query.Where(r => r.UnitPath.StartsWith(path) || r.SentToUserId == actor.UserId)
            : query.Where(r => r.SentToUserId == actor.UserId);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(r => r.UpdatedAtUtc).ThenByDescending(r => r.Id).Skip((number - 1) * size).Take(size)
            .Select(r => new
            {
                r.Id,
                r.NoticeNumber,
                r.Title,
                r.State,
                r.CreatedByName,
                r.UpdatedAtUtc,
                r.SentToName,
                Done = db.Set<SupervisionNotice>().Any(n => n.Id == r.InstructionNoticeId && n.State == NoticeState.Closed),
            })
            .ToListAsync(ct);
        return TypedResults.Ok(new Paged<SpecialReportRow>(
            rows.Select(r => new SpecialReportRow(r.Id, r.NoticeNumber, r.Title, r.State, r.CreatedByName, EscalationEndpoints.Local(r.UpdatedAtUtc), r.SentToName, r.Done)).ToList(),
            total, number, size));
    }

    private static async Task<Ok<IReadOnlyList<LeaderChoice>>> Leaders(HotlineDbContext db, CancellationToken ct)
    {
        var leaders = await db.Set<User>().AsNoTracking().Where(u => u.IsActive && u.Roles.Any(r => r.Role == Role.Leader)).OrderBy(u => u.Id)
            .Select(u => new LeaderChoice(u.Id, u.DisplayName, u.Unit!.Name)).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<LeaderChoice>>(leaders);
    }

    private static async Task<Ok<SpecialReportDto>> Get(long id, HotlineDbContext db, CurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(await DtoAsync(db, await VisibleAsync(db, id, user.ToActor(), null, ct), ct));

    private static async Task<Ok<SpecialReportDto>> Edit(long id, SpecialReportEditRequest r, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var actor = user.ToActor();
        var report = await VisibleAsync(db, id, actor, Required(r.Version, "version"), ct);
        report.Edit(actor, r.Title ?? string.Empty, r.Body ?? string.Empty, time.GetUtcNow().UtcDateTime);
        await SaveAsync(db, ct);
        return TypedResults.Ok(await DtoAsync(db, report, ct));
    }

    private static async Task<Ok<SpecialReportDto>> Send(long id, SpecialReportSendRequest r, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var actor = user.ToActor();
        var report = await VisibleAsync(db, id, actor, Required(r.Version, "version"), ct);
        var leader = r.LeaderUserId is { } leaderId ? await db.Set<User>().Include(u => u.Roles).SingleOrDefaultAsync(u => u.Id == leaderId, ct) : null;
        report.Send(actor, leader, time.GetUtcNow().UtcDateTime);
        await SaveAsync(db, ct);
        return TypedResults.Ok(await DtoAsync(db, report, ct));
    }

    /// <summary>Records the instruction and opens its notice in one transaction (the notice store numbers it).</summary>
    private static async Task<Ok<SpecialReportDto>> Instruct(
        long id, InstructionRequest r, HotlineDbContext db, NoticeStore store, Calendar.CalendarService calendars, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var actor = user.ToActor();
        var version = Required(r.Version, "version");
        var report = await VisibleAsync(db, id, actor, version, ct);
        var terms = report.InstructionTerms(actor, r.Text ?? string.Empty, r.DeadlineWorkingDays);
        var unit = r.UnitId is { } unitId ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId && u.IsActive, ct) : null;
        if (unit is null || unit.Kind is UnitKind.HotlineCentre or UnitKind.City or UnitKind.OrganisationOffice)
        {
            throw ValidationException.For("unitId", "Name the active handling unit that carries out the instruction.");
        }

        var author = report.Author;
        var now = time.GetUtcNow().UtcDateTime;
        await store.AddAsync([number => SupervisionNotice.Open(number, terms, unit, [], author, calendars.Current, now)], now, ct, async notices =>
        {
            var tracked = await db.Set<SpecialReport>().SingleAsync(x => x.Id == id, ct);
            db.ExpectVersion(tracked, version);
            tracked.Instruct(actor, r.Text ?? string.Empty, notices[0], now);
        });
        db.ChangeTracker.Clear();
        return TypedResults.Ok(await DtoAsync(db, await db.Set<SpecialReport>().AsNoTracking().SingleAsync(x => x.Id == id, ct), ct));
    }

    private static async Task<FileContentHttpResult> Docx(long id, HotlineDbContext db, CurrentUser user, CancellationToken ct)
    {
        var report = await VisibleAsync(db, id, user.ToActor(), null, ct);
        return TypedResults.File(SpecialReportExport.Docx(report.Title, report.Body), SpecialReportExport.DocxType, $"专报-{report.NoticeNumber}.docx");
    }

    private static async Task<ContentHttpResult> Print(long id, HotlineDbContext db, CurrentUser user, CancellationToken ct)
    {
        var report = await VisibleAsync(db, id, user.ToActor(), null, ct);
        return TypedResults.Text(SpecialReportExport.Html(report.Title, report.Body, report.CreatedByName, report.CreatedAtUtc), "text/html; charset=utf-8");
    }

    /// <summary>The report if the caller sees it (404 otherwise), checked against the version the client saw (409 when stale).</summary>
    private static async Task<SpecialReport> VisibleAsync(HotlineDbContext db, long id, Actor actor, long? expectedVersion, CancellationToken ct)
    {
        var report = await db.Set<SpecialReport>().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null || !report.IsVisibleTo(actor))
        {
            throw new NotFoundException("special_report_not_found", "No such special report.");
        }

        if (expectedVersion is { } version)
        {
            if (version != report.Version)
            {
                throw new ConcurrencyConflictException("The report was changed by someone else; reload it.");
            }

            db.ExpectVersion(report, version);
        }

        return report;
    }

    private static async Task SaveAsync(HotlineDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("The report was changed by someone else; reload it.");
        }
    }

    private static async Task<SpecialReportDto> DtoAsync(HotlineDbContext db, SpecialReport r, CancellationToken ct)
    {
        InstructionProgress? progress = null;
        if (r.InstructionNoticeId is { } noticeId)
        {
            var n = await db.Set<SupervisionNotice>().AsNoTracking().SingleAsync(x => x.Id == noticeId, ct);
            progress = new InstructionProgress(
                n.Id, n.Number, n.UnitName, n.State, n.Light, EscalationEndpoints.Local(n.DueAtUtc), n.AnsweredAtUtc is { } a ? EscalationEndpoints.Local(a) : null,
                n.Measures, n.ClosedAtUtc is { } c ? EscalationEndpoints.Local(c) : null, n.State == NoticeState.Closed);
        }

        return new SpecialReportDto(
            r.Id, r.NoticeId, r.NoticeNumber, r.Title, r.Body, r.State, r.CreatedByName, EscalationEndpoints.Local(r.CreatedAtUtc), EscalationEndpoints.Local(r.UpdatedAtUtc),
            r.SentToName, r.SentAtUtc is { } s ? EscalationEndpoints.Local(s) : null, r.InstructionText, r.InstructedByName,
            r.InstructedAtUtc is { } i ? EscalationEndpoints.Local(i) : null, r.InstructionUnitName, progress, r.Version);
    }
}
