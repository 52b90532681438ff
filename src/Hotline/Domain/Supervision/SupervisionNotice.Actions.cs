using System.Linq.Expressions;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Supervision;

/// <summary>Which steps a person may take on a notice now: the same checks the verbs make, asked without acting.</summary>
public sealed partial class SupervisionNotice
{
    /// <summary>Late: answered after the deadline at least once, or still waiting for the unit past the deadline.</summary>
    public bool IsLate(DateTime nowUtc) => LateAnswerCount > 0 || (AwaitsUnit && nowUtc > DueAtUtc);

    /// <summary>
    /// <see cref="IsLate"/> as a query condition (the ledger's "late" filter), or its negation with
    /// <paramref name="late"/> false: the one definition beside the method, kept in step by the notice tests.
    /// </summary>
    public static Expression<Func<SupervisionNotice, bool>> LateAt(DateTime nowUtc, bool late = true)
    {
        Expression<Func<SupervisionNotice, bool>> isLate = n =>
            n.LateAnswerCount > 0 || ((n.State == NoticeState.Issued || n.State == NoticeState.InHand) && n.DueAtUtc < nowUtc);
        return late ? isLate : Expression.Lambda<Func<SupervisionNotice, bool>>(Expression.Not(isLate.Body), isLate.Parameters);
    }

    /// <summary>The steps <paramref name="actor"/> may take on the notice as it stands (the screens show these buttons).</summary>
    public IReadOnlyList<NoticeAction> ActionsFor(Actor actor)
    {
        var actions = new List<NoticeAction>();
        if (actor.Roles.Any(r => r.IsUnitRole()) && actor.Scope.ActsFor(UnitPath))
        {
            if (State == NoticeState.Issued)
            {
                actions.Add(NoticeAction.Sign);
            }

            if (State == NoticeState.InHand)
            {
                actions.Add(NoticeAction.Answer);
            }
        }

        if (actor.IsCentre && actor.Scope.Covers(UnitPath) && (actor.Has(Role.Supervisor) || actor.Has(Role.CentreManager)))
        {
            if (State == NoticeState.Answered)
            {
                actions.AddRange([NoticeAction.Accept, NoticeAction.Reject]);
            }

            if (AwaitsUnit)
            {
                actions.Add(NoticeAction.Remind);
            }

            if (IsOpen && !IsListed)
            {
                actions.Add(NoticeAction.List);
            }

            if (IsListed)
            {
                actions.Add(NoticeAction.Delist);
            }
        }

        return actions;
    }
}
