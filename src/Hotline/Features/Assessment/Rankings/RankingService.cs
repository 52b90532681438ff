using Hotline.Domain.Assessment;
using Hotline.Domain.Calendar;
using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Assessment.Rankings;

/// <summary>A month's ranking of every ranked unit; <see cref="Snapshot"/> when read from the rows stored once the month closed.</summary>
public sealed record MonthRanking(AssessmentMonth Month, bool Closed, bool Snapshot, int MinimumOrders, IReadOnlyList<RankingRow> Rows, IReadOnlyList<UnitScore> Scores);

/// <summary>
/// Computes a month's ranking from the engine's scores (<see cref="IUnitScores"/>, platform-wide: a group is ranked whole,
/// whoever asks) by the domain's rule, and stores it the first time it is computed after the month closed; a closed month with
/// stored rows is read from them. The caller filters the rows to what the user may see.
/// </summary>
public sealed class RankingService(HotlineDbContext db, IUnitScores scores, TimeProvider time)
{
    public DateTime NowUtc => time.GetUtcNow().UtcDateTime;

    public DateOnly Today => ChinaTime.LocalDate(time.GetUtcNow());

    public async Task<MonthRanking> ForMonthAsync(AssessmentMonth month, CancellationToken ct)
    {
        var closed = month.IsClosed(Today);
        var unitScores = await scores.ForPeriodAsync(AccessScope.Platform, month.Period, ct);
        if (closed && await StoredAsync(month, ct) is { Count: > 0 } stored)
        {
            return new MonthRanking(month, true, true, stored[0].MinimumOrders, stored.Select(s => s.ToRow()).ToList(), unitScores);
        }

        var minimum = (int)await SettingAsync(AssessmentSettingKey.RankingMinimumOrders, month, ct);
        var places = await PlacesAsync(ct);
        var rows = Domain.Assessment.Rankings.Rank(unitScores.Where(s => places.ContainsKey(s.UnitId)).Select(s => new RankingInput(places[s.UnitId], s.AssessedOrders, s.Composite)), minimum);
        if (!closed || rows.Count == 0)
        {
            return new MonthRanking(month, closed, false, minimum, rows, unitScores);
        }

        db.AddRange(rows.Select(r => RankingSnapshotRow.From(month.Key, r, minimum, NowUtc)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request or node stored the month first: read what it stored.
            db.ChangeTracker.Clear();
            var first = await StoredAsync(month, ct);
            return new MonthRanking(month, true, true, first[0].MinimumOrders, first.Select(s => s.ToRow()).ToList(), unitScores);
        }

        return new MonthRanking(month, true, true, minimum, rows, unitScores);
    }

    public async Task<decimal> SettingAsync(AssessmentSettingKey key, AssessmentMonth month, CancellationToken ct)
    {
        var start = month.Start;
        var values = await db.Set<AssessmentSetting>().AsNoTracking().Where(s => s.Key == key && s.EffectiveFrom <= start).ToListAsync(ct);
        return AssessmentSetting.InForce(values, key, start);
    }

    /// <summary>Every active unit with its parent's kind, path and name, by id.</summary>
    public async Task<Dictionary<long, UnitPlace>> PlacesAsync(CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.IsActive).Select(u => new { u.Id, u.Code, u.Name, u.Path, u.Kind, u.ParentId }).ToListAsync(ct);
        var byId = units.ToDictionary(u => u.Id);
        return units.ToDictionary(u => u.Id, u =>
        {
            var parent = u.ParentId is { } p && byId.TryGetValue(p, out var found) ? found : null;
            return new UnitPlace(u.Id, u.Code, u.Name, u.Path, u.Kind, parent?.Kind, parent?.Path, parent?.Name);
        });
    }

    private async Task<List<RankingSnapshotRow>> StoredAsync(AssessmentMonth month, CancellationToken ct)
    {
        var key = month.Key;
        return await db.Set<RankingSnapshotRow>().AsNoTracking().Where(r => r.Month == key).OrderBy(r => r.Id).ToListAsync(ct);
    }
}
