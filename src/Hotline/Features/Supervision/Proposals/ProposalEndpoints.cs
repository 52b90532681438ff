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

public sealed record ProposalDto(
    long Id, string Trigger, string TriggerName, ProposalSubject SubjectKind, long SubjectId, long UnitId, string UnitName, string Facts,
    DateTimeOffset FirstSeen, DateTimeOffset LastSeen, ProposalState State, DateTimeOffset? EndedAt, long? NoticeId, string? DismissReason, string? DismissedBy,
    SupervisionMethod DefaultMethod, int DefaultDeadlineWorkingDays, string DefaultReason, string DefaultDemand, long Version);

/// <summary>The terms a supervisor opens a proposal with; each left out is the trigger's default.</summary>
public sealed record OpenProposalRequest(
    long? Version,
    [property: MaxLength(Limits.MediumText)] string? Reason,
    [property: MaxLength(Limits.MediumText)] string? Demand,
    int? DeadlineWorkingDays,
    SupervisionMethod? Method);

public sealed record DismissProposalRequest(long? Version, [property: MaxLength(Limits.Reason)] string? Reason);

public sealed record OpenedNotice(long Id, string Number, long UnitId, string UnitName);

public sealed record OpenedProposal(ProposalDto Proposal, OpenedNotice Notice);

/// <summary>Proposals to supervise (S8), raised by <see cref="ProposalJob"/>, listed for supervisors, opened in one click or dismissed.</summary>
public static class ProposalEndpoints
{
    public static IEndpointRouteBuilder MapSupervisionProposals(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/supervision/proposals").WithTags("Supervision").RequireAuthorization(Policies.SupervisionProposals);
        group.MapGet("/", List);
        group.MapPost("/{id:long}/open", Open);
        group.MapPost("/{id:long}/dismiss", Dismiss);
        return app;
    }

    private static async Task<Ok<Paged<ProposalDto>>> List(
        HotlineDbContext db, CurrentUser user, string? trigger, long? unitId, string? state, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Paging.Normalise(page, pageSize);
        var wanted = ProposalState.Open;
        if (state is not null && (!Enum.TryParse(state, ignoreCase: true, out wanted) || !Enum.IsDefined(wanted) || int.TryParse(state, out _)))
        {
            throw ValidationException.For("state", "Give open, dismissed, opened or resolved.");
        }

        var query = Scoped(db, user).Where(p => p.State == wanted);
        if (!string.IsNullOrWhiteSpace(trigger))
        {
            query = query.Where(p => p.TriggerCode == trigger.Trim());
        }

        if (unitId is { } unit)
        {
            query = query.Where(p => p.UnitId == unit);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(p => p.FirstSeenUtc).ThenByDescending(p => p.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        var triggers = await db.Set<SupervisionTrigger>().AsNoTracking().ToDictionaryAsync(t => t.Code, ct);
        return TypedResults.Ok(new Paged<ProposalDto>(rows.Select(p => Dto(p, triggers.GetValueOrDefault(p.TriggerCode))).ToList(), total, number, size));
    }

    private static async Task<Ok<OpenedProposal>> Open(
        long id, OpenProposalRequest request, HotlineDbContext db, NoticeStore store, CurrentUser user, CalendarService calendars, TimeProvider time, CancellationToken ct)
    {
        var version = request.Version ?? throw ValidationException.For("version", "Give the version you saw.");
        var proposal = await FindAsync(db, user, id, version, ct);
        var actor = user.ToActor();
        proposal.EnsureCanOpen(actor);
        var trigger = await db.Set<SupervisionTrigger>().AsNoTracking().SingleAsync(t => t.Code == proposal.TriggerCode, ct);
        var defaults = trigger.DefaultTerms(proposal.DefaultReason(trigger.Name));
        var terms = new NoticeTerms(
            trigger.Code, request.Reason ?? defaults.Reason, request.Demand ?? defaults.Demand, request.DeadlineWorkingDays ?? defaults.DeadlineWorkingDays, request.Method ?? defaults.Method);

        var (unitId, orders) = (proposal.UnitId, new List<NoticeOrderRef>());
        if (proposal.SubjectKind == ProposalSubject.Order)
        {
            var order = await db.Set<WorkOrder>().AsNoTracking().Where(w => w.Id == proposal.SubjectId)
                .Select(w => new { w.Id, w.Number, w.Subject, w.LeadUnitId, w.LeadUnitPath }).SingleAsync(ct);
            unitId = order.LeadUnitId ?? unitId;
            orders.Add(new NoticeOrderRef(order.Id, order.Number, order.Subject, order.LeadUnitPath));
        }

        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == unitId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        SupervisionProposal? opened = null;
        SupervisionNotice? notice = null;
        await store.AddAsync(
            [n => notice = SupervisionNotice.Open(n, terms, unit, orders, actor, calendars.Current, now)],
            now,
            ct,
            async notices =>
            {
                try
                {
                    await db.SaveChangesAsync(ct); // the notice's id, inside the store's transaction
                }
                catch (DbUpdateException)
                {
                    throw new ConcurrencyConflictException("Another notice was opened at the same moment; try again.");
                }

                opened = await db.Set<SupervisionProposal>().SingleAsync(p => p.Id == id, ct);
                if (opened.Version != version)
                {
                    throw new ConcurrencyConflictException("The proposal was changed meanwhile; reload it.");
                }

                db.ExpectVersion(opened, version);
                opened.MarkOpened(notices[0].Id, now);
            });
        return TypedResults.Ok(new OpenedProposal(Dto(opened!, trigger), new OpenedNotice(notice!.Id, notice.Number, notice.UnitId, notice.UnitName)));
    }

    private static async Task<Ok<ProposalDto>> Dismiss(long id, DismissProposalRequest request, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var version = request.Version ?? throw ValidationException.For("version", "Give the version you saw.");
        var proposal = await FindAsync(db, user, id, version, ct);
        proposal.Dismiss(user.ToActor(), request.Reason, time.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("The proposal was changed meanwhile; reload it.");
        }

        var trigger = await db.Set<SupervisionTrigger>().AsNoTracking().SingleOrDefaultAsync(t => t.Code == proposal.TriggerCode, ct);
        return TypedResults.Ok(Dto(proposal, trigger));
    }

    private static IQueryable<SupervisionProposal> Scoped(HotlineDbContext db, CurrentUser user)
    {
        var query = db.Set<SupervisionProposal>().AsNoTracking();
        if (!user.Scope.IsPlatformWide)
        {
            var path = user.Scope.Path;
            query = query.Where(p => p.UnitPath.StartsWith(path));
        }

        return query;
    }

    /// <summary>A proposal inside the caller's scope (404 otherwise), tracked, its version checked (409).</summary>
    private static async Task<SupervisionProposal> FindAsync(HotlineDbContext db, CurrentUser user, long id, long version, CancellationToken ct)
    {
        var proposal = await db.Set<SupervisionProposal>().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (proposal is null || !user.Scope.Covers(proposal.UnitPath))
        {
            throw new NotFoundException("proposal_not_found", "No such proposal.");
        }

        if (proposal.Version != version)
        {
            throw new ConcurrencyConflictException("The proposal was changed meanwhile; reload it.");
        }

        db.ExpectVersion(proposal, version);
        return proposal;
    }

    private static ProposalDto Dto(SupervisionProposal p, SupervisionTrigger? t) => new(
        p.Id, p.TriggerCode, t?.Name ?? p.TriggerCode, p.SubjectKind, p.SubjectId, p.UnitId, p.UnitName, p.Facts,
        WorkOrderDto.Local(p.FirstSeenUtc), WorkOrderDto.Local(p.LastSeenUtc), p.State, p.EndedAtUtc is { } e ? WorkOrderDto.Local(e) : null, p.NoticeId,
        p.DismissReason, p.DismissedByName, t?.DefaultMethod ?? SupervisionMethod.Document, t?.DefaultDeadlineWorkingDays ?? 5,
        p.DefaultReason(t?.Name ?? p.TriggerCode), t?.DefaultDemand ?? string.Empty, p.Version);
}
