using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.QualityInspection;

public enum InspectionState
{
    /// <summary>Drawn into a sample, not yet scored.</summary>
    Pending,

    /// <summary>Scored; it counts in the agent's quality score.</summary>
    Scored,
}

/// <summary>One checklist line as scored: the line as it stood, the points given and, for a deduction, why.</summary>
public sealed record ItemScore(string Code, string Name, decimal MaxPoints, decimal Points, string? Note);

/// <summary>What the inspector gives for one line.</summary>
public sealed record ItemScoreInput(string? Code, decimal? Points, string? Note);

/// <summary>
/// A quality inspection (质检, S14) of one contact: the timeline entry of an intake call or a callback, credited to the agent
/// who made it. It is drawn into a sample (<see cref="InspectionSampling"/>), then scored line by line against its stage's
/// checklist; the score is the sum of the lines, or 0 for a fatal error (致命差错: disclosing the caller, abuse, a false
/// record), which the inspector names. Scored again with a version check when the inspector corrects it.
/// </summary>
public sealed class Inspection
{
    /// <summary>Who draws samples, scores them and keeps the checklists.</summary>
    public static readonly IReadOnlySet<Role> InspectingRoles = new HashSet<Role> { Role.QualityInspector, Role.CentreManager };

    /// <summary>Who reads every inspection of the agents in their scope (the inspecting roles and the floor's leaders).</summary>
    public static readonly IReadOnlySet<Role> ReadingRoles = new HashSet<Role> { Role.QualityInspector, Role.CentreManager, Role.TeamLeader, Role.SiteManager };

    /// <summary>Who reads the scored inspections of their own contacts only.</summary>
    public static readonly IReadOnlySet<Role> OwnReaders = new HashSet<Role> { Role.IntakeAgent, Role.CallbackAgent };

    private Inspection()
    {
        WorkOrderNumber = AgentName = AgentUnitPath = DrawnByName = string.Empty;
        Items = [];
    }

    public long Id { get; private set; }

    public long WorkOrderId { get; private set; }

    public string WorkOrderNumber { get; private set; }

    /// <summary>The timeline entry inspected: one inspection per entry.</summary>
    public long EventId { get; private set; }

    public InspectionStage Stage { get; private set; }

    public long AgentUserId { get; private set; }

    public string AgentName { get; private set; }

    /// <summary>The agent's unit path, for the readers' scope.</summary>
    public string AgentUnitPath { get; private set; }

    /// <summary>When the contact took place (the entry's time): the period an inspection counts in.</summary>
    public DateTime ContactAtUtc { get; private set; }

    /// <summary>The order's call recording, which the inspector listens to (the intake call's).</summary>
    public string? RecordingId { get; private set; }

    public DateTime DrawnAtUtc { get; private set; }

    public string DrawnByName { get; private set; }

    public InspectionState State { get; private set; }

    public List<ItemScore> Items { get; private set; }

    public bool FatalError { get; private set; }

    public string? FatalReason { get; private set; }

    public decimal? Score { get; private set; }

    public string? Comment { get; private set; }

    public DateTime? ScoredAtUtc { get; private set; }

    public string? ScoredByName { get; private set; }

    public long Version { get; private set; }

    /// <summary>An inspection of one drawn contact, pending.</summary>
    public static Inspection Draw(InspectionCandidate contact, string drawnBy, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return new Inspection
        {
            WorkOrderId = contact.WorkOrderId,
            WorkOrderNumber = contact.WorkOrderNumber,
            EventId = contact.EventId,
            Stage = contact.Stage,
            AgentUserId = contact.AgentUserId,
            AgentName = contact.AgentName,
            AgentUnitPath = contact.AgentUnitPath,
            ContactAtUtc = contact.AtUtc,
            RecordingId = contact.RecordingId,
            DrawnAtUtc = nowUtc,
            DrawnByName = drawnBy,
            State = InspectionState.Pending,
        };
    }

    /// <summary>
    /// The lines to score against: once scored, the lines it was scored on (a later checklist never rewrites a past score);
    /// before, the checklist in force.
    /// </summary>
    public IReadOnlyList<ChecklistItem> LinesToScore(IReadOnlyList<ChecklistItem> inForce) =>
        State == InspectionState.Scored ? [.. Items.Select(i => new ChecklistItem(i.Code, i.Name, i.MaxPoints))] : inForce;

    /// <summary>
    /// Scores the contact against <paramref name="checklist"/>: every line once, 0 to its points in tenths, a deduction with its
    /// note; a fatal error with its reason scores 0 whatever the lines say. Nobody scores their own contact.
    /// </summary>
    public void Record(IReadOnlyList<ChecklistItem> checklist, IReadOnlyList<ItemScoreInput?>? items, bool fatalError, string? fatalReason, string? comment, Actor inspector, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        ArgumentNullException.ThrowIfNull(inspector);
        if (inspector.UserId == AgentUserId)
        {
            throw new DomainException("quality_inspection.own_contact", "Nobody scores their own contact.");
        }

        var errors = new Dictionary<string, string[]>();
        var given = new Dictionary<string, (int Index, ItemScoreInput Input)>(StringComparer.Ordinal);
        items ??= [];
        for (var i = 0; i < items.Count; i++)
        {
            var code = items[i]?.Code?.Trim() ?? string.Empty;
            if (!checklist.Any(c => c.Code == code))
            {
                errors[$"items[{i}].code"] = ["No such line on the checklist."];
            }
            else if (!given.TryAdd(code, (i, items[i]!)))
            {
                errors[$"items[{i}].code"] = ["Score each line once."];
            }
        }

        var scores = new List<ItemScore>();
        foreach (var line in checklist)
        {
            if (!given.TryGetValue(line.Code, out var g))
            {
                errors["items"] = [$"Score every line of the checklist; '{line.Code}' is missing."];
                continue;
            }

            var points = g.Input.Points;
            var note = string.IsNullOrWhiteSpace(g.Input.Note) ? null : g.Input.Note.Trim();
            if (points is not { } p || p < 0 || p > line.MaxPoints || decimal.Round(p, 1) != p)
            {
                errors[$"items[{g.Index}].points"] = [$"Give 0 to {line.MaxPoints} points, in tenths."];
                continue;
            }

            if (p < line.MaxPoints && note is null)
            {
                errors[$"items[{g.Index}].note"] = ["Say why points were deducted: the agent reads it."];
            }

            scores.Add(new ItemScore(line.Code, line.Name, line.MaxPoints, p, note));
        }

        var reason = string.IsNullOrWhiteSpace(fatalReason) ? null : fatalReason.Trim();
        if (fatalError && reason is null)
        {
            errors["fatalReason"] = ["Name the fatal error."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        Items = scores;
        FatalError = fatalError;
        FatalReason = fatalError ? reason : null;
        Score = fatalError ? 0 : scores.Sum(s => s.Points);
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        State = InspectionState.Scored;
        ScoredAtUtc = nowUtc;
        ScoredByName = inspector.Name;
    }
}
