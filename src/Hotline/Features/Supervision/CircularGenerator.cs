using Hotline.Domain.Supervision;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Supervision;

/// <summary>
/// Makes the parent units' circulars (通报) of one month: the supervised items of the month counted per unit (grouped
/// queries on notices' timelines, corrections and misconduct records), then for each parent unit one row per sub-unit
/// summing its subtree. One circular per unit and period (a unique index): the monthly job only adds the missing ones,
/// the centre's "generate" refreshes them too.
/// </summary>
public sealed class CircularGenerator(HotlineDbContext db)
{
    public async Task<List<SupervisionCircular>> GenerateAsync(CircularPeriod period, string generatedBy, bool refresh, DateTime nowUtc, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var units = await db.Units.AsNoTracking().ToListAsync(ct);
            var figures = await FiguresAsync(period, ct);
            var existing = await db.Set<SupervisionCircular>().Where(c => c.Period == period.Key).ToDictionaryAsync(c => c.UnitId, ct);
            var result = new List<SupervisionCircular>();
            foreach (var parent in units.Where(u => u.IsActive && SupervisionCircular.IsCirculated(u)).OrderBy(u => u.Path, StringComparer.Ordinal))
            {
                var rows = SupervisionCircular.RowsFor(parent, units, figures);
                if (rows.Count == 0)
                {
                    continue;
                }

                if (existing.TryGetValue(parent.Id, out var circular))
                {
                    if (refresh)
                    {
                        circular.Refresh(rows, generatedBy, nowUtc);
                    }
                }
                else
                {
                    circular = SupervisionCircular.Create(parent, period, rows, generatedBy, nowUtc);
                    db.Add(circular);
                }

                result.Add(circular);
            }

            try
            {
                await db.SaveChangesAsync(ct);
                return result;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another node or request added one of them first: read them again.
            }
        }
    }

    /// <summary>The month's supervised items by the unit path they belong to.</summary>
    private async Task<Dictionary<string, CircularFigures>> FiguresAsync(CircularPeriod period, CancellationToken ct)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        var counted = new Dictionary<string, int[]>(StringComparer.Ordinal);
        void Add(string path, int index, int count)
        {
            if (!counted.TryGetValue(path, out var values))
            {
                counted[path] = values = new int[9];
            }

            values[index] += count;
        }

        var noticeSteps = await db.Set<NoticeEvent>().AsNoTracking()
            .Where(e => e.AtUtc >= start && e.AtUtc < end && (e.Action == NoticeAction.Open || e.Action == NoticeAction.Accept || e.Action == NoticeAction.Reject))
            .Join(db.Set<SupervisionNotice>(), e => e.NoticeId, n => n.Id, (e, n) => new { n.UnitPath, e.Action })
            .GroupBy(x => new { x.UnitPath, x.Action }).Select(g => new { g.Key.UnitPath, g.Key.Action, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var s in noticeSteps)
        {
            Add(s.UnitPath, s.Action switch { NoticeAction.Open => 0, NoticeAction.Accept => 1, _ => 3 }, s.Count);
        }

        var late = await db.Set<NoticeEvent>().AsNoTracking()
            .Where(e => e.AtUtc >= start && e.AtUtc < end && e.Action == NoticeAction.Answer)
            .Join(db.Set<SupervisionNotice>(), e => e.NoticeId, n => n.Id, (e, n) => new { n.UnitPath, e.AtUtc, n.DueAtUtc })
            .Where(x => x.AtUtc > x.DueAtUtc)
            .GroupBy(x => x.UnitPath).Select(g => new { UnitPath = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        late.ForEach(l => Add(l.UnitPath, 2, l.Count));

        var corrections = db.Set<Correction>().AsNoTracking();
        foreach (var (index, query) in new (int, IQueryable<Correction>)[]
        {
            (4, corrections.Where(c => c.IssuedAtUtc >= start && c.IssuedAtUtc < end)),
            (5, corrections.Where(c => c.RefusedAtUtc >= start && c.RefusedAtUtc < end)),
            (6, corrections.Where(c => c.CheckedAtUtc >= start && c.CheckedAtUtc < end && c.State != CorrectionState.Passed)),
            (7, corrections.Where(c => c.CircularIssuedAtUtc >= start && c.CircularIssuedAtUtc < end)),
        })
        {
            (await query.GroupBy(c => c.UnitPath).Select(g => new { UnitPath = g.Key, Count = g.Count() }).ToListAsync(ct)).ForEach(c => Add(c.UnitPath, index, c.Count));
        }

        (await db.Set<MisconductRecord>().AsNoTracking().Where(m => m.RecordedAtUtc >= start && m.RecordedAtUtc < end)
            .GroupBy(m => m.UnitPath).Select(g => new { UnitPath = g.Key, Count = g.Count() }).ToListAsync(ct))
            .ForEach(m => Add(m.UnitPath, 8, m.Count));

        return counted.ToDictionary(c => c.Key, c => new CircularFigures(c.Value[0], c.Value[1], c.Value[2], c.Value[3], c.Value[4], c.Value[5], c.Value[6], c.Value[7], c.Value[8]), StringComparer.Ordinal);
    }
}
