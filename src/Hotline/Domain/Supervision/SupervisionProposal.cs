using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Supervision;

/// <summary>What a proposal is about: a work order, a unit (a recurring problem) or a knowledge article of a unit.</summary>
public enum ProposalSubject
{
    Order,
    Unit,
    Article,
}

/// <summary>
/// Where a proposal stands: shown to supervisors (Open), set aside by one (Dismissed, while its condition holds), made
/// into a notice (Opened), or gone because its condition ended or an open notice covers its subject (Resolved).
/// </summary>
public enum ProposalState
{
    Open,
    Dismissed,
    Opened,
    Resolved,
}

/// <summary>
/// A proposal to supervise (督办建议), raised by the proposal job when a trigger's condition holds for a subject. At most
/// one proposal per trigger and subject is live (<see cref="EndedAtUtc"/> null) at a time: a dismissed one stays
/// dismissed while the condition holds; once it ends (or the proposal was opened as a notice) a later occurrence is
/// proposed afresh. Its facts name the order's number and subject or the article's title, never the caller.
/// </summary>
public sealed class SupervisionProposal
{
    private SupervisionProposal()
    {
        TriggerCode = UnitName = UnitPath = Facts = string.Empty;
    }

    public long Id { get; private set; }

    public string TriggerCode { get; private set; }

    public ProposalSubject SubjectKind { get; private set; }

    /// <summary>The work order's, unit's or article's id.</summary>
    public long SubjectId { get; private set; }

    /// <summary>The unit a notice would address: the order's lead unit, the unit itself, the article's owner.</summary>
    public long UnitId { get; private set; }

    public string UnitName { get; private set; }

    public string UnitPath { get; private set; }

    /// <summary>What the supervisor reads: the order's number and subject, the article's title, the unit's figure.</summary>
    public string Facts { get; private set; }

    public DateTime FirstSeenUtc { get; private set; }

    public DateTime LastSeenUtc { get; private set; }

    public ProposalState State { get; private set; }

    /// <summary>When the proposal stopped being live: its condition ended, an open notice covered it, or it was opened.</summary>
    public DateTime? EndedAtUtc { get; private set; }

    /// <summary>The notice opened from the proposal.</summary>
    public long? NoticeId { get; private set; }

    public string? DismissReason { get; private set; }

    public string? DismissedByName { get; private set; }

    public DateTime? DismissedAtUtc { get; private set; }

    public long Version { get; private set; }

    public bool IsLive => EndedAtUtc is null;

    public static SupervisionProposal Raise(string trigger, ProposalSubject kind, long subjectId, long unitId, string unitName, string unitPath, string facts, DateTime nowUtc) => new()
    {
        TriggerCode = trigger,
        SubjectKind = kind,
        SubjectId = subjectId,
        UnitId = unitId,
        UnitName = unitName,
        UnitPath = unitPath,
        Facts = facts.Length > SupervisionLimits.Facts ? facts[..SupervisionLimits.Facts] : facts,
        FirstSeenUtc = nowUtc,
        LastSeenUtc = nowUtc,
        State = ProposalState.Open,
    };

    /// <summary>The reason a notice opened from the proposal starts with: the trigger's name and the facts.</summary>
    public string DefaultReason(string triggerName) => $"{triggerName}：{Facts}";

    /// <summary>A supervisor sets the proposal aside, with the reason; it is not proposed again while the condition holds.</summary>
    public void Dismiss(Actor supervisor, string? reason, DateTime nowUtc)
    {
        RequireSupervisor(supervisor);
        RequireOpen();
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw ValidationException.For("reason", "Say why the proposal is dismissed.");
        }

        State = ProposalState.Dismissed;
        DismissReason = reason.Trim();
        DismissedByName = supervisor.Name;
        DismissedAtUtc = nowUtc;
    }

    /// <summary>Checks that <paramref name="supervisor"/> may open a notice from the proposal now.</summary>
    public void EnsureCanOpen(Actor supervisor)
    {
        RequireSupervisor(supervisor);
        RequireOpen();
    }

    /// <summary>The notice was opened from the proposal (in the same transaction).</summary>
    public void MarkOpened(long noticeId, DateTime nowUtc)
    {
        RequireOpen();
        State = ProposalState.Opened;
        NoticeId = noticeId;
        EndedAtUtc = nowUtc;
    }

    /// <summary>The condition ended, or an open notice now covers the subject: an open proposal is resolved, a dismissed one stays dismissed.</summary>
    public void End(DateTime nowUtc)
    {
        State = State == ProposalState.Open ? ProposalState.Resolved : State;
        EndedAtUtc = nowUtc;
    }

    /// <summary>The condition still holds.</summary>
    public void Seen(DateTime nowUtc) => LastSeenUtc = nowUtc;

    private void RequireOpen()
    {
        if (State != ProposalState.Open || !IsLive)
        {
            throw new DomainException("proposal_not_open", $"The proposal is {State} and can no longer be acted on.");
        }
    }

    private void RequireSupervisor(Actor actor)
    {
        if (!actor.IsCentre || !actor.Scope.Covers(UnitPath))
        {
            throw new ForbiddenException("supervision_centre_only", "Only the hotline centre's supervisors act on proposals.");
        }
    }
}
