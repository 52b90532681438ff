using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Supervision;

/// <summary>
/// The escalation chain of a notice (S8): centre → organisation office → city leader → discipline commission, or from
/// the leader to the government at the same level, one step at a time and upward only; the level the notice has reached
/// acts on it next. Each step (who, when, why, the hand-over text) and each joint handling with discipline inspection or
/// the petitions bureau (协同联办) is an entry of the notice's timeline.
/// </summary>
public sealed partial class SupervisionNotice
{
    /// <summary>The level the notice has reached; <see cref="EscalationLevel.Centre"/> until it is escalated.</summary>
    public EscalationLevel EscalationLevel { get; private set; }

    public DateTime? EscalatedAtUtc { get; private set; }

    /// <summary>Hands the notice up to <paramref name="to"/>, the next level of the chain, with the reason and the hand-over text.</summary>
    public void Escalate(Actor actor, EscalationLevel to, string reason, string handOver, string toOrgan, DateTime nowUtc)
    {
        if (!Enum.IsDefined(to))
        {
            throw ValidationException.For("to", "Choose the level to escalate to.");
        }

        RequireEscalationLevel(actor);
        if (!IsOpen)
        {
            throw new DomainException("notice_invalid_state", "A closed notice cannot be escalated.");
        }

        if (!EscalationChain.Next(EscalationLevel).Contains(to))
        {
            throw EscalationChain.Rank(to) <= EscalationChain.Rank(EscalationLevel)
                ? new DomainException("notice_escalation_downward", $"A notice at {EscalationLevel} is not escalated down or sideways to {to}.")
                : new DomainException("notice_escalation_skips_level", $"A notice at {EscalationLevel} goes up one level at a time, not to {to}.");
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(reason))
        {
            errors["reason"] = ["Say why the notice is escalated."];
        }

        if (string.IsNullOrWhiteSpace(handOver))
        {
            errors["handOver"] = ["Write the hand-over text for the next level."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var from = EscalationLevel;
        EscalationLevel = to;
        EscalatedAtUtc = nowUtc;
        Record(actor, nowUtc, NoticeAction.Escalate, handOver.Trim(), new()
        {
            ["from"] = from.ToString(),
            ["to"] = to.ToString(),
            ["reason"] = reason.Trim(),
            ["organ"] = toOrgan,
        });
    }

    /// <summary>
    /// Records handling agreed jointly with discipline inspection and/or the petitions bureau (协同联办): the partners, what
    /// was agreed and the day it was agreed. The centre records it, or the level the notice has reached.
    /// </summary>
    public void RecordJointHandling(Actor actor, IReadOnlyCollection<JointPartner> partners, string agreed, DateOnly? agreedOn, DateOnly today, DateTime nowUtc)
    {
        if (!EscalationChain.ActsAt(actor, EscalationLevel.Centre, UnitPath))
        {
            RequireEscalationLevel(actor);
        }

        var errors = new Dictionary<string, string[]>();
        if (partners.Count == 0 || partners.Any(p => !Enum.IsDefined(p)))
        {
            errors["partners"] = ["Name the partners: discipline inspection, the petitions bureau or both."];
        }

        if (string.IsNullOrWhiteSpace(agreed))
        {
            errors["agreed"] = ["Record what was agreed."];
        }

        if (agreedOn is null || agreedOn > today || agreedOn < today.AddYears(-1))
        {
            errors["agreedOn"] = ["Give the day it was agreed (not in the future, within the last year)."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        Record(actor, nowUtc, NoticeAction.JointHandling, agreed.Trim(), new()
        {
            ["partners"] = string.Join(",", partners.Distinct().Order()),
            ["agreedOn"] = agreedOn!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Whether the actor sees this notice as one escalated to it (or as the centre within its scope).</summary>
    public bool IsEscalationVisibleTo(Actor actor) =>
        EscalationChain.ActsAt(actor, EscalationLevel.Centre, UnitPath) || EscalationChain.SeenBy(actor.Roles).Contains(EscalationLevel);

    /// <summary>The levels this actor may escalate the notice to now (none when another level acts on it).</summary>
    public IReadOnlyList<EscalationLevel> EscalationsFor(Actor actor) =>
        IsOpen && EscalationChain.ActsAt(actor, EscalationLevel, UnitPath) ? EscalationChain.Next(EscalationLevel) : [];

    private void RequireEscalationLevel(Actor actor)
    {
        if (!EscalationChain.ActsAt(actor, EscalationLevel, UnitPath))
        {
            throw new ForbiddenException("notice_not_escalation_level", $"The notice is at {EscalationLevel}; that level acts on it.");
        }
    }
}
