using Hotline.Domain;
using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Organisation;

/// <summary>A unit the signed-in user may act for: a named service other capabilities use (knowledge owners, …).</summary>
public static class UnitLookup
{
    /// <summary>The unit, or 404 when there is none; 403 when it lies outside the user's scope.</summary>
    public static async Task<Unit> FindInScopeAsync(HotlineDbContext db, long id, CurrentUser user, CancellationToken ct)
    {
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("unit.not_found", "No such unit.");
        user.EnsureCovers(unit.Path);
        return unit;
    }
}
