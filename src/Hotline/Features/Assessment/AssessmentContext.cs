using Hotline.Domain.Assessment;
using Hotline.Domain.Calendar;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Assessment;

/// <summary>
/// Table <c>assessment_rule_versions</c>: one version of <see cref="AssessmentRules"/>, in force from its day until the next
/// version's. Old versions are kept; a new one is added, never an edit.
/// </summary>
public sealed class AssessmentRuleVersion
{
    public long Id { get; set; }

    public DateOnly EffectiveFrom { get; set; }

    public int ResponseWeight { get; set; }

    public int SolveWeight { get; set; }

    public int SatisfactionWeight { get; set; }

    public bool ExcludeInvalid { get; set; }

    public bool ExcludeDuplicate { get; set; }

    public bool ExcludeUnreasonable { get; set; }

    public bool ExcludeExempt { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedByName { get; set; } = string.Empty;

    public AssessmentRules Rules => new(EffectiveFrom, ResponseWeight, SolveWeight, SatisfactionWeight, ExcludeInvalid, ExcludeDuplicate, ExcludeUnreasonable, ExcludeExempt);
}

/// <summary>What computing an order's facts needs besides the order: the rule versions (their exclusion switches).</summary>
public sealed class AssessmentContext
{
    private readonly IReadOnlyList<AssessmentRules> _versions;

    private AssessmentContext(IReadOnlyList<AssessmentRules> versions) => _versions = versions;

    public static async Task<AssessmentContext> LoadAsync(HotlineDbContext db, CancellationToken ct) => new(await LoadRulesAsync(db, ct));

    public static async Task<IReadOnlyList<AssessmentRules>> LoadRulesAsync(HotlineDbContext db, CancellationToken ct) =>
        (await db.Set<AssessmentRuleVersion>().AsNoTracking().ToListAsync(ct)).Select(v => v.Rules).ToList();

    /// <summary>The exclusion switches an order is computed with: the version in force on the day it is counted in.</summary>
    public AssessmentRules RulesFor(WorkOrder order) =>
        AssessmentRules.InForce(_versions, ChinaTime.LocalDate(new DateTimeOffset(order.RegisteredAtUtc, TimeSpan.Zero)));
}
