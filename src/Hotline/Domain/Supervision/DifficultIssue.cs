using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Supervision;

public enum DifficultIssueState
{
    Open,
    Resolved,
}

/// <summary>The editable facts of a key difficult issue.</summary>
public sealed record DifficultIssueContent(string? Title, string? Description, string? CategoryCode, string? RegionCode, IReadOnlyList<long>? WorkOrderIds);

/// <summary>
/// A key difficult issue (重点疑难事项, S8): a matter the supervisors keep in a store of their own, optionally on a unit
/// and linked to work orders, from which supervision notices are drawn ("difficult-issue" trigger). Seen by the
/// supervisors whose scope covers its unit, or, without a unit, the scope it was written in.
/// </summary>
public sealed class DifficultIssue
{
    /// <summary>The most work orders one issue links.</summary>
    public const int MaxOrders = 50;

    /// <summary>The trigger code of the notices drawn from the store.</summary>
    public const string Trigger = "difficult-issue";

    private DifficultIssue()
    {
        Title = Description = ScopePath = CreatedByName = string.Empty;
    }

    public long Id { get; private set; }

    public string Title { get; private set; }

    public string Description { get; private set; }

    public string? CategoryCode { get; private set; }

    public string? RegionCode { get; private set; }

    public long? UnitId { get; private set; }

    public string? UnitName { get; private set; }

    public string? UnitPath { get; private set; }

    /// <summary>Where the issue belongs for scopes: its unit's path, or the writer's scope.</summary>
    public string ScopePath { get; private set; }

    public List<long> WorkOrderIds { get; private set; } = [];

    public DifficultIssueState State { get; private set; }

    public string? Resolution { get; private set; }

    public DateTime? ResolvedAtUtc { get; private set; }

    public long CreatedById { get; private set; }

    public string CreatedByName { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public long Version { get; private set; }

    public static DifficultIssue Create(DifficultIssueContent content, Unit? unit, Actor supervisor, DateTime nowUtc)
    {
        var issue = new DifficultIssue { CreatedById = supervisor.UserId, CreatedByName = supervisor.Name, CreatedAtUtc = nowUtc, State = DifficultIssueState.Open };
        issue.Apply(content, unit, supervisor);
        return issue;
    }

    public void Edit(DifficultIssueContent content, Unit? unit, Actor supervisor)
    {
        RequireSupervisor(supervisor);
        RequireOpen();
        Apply(content, unit, supervisor);
    }

    public void Resolve(Actor supervisor, string? resolution, DateTime nowUtc)
    {
        RequireSupervisor(supervisor);
        RequireOpen();
        if (string.IsNullOrWhiteSpace(resolution))
        {
            throw ValidationException.For("resolution", "Say how the issue was resolved.");
        }

        State = DifficultIssueState.Resolved;
        Resolution = resolution.Trim();
        ResolvedAtUtc = nowUtc;
    }

    /// <summary>Checks that a notice may be drawn from the issue by <paramref name="supervisor"/>.</summary>
    public void EnsureCanOpenNotice(Actor supervisor)
    {
        RequireSupervisor(supervisor);
        RequireOpen();
        if (UnitId is null && WorkOrderIds.Count == 0)
        {
            throw ValidationException.For("unitId", "Name the unit or link work orders before opening a notice.");
        }
    }

    private void Apply(DifficultIssueContent content, Unit? unit, Actor supervisor)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(content.Title))
        {
            errors["title"] = ["Give the issue a title."];
        }

        if (string.IsNullOrWhiteSpace(content.Description))
        {
            errors["description"] = ["Describe the issue."];
        }

        var orders = (content.WorkOrderIds ?? []).Distinct().ToList();
        if (orders.Count > MaxOrders)
        {
            errors["workOrderIds"] = [$"Link at most {MaxOrders} work orders."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        if (!supervisor.IsCentre || (unit is not null && !supervisor.Scope.Covers(unit.Path)))
        {
            throw new ForbiddenException("issue_outside_scope", "The unit is outside your scope.");
        }

        Title = content.Title!.Trim();
        Description = content.Description!.Trim();
        CategoryCode = string.IsNullOrWhiteSpace(content.CategoryCode) ? null : content.CategoryCode.Trim();
        RegionCode = string.IsNullOrWhiteSpace(content.RegionCode) ? null : content.RegionCode.Trim();
        UnitId = unit?.Id;
        UnitName = unit?.Name;
        UnitPath = unit?.Path;
        ScopePath = unit?.Path ?? supervisor.Scope.Path;
        WorkOrderIds = orders;
    }

    private void RequireOpen()
    {
        if (State != DifficultIssueState.Open)
        {
            throw new DomainException("issue_resolved", "The issue is resolved.");
        }
    }

    private void RequireSupervisor(Actor actor)
    {
        if (!actor.IsCentre || !actor.Scope.Covers(ScopePath))
        {
            throw new ForbiddenException("supervision_centre_only", "Only the hotline centre's supervisors keep the difficult issues.");
        }
    }
}
