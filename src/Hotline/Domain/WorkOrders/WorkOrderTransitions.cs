using Hotline.Domain.Organisation;
using A = Hotline.Domain.WorkOrders.WorkOrderAction;
using P = Hotline.Domain.WorkOrders.ActingParty;
using R = Hotline.Domain.WorkOrders.WorkOrderRoles;
using S = Hotline.Domain.WorkOrders.WorkOrderStatus;

namespace Hotline.Domain.WorkOrders;

/// <summary>
/// The rules of the work-order aggregate in one table: for every action, the statuses that allow it, the status it leads
/// to, who may take it and what the order's data must say. The aggregate's guards, its status changes and its list of
/// available actions read this table, and so do the route policies; anything else is refused with
/// <c>work_order.transition_not_allowed</c> (HTTP 409). Actions that leave the status as it is (reminders, progress
/// reports, co-unit replies, repeat links, caller reveals) are rows too, because they are only sensible in some states.
/// </summary>
public static class WorkOrderTransitions
{
    private static readonly S[] Intake = [];

    private static readonly S[] WithUnit = [S.Dispatched, S.InProgress];

    private static readonly S[] BeforeReply = [S.AwaitingDispatch, S.SentBackToIntake, S.Dispatched, S.InProgress, S.Returned];

    /// <summary>Issue 15: where a late reply (or a late return) is explained and judged.</summary>
    private static readonly S[] LateStatuses = [S.Returned, S.Replied, S.AwaitingCallback, S.Closed];

    private static readonly Dictionary<A, TransitionRule> Rules = Table(
        // intake (S3)
        Rule(A.Register, Intake, To(S.AwaitingDispatch), R.Intake, atRegistration: true),
        Rule(A.ThreeWayCall, Intake, To(S.Closed), R.Intake, atRegistration: true),
        Rule(A.AnswerDirectly, [S.SentBackToIntake], AnsweredAtIntake, R.Intake, atRegistration: true),
        Rule(A.RejectAtIntake, [S.SentBackToIntake], To(S.NotAccepted), R.Intake, atRegistration: true),
        Rule(A.Correct, [S.AwaitingDispatch, S.SentBackToIntake], To(S.AwaitingDispatch), R.Intake),

        // dispatch (S4)
        Rule(A.Dispatch, [S.AwaitingDispatch], To(S.Dispatched), R.Dispatch),
        Rule(A.SendBack, [S.AwaitingDispatch], To(S.SentBackToIntake), R.Dispatch),
        Rule(A.Redispatch, WithUnit, To(S.Dispatched), Union(R.Dispatch, R.Handle), P.CentreHolderOrCountyOffice),

        // handling (S5)
        Rule(A.Sign, [S.Dispatched], To(S.InProgress), R.Handle, P.Holder),
        Rule(A.Return, WithUnit, To(S.Returned), R.Handle, P.Holder),
        Rule(
            A.ApproveReturn, [S.Returned],
            TransitionTarget.Decided("Dispatched when the dispatcher names the next unit, else back to the dispatch queue", S.Dispatched, S.AwaitingDispatch),
            R.Dispatch),
        Rule(
            A.RejectReturn, [S.Returned],
            TransitionTarget.Decided("Dispatched when the unit had not signed for the order yet, else InProgress", S.Dispatched, S.InProgress),
            R.Dispatch),
        Rule(A.RequestExtension, [S.InProgress], Unchanged, R.Handle, P.Holder, Precondition.NoPendingExtension),
        Rule(A.ApproveExtension, [S.InProgress], Unchanged, R.ReviewExtension, precondition: Precondition.PendingExtension),
        Rule(A.RejectExtension, [S.InProgress], Unchanged, R.ReviewExtension, precondition: Precondition.PendingExtension),
        Rule(A.ProgressReport, [S.InProgress], Unchanged, R.Handle, P.Holder),
        Rule(A.CoReply, WithUnit, Unchanged, R.Handle, P.CoUnit),
        Rule(A.Reply, [S.InProgress], To(S.Replied), R.Handle, P.Holder),

        // review, callback, redo, close (S6)
        Rule(
            A.AcceptReply, [S.Replied],
            TransitionTarget.Decided("Closed when accepted without a callback (mediation, law enforcement), else AwaitingCallback", S.AwaitingCallback, S.Closed),
            R.ReviewReply),
        Rule(A.RejectReply, [S.Replied], To(S.InProgress), R.ReviewReply),
        Rule(
            A.Callback, [S.AwaitingCallback],
            TransitionTarget.Decided("Closed when the citizen was reached, neither rating is unsatisfied and the unit did not fail to act (应办未办), else it stays AwaitingCallback", S.AwaitingCallback, S.Closed),
            R.Callback),
        Rule(A.Redo, [S.AwaitingCallback], To(S.Dispatched), R.Conclude, precondition: Precondition.CallbackUnsatisfied),
        Rule(A.Close, [S.AwaitingCallback], To(S.Closed), R.Conclude),
        Rule(A.Archive, [S.Closed, S.NotAccepted], To(S.Archived), R.Archive),

        // supervision (S7, S8), repeats (S3), privacy (S13)
        Rule(A.Remind, WithUnit, Unchanged, R.Supervise),
        Rule(A.LightChanged, [S.AwaitingDispatch, .. WithUnit, S.AwaitingCallback], Unchanged, new HashSet<Role>(), P.System), // issue 15: dispatch and callback lights
        Rule(A.LinkRepeat, [.. BeforeReply, S.Replied, S.AwaitingCallback, S.Closed], Unchanged, R.Repeats),
        Rule(A.Merge, BeforeReply, To(S.Closed), Union(R.Repeats, R.Dispatch)),
        Rule(A.RevealCaller, Enum.GetValues<S>(), Unchanged, Union(R.RevealCentre, R.RevealUnit), P.CentreOrHolderUnlessConfidential),

        // emergency work orders (S4, issue 15): raised before dispatch, checked by the duty team leader while the order
        // jumps the queue, the dispatcher's confirming call, the report to the city government's departments
        Rule(A.RaiseEmergency, [S.AwaitingDispatch, S.SentBackToIntake], Unchanged, R.Intake, precondition: Precondition.EmergencyNotRaised),
        Rule(A.ConfirmEmergency, BeforeReply, Unchanged, R.CheckEmergency, P.DutyTeamLeader, Precondition.EmergencyRaised),
        Rule(A.DismissEmergency, BeforeReply, Unchanged, R.CheckEmergency, P.DutyTeamLeader, Precondition.EmergencyRaised),
        Rule(A.RecordEmergencyCall, BeforeReply, Unchanged, R.Dispatch, precondition: Precondition.EmergencyActive),
        Rule(A.ReportEmergency, [.. BeforeReply, S.Replied, S.AwaitingCallback, S.Closed], Unchanged, R.ReportEmergency, precondition: Precondition.EmergencyConfirmed),

        // issue 15, intake (S3): handled directly by the centre, the one-go notice
        Rule(A.HandleDirectly, [S.SentBackToIntake], AnsweredAtIntake, R.Intake, atRegistration: true),
        Rule(A.OneGoNotice, [.. BeforeReply, S.Replied, S.AwaitingCallback, S.Closed, S.NotAccepted], Unchanged, R.Intake, atRegistration: true),

        // issue 15: hard cases (S4), responsibility disputes, coordination by the government, lateness judged (S5)
        Rule(A.EscalateHardCase, [S.AwaitingDispatch, S.HardCase], To(S.HardCase), R.EscalateHardCase, P.HardCaseLevel, Precondition.HardCaseBelowTop),
        Rule(A.DispatchHardCase, [S.HardCase], To(S.Dispatched), R.DecideHardCase, P.HardCaseLevel),
        Rule(A.SendBackHardCase, [S.HardCase], To(S.SentBackToIntake), R.DecideHardCase, P.HardCaseLevel),
        Rule(A.ConveneUnits, [S.HardCase], Unchanged, R.DecideHardCase, P.HardCaseLevel),
        Rule(A.RequestArbitration, WithUnit, To(S.InArbitration), R.Handle, P.Holder, Precondition.ReturnRejected),
        Rule(
            A.DecideArbitration, [S.InArbitration],
            TransitionTarget.Decided("Dispatched to the unit decided responsible; back where it was (Dispatched or InProgress) when that is the disputing unit", S.Dispatched, S.InProgress),
            R.Arbitrate),
        Rule(A.ReportToGovernment, [S.InProgress], Unchanged, R.Handle, P.Holder, Precondition.NoOpenCoordination),
        Rule(A.RecordCoordination, [S.InProgress], Unchanged, R.Handle, P.Holder, Precondition.OpenCoordination),
        Rule(A.ExplainLateness, LateStatuses, Unchanged, R.Handle, P.Holder, Precondition.LateUnexplained),
        Rule(A.JudgeLateness, LateStatuses, Unchanged, R.Supervise, precondition: Precondition.LateUnjudged),

        // issue 16, multi-unit cases (S8): the centre convenes the units concerned and names the lead unit
        Rule(
            A.ConveneLead, WithUnit,
            TransitionTarget.Decided("Dispatched to the lead unit named when it is another unit; unchanged when the meeting keeps the unit holding the order", S.Dispatched, S.InProgress),
            R.Supervise));

    /// <summary>Issue 15 (S6): an order finished at intake waits for its callback when the callback policy picks it.</summary>
    private static TransitionTarget AnsweredAtIntake =>
        TransitionTarget.Decided("Closed, or AwaitingCallback when the callback policy picks the order (Callback:Policy, or the citizen asked)", S.Closed, S.AwaitingCallback);

    private static readonly Dictionary<S, IReadOnlySet<A>> ByStatus = Enum.GetValues<S>().ToDictionary(
        s => s, IReadOnlySet<A> (s) => Rules.Values.Where(r => r.From.Contains(s)).Select(r => r.Action).ToHashSet());

    /// <summary>Every rule, one per action.</summary>
    public static IEnumerable<TransitionRule> All => Rules.Values;

    public static TransitionRule For(A action) => Rules[action];

    public static bool IsAllowed(S status, A action) => Rules[action].From.Contains(status);

    public static IReadOnlySet<A> AllowedIn(S status) => ByStatus[status];

    /// <summary>The roles that may take any of <paramref name="actions"/>: what a route serving them admits.</summary>
    public static IReadOnlySet<Role> RolesFor(params A[] actions) => actions.SelectMany(a => Rules[a].Roles).ToHashSet();

    private static TransitionTarget To(S status) => TransitionTarget.Fixed(status);

    private static TransitionTarget Unchanged => TransitionTarget.Unchanged;

    private static TransitionRule Rule(
        A action, S[] from, TransitionTarget to, IReadOnlySet<Role> roles, P party = P.AnyoneWithRole, Precondition precondition = Precondition.None, bool atRegistration = false) =>
        new(action, from.ToHashSet(), atRegistration, to, roles, party, precondition);

    private static HashSet<Role> Union(IReadOnlySet<Role> a, IReadOnlySet<Role> b) => [.. a, .. b];

    private static Dictionary<A, TransitionRule> Table(params TransitionRule[] rules)
    {
        var table = rules.ToDictionary(r => r.Action);
        var missing = Enum.GetValues<A>().Where(a => !table.ContainsKey(a)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"The transition table has no rule for {string.Join(", ", missing)}.");
        }

        return table;
    }
}
