using Hotline.Domain.Supervision;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Supervision.Proposals;

/// <summary>What evaluating one trigger did.</summary>
public sealed record TriggerStep(int Raised, int Ended, int Covered, int Live);

/// <summary>
/// The proposal rules applied to one trigger's candidates: set-based statements for a source's query (no subject is
/// loaded except the new ones), or the same rules on the aggregate for rows a provider computed.
/// </summary>
internal static class ProposalEvaluation
{
    /// <summary>
    /// How stale a live proposal's last-seen time may get: it is written at most once an hour, not at every pass (every
    /// live proposal rewritten every five minutes was most of a pass's writes at a million orders).
    /// </summary>
    public static readonly TimeSpan SeenEvery = TimeSpan.FromHours(1);

    public static async Task<TriggerStep> SetBasedAsync(
        HotlineDbContext db, string code, ProposalSubject subject, IQueryable<ProposalCandidate> candidates, DateTime now, CancellationToken ct)
    {
        var live = Live(db, code);
        var ended = await live.Where(p => !candidates.Any(c => c.SubjectId == p.SubjectId)).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.EndedAtUtc, now)
            .SetProperty(p => p.State, p => p.State == ProposalState.Open ? ProposalState.Resolved : p.State)
            .SetProperty(p => p.Version, p => p.Version + 1), ct);

        var covered = await Covered(db, code, subject, live.Where(p => p.State == ProposalState.Open)).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.EndedAtUtc, now)
            .SetProperty(p => p.State, ProposalState.Resolved)
            .SetProperty(p => p.Version, p => p.Version + 1), ct);

        var seenBefore = now - SeenEvery;
        await live.Where(p => p.LastSeenUtc < seenBefore).ExecuteUpdateAsync(s => s.SetProperty(p => p.LastSeenUtc, now), ct);
        var seen = await live.CountAsync(ct);

        var fresh = candidates.Where(c => !live.Any(p => p.SubjectId == c.SubjectId));
        fresh = subject == ProposalSubject.Order
            ? fresh.Where(c => !OpenNoticeOrders(db).Contains(c.SubjectId))
            : fresh.Where(c => !OpenNoticeUnits(db, code).Contains(c.UnitId));
        var raised = await InsertAsync(db, (await fresh.ToListAsync(ct)).Select(c => SupervisionProposal.Raise(code, subject, c.SubjectId, c.UnitId, c.UnitName, c.UnitPath, c.Facts, now)), ct);
        return new TriggerStep(raised, ended, covered, seen + raised);
    }

    /// <summary>
    /// New proposals as multi-row INSERTs of 500 rows with parameters (a first pass raises tens of thousands; one tracked
    /// entity each would be most of the pass). The values are the aggregate's, made by <see cref="SupervisionProposal.Raise"/>.
    /// </summary>
    private static async Task<int> InsertAsync(HotlineDbContext db, IEnumerable<SupervisionProposal> proposals, CancellationToken ct)
    {
        var count = 0;
        foreach (var chunk in proposals.Chunk(500))
        {
            var values = new List<object>(chunk.Length * 11);
            var rows = new List<string>(chunk.Length);
            foreach (var p in chunk)
            {
                var i = values.Count;
                rows.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"({{{i}}}, {{{i + 1}}}, {{{i + 2}}}, {{{i + 3}}}, {{{i + 4}}}, {{{i + 5}}}, {{{i + 6}}}, {{{i + 7}}}, {{{i + 8}}}, {{{i + 9}}}, {{{i + 10}}})"));
                values.AddRange([p.TriggerCode, p.SubjectKind.ToString(), p.SubjectId, p.UnitId, p.UnitName, p.UnitPath, p.Facts, p.FirstSeenUtc, p.LastSeenUtc, p.State.ToString(), p.Version]);
            }

            var sql = "INSERT INTO supervision_proposals (trigger_code, subject_kind, subject_id, unit_id, unit_name, unit_path, facts, first_seen_utc, last_seen_utc, state, version) VALUES "
                + string.Join(", ", rows);
            count += await db.Database.ExecuteSqlRawAsync(sql, values, ct);
        }

        return count;
    }

    public static async Task<TriggerStep> InMemoryAsync(
        HotlineDbContext db, string code, ProposalSubject subject, IReadOnlyList<ProposalCandidate> rows, DateTime now, CancellationToken ct)
    {
        var bySubject = rows.DistinctBy(r => r.SubjectId).ToDictionary(r => r.SubjectId);
        var coveredUnits = (await OpenNoticeUnits(db, code).ToListAsync(ct)).ToHashSet();
        var live = await Live(db, code).ToListAsync(ct);
        var (ended, covered) = (0, 0);
        foreach (var proposal in live)
        {
            if (!bySubject.ContainsKey(proposal.SubjectId))
            {
                proposal.End(now);
                ended++;
            }
            else if (proposal.State == ProposalState.Open && coveredUnits.Contains(proposal.UnitId))
            {
                proposal.End(now);
                covered++;
            }
            else if (proposal.LastSeenUtc < now - SeenEvery)
            {
                proposal.Seen(now);
            }
        }

        var liveSubjects = live.Select(p => p.SubjectId).ToHashSet();
        var fresh = bySubject.Values.Where(c => !liveSubjects.Contains(c.SubjectId) && !coveredUnits.Contains(c.UnitId)).ToList();
        db.AddRange(fresh.Select(c => SupervisionProposal.Raise(code, subject, c.SubjectId, c.UnitId, c.UnitName, c.UnitPath, c.Facts, now)));
        await db.SaveChangesAsync(ct);
        return new TriggerStep(fresh.Count, ended, covered, live.Count - ended - covered + fresh.Count);
    }

    private static IQueryable<SupervisionProposal> Live(HotlineDbContext db, string code) =>
        db.Set<SupervisionProposal>().Where(p => p.TriggerCode == code && p.EndedAtUtc == null);

    private static IQueryable<SupervisionProposal> Covered(HotlineDbContext db, string code, ProposalSubject subject, IQueryable<SupervisionProposal> proposals) =>
        subject == ProposalSubject.Order
            ? proposals.Where(p => OpenNoticeOrders(db).Contains(p.SubjectId))
            : proposals.Where(p => OpenNoticeUnits(db, code).Contains(p.UnitId));

    /// <summary>The work orders an open notice is about.</summary>
    private static IQueryable<long> OpenNoticeOrders(HotlineDbContext db) =>
        db.Set<NoticeOrder>().Join(db.Set<SupervisionNotice>().Where(n => n.State != NoticeState.Closed), o => o.NoticeId, n => n.Id, (o, _) => o.WorkOrderId);

    /// <summary>The units with an open notice of this trigger (a unit or article subject is covered by one).</summary>
    private static IQueryable<long> OpenNoticeUnits(HotlineDbContext db, string code) =>
        db.Set<SupervisionNotice>().Where(n => n.State != NoticeState.Closed && n.Trigger == code).Select(n => n.UnitId);
}
