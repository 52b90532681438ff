using Hotline.Domain.Assessment;
using Hotline.Domain.Calendar;
using Hotline.Domain.Supervision;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Supervision;

/// <summary>
/// Supervision's misconduct records as assessment reads them (issue 17): the records of inaction or slow action (不作为、慢作为)
/// made in a span of local days, which feed the interview list (约谈).
/// </summary>
public sealed class MisconductLookup(HotlineDbContext db)
{
    public async Task<IReadOnlyList<InactionFinding>> InactionOrSlowActionAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var startUtc = ChinaTime.StartOfDay(from).UtcDateTime;
        var endUtc = ChinaTime.StartOfDay(to.AddDays(1)).UtcDateTime;
        var codes = Enum.GetValues<MisconductCode>().Where(MisconductRecord.FeedsInterviewList).ToList();
        var rows = await db.Set<MisconductRecord>().AsNoTracking()
            .Where(m => m.RecordedAtUtc >= startUtc && m.RecordedAtUtc < endUtc && codes.Contains(m.Code))
            .OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.UnitId, m.UnitName, m.UnitPath, m.Code, m.RecordedAtUtc })
            .ToListAsync(ct);
        return rows.Select(m => new InactionFinding(m.Id, m.UnitId, m.UnitName, m.UnitPath, m.Code.ToString(), ChinaTime.LocalDate(new DateTimeOffset(m.RecordedAtUtc, TimeSpan.Zero)))).ToList();
    }
}
