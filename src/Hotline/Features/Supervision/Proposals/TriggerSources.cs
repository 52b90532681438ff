using Hotline.Domain.Knowledge;
using Hotline.Domain.Supervision;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Calendar;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Supervision.Proposals;

/// <summary>One subject a trigger's condition holds for, with the unit a notice would address and the facts shown.</summary>
public sealed class ProposalCandidate
{
    public long SubjectId { get; init; }

    public long UnitId { get; init; }

    public string UnitName { get; init; } = string.Empty;

    public string UnitPath { get; init; } = string.Empty;

    public string Facts { get; init; } = string.Empty;
}

/// <summary>What a source found: a query the job runs set-based, or rows a provider computed.</summary>
public sealed record CandidateSet(IQueryable<ProposalCandidate>? Query, IReadOnlyList<ProposalCandidate>? Rows);

/// <summary>
/// A kind of trigger source (<see cref="TriggerSourceKinds"/>): given a trigger row (its parameters), the subjects its
/// condition holds for now. A source answers null when it cannot be read (no provider yet): the job skips the trigger.
/// </summary>
public interface ITriggerSource
{
    string Kind { get; }

    ProposalSubject Subject { get; }

    Task<CandidateSet?> FindAsync(HotlineDbContext db, SupervisionTrigger trigger, DateTime nowUtc, CancellationToken ct);
}

/// <summary>A unit's figure as the assessment issue computes it (on-time rate, fall in rank), by unit.</summary>
public sealed record UnitFigure(long UnitId, string UnitName, string UnitPath, decimal Value, string Display);

/// <summary>The named figures of units (the assessment issue implements it); the "unit-figure" triggers read it.</summary>
public interface IUnitFigureSource
{
    /// <summary>The current value of <paramref name="figure"/> per unit; null when this provider does not know the figure.</summary>
    Task<IReadOnlyList<UnitFigure>?> ReadAsync(string figure, CancellationToken ct);
}

/// <summary>The work-order sources' shared shape: open orders with a lead unit, facts = number + subject (never the caller).</summary>
public abstract class OrderSource : ITriggerSource
{
    private static readonly WorkOrderStatus[] Finished = [WorkOrderStatus.Closed, WorkOrderStatus.Archived, WorkOrderStatus.NotAccepted];

    public abstract string Kind { get; }

    public ProposalSubject Subject => ProposalSubject.Order;

    public Task<CandidateSet?> FindAsync(HotlineDbContext db, SupervisionTrigger trigger, DateTime nowUtc, CancellationToken ct) =>
        Task.FromResult<CandidateSet?>(new CandidateSet(Project(Where(db.Set<WorkOrder>().AsNoTracking(), trigger, nowUtc).Where(w => w.LeadUnitId != null)), null));

    /// <summary>The orders the condition holds for.</summary>
    protected abstract IQueryable<WorkOrder> Where(IQueryable<WorkOrder> orders, SupervisionTrigger trigger, DateTime nowUtc);

    protected static IQueryable<WorkOrder> Unfinished(IQueryable<WorkOrder> orders) => orders.Where(w => !Finished.Contains(w.Status));

    private static IQueryable<ProposalCandidate> Project(IQueryable<WorkOrder> orders) => orders.Select(w => new ProposalCandidate
    {
        SubjectId = w.Id,
        UnitId = w.LeadUnitId!.Value,
        UnitName = w.LeadUnitName!,
        UnitPath = w.LeadUnitPath!,
        Facts = w.Number + " " + w.Subject,
    });
}

/// <summary>Open orders whose light is red (or, with light = Yellow, yellow or red).</summary>
public sealed class OrderLightSource : OrderSource
{
    public override string Kind => TriggerSourceKinds.OrderLight;

    protected override IQueryable<WorkOrder> Where(IQueryable<WorkOrder> orders, SupervisionTrigger trigger, DateTime nowUtc)
    {
        // Constants, not a parameter list: the red one is then served by its partial index.
        return trigger.Parameters.GetValueOrDefault("light") == "Yellow"
            ? Unfinished(orders).Where(w => w.Light == Light.Yellow || w.Light == Light.Red)
            : Unfinished(orders).Where(w => w.Light == Light.Red);
    }
}

/// <summary>Open orders reopened by a redo (重办) at least minRedoCount times.</summary>
public sealed class OrderRedoSource : OrderSource
{
    public override string Kind => TriggerSourceKinds.OrderRedo;

    protected override IQueryable<WorkOrder> Where(IQueryable<WorkOrder> orders, SupervisionTrigger trigger, DateTime nowUtc)
    {
        var min = Math.Max(1, trigger.IntParameter("minRedoCount", 1));
        return Unfinished(orders).Where(w => w.RedoCount > 0 && w.RedoCount >= min); // "> 0": the partial index's condition
    }
}

/// <summary>Open orders repeating a demand that was already closed (重复诉求).</summary>
public sealed class OrderRepeatSource : OrderSource
{
    public override string Kind => TriggerSourceKinds.OrderRepeat;

    protected override IQueryable<WorkOrder> Where(IQueryable<WorkOrder> orders, SupervisionTrigger trigger, DateTime nowUtc) =>
        Unfinished(orders).Where(w => w.IsRepeatAfterClosure);
}

/// <summary>
/// Orders at their unit and not signed for more than workingDays working days: the cut-off instant is computed once on
/// the working-day calendar, so the query is a plain comparison on the status and the dispatch time.
/// </summary>
public sealed class OrderUnsignedSource(CalendarService calendars) : OrderSource
{
    public override string Kind => TriggerSourceKinds.OrderUnsigned;

    protected override IQueryable<WorkOrder> Where(IQueryable<WorkOrder> orders, SupervisionTrigger trigger, DateTime nowUtc)
    {
        var days = Math.Max(1, trigger.IntParameter("workingDays", 1));
        var cutoff = calendars.Current.SubtractWorkingDays(new DateTimeOffset(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc)), days).At.UtcDateTime;
        return orders.Where(w => w.Status == WorkOrderStatus.Dispatched && w.DispatchedAtUtc != null && w.DispatchedAtUtc < cutoff && w.SignedAtUtc == null);
    }
}

/// <summary>Orders whose lateness the centre judged without good reason (无正当理由逾期), until they are archived.</summary>
public sealed class OrderLatenessSource : OrderSource
{
    public override string Kind => TriggerSourceKinds.OrderLateness;

    protected override IQueryable<WorkOrder> Where(IQueryable<WorkOrder> orders, SupervisionTrigger trigger, DateTime nowUtc) =>
        orders.Where(w => w.LateWithoutGoodReason && w.Status != WorkOrderStatus.Archived);
}

/// <summary>Articles whose live version is past its expiry date, or that the expiry job took out of use and nobody revised.</summary>
public sealed class KnowledgeExpiredSource : ITriggerSource
{
    public string Kind => TriggerSourceKinds.KnowledgeExpired;

    public ProposalSubject Subject => ProposalSubject.Article;

    public Task<CandidateSet?> FindAsync(HotlineDbContext db, SupervisionTrigger trigger, DateTime nowUtc, CancellationToken ct) =>
        Task.FromResult<CandidateSet?>(new CandidateSet(
            db.Set<KnowledgeArticle>().AsNoTracking()
                .Where(a => (a.LiveVersion != null && a.LiveExpiresAtUtc <= nowUtc) || a.Status == KnowledgeStatus.Expired)
                .Join(db.Units, a => a.OwnerUnitId, u => u.Id, (a, u) => new ProposalCandidate { SubjectId = a.Id, UnitId = u.Id, UnitName = u.Name, UnitPath = u.Path, Facts = "《" + a.Title + "》" }),
            null));
}

/// <summary>Articles with at least minOpenReports open error reports (查漏纠错), on the unit the reports are routed to.</summary>
public sealed class KnowledgeErrorReportSource : ITriggerSource
{
    public string Kind => TriggerSourceKinds.KnowledgeErrorReports;

    public ProposalSubject Subject => ProposalSubject.Article;

    public Task<CandidateSet?> FindAsync(HotlineDbContext db, SupervisionTrigger trigger, DateTime nowUtc, CancellationToken ct)
    {
        var min = Math.Max(1, trigger.IntParameter("minOpenReports", 1));
        var open = db.Set<KnowledgeErrorReport>().Where(r => r.Status == ErrorReportStatus.Open);
        return Task.FromResult<CandidateSet?>(new CandidateSet(
            db.Set<KnowledgeArticle>().AsNoTracking()
                .Where(a => open.Count(r => r.ArticleId == a.Id) >= min)
                .Join(db.Units, a => a.OwnerUnitId, u => u.Id, (a, u) => new ProposalCandidate { SubjectId = a.Id, UnitId = u.Id, UnitName = u.Name, UnitPath = u.Path, Facts = "《" + a.Title + "》" }),
            null));
    }
}

/// <summary>
/// Units whose named figure is below (or above) the threshold, read from the <see cref="IUnitFigureSource"/> providers.
/// Without a provider that knows the figure the trigger is skipped.
/// </summary>
public sealed class UnitFigureTriggerSource(IEnumerable<IUnitFigureSource> providers) : ITriggerSource
{
    public string Kind => TriggerSourceKinds.UnitFigure;

    public ProposalSubject Subject => ProposalSubject.Unit;

    public async Task<CandidateSet?> FindAsync(HotlineDbContext db, SupervisionTrigger trigger, DateTime nowUtc, CancellationToken ct)
    {
        var figure = trigger.Parameters.GetValueOrDefault("figure");
        if (figure is null)
        {
            return null;
        }

        foreach (var provider in providers)
        {
            if (await provider.ReadAsync(figure, ct) is not { } values)
            {
                continue;
            }

            var below = trigger.Parameters.ContainsKey("below") ? trigger.DecimalParameter("below", 0) : (decimal?)null;
            var above = trigger.Parameters.ContainsKey("above") ? trigger.DecimalParameter("above", 0) : (decimal?)null;
            return new CandidateSet(null, values
                .Where(v => (below is { } b && v.Value < b) || (above is { } a && v.Value > a))
                .Select(v => new ProposalCandidate { SubjectId = v.UnitId, UnitId = v.UnitId, UnitName = v.UnitName, UnitPath = v.UnitPath, Facts = $"{trigger.Name}：{v.Display}" })
                .ToList());
        }

        return null;
    }
}
