using Hotline.Domain.Calendar;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Supervision;

/// <summary>
/// A correction (整改, S8): the centre sends a unit correction suggestions, optionally about a supervision notice and work
/// orders, with a deadline in working days; the unit accepts and reports what it corrected, or refuses with a reason; the
/// centre checks the report: passed (closed) or fallen short. A refusal or a check that falls short leads the centre to
/// issue an accountability circular (问责通报), which the correction records and which closes it. Every step is on the
/// correction's own timeline.
/// </summary>
public sealed class Correction
{
    /// <summary>The centre's roles that send suggestions, check reports and issue accountability circulars.</summary>
    public static readonly IReadOnlySet<Role> CentreRoles = new HashSet<Role> { Role.Supervisor, Role.CentreManager };

    /// <summary>The unit's roles that accept, report and refuse, for their own unit.</summary>
    public static IReadOnlySet<Role> UnitRoles => Roles.Unit;

    /// <summary>The longest deadline a correction may be given, in working days.</summary>
    public const int MaxWorkingDays = 60;

    /// <summary>The most work orders one correction names.</summary>
    public const int MaxOrders = 20;

    private readonly List<CorrectionEvent> _events = [];

    private Correction()
    {
        UnitName = UnitPath = Suggestions = IssuedByName = string.Empty;
    }

    public long Id { get; private set; }

    public long UnitId { get; private set; }

    public string UnitName { get; private set; }

    public string UnitPath { get; private set; }

    /// <summary>The supervision notice the suggestions are about, if any.</summary>
    public long? NoticeId { get; private set; }

    /// <summary>The numbers of the work orders the suggestions are about (never the caller).</summary>
    public List<string> OrderNumbers { get; private set; } = [];

    public string Suggestions { get; private set; }

    public int DeadlineWorkingDays { get; private set; }

    public CorrectionState State { get; private set; }

    public DateTime IssuedAtUtc { get; private set; }

    public DateTime DueAtUtc { get; private set; }

    public long IssuedByUserId { get; private set; }

    public string IssuedByName { get; private set; }

    public DateTime? AcceptedAtUtc { get; private set; }

    public string? AcceptedByName { get; private set; }

    /// <summary>What the unit corrected.</summary>
    public string? Report { get; private set; }

    public string? Evidence { get; private set; }

    public DateTime? ReportedAtUtc { get; private set; }

    public string? ReportedByName { get; private set; }

    /// <summary>Whether the report came after the deadline.</summary>
    public bool ReportedLate { get; private set; }

    public string? RefusalReason { get; private set; }

    public DateTime? RefusedAtUtc { get; private set; }

    public string? CheckNote { get; private set; }

    public DateTime? CheckedAtUtc { get; private set; }

    public string? CheckedByName { get; private set; }

    /// <summary>The accountability circular's facts (问责通报), when one was issued.</summary>
    public string? CircularFacts { get; private set; }

    public string? CircularText { get; private set; }

    public DateTime? CircularIssuedAtUtc { get; private set; }

    public string? CircularIssuedByName { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    public long Version { get; private set; }

    public IReadOnlyList<CorrectionEvent> PendingEvents => _events;

    public bool IsOpen => ClosedAtUtc is null;

    /// <summary>The actions the actor may take now (the workbench shows these buttons, the verbs check the same).</summary>
    public IReadOnlyList<CorrectionAction> AvailableTo(Actor actor)
    {
        var actions = new List<CorrectionAction>();
        if (IsTheUnit(actor))
        {
            if (State == CorrectionState.Issued)
            {
                actions.Add(CorrectionAction.Accept);
            }

            if (State is CorrectionState.Issued or CorrectionState.InCorrection)
            {
                actions.AddRange([CorrectionAction.Report, CorrectionAction.Refuse]);
            }
        }

        if (IsTheCentre(actor))
        {
            if (State == CorrectionState.Reported)
            {
                actions.Add(CorrectionAction.Check);
            }

            if (State is CorrectionState.Refused or CorrectionState.FallenShort)
            {
                actions.Add(CorrectionAction.IssueCircular);
            }
        }

        return actions;
    }

    /// <summary>The centre sends correction suggestions to <paramref name="unit"/>.</summary>
    public static Correction Issue(
        Unit unit, long? noticeId, IReadOnlyList<string> orderNumbers, string suggestions, int deadlineWorkingDays, Actor centre, WorkingDayCalendar calendar, DateTime nowUtc)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(suggestions))
        {
            errors["suggestions"] = ["Write the correction suggestions."];
        }

        if (deadlineWorkingDays is < 1 or > MaxWorkingDays)
        {
            errors["deadlineWorkingDays"] = [$"Give between 1 and {MaxWorkingDays} working days."];
        }

        if (orderNumbers.Count > MaxOrders)
        {
            errors["orderNumbers"] = [$"Name at most {MaxOrders} work orders."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        if (!centre.Roles.Overlaps(CentreRoles) || !centre.Scope.Covers(unit.Path))
        {
            throw new ForbiddenException("correction_centre_only", "Only the hotline centre's supervisors send correction suggestions to a unit in their scope.");
        }

        var due = calendar.AddWorkingDays(new DateTimeOffset(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc)), deadlineWorkingDays).At.UtcDateTime;
        var correction = new Correction
        {
            UnitId = unit.Id,
            UnitName = unit.Name,
            UnitPath = unit.Path,
            NoticeId = noticeId,
            OrderNumbers = orderNumbers.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList(),
            Suggestions = suggestions.Trim(),
            DeadlineWorkingDays = deadlineWorkingDays,
            State = CorrectionState.Issued,
            IssuedAtUtc = nowUtc,
            DueAtUtc = due,
            IssuedByUserId = centre.UserId,
            IssuedByName = centre.Name,
        };
        correction.Record(centre, nowUtc, CorrectionAction.Issue, correction.Suggestions, new()
        {
            ["unit"] = unit.Name,
            ["deadline"] = SupervisionNotice.Local(due),
            ["notice"] = noticeId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["orders"] = string.Join(",", correction.OrderNumbers),
        });
        return correction;
    }

    /// <summary>The unit accepts the suggestions (接受整改).</summary>
    public void Accept(Actor unit, string? note, DateTime nowUtc)
    {
        RequireUnit(unit);
        RequireState(CorrectionAction.Accept, CorrectionState.Issued);
        State = CorrectionState.InCorrection;
        AcceptedAtUtc = nowUtc;
        AcceptedByName = unit.Name;
        Record(unit, nowUtc, CorrectionAction.Accept, Trimmed(note), null);
    }

    /// <summary>The unit reports what it corrected, with evidence (reporting accepts the suggestions if it had not yet).</summary>
    public void ReportCorrected(Actor unit, string report, string? evidence, DateTime nowUtc)
    {
        RequireUnit(unit);
        RequireState(CorrectionAction.Report, CorrectionState.Issued, CorrectionState.InCorrection);
        if (string.IsNullOrWhiteSpace(report))
        {
            throw ValidationException.For("report", "Say what the unit corrected.");
        }

        if (State == CorrectionState.Issued)
        {
            AcceptedAtUtc = nowUtc;
            AcceptedByName = unit.Name;
        }

        State = CorrectionState.Reported;
        Report = report.Trim();
        Evidence = Trimmed(evidence);
        ReportedAtUtc = nowUtc;
        ReportedByName = unit.Name;
        ReportedLate = nowUtc > DueAtUtc;
        Record(unit, nowUtc, CorrectionAction.Report, Report, new() { ["evidence"] = Evidence, ["late"] = ReportedLate ? "true" : "false" });
    }

    /// <summary>The unit refuses to correct, with its reason; the centre then issues an accountability circular.</summary>
    public void Refuse(Actor unit, string reason, DateTime nowUtc)
    {
        RequireUnit(unit);
        RequireState(CorrectionAction.Refuse, CorrectionState.Issued, CorrectionState.InCorrection);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw ValidationException.For("reason", "Say why the unit refuses.");
        }

        State = CorrectionState.Refused;
        RefusalReason = reason.Trim();
        RefusedAtUtc = nowUtc;
        Record(unit, nowUtc, CorrectionAction.Refuse, RefusalReason, null);
    }

    /// <summary>The centre checks the report: passed closes the correction; fallen short awaits an accountability circular.</summary>
    public void Check(Actor centre, CheckOutcome outcome, string? note, DateTime nowUtc)
    {
        RequireCentre(centre);
        RequireState(CorrectionAction.Check, CorrectionState.Reported);
        if (!Enum.IsDefined(outcome))
        {
            throw ValidationException.For("outcome", "Choose passed or fallenShort.");
        }

        if (outcome == CheckOutcome.FallenShort && string.IsNullOrWhiteSpace(note))
        {
            throw ValidationException.For("note", "Say where the correction falls short.");
        }

        CheckNote = Trimmed(note);
        CheckedAtUtc = nowUtc;
        CheckedByName = centre.Name;
        State = outcome == CheckOutcome.Passed ? CorrectionState.Passed : CorrectionState.FallenShort;
        ClosedAtUtc = outcome == CheckOutcome.Passed ? nowUtc : null;
        Record(centre, nowUtc, CorrectionAction.Check, CheckNote, new() { ["outcome"] = outcome.ToString() });
    }

    /// <summary>The centre issues the accountability circular (问责通报) on a unit that refused or fell short; it closes the correction.</summary>
    public void IssueCircular(Actor centre, string facts, string text, DateTime nowUtc)
    {
        RequireCentre(centre);
        RequireState(CorrectionAction.IssueCircular, CorrectionState.Refused, CorrectionState.FallenShort);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(facts))
        {
            errors["facts"] = ["State the facts."];
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            errors["text"] = ["Write the circular."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        CircularFacts = facts.Trim();
        CircularText = text.Trim();
        CircularIssuedAtUtc = nowUtc;
        CircularIssuedByName = centre.Name;
        var after = State;
        State = CorrectionState.Accountable;
        ClosedAtUtc = nowUtc;
        Record(centre, nowUtc, CorrectionAction.IssueCircular, CircularText, new() { ["facts"] = CircularFacts, ["after"] = after.ToString() });
    }

    /// <summary>The store calls this once the pending entries are saved.</summary>
    public void ClearPendingEvents() => _events.Clear();

    private bool IsTheUnit(Actor actor) => actor.Roles.Overlaps(UnitRoles) && actor.Scope.ActsFor(UnitPath);

    private bool IsTheCentre(Actor actor) => actor.IsCentre && actor.Roles.Overlaps(CentreRoles) && actor.Scope.Covers(UnitPath);

    private void RequireUnit(Actor actor)
    {
        if (!IsTheUnit(actor))
        {
            throw new ForbiddenException("correction_not_your_unit", "Only the unit the correction is addressed to can do this.");
        }
    }

    private void RequireCentre(Actor actor)
    {
        if (!IsTheCentre(actor))
        {
            throw new ForbiddenException("correction_centre_only", "Only the hotline centre's supervisors decide on a correction.");
        }
    }

    private void RequireState(CorrectionAction action, params CorrectionState[] allowed)
    {
        if (!allowed.Contains(State))
        {
            throw new DomainException("correction_invalid_state", $"A correction that is {State} cannot take '{action}'.");
        }
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private void Record(Actor actor, DateTime nowUtc, CorrectionAction action, string? text, Dictionary<string, string?>? details) =>
        _events.Add(CorrectionEvent.Create(this, actor, nowUtc, action, text, details));
}
