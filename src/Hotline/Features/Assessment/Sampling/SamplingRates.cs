using Hotline.Domain.Assessment;
using Hotline.Domain.Calendar;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Assessment.Agents;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Assessment.Sampling;

/// <summary>One unit's sampled satisfaction beside the platform's own callbacks, for the orders registered in the period.</summary>
public sealed record SampledUnitRates(
    long UnitId, string UnitName, int Sampled, decimal? SampledProcessRate, decimal? SampledResultRate,
    int CalledBack, decimal? PlatformProcessRate, decimal? PlatformResultRate);

/// <summary>The sampled rates of a period, per lead unit in the caller's scope.</summary>
public sealed record SamplingRatesReport(DateOnly From, DateOnly To, IReadOnlyList<SampledUnitRates> Units);

/// <summary>
/// The sampled satisfaction rates per lead unit and period (the orders registered in it), beside the platform's own rates
/// for the same orders' units: the last reached callback of each order (its timeline's facts). Both counted by
/// <see cref="ThirdPartySampling.SatisfactionRate"/>; to be unified with the assessment core's satisfaction formulas
/// after the merge (they read the same ratings).
/// </summary>
public static class SamplingRates
{
    public static async Task<Ok<SamplingRatesReport>> Get(string? from, string? to, HotlineDbContext db, CurrentUser user, CancellationToken ct)
    {
        var period = AgentPerformanceEndpoints.Period(from, to);
        var startUtc = ChinaTime.StartOfDay(period.From).UtcDateTime;
        var endUtc = ChinaTime.StartOfDay(period.To.AddDays(1)).UtcDateTime;
        var path = user.Scope.Path;
        var orders = db.Set<WorkOrder>().AsNoTracking()
            .Where(w => w.LeadUnitId != null && w.LeadUnitPath!.StartsWith(path) && w.RegisteredAtUtc >= startUtc && w.RegisteredAtUtc < endUtc);

        var sampled = await (
            from s in db.Set<SampledResult>().AsNoTracking()
            join w in orders on s.WorkOrderId equals w.Id
            select new { UnitId = w.LeadUnitId!.Value, w.LeadUnitName, s.ProcessRating, s.ResultRating }).ToListAsync(ct);

        // The platform's own: one query over the reached callbacks' timeline entries of the same orders (for now; see above).
        var callbacks = await (
            from e in db.Set<WorkOrderEvent>().AsNoTracking()
            join w in orders on e.WorkOrderId equals w.Id
            where e.Action == WorkOrderAction.Callback
            select new { e.WorkOrderId, e.Id, UnitId = w.LeadUnitId!.Value, w.LeadUnitName, e.Details }).ToListAsync(ct);
        var lastReached = callbacks
            .Where(c => c.Details.TryGetValue("reached", out var r) && r == "true")
            .GroupBy(c => c.WorkOrderId)
            .Select(g => g.MaxBy(c => c.Id)!)
            .Select(c => new { c.UnitId, c.LeadUnitName, Process = Rating(c.Details, "processRating"), Result = Rating(c.Details, "resultRating") })
            .ToList();

        var units = sampled.Select(s => (s.UnitId, s.LeadUnitName)).Concat(lastReached.Select(c => (c.UnitId, c.LeadUnitName)))
            .GroupBy(u => u.UnitId).Select(g => (Id: g.Key, Name: g.First().LeadUnitName ?? string.Empty));
        var rows = units.Select(u =>
        {
            var s = sampled.Where(x => x.UnitId == u.Id).ToList();
            var p = lastReached.Where(x => x.UnitId == u.Id).ToList();
            return new SampledUnitRates(
                u.Id, u.Name, s.Count, ThirdPartySampling.SatisfactionRate(s.Select(x => x.ProcessRating)), ThirdPartySampling.SatisfactionRate(s.Select(x => x.ResultRating)),
                p.Count, ThirdPartySampling.SatisfactionRate(p.Where(x => x.Process is not null).Select(x => x.Process!.Value)),
                ThirdPartySampling.SatisfactionRate(p.Where(x => x.Result is not null).Select(x => x.Result!.Value)));
        }).OrderBy(r => r.UnitName, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new SamplingRatesReport(period.From, period.To, rows));
    }

    private static Rating? Rating(Dictionary<string, string?> facts, string key) =>
        facts.TryGetValue(key, out var v) && Enum.TryParse<Rating>(v, out var r) ? r : null;
}
