using System.Globalization;
using System.Net;
using Hotline.Domain.QualityInspection;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Authorisation;

/// <summary>Quality inspection (S14): the inspections the matrix reads and scores.</summary>
internal static class QualityTargets
{
    /// <summary>
    /// A pending inspection of the registration call of an order planted for the unit, credited to an agent of the unit who
    /// is none of the matrix's callers (so nobody is refused for scoring their own contact).
    /// </summary>
    public static readonly TargetKind Inspection = new("quality inspection", async (w, unit) =>
    {
        var orderId = (await TargetKind.Order(OrderStage.Dispatched).Make(w, unit)).Id;
        await using var scope = w.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var order = await db.Set<WorkOrder>().AsNoTracking().SingleAsync(o => o.Id == orderId);
        var entry = await db.Set<WorkOrderEvent>().AsNoTracking().Where(e => e.WorkOrderId == orderId && e.Action == WorkOrderAction.Register).SingleAsync();
        var unitPath = await db.Units.AsNoTracking().Where(u => u.Id == w.UnitId(unit)).Select(u => u.Path).SingleAsync();
        var inspection = global::Hotline.Domain.QualityInspection.Inspection.Draw(
            new InspectionCandidate(entry.Id, order.Id, order.Number, InspectionStage.Intake, -1, "矩阵坐席", unitPath, entry.AtUtc, order.RecordingId), "矩阵测试", entry.AtUtc);
        db.Add(inspection);
        await db.SaveChangesAsync();
        return new Target(inspection.Id.ToString(CultureInfo.InvariantCulture), inspection.Version);
    });

    /// <summary>A full score of the default intake checklist, at the target's version.</summary>
    public static object FullScore(CellContext c) => new
    {
        items = Checklist.Defaults(InspectionStage.Intake).Select(i => new { code = i.Code, points = i.MaxPoints, note = (string?)null }),
        fatalError = false,
        comment = "矩阵测试",
        version = c.Target.Version,
    };

    /// <summary>The default intake checklist sent back as a new version (an edit that changes nothing but passes every check).</summary>
    public static object DefaultChecklist(CellContext c) => new
    {
        items = Checklist.Defaults(InspectionStage.Intake).Select(i => new { code = i.Code, name = i.Name, maxPoints = i.MaxPoints }),
    };

    /// <summary>An agent reads only their own scored inspections: the matrix's is pending and nobody's.</summary>
    public static readonly Accepted NotTheirs = new(HttpStatusCode.NotFound, "quality_inspection_not_found", "an intake or callback agent reads only their own scored inspections; the matrix's is pending and credited to nobody they are");
}
