using Hotline.Domain;
using Hotline.Domain.Calendar;
using Hotline.Domain.Supervision;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Supervision;

/// <summary>
/// The save path of supervision notices: a notice and its pending timeline entries in one transaction, optimistic
/// concurrency on its version (a stale answer or decision is refused, never lost), and the notices' numbers.
/// </summary>
public sealed class NoticeStore(HotlineDbContext db)
{
    /// <summary>Loads one notice for a change, checking the version the client saw (409 on a stale edit).</summary>
    public async Task<SupervisionNotice> LoadAsync(long id, long? expectedVersion, CancellationToken ct)
    {
        var notice = await db.Set<SupervisionNotice>().Include(n => n.Orders).SingleOrDefaultAsync(n => n.Id == id, ct)
            ?? throw new NotFoundException("notice_not_found", "No such supervision notice.");
        if (expectedVersion is { } version)
        {
            if (version != notice.Version)
            {
                throw new ConcurrencyConflictException("The notice was changed by someone else; reload it.");
            }

            db.ExpectVersion(notice, version);
        }

        return notice;
    }

    /// <summary>The next notice number of the local day: "DB" + yyyyMMdd + "-" + a four-digit sequence.</summary>
    public async Task<string> NextNumberAsync(DateTime nowUtc, CancellationToken ct)
    {
        var prefix = "DB" + ChinaTime.LocalDate(new DateTimeOffset(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc))).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "-";
        var last = await db.Set<SupervisionNotice>().AsNoTracking().Where(n => n.Number.StartsWith(prefix))
            .OrderByDescending(n => n.Number).Select(n => n.Number).FirstOrDefaultAsync(ct);
        var next = last is null ? 1 : int.Parse(last[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture) + 1;
        return prefix + next.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Adds new notices, numbering them in one transaction; a number taken by a concurrent opening is retried with the
    /// next one (the unique index decides).
    /// </summary>
    public async Task AddAsync(IReadOnlyList<Func<string, SupervisionNotice>> open, DateTime nowUtc, CancellationToken ct, Func<IReadOnlyList<SupervisionNotice>, Task>? alsoWrite = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var first = await NextNumberAsync(nowUtc, ct);
            var prefix = first[..^4];
            var sequence = int.Parse(first[^4..], System.Globalization.CultureInfo.InvariantCulture);
            var notices = open.Select((make, i) => make(prefix + (sequence + i).ToString("D4", System.Globalization.CultureInfo.InvariantCulture))).ToList();
            db.Set<SupervisionNotice>().AddRange(notices);
            db.Set<NoticeEvent>().AddRange(notices.SelectMany(n => n.PendingEvents));
            if (alsoWrite is not null)
            {
                await alsoWrite(notices);
            }

            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                notices.ForEach(n => n.ClearPendingEvents());
                return;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                await transaction.RollbackAsync(ct);
            }
        }
    }

    /// <summary>Saves a changed notice with its pending timeline entries (409 when someone else saved first).</summary>
    public async Task SaveAsync(SupervisionNotice notice, CancellationToken ct)
    {
        db.Set<NoticeEvent>().AddRange(notice.PendingEvents);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("The notice was changed by someone else; reload it.");
        }

        notice.ClearPendingEvents();
    }
}
