using Hotline.Domain.Dispatch;
using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Dispatch;

/// <summary>The dispatch catalogue's proposal of a lead unit: a named service that routing and analytics use too.</summary>
public static class DispatchCatalogue
{
    /// <summary>
    /// Proposes the lead unit: the most specific catalogue line for the category and region ("谁主管谁负责"), else the
    /// street or district that governs the region ("属地管理优先"); null when neither applies.
    /// </summary>
    public static async Task<DispatchProposal?> ProposeAsync(HotlineDbContext db, string categoryCode, string? regionCode, CancellationToken ct)
    {
        var prefixes = Enumerable.Range(1, categoryCode.Length / 2).Select(n => categoryCode[..(n * 2)]).ToList();
        var candidates = await db.Set<DispatchCatalogueEntry>().AsNoTracking().Where(e => prefixes.Contains(e.CategoryCode)).ToListAsync(ct);
        var best = candidates
            .Select(e => (Entry: e, Score: e.Specificity(categoryCode, regionCode)))
            .Where(x => x.Score is not null)
            .OrderByDescending(x => x.Score)
            .Select(x => x.Entry)
            .FirstOrDefault();
        if (best is not null && await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == best.UnitId && u.IsActive, ct) is { } unit)
        {
            return new DispatchProposal(unit.Id, unit.Name, "catalogue", best.Id);
        }

        if (string.IsNullOrWhiteSpace(regionCode))
        {
            return null;
        }

        var territorial = await db.Units.AsNoTracking()
            .Where(u => u.IsActive && u.RegionCode != null && (u.Kind == UnitKind.Street || u.Kind == UnitKind.District || u.Kind == UnitKind.Community))
            .Where(u => regionCode.StartsWith(u.RegionCode!))
            .ToListAsync(ct);
        var governing = territorial.OrderByDescending(u => u.RegionCode!.Length).ThenBy(u => u.Kind == UnitKind.Community).FirstOrDefault();
        return governing is null ? null : new DispatchProposal(governing.Id, governing.Name, "territory", null);
    }
}
