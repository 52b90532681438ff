using Hotline.Domain;
using Hotline.Domain.Calendar;
using Hotline.Domain.Supervision;
using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Supervision;

public sealed record CorrectionIssueRequest(
    long? UnitId,
    long? NoticeId,
    [property: MaxLength(Correction.MaxOrders)] IReadOnlyList<string>? OrderNumbers,
    [property: MaxLength(Limits.MediumText)] string? Suggestions,
    int? DeadlineWorkingDays);

public sealed record CorrectionAcceptRequest([property: MaxLength(Limits.Reason)] string? Note, long? Version);

public sealed record CorrectionReportRequest([property: MaxLength(Limits.LongText)] string? Report, [property: MaxLength(Limits.LongText)] string? Evidence, long? Version);

public sealed record CorrectionRefuseRequest([property: MaxLength(Limits.Reason)] string? Reason, long? Version);

public sealed record CorrectionCheckRequest(CheckOutcome? Outcome, [property: MaxLength(Limits.Reason)] string? Note, long? Version);

public sealed record AccountabilityCircularRequest([property: MaxLength(Limits.MediumText)] string? Facts, [property: MaxLength(Limits.LongText)] string? Text, long? Version);

/// <summary>The accountability circular (问责通报) a correction records: unit, facts, text, issued by and at.</summary>
public sealed record AccountabilityCircularDto(string UnitName, string Facts, string Text, string IssuedByName, DateTimeOffset IssuedAt);

public sealed record CorrectionDto(
    long Id, long UnitId, string UnitName, long? NoticeId, IReadOnlyList<string> OrderNumbers, string Suggestions, int DeadlineWorkingDays,
    CorrectionState State, DateTimeOffset IssuedAt, DateTimeOffset DueAt, bool Overdue, string IssuedByName,
    DateTimeOffset? AcceptedAt, string? AcceptedByName, string? Report, string? Evidence, DateTimeOffset? ReportedAt, string? ReportedByName, bool ReportedLate,
    string? RefusalReason, DateTimeOffset? RefusedAt, string? CheckNote, DateTimeOffset? CheckedAt, string? CheckedByName,
    AccountabilityCircularDto? Circular, DateTimeOffset? ClosedAt, IReadOnlyList<CorrectionAction> AvailableActions, long Version)
{
    public static CorrectionDto From(Correction c, Actor viewer, DateTime nowUtc) => new(
        c.Id, c.UnitId, c.UnitName, c.NoticeId, c.OrderNumbers, c.Suggestions, c.DeadlineWorkingDays,
        c.State, Local(c.IssuedAtUtc), Local(c.DueAtUtc), c.State is CorrectionState.Issued or CorrectionState.InCorrection && nowUtc > c.DueAtUtc, c.IssuedByName,
        Local(c.AcceptedAtUtc), c.AcceptedByName, c.Report, c.Evidence, Local(c.ReportedAtUtc), c.ReportedByName, c.ReportedLate,
        c.RefusalReason, Local(c.RefusedAtUtc), c.CheckNote, Local(c.CheckedAtUtc), c.CheckedByName,
        c.CircularIssuedAtUtc is { } at ? new AccountabilityCircularDto(c.UnitName, c.CircularFacts ?? string.Empty, c.CircularText ?? string.Empty, c.CircularIssuedByName ?? string.Empty, Local(at)) : null,
        Local(c.ClosedAtUtc), c.AvailableTo(viewer), c.Version);

    internal static DateTimeOffset Local(DateTime utc) => ChinaTime.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    internal static DateTimeOffset? Local(DateTime? utc) => utc is { } u ? Local(u) : null;
}

public sealed record CorrectionEventDto(long Id, DateTimeOffset At, CorrectionAction Action, string ActorName, string ActorUnitName, string? Text, IReadOnlyDictionary<string, string?> Details);

/// <summary>Correction (整改, S8): the centre's suggestions, the unit's acceptance, report or refusal, the check, the accountability circular.</summary>
public static class CorrectionEndpoints
{
    public static IEndpointRouteBuilder MapCorrections(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/supervision/corrections").WithTags("Supervision");
        group.MapGet("/", List).RequireAuthorization(Policies.ReadCorrections);
        group.MapPost("/", Issue).RequireAuthorization(Policies.SuperviseCorrection);
        group.MapGet("/{id:long}", async (long id, CorrectionStore store, CurrentUser user, TimeProvider time, CancellationToken ct) =>
            TypedResults.Ok(CorrectionDto.From(await store.FindAsync(id, ct), user.ToActor(), time.GetUtcNow().UtcDateTime))).RequireAuthorization(Policies.ReadCorrections);
        group.MapGet("/{id:long}/timeline", Timeline).RequireAuthorization(Policies.ReadCorrections);
        group.MapPost("/{id:long}/accept", (long id, CorrectionAcceptRequest r, CorrectionStore store, CurrentUser user, TimeProvider time, CancellationToken ct) =>
            Change(id, r.Version, store, user, time, (c, actor, now) => c.Accept(actor, r.Note, now), ct)).RequireAuthorization(Policies.RespondCorrection);
        group.MapPost("/{id:long}/report", (long id, CorrectionReportRequest r, CorrectionStore store, CurrentUser user, TimeProvider time, CancellationToken ct) =>
            Change(id, r.Version, store, user, time, (c, actor, now) => c.ReportCorrected(actor, r.Report ?? string.Empty, r.Evidence, now), ct)).RequireAuthorization(Policies.RespondCorrection);
        group.MapPost("/{id:long}/refuse", (long id, CorrectionRefuseRequest r, CorrectionStore store, CurrentUser user, TimeProvider time, CancellationToken ct) =>
            Change(id, r.Version, store, user, time, (c, actor, now) => c.Refuse(actor, r.Reason ?? string.Empty, now), ct)).RequireAuthorization(Policies.RespondCorrection);
        group.MapPost("/{id:long}/check", (long id, CorrectionCheckRequest r, CorrectionStore store, CurrentUser user, TimeProvider time, CancellationToken ct) =>
            Change(id, r.Version, store, user, time, (c, actor, now) => c.Check(actor, r.Outcome ?? throw ValidationException.For("outcome", "Choose passed or fallenShort."), r.Note, now), ct))
            .RequireAuthorization(Policies.SuperviseCorrection);
        group.MapPost("/{id:long}/circular", (long id, AccountabilityCircularRequest r, CorrectionStore store, CurrentUser user, TimeProvider time, CancellationToken ct) =>
            Change(id, r.Version, store, user, time, (c, actor, now) => c.IssueCircular(actor, r.Facts ?? string.Empty, r.Text ?? string.Empty, now), ct))
            .RequireAuthorization(Policies.SuperviseCorrection);
        return app;
    }

    private static async Task<Ok<Paged<CorrectionDto>>> List(
        HotlineDbContext db, CurrentUser user, TimeProvider time, string? state, long? unitId, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Paging.Normalise(page, pageSize);
        var path = user.Scope.Path;
        var query = db.Set<Correction>().AsNoTracking().Where(c => c.UnitPath.StartsWith(path));
        if (state is not null)
        {
            var states = state.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => Enum.TryParse<CorrectionState>(s, ignoreCase: true, out var parsed) ? parsed : throw ValidationException.For("state", "Unknown state."))
                .ToList();
            query = query.Where(c => states.Contains(c.State));
        }

        if (unitId is { } unit)
        {
            query = query.Where(c => c.UnitId == unit);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(c => c.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        var actor = user.ToActor();
        var now = time.GetUtcNow().UtcDateTime;
        return TypedResults.Ok(new Paged<CorrectionDto>(rows.Select(c => CorrectionDto.From(c, actor, now)).ToList(), total, number, size));
    }

    private static async Task<Created<CorrectionDto>> Issue(
        CorrectionIssueRequest r, HotlineDbContext db, CorrectionStore store, WorkOrderClocks clocks, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var unit = r.UnitId is { } unitId ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId && u.IsActive, ct) : null;
        if (unit is null || !user.Scope.Covers(unit.Path))
        {
            throw ValidationException.For("unitId", "Choose an active unit in your scope.");
        }

        if (r.NoticeId is { } noticeId && !await db.Set<SupervisionNotice>().AnyAsync(n => n.Id == noticeId && n.UnitId == unit.Id, ct))
        {
            throw ValidationException.For("noticeId", "No supervision notice with this id is addressed to the unit.");
        }

        var numbers = (r.OrderNumbers ?? []).Select(n => n?.Trim() ?? string.Empty).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (numbers.Any(n => n.Length > SupervisionLimits.Number))
        {
            throw ValidationException.For("orderNumbers", $"A work-order number has at most {SupervisionLimits.Number} characters.");
        }

        var found = numbers.Count == 0 ? [] : await db.Set<WorkOrder>().AsNoTracking().Where(w => numbers.Contains(w.Number)).Select(w => w.Number).ToListAsync(ct);
        if (numbers.Except(found, StringComparer.Ordinal).FirstOrDefault() is { } missing)
        {
            throw ValidationException.For("orderNumbers", $"No work order {missing}.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var correction = Correction.Issue(unit, r.NoticeId, numbers, r.Suggestions ?? string.Empty, r.DeadlineWorkingDays ?? 0, user.ToActor(), clocks.Calendar, now);
        await store.AddAsync(correction, ct);
        return TypedResults.Created($"/api/supervision/corrections/{correction.Id}", CorrectionDto.From(correction, user.ToActor(), now));
    }

    private static async Task<Ok<List<CorrectionEventDto>>> Timeline(long id, CorrectionStore store, HotlineDbContext db, CancellationToken ct)
    {
        await store.FindAsync(id, ct);
        var events = await db.Set<CorrectionEvent>().AsNoTracking().Where(e => e.CorrectionId == id).OrderBy(e => e.Id).ToListAsync(ct);
        return TypedResults.Ok(events.Select(e => new CorrectionEventDto(e.Id, CorrectionDto.Local(e.AtUtc), e.Action, e.ActorName, e.ActorUnitName, e.Text, e.Details)).ToList());
    }

    private static async Task<Ok<CorrectionDto>> Change(
        long id, long? version, CorrectionStore store, CurrentUser user, TimeProvider time, Action<Correction, Actor, DateTime> verb, CancellationToken ct)
    {
        var correction = await store.LoadAsync(id, version, ct);
        var actor = user.ToActor();
        var now = time.GetUtcNow().UtcDateTime;
        verb(correction, actor, now);
        await store.SaveAsync(correction, ct);
        return TypedResults.Ok(CorrectionDto.From(correction, actor, now));
    }
}
