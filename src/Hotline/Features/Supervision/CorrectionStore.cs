using Hotline.Domain;
using Hotline.Domain.Supervision;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Supervision;

/// <summary>
/// The save path of corrections: a correction and its pending timeline entries in one transaction, optimistic concurrency
/// on its version (a stale report or decision is refused with 409, never lost).
/// </summary>
public sealed class CorrectionStore(HotlineDbContext db, CurrentUser user)
{
    /// <summary>Loads one correction in the caller's scope (404 outside it) for a change, checking the version the client saw.</summary>
    public async Task<Correction> LoadAsync(long id, long? expectedVersion, CancellationToken ct)
    {
        var version = expectedVersion ?? throw ValidationException.For("version", "Give the version you saw.");
        var correction = await FindAsync(id, ct);
        if (version != correction.Version)
        {
            throw new ConcurrencyConflictException("The correction was changed by someone else; reload it.");
        }

        db.ExpectVersion(correction, version);
        return correction;
    }

    /// <summary>One correction in the caller's scope; 404 outside it, so its existence is not disclosed.</summary>
    public async Task<Correction> FindAsync(long id, CancellationToken ct)
    {
        var correction = await db.Set<Correction>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (correction is null || !user.Scope.Covers(correction.UnitPath))
        {
            throw new NotFoundException("correction_not_found", "No such correction.");
        }

        return correction;
    }

    public async Task AddAsync(Correction correction, CancellationToken ct)
    {
        db.Add(correction);
        db.Set<CorrectionEvent>().AddRange(correction.PendingEvents);
        await db.SaveChangesAsync(ct);
        correction.ClearPendingEvents();
    }

    /// <summary>Saves a changed correction with its pending timeline entries (409 when someone else saved first).</summary>
    public async Task SaveAsync(Correction correction, CancellationToken ct)
    {
        db.Set<CorrectionEvent>().AddRange(correction.PendingEvents);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("The correction was changed by someone else; reload it.");
        }

        correction.ClearPendingEvents();
    }
}
