using Hotline.Domain.Emergencies;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Emergencies;

/// <summary>Who is on duty at a moment, from the roster (值班表); nobody named when the roster has no row for that shift.</summary>
public sealed class DutyRosterLookup(HotlineDbContext db)
{
    public async Task<DutyOfficers> OnDutyAsync(DateTime utc, CancellationToken ct)
    {
        var (date, shift) = DutyRoster.ShiftAt(utc);
        var row = await db.Set<DutyShift>().AsNoTracking().SingleOrDefaultAsync(d => d.Date == date && d.Shift == shift, ct);
        return row?.Officers ?? DutyOfficers.None;
    }
}
