using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Assessment;

/// <summary>Why a unit is proposed for the interview list (约谈, S9).</summary>
public enum InterviewReason
{
    /// <summary>In the bottom three of its group for three consecutive months.</summary>
    BottomThreeMonths,

    /// <summary>Recorded as inactive or slow (不作为、慢作为) in supervision's misconduct records.</summary>
    InactionOrSlowAction,
}

public enum InterviewState
{
    Proposed,
    Confirmed,
    Dismissed,
    Interviewed,
}

/// <summary>A misconduct record of inaction or slow action, as the interview list reads it from supervision.</summary>
public sealed record InactionFinding(long RecordId, long UnitId, string UnitName, string UnitPath, string Code, DateOnly RecordedOn);

/// <summary>A unit to propose: why, and the facts behind it in a sentence.</summary>
public sealed record InterviewCandidate(long UnitId, string UnitName, string UnitPath, InterviewReason Reason, string Basis);

/// <summary>
/// The interview-list rule (S9): a unit in the bottom three of its group in each of three consecutive months (the month and
/// the two before it, read from the stored rankings), and a unit with a misconduct record of inaction or slow action made in
/// the month. A unit the rule names for both reasons is proposed twice, once per reason.
/// </summary>
public static class InterviewRule
{
    public const int ConsecutiveMonths = 3;

    /// <param name="months">The rankings of the month and the months before it, latest first; fewer than three means no streak.</param>
    /// <param name="findings">The misconduct records of inaction or slow action made in the month.</param>
    public static IReadOnlyList<InterviewCandidate> Candidates(IReadOnlyList<IReadOnlyList<RankingRow>> months, IEnumerable<InactionFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(months);
        ArgumentNullException.ThrowIfNull(findings);
        var candidates = new List<InterviewCandidate>();
        if (months.Count >= ConsecutiveMonths)
        {
            var bottom = months.Take(ConsecutiveMonths).Select(m => m.Where(r => r.InBottomThree).ToDictionary(r => r.Unit.UnitId)).ToList();
            foreach (var (unitId, row) in bottom[0].OrderBy(p => p.Value.Unit.Code, StringComparer.Ordinal))
            {
                if (bottom.Skip(1).All(b => b.ContainsKey(unitId)))
                {
                    var ranks = string.Join("；", bottom.Select(b => $"{b[unitId].Rank}"));
                    candidates.Add(new InterviewCandidate(unitId, row.Unit.Name, row.Unit.Path, InterviewReason.BottomThreeMonths, $"连续{ConsecutiveMonths}个月排名后三位（名次，最近月在前：{ranks}）"));
                }
            }
        }

        foreach (var unit in findings.GroupBy(f => f.UnitId).OrderBy(g => g.Key))
        {
            var first = unit.First();
            var ids = string.Join("、", unit.OrderBy(f => f.RecordId).Select(f => $"#{f.RecordId}"));
            candidates.Add(new InterviewCandidate(unit.Key, first.UnitName, first.UnitPath, InterviewReason.InactionOrSlowAction, $"督办问责记录不作为、慢作为{unit.Count()}次（{ids}）"));
        }

        return candidates;
    }
}

/// <summary>
/// A proposal to put a unit on the interview list for a month: proposed by the rule, confirmed or dismissed (with a reason)
/// by the centre manager, and once confirmed the interview recorded (date, who interviewed: the vice-mayor in charge, the
/// unit's head, the outcome). Proposed once per unit, month and reason.
/// </summary>
public sealed class InterviewProposal
{
    public static readonly IReadOnlySet<Role> DecideRoles = AssessmentSetting.ConfigureRoles;

    private InterviewProposal()
    {
        Month = UnitName = UnitPath = Basis = string.Empty;
    }

    public long Id { get; private set; }

    public long UnitId { get; private set; }

    public string UnitName { get; private set; }

    public string UnitPath { get; private set; }

    public string Month { get; private set; }

    public InterviewReason Reason { get; private set; }

    public string Basis { get; private set; }

    public InterviewState State { get; private set; }

    public DateTime ProposedAtUtc { get; private set; }

    public DateTime? DecidedAtUtc { get; private set; }

    public string? DecidedByName { get; private set; }

    public string? DismissReason { get; private set; }

    public DateOnly? InterviewDate { get; private set; }

    /// <summary>Who interviewed: the vice-mayor in charge (分管副市长) or whoever stood in.</summary>
    public string? Interviewer { get; private set; }

    /// <summary>The head of the unit who was interviewed.</summary>
    public string? UnitHead { get; private set; }

    public string? Outcome { get; private set; }

    public DateTime? RecordedAtUtc { get; private set; }

    public string? RecordedByName { get; private set; }

    public long Version { get; private set; }

    public static InterviewProposal Propose(InterviewCandidate candidate, string month, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return new InterviewProposal
        {
            UnitId = candidate.UnitId,
            UnitName = candidate.UnitName,
            UnitPath = candidate.UnitPath,
            Month = month,
            Reason = candidate.Reason,
            Basis = candidate.Basis,
            State = InterviewState.Proposed,
            ProposedAtUtc = nowUtc,
        };
    }

    public void Confirm(Actor actor, DateTime nowUtc)
    {
        Decide(actor, InterviewState.Proposed);
        State = InterviewState.Confirmed;
        (DecidedAtUtc, DecidedByName) = (nowUtc, actor.Name);
    }

    public void Dismiss(string? reason, Actor actor, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw ValidationException.For("reason", "Give the reason for dismissing the proposal.");
        }

        Decide(actor, InterviewState.Proposed);
        State = InterviewState.Dismissed;
        (DecidedAtUtc, DecidedByName, DismissReason) = (nowUtc, actor.Name, reason.Trim());
    }

    public void RecordInterview(DateOnly? date, string? interviewer, string? unitHead, string? outcome, Actor actor, DateTime nowUtc)
    {
        var errors = new Dictionary<string, string[]>();
        var today = DateOnly.FromDateTime(nowUtc.Add(Calendar.ChinaTime.Offset));
        if (date is not { } d || d > today || d < new DateOnly(2000, 1, 1))
        {
            errors["date"] = ["Give the day the interview took place (not in the future)."];
        }

        if (string.IsNullOrWhiteSpace(interviewer))
        {
            errors["interviewer"] = ["Name who interviewed (the vice-mayor in charge)."];
        }

        if (string.IsNullOrWhiteSpace(unitHead))
        {
            errors["unitHead"] = ["Name the head of the unit who was interviewed."];
        }

        if (string.IsNullOrWhiteSpace(outcome))
        {
            errors["outcome"] = ["State the outcome."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        Decide(actor, InterviewState.Confirmed);
        State = InterviewState.Interviewed;
        (InterviewDate, Interviewer, UnitHead, Outcome) = (date, interviewer!.Trim(), unitHead!.Trim(), outcome!.Trim());
        (RecordedAtUtc, RecordedByName) = (nowUtc, actor.Name);
    }

    /// <summary>What the actor may do next: "confirm"/"dismiss" while proposed, "record" once confirmed; nothing for others.</summary>
    public IReadOnlyList<string> AvailableActions(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Roles.Overlaps(DecideRoles))
        {
            return [];
        }

        return State switch
        {
            InterviewState.Proposed => ["confirm", "dismiss"],
            InterviewState.Confirmed => ["record"],
            _ => [],
        };
    }

    private void Decide(Actor actor, InterviewState expected)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Roles.Overlaps(DecideRoles) || !actor.Scope.Covers(UnitPath))
        {
            throw new ForbiddenException("interview_centre_manager_only", "Only the centre manager decides on the interview list.");
        }

        if (State != expected)
        {
            throw new DomainException("interview_invalid_state", $"The proposal is {State}; this needs it {expected}.");
        }
    }
}
