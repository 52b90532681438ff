using Hotline.Domain;
using Hotline.Domain.QualityInspection;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.QualityInspection;

/// <summary>A quality inspection as its readers see it; <c>checklist</c> is the lines to score (only on one inspection).</summary>
public sealed record InspectionDto(
    long Id, long WorkOrderId, string WorkOrderNumber, InspectionStage Stage, long AgentUserId, string AgentName, DateTime ContactAtUtc,
    string? RecordingId, DateTime DrawnAtUtc, string DrawnByName, InspectionState State, IReadOnlyList<ItemScore> Items, bool FatalError,
    string? FatalReason, decimal? Score, string? Comment, DateTime? ScoredAtUtc, string? ScoredByName, long Version,
    IReadOnlyList<ChecklistItem>? Checklist = null)
{
    public static InspectionDto From(Inspection i) => new(
        i.Id, i.WorkOrderId, i.WorkOrderNumber, i.Stage, i.AgentUserId, i.AgentName, i.ContactAtUtc, i.RecordingId, i.DrawnAtUtc, i.DrawnByName,
        i.State, i.Items, i.FatalError, i.FatalReason, i.Score, i.Comment, i.ScoredAtUtc, i.ScoredByName, i.Version);
}

/// <summary>Draw a sample: the contacts of one stage dated in the period (local dates, both included), up to <c>perAgent</c> per agent.</summary>
public sealed record DrawRequest(
    [property: MaxLength(Limits.Reference)] string? Stage, [property: MaxLength(Limits.Reference)] string? From, [property: MaxLength(Limits.Reference)] string? To, int? PerAgent);

/// <summary>The sample drawn: how many contacts, and the inspections made of them.</summary>
public sealed record DrawResult(int Drawn, IReadOnlyList<InspectionDto> Inspections);

/// <summary>One line's score.</summary>
public sealed record ItemScoreRequest([property: MaxLength(Checklist.CodeLength)] string? Code, decimal? Points, [property: MaxLength(Limits.Reason)] string? Note);

/// <summary>Score an inspection (or correct its score): every line of its checklist, a fatal error with its reason, a comment.</summary>
public sealed record ScoreRequest(
    [property: MaxLength(Checklist.MaxItems)] IReadOnlyList<ItemScoreRequest?>? Items, bool FatalError,
    [property: MaxLength(Limits.Reason)] string? FatalReason, [property: MaxLength(Limits.MediumText)] string? Comment, long Version);

/// <summary>One line of a new checklist.</summary>
public sealed record ChecklistItemRequest([property: MaxLength(Checklist.CodeLength)] string? Code, [property: MaxLength(Limits.ShortText)] string? Name, decimal MaxPoints);

/// <summary>A new version of a stage's checklist, whole.</summary>
public sealed record ChecklistRequest([property: MaxLength(Checklist.MaxItems)] IReadOnlyList<ChecklistItemRequest?>? Items);

/// <summary>A stage's checklist in force: its lines, when and by whom it was set (null: the defaults).</summary>
public sealed record ChecklistDto(InspectionStage Stage, IReadOnlyList<ChecklistItem> Items, DateTime? CreatedAtUtc, string? CreatedByName);
