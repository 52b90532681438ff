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
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Supervision;

public sealed record EscalateRequest(
    EscalationLevel? To, [property: MaxLength(Limits.Reason)] string? Reason, [property: MaxLength(Limits.LongText)] string? HandOver, long? Version);

public sealed record JointHandlingRequest(
    [property: MaxLength(Limits.Items)] IReadOnlyList<JointPartner>? Partners, [property: MaxLength(Limits.LongText)] string? Agreed, DateOnly? AgreedOn, long? Version);

/// <summary>A notice as the escalation desk lists it: no caller data, only the notice's own facts.</summary>
public sealed record EscalatedNotice(
    long Id, string Number, string UnitName, string Reason, NoticeState State, Light Light, DateTimeOffset DueAt, EscalationLevel Level,
    DateTimeOffset? EscalatedAt, bool AtMyLevel);

/// <summary>One step up the chain: who, when, from and to which level, why, and the hand-over text.</summary>
public sealed record EscalationStep(DateTimeOffset At, string By, string ByUnit, EscalationLevel From, EscalationLevel To, string? Organ, string? Reason, string? HandOver);

/// <summary>Joint handling (协同联办) as recorded: the partners, what was agreed and when.</summary>
public sealed record JointHandlingEntry(DateTimeOffset At, string By, IReadOnlyList<JointPartner> Partners, string? Agreed, string? AgreedOn);

/// <summary>A notice's escalation: where it stands, what the caller may do next, the steps and the joint handling so far.</summary>
public sealed record NoticeEscalation(
    long Id, string Number, string UnitName, string Reason, string Demand, NoticeState State, Light Light, DateTimeOffset DueAt,
    EscalationLevel Level, IReadOnlyList<EscalationLevel> NextLevels, bool MayRecordJointHandling,
    IReadOnlyList<EscalationStep> Steps, IReadOnlyList<JointHandlingEntry> JointHandlings, long Version);

/// <summary>
/// Issue 16 (S8): the escalation chain of supervision notices — the centre's escalation desk, "escalated to me" for the
/// organisation office, leaders (and the inspection office, "12345 + 督查") and the discipline commission, the steps up,
/// and joint handling with discipline inspection and the petitions bureau.
/// </summary>
public static class EscalationEndpoints
{
    public static IEndpointRouteBuilder MapEscalation(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/supervision").WithTags("Supervision escalation").RequireAuthorization(Policies.Escalation);
        group.MapGet("/escalated", Escalated)
            .WithSummary("The centre: open notices in its scope with their level; a receiving level: the notices escalated to it (or beyond it).");
        group.MapGet("/notices/{id:long}/escalation", Get);
        group.MapPost("/notices/{id:long}/escalate", Escalate);
        group.MapPost("/notices/{id:long}/joint-handling", RecordJointHandling);
        app.MapSpecialReports();
        app.MapConvene();
        return app;
    }

    private static async Task<Ok<Paged<EscalatedNotice>>> Escalated(HotlineDbContext db, CurrentUser user, int? page, int? pageSize, CancellationToken ct)
    {
        var actor = user.ToActor();
        var (number, size) = Paging.Normalise(page, pageSize);
        var query = db.Set<SupervisionNotice>().AsNoTracking();
        if (actor.Roles.Overlaps(EscalationChain.CentreRoles))
        {
            var path = actor.Scope.Path;
            query = query.Where(n => n.State != NoticeState.Closed && n.UnitPath.StartsWith(path));
        }
        else
        {
            var levels = EscalationChain.SeenBy(actor.Roles).ToList();
            query = query.Where(n => levels.Contains(n.EscalationLevel));
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(n => n.EscalatedAtUtc ?? n.IssuedAtUtc).ThenByDescending(n => n.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        var items = rows.Select(n => new EscalatedNotice(
            n.Id, n.Number, n.UnitName, n.Reason, n.State, n.Light, Local(n.DueAtUtc), n.EscalationLevel, n.EscalatedAtUtc is { } at ? Local(at) : null,
            n.EscalationsFor(actor).Count > 0)).ToList();
        return TypedResults.Ok(new Paged<EscalatedNotice>(items, total, number, size));
    }

    private static async Task<Ok<NoticeEscalation>> Get(long id, HotlineDbContext db, CurrentUser user, CancellationToken ct)
    {
        var actor = user.ToActor();
        var notice = await VisibleAsync(db, id, actor, ct);
        return TypedResults.Ok(await ViewAsync(db, notice, actor, ct));
    }

    private static async Task<Ok<NoticeEscalation>> Escalate(long id, EscalateRequest r, HotlineDbContext db, NoticeStore store, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var actor = user.ToActor();
        await VisibleAsync(db, id, actor, ct);
        var notice = await store.LoadAsync(id, WorkOrders.WorkOrderRoutes.Required(r.Version, "version"), ct);
        var to = WorkOrders.WorkOrderRoutes.Required(r.To, "to");
        notice.Escalate(actor, to, r.Reason ?? string.Empty, r.HandOver ?? string.Empty, await OrganAsync(db, to, ct), time.GetUtcNow().UtcDateTime);
        await store.SaveAsync(notice, ct);
        return TypedResults.Ok(await ViewAsync(db, notice, actor, ct));
    }

    private static async Task<Ok<NoticeEscalation>> RecordJointHandling(long id, JointHandlingRequest r, HotlineDbContext db, NoticeStore store, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var actor = user.ToActor();
        await VisibleAsync(db, id, actor, ct);
        var notice = await store.LoadAsync(id, WorkOrders.WorkOrderRoutes.Required(r.Version, "version"), ct);
        var now = time.GetUtcNow();
        notice.RecordJointHandling(actor, r.Partners ?? [], r.Agreed ?? string.Empty, r.AgreedOn, ChinaTime.LocalDate(now), now.UtcDateTime);
        await store.SaveAsync(notice, ct);
        return TypedResults.Ok(await ViewAsync(db, notice, actor, ct));
    }

    /// <summary>The notice if the caller sees it on the chain; 404 otherwise, so that its existence is not disclosed.</summary>
    internal static async Task<SupervisionNotice> VisibleAsync(HotlineDbContext db, long id, Actor actor, CancellationToken ct)
    {
        var notice = await db.Set<SupervisionNotice>().AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, ct);
        return notice is not null && notice.IsEscalationVisibleTo(actor) ? notice : throw new NotFoundException("notice_not_found", "No such supervision notice.");
    }

    /// <summary>
    /// The organ a level names on the timeline: the unit of the users who receive it (the organisation office, the
    /// commission), the city government's leaders, or the city government itself.
    /// </summary>
    private static async Task<string> OrganAsync(HotlineDbContext db, EscalationLevel level, CancellationToken ct)
    {
        var government = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.City).OrderBy(u => u.Depth).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "本级政府";
        if (level is EscalationLevel.Leader or EscalationLevel.Government or EscalationLevel.Centre)
        {
            return level == EscalationLevel.Leader ? $"{government}领导（督查室）" : level == EscalationLevel.Government ? government : "12345";
        }

        var role = EscalationChain.Receiver(level)!.Value;
        return await db.Set<User>().AsNoTracking().Where(u => u.IsActive && u.Roles.Any(r => r.Role == role)).OrderBy(u => u.Id)
            .Select(u => u.Unit!.Name).FirstOrDefaultAsync(ct) ?? SpecialReportText.Level(level);
    }

    private static async Task<NoticeEscalation> ViewAsync(HotlineDbContext db, SupervisionNotice n, Actor actor, CancellationToken ct)
    {
        NoticeAction[] kinds = [NoticeAction.Escalate, NoticeAction.JointHandling];
        var events = await db.Set<NoticeEvent>().AsNoTracking().Where(e => e.NoticeId == n.Id && kinds.Contains(e.Action)).OrderBy(e => e.Id).ToListAsync(ct);
        var steps = events.Where(e => e.Action == NoticeAction.Escalate).Select(e => new EscalationStep(
            Local(e.AtUtc), e.ActorName, e.ActorUnitName, Enum.Parse<EscalationLevel>(e.Details.GetValueOrDefault("from") ?? nameof(EscalationLevel.Centre)),
            Enum.Parse<EscalationLevel>(e.Details.GetValueOrDefault("to") ?? nameof(EscalationLevel.Centre)), e.Details.GetValueOrDefault("organ"),
            e.Details.GetValueOrDefault("reason"), e.Text)).ToList();
        var joint = events.Where(e => e.Action == NoticeAction.JointHandling).Select(e => new JointHandlingEntry(
            Local(e.AtUtc), e.ActorName,
            (e.Details.GetValueOrDefault("partners") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<JointPartner>).ToList(),
            e.Text, e.Details.GetValueOrDefault("agreedOn"))).ToList();
        var mayJoin = n.IsOpen && (EscalationChain.ActsAt(actor, EscalationLevel.Centre, n.UnitPath) || EscalationChain.ActsAt(actor, n.EscalationLevel, n.UnitPath));
        return new NoticeEscalation(
            n.Id, n.Number, n.UnitName, n.Reason, n.Demand, n.State, n.Light, Local(n.DueAtUtc), n.EscalationLevel, n.EscalationsFor(actor), mayJoin, steps, joint, n.Version);
    }

    internal static DateTimeOffset Local(DateTime utc) => ChinaTime.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
}
