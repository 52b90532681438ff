using Hotline.Domain.Organisation;

namespace Hotline.Domain.WorkOrders;

/// <summary>One row of <see cref="WorkOrderTransitions"/>: where an action may be taken, where it leads, and by whom.</summary>
/// <param name="Action">The action (and the timeline entry it writes).</param>
/// <param name="From">The statuses of an existing order that allow it; empty for actions only taken while registering.</param>
/// <param name="AtRegistration">Also taken when the order is created at intake, before it has a status of its own.</param>
/// <param name="To">The status it leads to.</param>
/// <param name="Roles">Every role that may ever take it; the route policies admit exactly these.</param>
/// <param name="Party">Which of those users may take it on a given order.</param>
/// <param name="Precondition">What the order's data must say besides its status.</param>
public sealed record TransitionRule(
    WorkOrderAction Action,
    IReadOnlySet<WorkOrderStatus> From,
    bool AtRegistration,
    TransitionTarget To,
    IReadOnlySet<Role> Roles,
    ActingParty Party,
    Precondition Precondition)
{
    /// <summary>The centre's roles among <see cref="Roles"/>: for the parties that let the centre act on any order.</summary>
    public IReadOnlySet<Role> CentreRoles { get; } = Roles.Where(r => r.IsCentreRole()).ToHashSet();

    /// <summary>The unit roles among <see cref="Roles"/>: they act only from the unit's position on the order.</summary>
    public IReadOnlySet<Role> UnitRoles { get; } = Roles.Where(r => r.IsUnitRole()).ToHashSet();
}

/// <summary>Where an action leads: one fixed status, the status it was in, or a status the order's data decide.</summary>
public sealed record TransitionTarget
{
    private TransitionTarget(TargetKind kind, IReadOnlySet<WorkOrderStatus> statuses, string? decidedBy)
    {
        Kind = kind;
        Statuses = statuses;
        DecidedBy = decidedBy;
    }

    public TargetKind Kind { get; }

    /// <summary>The statuses it may lead to: one when fixed, none when unchanged, the listed ones when decided by the data.</summary>
    public IReadOnlySet<WorkOrderStatus> Statuses { get; }

    /// <summary>For a data-decided target: which data decide, in a sentence.</summary>
    public string? DecidedBy { get; }

    public static TransitionTarget Fixed(WorkOrderStatus status) => new(TargetKind.Fixed, new HashSet<WorkOrderStatus> { status }, null);

    public static TransitionTarget Unchanged { get; } = new(TargetKind.Unchanged, new HashSet<WorkOrderStatus>(), null);

    public static TransitionTarget Decided(string by, params WorkOrderStatus[] statuses) => new(TargetKind.DecidedByData, statuses.ToHashSet(), by);

    /// <summary>Whether moving from <paramref name="from"/> to <paramref name="to"/> is one of the ways this target allows.</summary>
    public bool Allows(WorkOrderStatus from, WorkOrderStatus to) => Kind switch
    {
        TargetKind.Unchanged => from == to,
        TargetKind.Fixed or TargetKind.DecidedByData => Statuses.Contains(to),
    };

    public override string ToString() => Kind switch
    {
        TargetKind.Unchanged => "unchanged",
        TargetKind.Fixed => Statuses.Single().ToString(),
        TargetKind.DecidedByData => $"{string.Join(" or ", Statuses.Order())} ({DecidedBy})",
    };
}

public enum TargetKind
{
    Fixed,
    Unchanged,
    DecidedByData,
}

/// <summary>Who, among the users holding one of a rule's roles, may take the action on a given order.</summary>
public enum ActingParty
{
    /// <summary>Anyone with one of the roles, on any order they can see.</summary>
    AnyoneWithRole,

    /// <summary>
    /// The holding unit: a user with one of the roles who acts for the lead unit (<see cref="AccessScope.ActsFor"/>:
    /// its own unit or one below it). A county hotline office oversees its county but holds only the orders sent to itself.
    /// </summary>
    Holder,

    /// <summary>
    /// A co-unit (协办): a user with one of the roles who acts for a co-unit. The role is checked with the status; which
    /// co-unit replies is looked up once the reply itself is valid.
    /// </summary>
    CoUnit,

    /// <summary>
    /// Re-dispatch: the centre's roles anywhere; unit roles whose scope covers the lead unit, i.e. the holder within its
    /// own subtree, or the county hotline office of the holder's county within that county.
    /// </summary>
    CentreHolderOrCountyOffice,

    /// <summary>
    /// The caller's identity (S13): the centre's roles always; the holder's unit roles only when the order is not
    /// confidential. Overseeing the holder (a county hotline office) is no ground.
    /// </summary>
    CentreOrHolderUnlessConfidential,

    /// <summary>No user: only the system's clock job writes it.</summary>
    System,

    /// <summary>
    /// Emergencies (issue 15): the duty team leader the roster named when the emergency was raised (any team leader when
    /// the roster named none); the site manager and the centre manager above them always.
    /// </summary>
    DutyTeamLeader,

    /// <summary>
    /// Issue 15, hard cases: the level the case sits at. In the dispatch queue the dispatcher (who escalates it to the team
    /// leader); at <see cref="WorkOrder.HardCaseLevel"/> a user holding that role (the team leader, then the site manager).
    /// </summary>
    HardCaseLevel,
}

/// <summary>What the order's data must say, besides its status, for an action to be offered and taken.</summary>
public enum Precondition
{
    None,

    /// <summary>One extension request at a time.</summary>
    NoPendingExtension,

    /// <summary>There is an extension request to decide.</summary>
    PendingExtension,

    /// <summary>A redo follows a callback in which the citizen was not satisfied, or which found the unit should have acted and did not (应办未办).</summary>
    CallbackUnsatisfied,

    // emergency work orders (issue 15)

    /// <summary>No emergency raised yet, or the last one was found not genuine.</summary>
    EmergencyNotRaised,

    /// <summary>An emergency raised and not yet checked by the duty team leader.</summary>
    EmergencyRaised,

    /// <summary>An emergency raised and not found untrue: raised or confirmed.</summary>
    EmergencyActive,

    /// <summary>An emergency the duty team leader confirmed.</summary>
    EmergencyConfirmed,
    // issue 15, hard cases, disputes, coordination, lateness

    /// <summary>A hard case goes up only while there is a level above it (the site manager is the last).</summary>
    HardCaseBelowTop,

    /// <summary>Arbitration follows a rejected return that has not been taken to the organisation office yet.</summary>
    ReturnRejected,

    /// <summary>One matter at a time with the government at the unit's level.</summary>
    NoOpenCoordination,

    /// <summary>The government's coordination result is recorded against an open matter.</summary>
    OpenCoordination,

    /// <summary>A late reply or return whose reason the unit has not given yet.</summary>
    LateUnexplained,

    /// <summary>A late reply or return the centre has not judged yet.</summary>
    LateUnjudged,
}
