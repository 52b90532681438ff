using System.Text.RegularExpressions;

namespace Hotline.Domain.Organisation;

/// <summary>How a former hotline joined 12345 (S1, 热线归并).</summary>
public enum MergeMode
{
    /// <summary>整体并入: the number is cancelled (or forwarded) and its seats move into 12345, after a transition with a voice prompt.</summary>
    Whole,

    /// <summary>双号并行: the number is kept beside 12345 for at most six months, its seats working on the 12345 platform.</summary>
    DualNumber,

    /// <summary>设分中心: the number and seats are kept as a sub-centre, bound by 12345's rules and assessment.</summary>
    SubCentre,
}

/// <summary>Whose number it was.</summary>
public enum OwnerLevel
{
    /// <summary>A national number (a ministry's 12315, 12366 …) answered locally.</summary>
    National,

    Provincial,

    /// <summary>A city department's own number.</summary>
    CityDepartment,
}

/// <summary>Where a merged number stands.</summary>
public enum MergedHotlineState
{
    /// <summary>过渡期: callers hear a voice prompt pointing to 12345 until go-live.</summary>
    Transition,

    /// <summary>双号并行: both numbers answered, until the dual running ends.</summary>
    DualRunning,

    /// <summary>Kept as a sub-centre of 12345.</summary>
    SubCentre,

    /// <summary>Calls to it are forwarded to 12345 (呼叫转移).</summary>
    Forwarded,

    /// <summary>Cancelled (注销): never restored.</summary>
    Cancelled,
}

/// <summary>What go-live does with the number: cancel it, or forward its calls to 12345.</summary>
public enum GoLiveOutcome
{
    Cancel,
    Forward,
}

/// <summary>
/// A former hotline number merged into 12345 (S1, 热线归并): its owner and the owner's level, the merge mode and where it
/// stands. The rules, written once: a number is registered once (a cancelled number stays on the register, so it cannot be
/// added again); a wholly merged number runs a transition with a voice prompt until its go-live date; a dual-running number
/// runs beside 12345 for at most <see cref="MaxDualMonths"/> months (Xianning); a sub-centre names its sub-centre unit; at
/// go-live a number is cancelled or forwarded, a forwarded one may later be cancelled, and a cancelled one is never restored.
/// </summary>
public sealed class MergedHotline
{
    /// <summary>Dual running lasts at most six months (Xianning's rule).</summary>
    public const int MaxDualMonths = 6;

    /// <summary>A number: digits, possibly with a dash (an area code), 3 to 20 characters.</summary>
    public const int NumberLength = 20;

    /// <summary>Who keeps the register: the administrator and the centre manager.</summary>
    public static readonly IReadOnlySet<Role> Keepers = new HashSet<Role> { Role.Administrator, Role.CentreManager };

    /// <summary>Who reads it: the keepers, supervisors and leaders.</summary>
    public static readonly IReadOnlySet<Role> Readers = new HashSet<Role> { Role.Administrator, Role.CentreManager, Role.Supervisor, Role.Leader };

    private static readonly Regex NumberPattern = new(@"^[0-9][0-9\-]{1,18}[0-9]$", RegexOptions.CultureInvariant);

    private MergedHotline()
    {
        Number = Name = OwnerUnitName = string.Empty;
    }

    public long Id { get; private set; }

    public string Number { get; private set; }

    public string Name { get; private set; }

    public long OwnerUnitId { get; private set; }

    public string OwnerUnitName { get; private set; }

    public OwnerLevel OwnerLevel { get; private set; }

    public MergeMode Mode { get; private set; }

    public MergedHotlineState State { get; private set; }

    /// <summary>The day the merge began: the transition's or the dual running's first day.</summary>
    public DateOnly Since { get; private set; }

    /// <summary>A transition's go-live date, or the last day of dual running; none for a sub-centre.</summary>
    public DateOnly? Until { get; private set; }

    /// <summary>The sub-centre unit a number kept as a sub-centre belongs to.</summary>
    public long? SubCentreUnitId { get; private set; }

    /// <summary>The day it was cancelled or forwarded.</summary>
    public DateOnly? EndedOn { get; private set; }

    public long Version { get; private set; }

    /// <summary>Registers a merged number; every error names its field.</summary>
    public static MergedHotline Register(
        string? number, string? name, Unit? owner, OwnerLevel? level, MergeMode? mode, DateOnly? since, DateOnly? until, Unit? subCentre)
    {
        var errors = new Dictionary<string, string[]>();
        var n = number?.Trim() ?? string.Empty;
        if (!NumberPattern.IsMatch(n))
        {
            errors["number"] = ["A number is 3 to 20 digits, possibly with dashes (e.g. 12315, 0731-12319)."];
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = ["Name the hotline."];
        }

        if (owner is null)
        {
            errors["ownerUnitId"] = ["Choose the department that owned it."];
        }

        if (level is not { } l || !Enum.IsDefined(l))
        {
            errors["ownerLevel"] = ["Choose the owner's level: national, provincial or cityDepartment."];
        }

        if (mode is not { } m || !Enum.IsDefined(m))
        {
            errors["mode"] = ["Choose the mode: whole, dualNumber or subCentre."];
        }
        else
        {
            CheckDates(m, since, until, errors);
            if (m == MergeMode.SubCentre && subCentre?.Kind != UnitKind.SubCentre)
            {
                errors["subCentreUnitId"] = ["Choose the sub-centre unit the number is kept in."];
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return new MergedHotline
        {
            Number = n,
            Name = name!.Trim(),
            OwnerUnitId = owner!.Id,
            OwnerUnitName = owner.Name,
            OwnerLevel = level!.Value,
            Mode = mode!.Value,
            State = mode switch
            {
                MergeMode.Whole => MergedHotlineState.Transition,
                MergeMode.DualNumber => MergedHotlineState.DualRunning,
                _ => MergedHotlineState.SubCentre,
            },
            Since = since!.Value,
            Until = mode == MergeMode.SubCentre ? null : until,
            SubCentreUnitId = mode == MergeMode.SubCentre ? subCentre!.Id : null,
        };
    }

    /// <summary>Moves a transition's go-live date or a dual running's last day (dual running still at most six months); refused once it went live.</summary>
    public void Reschedule(DateOnly? until)
    {
        if (State is not (MergedHotlineState.Transition or MergedHotlineState.DualRunning))
        {
            throw new DomainException("merged_hotline.not_in_transition", "Only a transition or a dual running has a date to move.");
        }

        var errors = new Dictionary<string, string[]>();
        CheckDates(Mode, Since, until, errors);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        Until = until;
    }

    /// <summary>
    /// Go-live: the number is cancelled or its calls forwarded to 12345, from <paramref name="on"/>. A forwarded number may
    /// later be cancelled; a cancelled one is never restored.
    /// </summary>
    public void GoLive(GoLiveOutcome? outcome, DateOnly? on)
    {
        if (State == MergedHotlineState.Cancelled)
        {
            throw new DomainException("merged_hotline.cancelled", "A cancelled number is never restored.");
        }

        if (outcome is not { } o || !Enum.IsDefined(o))
        {
            throw ValidationException.For("outcome", "Choose cancel or forward.");
        }

        if (State == MergedHotlineState.Forwarded && o == GoLiveOutcome.Forward)
        {
            throw new DomainException("merged_hotline.already_forwarded", "The number is forwarded already.");
        }

        if (on is not { } day || day < Since)
        {
            throw ValidationException.For("on", "Give the day it takes effect, not before the merge began.");
        }

        State = o == GoLiveOutcome.Cancel ? MergedHotlineState.Cancelled : MergedHotlineState.Forwarded;
        EndedOn = day;
    }

    /// <summary>Past its date and still running: a transition past its go-live date, a dual running past its six months or its last day.</summary>
    public bool IsOverdue(DateOnly today) => State is MergedHotlineState.Transition or MergedHotlineState.DualRunning && Until is { } until && today > until;

    private static void CheckDates(MergeMode mode, DateOnly? since, DateOnly? until, Dictionary<string, string[]> errors)
    {
        if (since is null)
        {
            errors["since"] = ["Give the day the merge began."];
            return;
        }

        if (mode == MergeMode.SubCentre)
        {
            return;
        }

        if (until is not { } u || u < since)
        {
            errors["until"] = [mode == MergeMode.Whole ? "Give the go-live date, on or after the transition began." : "Give the last day of dual running, on or after it began."];
        }
        else if (mode == MergeMode.DualNumber && u > since.Value.AddMonths(MaxDualMonths))
        {
            errors["until"] = [$"Dual running lasts at most {MaxDualMonths} months: until {since.Value.AddMonths(MaxDualMonths):yyyy-MM-dd} at the latest."];
        }
    }
}
