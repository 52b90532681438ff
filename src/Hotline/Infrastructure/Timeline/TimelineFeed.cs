using System.Linq.Expressions;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Infrastructure.Timeline;

/// <summary>Timeline entries a follower has not been given yet, in id order, as the follower chose to read them.</summary>
public sealed class TimelinePage<T>
{
    internal TimelinePage(IReadOnlyList<T> entries, IReadOnlyList<long> ids, long? through, bool full)
    {
        Entries = entries;
        Ids = ids;
        Through = through;
        Full = full;
    }

    public IReadOnlyList<T> Entries { get; }

    /// <summary>The page was full: more entries may be waiting, so read again at once.</summary>
    public bool Full { get; }

    internal IReadOnlyList<long> Ids { get; }

    /// <summary>The newest id read, or null when nothing was.</summary>
    internal long? Through { get; }
}

/// <summary>
/// One follower's way along the timeline (the <see cref="WorkOrderEvent"/> table): <see cref="ReadAsync{T}"/> gives the
/// entries after the follower's position that it has not been given before, in id order, and <see cref="AdvanceAsync{T}"/>
/// moves the position once the follower has dealt with them. The position is kept in memory (followers that rebuild
/// their state at start-up) or in <c>timeline_cursors</c> (<see cref="Stored"/>; a restart resumes where it stopped).
/// </summary>
/// <remarks>
/// Ids are assigned when a row is inserted, not when its transaction commits, so an entry can become visible after
/// entries with higher ids (a slower concurrent transaction). Each read therefore looks back <see cref="Lookback"/> ids
/// behind the position and skips the ids this feed has already given out, so a late entry is delivered once and an
/// entry is not delivered twice. That memory is per process: after a restart a stored feed gives the look-back's entries
/// again, so a follower with a stored cursor must be idempotent. A follower calls the feed from one task at a time.
/// </remarks>
public sealed class TimelineFeed
{
    /// <summary>How far behind its position a read looks for entries committed late.</summary>
    public const int Lookback = 500;

    /// <summary>Entries per read; more than <see cref="Lookback"/>, so every full page brings something new.</summary>
    public const int PageSize = 1000;

    private readonly string? _storedName;
    private readonly HashSet<long> _delivered = [];
    private readonly Queue<long> _deliveredOrder = new();
    private long? _position;

    private TimelineFeed(string? storedName) => _storedName = storedName;

    /// <summary>A feed whose position lives in this process; it starts at the end of the timeline.</summary>
    public static TimelineFeed InMemory() => new(null);

    /// <summary>
    /// A feed whose position is the <see cref="TimelineCursor"/> row of this name (a missing row starts at the end of the
    /// timeline). <see cref="AdvanceAsync{T}"/> saves it together with the follower's own pending changes, in one
    /// transaction, so what the follower wrote and how far it read cannot disagree.
    /// </summary>
    public static TimelineFeed Stored(string name) => new(name);

    /// <summary>
    /// Places the feed at the end of the timeline, e.g. before a follower loads the state it starts from. The entries
    /// already visible within the look-back count as given, so the first read brings only what is new or was still being
    /// committed at this moment, not the last few hundred entries of history.
    /// </summary>
    public async Task StartAtEndAsync(HotlineDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // One statement, so that the end and what is visible below it are seen at one moment.
        var visible = await db.Set<WorkOrderEvent>().AsNoTracking()
            .OrderByDescending(e => e.Id)
            .Take(Lookback)
            .Select(e => e.Id)
            .ToListAsync(ct);
        await MoveToAsync(db, visible.Count > 0 ? visible[0] : 0, ct);
        foreach (var id in visible)
        {
            Remember(id);
        }
    }

    /// <summary>
    /// Places the stored feed <paramref name="name"/> at <paramref name="position"/> (added to <paramref name="db"/>, saved with
    /// the caller's changes): what the follower maintains was rebuilt from a snapshot whose newest visible entry is
    /// <paramref name="position"/>. The follower's next read looks back <see cref="Lookback"/> ids from there as every read
    /// does, so an entry below it that was still being committed when the snapshot was taken is followed, not skipped.
    /// </summary>
    public static async Task PlaceAsync(HotlineDbContext db, string name, long position, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cursor = await db.Set<TimelineCursor>().FindAsync([name], ct);
        if (cursor is null)
        {
            db.Add(new TimelineCursor(name, position));
        }
        else
        {
            cursor.PlaceAt(position);
        }
    }

    /// <summary>
    /// Reads the next page. <paramref name="select"/> says what of each entry the follower needs; the entries are read by
    /// id alone, so a follower interested in some kinds only tests the kind on what it gets (a kind in the statement lets a
    /// planner with stale statistics pick the kind's index and sort, at every poll). A feed that has not started yet starts
    /// at the end of the timeline and gives nothing this time. With <paramref name="only"/>, the entries of other actions are
    /// passed over (given, but not read): most of the timeline is registrations, which most followers do not look at.
    /// </summary>
    public async Task<TimelinePage<T>> ReadAsync<T>(
        HotlineDbContext db, Expression<Func<WorkOrderEvent, T>> select, CancellationToken ct, IReadOnlySet<WorkOrderAction>? only = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var position = await PositionAsync(db, ct);
        if (position is null)
        {
            await StartAtEndAsync(db, ct);
            return new TimelinePage<T>([], [], null, false);
        }

        var from = Math.Max(0, position.Value - Lookback);
        var rows = await db.Set<WorkOrderEvent>().AsNoTracking()
            .Where(e => e.Id > from)
            .OrderBy(e => e.Id)
            .Take(PageSize)
            .Select(e => new { e.Id, e.Action })
            .ToListAsync(ct);
        var fresh = rows.Where(r => !_delivered.Contains(r.Id)).ToList();
        var wanted = fresh.Where(r => only is null || only.Contains(r.Action)).Select(r => r.Id).ToList();
        var entries = wanted.Count == 0 ? [] : await db.Set<WorkOrderEvent>().AsNoTracking()
            .Where(e => wanted.Contains(e.Id))
            .OrderBy(e => e.Id)
            .Select(select)
            .ToListAsync(ct);
        return new TimelinePage<T>(entries, fresh.ConvertAll(r => r.Id), rows.Count > 0 ? rows[^1].Id : null, rows.Count == PageSize);
    }

    /// <summary>Marks the page's entries as given and moves the position past it (a stored feed saves here).</summary>
    public async Task AdvanceAsync<T>(HotlineDbContext db, TimelinePage<T> page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(page);
        if (page.Through is { } through)
        {
            await MoveToAsync(db, through, ct);
        }

        foreach (var id in page.Ids)
        {
            Remember(id);
        }
    }

    private async Task<long?> PositionAsync(HotlineDbContext db, CancellationToken ct) =>
        _storedName is null ? _position : (await db.Set<TimelineCursor>().FindAsync([_storedName], ct))?.Position;

    private async Task MoveToAsync(HotlineDbContext db, long position, CancellationToken ct)
    {
        if (_storedName is null)
        {
            _position = Math.Max(_position ?? 0, position);
            return;
        }

        var cursor = await db.Set<TimelineCursor>().FindAsync([_storedName], ct);
        if (cursor is null)
        {
            db.Add(new TimelineCursor(_storedName, position));
        }
        else
        {
            cursor.MoveTo(position);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Every id above <c>position - Lookback</c> that was given out is among the last 4 × Lookback remembered.</summary>
    private void Remember(long id)
    {
        if (_delivered.Add(id))
        {
            _deliveredOrder.Enqueue(id);
            while (_deliveredOrder.Count > 4 * Lookback)
            {
                _delivered.Remove(_deliveredOrder.Dequeue());
            }
        }
    }
}
