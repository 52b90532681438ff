using Hotline.Domain.Organisation;

namespace Hotline.Domain.WorkOrders;

/// <summary>
/// Who sees the order and who may act on it now, read from <see cref="WorkOrderTransitions"/>: the guard every verb
/// runs first, the one way a verb changes the status, and the actions offered to a viewer.
/// </summary>
public sealed partial class WorkOrder
{
    /// <summary>A unit user may see the order when their scope covers the lead unit or a co-unit; centre staff see all.</summary>
    public bool IsVisibleTo(Actor actor) => IsVisible(actor, LeadUnitPath, CoUnits.Select(c => c.UnitPath))
        || (actor.Roles.Contains(Role.OrganisationOffice) && ArbitrationCount > 0); // issue 15: the office sees the orders taken to it

    /// <summary>The rule of <see cref="IsVisibleTo(Actor)"/> on the columns it reads, for queries that load only those.</summary>
    public static bool IsVisible(Actor actor, string? leadUnitPath, IEnumerable<string> coUnitPaths)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Scope.IsPlatformWide
            || (leadUnitPath is not null && actor.Scope.Covers(leadUnitPath))
            || coUnitPaths.Any(actor.Scope.Covers);
    }

    /// <summary>Who may see the caller's identity unmasked. Confidential orders are never revealed to units.</summary>
    public bool MayReveal(Actor actor) => MayAct(WorkOrderTransitions.For(WorkOrderAction.RevealCaller), actor);

    /// <summary>Records an explicit reveal of caller data (S13); the caller is returned only by this call.</summary>
    public Caller RevealCaller(Actor actor, WorkOrderClock clock, string reason)
    {
        Authorize(WorkOrderAction.RevealCaller, actor);
        RequireText(reason, "reason", "Say why you need the caller's identity.");
        Record(actor, clock, WorkOrderAction.RevealCaller, reason.Trim(), null, null);
        return Caller;
    }

    /// <summary>The actions this viewer may take now: the UI shows these and nothing else.</summary>
    public IReadOnlyList<WorkOrderAction> AvailableActions(Actor actor) =>
        [.. WorkOrderTransitions.AllowedIn(Status).Order().Where(a => WorkOrderTransitions.For(a) is var rule && MayAct(rule, actor) && Meets(rule.Precondition))];

    /// <summary>Whether <paramref name="actor"/> is among the party the rule names, on this order as it is now.</summary>
    private bool MayAct(TransitionRule rule, Actor actor) => rule.Party switch
    {
        ActingParty.AnyoneWithRole => actor.Roles.Overlaps(rule.Roles),
        ActingParty.Holder => Holds(actor, rule.Roles),
        ActingParty.CoUnit => actor.Roles.Overlaps(rule.Roles) && CoUnitOf(actor) is not null,
        ActingParty.CentreHolderOrCountyOffice => actor.Roles.Overlaps(rule.CentreRoles) || Oversees(actor, rule.UnitRoles),
        ActingParty.CentreOrHolderUnlessConfidential => actor.Roles.Overlaps(rule.CentreRoles) || (!CallerIsConfidential && Holds(actor, rule.UnitRoles)),
        ActingParty.System => false,
        ActingParty.DutyTeamLeader => IsDutyTeamLeader(actor, rule.Roles),
        ActingParty.HardCaseLevel => actor.Roles.Overlaps(rule.Roles) && actor.Roles.Contains(HardCaseLevel ?? Role.Dispatcher),
    };

    private bool Meets(Precondition precondition) => precondition switch
    {
        Precondition.None => true,
        Precondition.NoPendingExtension => PendingExtension is null,
        Precondition.PendingExtension => PendingExtension is not null,
        Precondition.CallbackUnsatisfied => CallbackUnsatisfied || CallbackUnitFailedToAct,
        _ => MeetsEmergency(precondition) && MeetsCasePrecondition(precondition), // issue 15 (WorkOrder.Emergency.cs, WorkOrder.Cases.cs)
    };

    /// <summary>The actor answers for the lead unit (its own unit or one below it) with one of <paramref name="roles"/>.</summary>
    private bool Holds(Actor actor, IReadOnlySet<Role> roles) => LeadUnitPath is not null && actor.Scope.ActsFor(LeadUnitPath) && actor.Roles.Overlaps(roles);

    /// <summary>The lead unit is inside what the actor oversees: the holder, or the county hotline office over it.</summary>
    private bool Oversees(Actor actor, IReadOnlySet<Role> roles) => LeadUnitPath is not null && actor.Scope.Covers(LeadUnitPath) && actor.Roles.Overlaps(roles);

    private CoUnit? CoUnitOf(Actor actor) => CoUnits.FirstOrDefault(c => actor.Scope.ActsFor(c.UnitPath));

    /// <summary>
    /// The check every verb runs first: the status, then the party. A co-unit's reply checks only the role here, and which
    /// co-unit replies once the reply itself is valid.
    /// </summary>
    private void Authorize(WorkOrderAction action, Actor actor)
    {
        var rule = RequireStatusAllows(action);

        switch (rule.Party)
        {
            case ActingParty.AnyoneWithRole:
            case ActingParty.CoUnit:
            case ActingParty.System:
                RequireRole(actor, rule.Roles);
                break;
            case ActingParty.Holder:
            case ActingParty.CentreHolderOrCountyOffice:
                if (!MayAct(rule, actor))
                {
                    throw new ForbiddenException("work_order.not_holder", "Only the unit that holds the order can do this.");
                }

                break;
            case ActingParty.DutyTeamLeader:
                RequireRole(actor, rule.Roles);
                if (!MayAct(rule, actor))
                {
                    throw new ForbiddenException("work_order.not_duty_team_leader", $"The duty team leader {Emergency?.DutyTeamLeaderName} checks this emergency.");
                }

                break;
            case ActingParty.HardCaseLevel:
                if (!MayAct(rule, actor))
                {
                    throw new ForbiddenException("work_order.not_hard_case_level", "The hard case is decided at the level it has reached.");
                }

                break;
            case ActingParty.CentreOrHolderUnlessConfidential:
                if (!MayAct(rule, actor))
                {
                    throw new ForbiddenException("work_order.reveal_not_allowed", CallerIsConfidential
                        ? "This is a confidential order: the caller's identity is not shown to units."
                        : "Only the centre and the unit holding the order may reveal the caller's identity.");
                }

                break;
        }
    }

    /// <summary>The first half of the guard: the status allows the action (409 <c>work_order.transition_not_allowed</c> otherwise).</summary>
    private TransitionRule RequireStatusAllows(WorkOrderAction action)
    {
        var rule = WorkOrderTransitions.For(action);
        if (!rule.From.Contains(Status))
        {
            throw new DomainException("work_order.transition_not_allowed", $"A work order that is {Status} does not allow {action}.");
        }

        return rule;
    }

    /// <summary>Refuses the action when the order's data do not meet the rule's precondition, each with its own code.</summary>
    private void RequirePrecondition(WorkOrderAction action)
    {
        var precondition = WorkOrderTransitions.For(action).Precondition;
        switch (precondition)
        {
            case Precondition.NoPendingExtension when PendingExtension is not null:
                throw new DomainException("work_order.extension_pending", "An extension request is already waiting for a decision.");
            case Precondition.PendingExtension when PendingExtension is null:
                throw new DomainException("work_order.no_pending_extension", "There is no extension request to decide.");
            case Precondition.CallbackUnsatisfied when !CallbackUnsatisfied && !CallbackUnitFailedToAct:
                throw new DomainException("work_order.redo_needs_unsatisfied_callback", "A redo follows a callback in which the citizen was not satisfied or the unit was found to have failed to act.");
            case Precondition.HardCaseBelowTop or Precondition.ReturnRejected or Precondition.NoOpenCoordination or Precondition.OpenCoordination
                or Precondition.LateUnexplained or Precondition.LateUnjudged when !MeetsCasePrecondition(precondition):
                throw CasePreconditionRefused(precondition);
            case var emergency when !Meets(emergency):
                RefuseEmergency(emergency);
                break;
            default:
                break;
        }
    }

    /// <summary>The one way a verb changes the status: the target must be one the table lists for the action.</summary>
    private void MoveTo(WorkOrderAction action, WorkOrderStatus target)
    {
        var to = WorkOrderTransitions.For(action).To;
        if (!to.Allows(Status, target))
        {
            throw new InvalidOperationException($"{action} may not lead from {Status} to {target}; the transition table says {to}.");
        }

        Status = target;
    }

    private static void RequireRole(Actor actor, IReadOnlySet<Role> roles)
    {
        if (!actor.Roles.Overlaps(roles))
        {
            throw new ForbiddenException("work_order.role_not_allowed", "Your role does not allow this action.");
        }
    }
}
