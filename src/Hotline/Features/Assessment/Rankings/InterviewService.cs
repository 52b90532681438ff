using Hotline.Domain.Assessment;
using Hotline.Features.Supervision;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Assessment.Rankings;

/// <summary>
/// Proposes the interview list of a closed month by the domain's rule: the month's and the two previous months' rankings
/// (each stored when first computed after its month closed) and supervision's records of inaction or slow action. Proposes a
/// unit once per month and reason, so running it again proposes only what is new.
/// </summary>
public sealed class InterviewService(HotlineDbContext db, RankingService rankings, MisconductLookup misconduct)
{
    public async Task<IReadOnlyList<InterviewProposal>> ProposeAsync(AssessmentMonth month, CancellationToken ct)
    {
        if (!month.IsClosed(rankings.Today))
        {
            throw Domain.ValidationException.For("month", "The interview list is proposed for a month that has ended.");
        }

        var months = new List<IReadOnlyList<RankingRow>>();
        for (var (m, i) = (month, 0); i < InterviewRule.ConsecutiveMonths; (m, i) = (m.Previous, i + 1))
        {
            months.Add((await rankings.ForMonthAsync(m, ct)).Rows);
        }

        var findings = await misconduct.InactionOrSlowActionAsync(month.Start, month.End, ct);
        var candidates = InterviewRule.Candidates(months, findings);
        var key = month.Key;
        var existing = (await db.Set<InterviewProposal>().AsNoTracking().Where(p => p.Month == key).Select(p => new { p.UnitId, p.Reason }).ToListAsync(ct))
            .Select(p => (p.UnitId, p.Reason)).ToHashSet();
        var made = candidates.Where(c => !existing.Contains((c.UnitId, c.Reason))).Select(c => InterviewProposal.Propose(c, key, rankings.NowUtc)).ToList();
        if (made.Count > 0)
        {
            db.AddRange(made);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another node proposed the same month at the same moment; its proposals stand.
                db.ChangeTracker.Clear();
                return [];
            }
        }

        return made;
    }
}

/// <summary>
/// Every ten minutes, proposes the interview list of the last ended month (storing the rankings it reads if they are not yet
/// stored). One node at a time; once a month is done the job passes over it until the next month ends.
/// </summary>
public sealed class InterviewJob(IServiceScopeFactory scopes, TimeProvider time, JobHeartbeats heartbeats, ILogger<InterviewJob> logger) : BackgroundService
{
    public const string HeartbeatName = "assessment-interviews";

    private readonly JobLease _lease = new(JobLock.AssessmentInterviews);
    private string? _done;

    public override void Dispose()
    {
        _lease.Dispose();
        base.Dispose();
    }

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var month = AssessmentMonth.Of(Domain.Calendar.ChinaTime.LocalDate(time.GetUtcNow())).Previous;
        if (_done == month.Key)
        {
            return 0;
        }

        return await _lease.RunAsync(scopes, 0, async (services, _, token) =>
        {
            var made = await services.GetRequiredService<InterviewService>().ProposeAsync(month, token);
            _done = month.Key;
            return made.Count;
        }, ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicJob.RunAsync(
        heartbeats, HeartbeatName, TimeSpan.FromMinutes(10), time,
        async ct => await RunOnceAsync(ct),
        e => logger.LogError(e, "Interview proposals failed"), stoppingToken);
}
