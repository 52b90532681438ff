using System.Globalization;
using Hotline.Domain.Analytics;
using Hotline.Domain.Calendar;
using Hotline.Domain.Dispatch;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Dispatch;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Timeline;
using Hotline.Text;
using Hotline.Text.HotSpots;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Analytics;

/// <summary>
/// Seasonal and periodic issues, flagged a month ahead so units prepare ("未诉先办"): for next month (Asia/Shanghai), the
/// categories (second level, e.g. 0804 供暖) whose orders in the same month last year were at least
/// <see cref="AnalyticsOptions.SeasonalMinOrders"/> and at least <see cref="AnalyticsOptions.SeasonalPeakRatio"/>
/// times their monthly mean over the twelve months up to it. Each becomes one warning, routed to the units that handled
/// most of those orders (else the catalogue's unit). Done once per month: a stored marker and the warning's unique key
/// make any number of runs write each reminder once.
/// </summary>
public static class SeasonalReminders
{
    public const string MarkerName = "seasonal-reminders";

    public static async Task<int> RunAsync(HotlineDbContext db, DateTimeOffset now, AnalyticsOptions settings, CancellationToken ct)
    {
        var today = ChinaTime.LocalDate(now);
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        var monthKey = (month.Year * 100) + month.Month;
        var marker = await db.Set<TimelineCursor>().SingleOrDefaultAsync(c => c.Name == MarkerName, ct);
        if (marker?.Position >= monthKey)
        {
            return 0;
        }

        var lastYear = month.AddYears(-1);
        var start = ChinaTime.StartOfDay(lastYear).UtcDateTime;
        var end = ChinaTime.StartOfDay(lastYear.AddMonths(1)).UtcDateTime;
        var baselineStart = ChinaTime.StartOfDay(lastYear.AddMonths(-11)).UtcDateTime;
        var inMonth = await CountByCategoryAsync(db, start, end, ct);
        var inYear = await CountByCategoryAsync(db, baselineStart, end, ct);
        var existing = await db.Set<EarlyWarning>().Where(w => w.Kind == EarlyWarningKind.Seasonal && w.Month == month).Select(w => w.Key).ToListAsync(ct);
        var created = 0;
        foreach (var (category, count) in inMonth.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            var mean = inYear.GetValueOrDefault(category) / 12.0;
            var key = string.Create(CultureInfo.InvariantCulture, $"seasonal:{month:yyyy-MM}:{category}");
            if (count < settings.SeasonalMinOrders || count < settings.SeasonalPeakRatio * mean || existing.Contains(key))
            {
                continue;
            }

            var orders = await db.Set<WorkOrder>().AsNoTracking()
                .Where(w => w.RegisteredAtUtc >= start && w.RegisteredAtUtc < end && w.CategoryCode.StartsWith(category) && w.MergedIntoId == null)
                .OrderByDescending(w => w.RegisteredAtUtc)
                .Select(w => new { w.Id, w.Subject, w.LeadUnitId })
                .Take(2000)
                .ToListAsync(ct);
            var units = await UnitsAsync(db, orders.Select(o => o.LeadUnitId).ToList(), category, ct);
            var terms = TopTerms(orders.Select(o => o.Subject));
            var name = (await db.Set<Domain.Dispatch.Category>().AsNoTracking().Where(c => c.Code == category).Select(c => c.Name).SingleOrDefaultAsync(ct)) ?? category;
            var title = string.Create(CultureInfo.InvariantCulture,
                $"Seasonal: {name} peaked in {lastYear:yyyy-MM} ({count} orders, monthly mean {mean:0.#}); prepare for {month:yyyy-MM}");
            var detail = string.Create(CultureInfo.InvariantCulture,
                $"{count} orders in {lastYear:yyyy-MM} against a monthly mean of {mean:0.#} over the twelve months up to it (×{(mean > 0 ? count / mean : 0):0.0}). Frequent terms: {string.Join("、", terms)}.");
            db.Add(EarlyWarning.Seasonal(key, month, category, title, detail, count, terms, orders.Take(20).Select(o => o.Id).ToList(), now.UtcDateTime, units));
            created++;
        }

        if (marker is null)
        {
            db.Add(new TimelineCursor(MarkerName, monthKey));
        }
        else
        {
            marker.MoveTo(monthKey);
        }

        await db.SaveChangesAsync(ct);
        return created;
    }

    /// <summary>Orders per second-level category (first four digits of the code) registered in [from, to).</summary>
    private static async Task<Dictionary<string, int>> CountByCategoryAsync(HotlineDbContext db, DateTime from, DateTime to, CancellationToken ct) =>
        await db.Set<WorkOrder>().AsNoTracking()
            .Where(w => w.RegisteredAtUtc >= from && w.RegisteredAtUtc < to && w.MergedIntoId == null)
            .GroupBy(w => w.CategoryCode.Substring(0, Category.MatterLength))
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, ct);

    /// <summary>The units that handled at least a tenth of the orders (at most five), else the catalogue's unit for the category.</summary>
    private static async Task<List<EarlyWarningUnit>> UnitsAsync(HotlineDbContext db, List<long?> leads, string category, CancellationToken ct)
    {
        var handled = leads.Where(l => l is not null).Select(l => l!.Value).ToList();
        var ids = handled.GroupBy(id => id).Where(g => g.Count() * 10 >= handled.Count).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(5).Select(g => g.Key).ToList();
        if (ids.Count == 0 && await DispatchCatalogue.ProposeAsync(db, category, null, ct) is { } proposal)
        {
            ids.Add(proposal.UnitId);
        }

        var units = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id) && u.IsActive).ToListAsync(ct);
        return units.OrderBy(u => ids.IndexOf(u.Id)).Select(u => new EarlyWarningUnit(u.Id, u.Path, u.Name)).ToList();
    }

    /// <summary>
    /// The bigrams found in the most subjects (at least two), shown as the phrases the subjects write and without personal
    /// names, as a hot spot's keywords are (<see cref="TermPhrases"/>): "暖气不热", not "不热 暖气 气不".
    /// </summary>
    private static List<string> TopTerms(IEnumerable<string> subjects)
    {
        var prepared = subjects.Select(RepeatTerms.Prepare).ToList();
        var ranked = prepared
            .SelectMany(s => IndexTerms.Extract(s, normalize: false).Select(t => t.Term).Where(t => t.Length == 2 && TextNormalizer.IsCjk(t[0])).Distinct(StringComparer.Ordinal))
            .GroupBy(t => t, StringComparer.Ordinal)
            .Where(g => g.Count() >= 2)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(Terms * 4)
            .Select(g => g.Key)
            .ToList();
        return [.. TermPhrases.Join(ranked, prepared, Terms, null)];
    }

    /// <summary>Keywords a reminder shows.</summary>
    private const int Terms = 6;
}
