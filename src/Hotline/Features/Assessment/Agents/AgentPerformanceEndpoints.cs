using System.Globalization;
using Hotline.Domain.Assessment;
using Hotline.Domain.Calendar;
using Hotline.Domain.Organisation;
using Hotline.Domain.QualityInspection;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Assessment.Agents;

/// <summary>Agent performance for a period as the caller may read it: the rows, whether they are the caller's own only.</summary>
public sealed record AgentPerformanceReport(DateOnly From, DateOnly To, bool OwnRowOnly, IReadOnlyList<AgentFigures> Rows);

/// <summary>
/// Issue 17 (S9): centre agents' performance per period, counted by <see cref="AgentPerformance"/> from the timeline
/// entries dated in the period. Team leaders, site managers, the centre manager and quality inspectors read every agent
/// whose unit is in their scope (a county office's staff their county); an intake or callback agent reads their own row.
/// The quality score joins from the scored quality inspections (质检).
/// </summary>
public static class AgentPerformanceEndpoints
{
    public static IEndpointRouteBuilder MapAgentPerformance(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessment/agents").WithTags("Assessment");
        group.MapGet("/", Get).RequireAuthorization(Policies.ReadAgentPerformance)
            .WithSummary("Agent performance for a period (from, to: local dates, both included): registered, answered or handled directly, not accepted, send-backs received, callback outcomes.");
        group.MapGet("/export", Export).RequireAuthorization(Policies.ReadAgentPerformance)
            .Produces(StatusCodes.Status200OK, contentType: XlsxExport.ContentType)
            .WithSummary("The same figures as an .xlsx workbook.");
        return app;
    }

    private static async Task<Ok<AgentPerformanceReport>> Get(string? from, string? to, HotlineDbContext db, CurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(await ReportAsync(db, user, Period(from, to), ct));

    private static async Task<FileStreamHttpResult> Export(string? from, string? to, HotlineDbContext db, CurrentUser user, CancellationToken ct)
    {
        var period = Period(from, to);
        var report = await ReportAsync(db, user, period, ct);
        var rows = report.Rows.Select(r => new Dictionary<string, object?>
        {
            ["坐席"] = r.Name,
            ["登记工单"] = r.Registered,
            ["直接答复"] = r.AnsweredDirectly,
            ["直接办理"] = r.HandledDirectly,
            ["不予受理"] = r.NotAccepted,
            ["被派单退回"] = r.SendBacksReceived,
            ["回访次数"] = r.CallbacksMade,
            ["回访接通"] = r.CallbacksReached,
            ["满意"] = r.CallbacksSatisfied,
            ["不满意"] = r.CallbacksUnsatisfied,
            ["未接通"] = r.CallbacksUnreachable,
            ["质检件数"] = r.QualityInspections,
            ["质检得分"] = r.QualityScore?.ToString(CultureInfo.InvariantCulture) ?? "未测评",
        });
        return await XlsxExport.FileAsync(rows, "坐席绩效", $"agent-performance-{period.From:yyyyMMdd}-{period.To:yyyyMMdd}.xlsx", ct);
    }

    /// <summary>The period from the query; both dates required, as <see cref="AssessmentPeriod.Range"/> allows.</summary>
    internal static AssessmentPeriod Period(string? from, string? to)
    {
        var v = new Validation();
        var start = v.Date(from, "from");
        var end = v.Date(to, "to");
        v.ThrowIfInvalid();
        return AssessmentPeriod.Range(start!.Value, end!.Value);
    }

    internal static async Task<AgentPerformanceReport> ReportAsync(HotlineDbContext db, CurrentUser user, AssessmentPeriod period, CancellationToken ct)
    {
        var viewer = user.ToActor();
        var ownOnly = AgentPerformance.OwnRowOnly(viewer);
        var startUtc = ChinaTime.StartOfDay(period.From).UtcDateTime;
        var endUtc = ChinaTime.StartOfDay(period.To.AddDays(1)).UtcDateTime;
        var actions = AgentPerformance.Actions;
        var entries = await (
            from e in db.Set<WorkOrderEvent>().AsNoTracking()
            join w in db.Set<WorkOrder>() on e.WorkOrderId equals w.Id
            where actions.Contains(e.Action) && e.AtUtc >= startUtc && e.AtUtc < endUtc
            select new { e.Action, e.ActorUserId, e.ActorName, e.AtUtc, w.RegisteredByUserId, w.RegisteredByName, e.Details })
            .ToListAsync(ct);
        var counted = AgentPerformance.Count(entries.Select(e => new AgentEntry(e.Action, e.ActorUserId, e.ActorName, e.AtUtc, e.RegisteredByUserId, e.RegisteredByName, e.Details)));

        // The quality score: the mean of the scored inspections of the agent's contacts in the period.
        var scored = await db.Set<Inspection>().AsNoTracking()
            .Where(i => i.State == InspectionState.Scored && i.ContactAtUtc >= startUtc && i.ContactAtUtc < endUtc)
            .Select(i => new { i.AgentUserId, i.Score }).ToListAsync(ct);
        var quality = InspectionSampling.Scores(scored.Select(i => (i.AgentUserId, i.Score ?? 0)));
        var figures = counted.Select(f => quality.TryGetValue(f.UserId, out var q) ? f with { QualityScore = q.Score, QualityInspections = q.Scored } : f);

        // The agents the caller may read: their own row, or the users of units in their scope.
        HashSet<long> readable;
        if (ownOnly)
        {
            readable = [viewer.UserId];
        }
        else
        {
            var path = user.Scope.Path;
            readable = (await db.Users.AsNoTracking().Where(u => u.Unit!.Path.StartsWith(path)).Select(u => u.Id).ToListAsync(ct)).ToHashSet();
        }

        return new AgentPerformanceReport(period.From, period.To, ownOnly, figures.Where(f => readable.Contains(f.UserId)).ToList());
    }
}
