using Hotline.Domain.Organisation;

namespace Hotline.Domain.Assessment;

public enum AppealState
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// A unit's appeal (申诉) against one order's count, for one formula or for all (<see cref="Formulas.All"/>): filed by the
/// unit's leader or liaison with a reason and evidence, decided by the centre's supervisor or manager with a note. An
/// approved appeal takes the order out of that figure (or of every figure) for that unit; a rejected one changes nothing.
/// </summary>
public sealed class AssessmentAppeal
{
    /// <summary>Who files an appeal (for their own unit's subtree).</summary>
    public static readonly IReadOnlySet<Role> FilingRoles = new HashSet<Role> { Role.UnitLeader, Role.UnitLiaison };

    /// <summary>Who decides: the centre's supervisors and manager.</summary>
    public static readonly IReadOnlySet<Role> DecidingRoles = new HashSet<Role> { Role.Supervisor, Role.CentreManager };

    private AssessmentAppeal()
    {
        WorkOrderNumber = UnitPath = UnitName = FormulaCode = Reason = Evidence = FiledByName = string.Empty;
    }

    public long Id { get; private set; }

    public long WorkOrderId { get; private set; }

    public string WorkOrderNumber { get; private set; }

    public long UnitId { get; private set; }

    public string UnitPath { get; private set; }

    public string UnitName { get; private set; }

    /// <summary>A formula code, or <see cref="Formulas.All"/>.</summary>
    public string FormulaCode { get; private set; }

    public string Reason { get; private set; }

    public string Evidence { get; private set; }

    public AppealState State { get; private set; }

    public DateTime FiledAtUtc { get; private set; }

    public string FiledByName { get; private set; }

    public DateTime? DecidedAtUtc { get; private set; }

    public string? DecidedByName { get; private set; }

    public string? DecisionNote { get; private set; }

    public long Version { get; private set; }

    /// <summary>
    /// Who sees an appeal and its evidence files: a reader of the assessment whose scope covers the appealing unit (the
    /// unit's own people and those above it, the centre).
    /// </summary>
    public static bool IsVisibleTo(IReadOnlySet<Role> roles, AccessScope scope, string unitPath)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(scope);
        return roles.Overlaps(AssessmentRoles.Read) && scope.Covers(unitPath);
    }

    /// <summary>Files an appeal; <paramref name="heldByUnit"/> says whether the unit's facts include the order (it held it as lead).</summary>
    public static AssessmentAppeal File(long workOrderId, string workOrderNumber, Unit unit, bool heldByUnit, string formulaCode, string reason, string evidence, string filedBy, DateTime nowUtc)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Formulas.IsKnown(formulaCode))
        {
            errors["formula"] = [$"Use a formula code or '{Formulas.All}'."];
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            errors["reason"] = ["Say why the order should not count."];
        }

        if (string.IsNullOrWhiteSpace(evidence))
        {
            errors["evidence"] = ["Give the evidence."];
        }

        if (!heldByUnit)
        {
            errors["workOrderNumber"] = ["The unit never held this order as lead: it does not count for the unit."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return new AssessmentAppeal
        {
            WorkOrderId = workOrderId,
            WorkOrderNumber = workOrderNumber,
            UnitId = unit.Id,
            UnitPath = unit.Path,
            UnitName = unit.Name,
            FormulaCode = formulaCode,
            Reason = reason.Trim(),
            Evidence = evidence.Trim(),
            State = AppealState.Pending,
            FiledAtUtc = nowUtc,
            FiledByName = filedBy,
        };
    }

    /// <summary>Approves or rejects a pending appeal with a note (refused once decided).</summary>
    public void Decide(bool approve, string note, string decidedBy, DateTime nowUtc)
    {
        if (State != AppealState.Pending)
        {
            throw new DomainException("assessment.appeal_decided", "The appeal has already been decided.");
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            throw ValidationException.For("note", "Give the decision's note.");
        }

        State = approve ? AppealState.Approved : AppealState.Rejected;
        DecisionNote = note.Trim();
        DecidedByName = decidedBy;
        DecidedAtUtc = nowUtc;
    }
}
