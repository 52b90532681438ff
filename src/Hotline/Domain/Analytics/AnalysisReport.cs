using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Analytics;

/// <summary>
/// A saved analysis report (分析专报): its period and scope, its title and each section's text as a leader edited them.
/// The figures are not stored: they are read again for the period and scope whenever the report is shown or exported.
/// </summary>
public sealed class AnalysisReport
{
    /// <summary>Who writes and saves reports: the leaders and the centre manager (supervisors and units read the figures only).</summary>
    public static readonly IReadOnlySet<Role> Editors = new HashSet<Role> { Role.Leader, Role.CentreManager };

    /// <summary>Who reads the report's figures and saved reports on their scope: the dashboards' readers.</summary>
    public static readonly IReadOnlySet<Role> Readers = DashboardRules.ReaderRoles;

    private AnalysisReport()
    {
        Title = ScopePath = ScopeName = CreatedByName = SavedByName = string.Empty;
        VolumeText = CategoriesText = RegionsText = HotSpotsText = RatesText = RankingsText = InterviewsText = string.Empty;
    }

    public long Id { get; private set; }

    public string Title { get; private set; }

    public DateOnly PeriodFrom { get; private set; }

    public DateOnly PeriodTo { get; private set; }

    /// <summary>The unit whose subtree the report covers; null for the scope of its author (the platform for the centre).</summary>
    public long? ScopeUnitId { get; private set; }

    public string ScopePath { get; private set; }

    public string ScopeName { get; private set; }

    public string VolumeText { get; private set; }

    public string CategoriesText { get; private set; }

    public string RegionsText { get; private set; }

    public string HotSpotsText { get; private set; }

    public string RatesText { get; private set; }

    public string RankingsText { get; private set; }

    public string InterviewsText { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public string CreatedByName { get; private set; }

    public DateTime SavedAtUtc { get; private set; }

    public string SavedByName { get; private set; }

    public long Version { get; private set; }

    /// <summary>Each section's text by section.</summary>
    public IReadOnlyDictionary<ReportSection, string> Texts() => new Dictionary<ReportSection, string>
    {
        [ReportSection.Volume] = VolumeText,
        [ReportSection.Categories] = CategoriesText,
        [ReportSection.Regions] = RegionsText,
        [ReportSection.HotSpots] = HotSpotsText,
        [ReportSection.Rates] = RatesText,
        [ReportSection.Rankings] = RankingsText,
        [ReportSection.Interviews] = InterviewsText,
    };

    public static AnalysisReport Create(
        string? title, DateOnly from, DateOnly to, long? scopeUnitId, string scopePath, string scopeName, IReadOnlyDictionary<ReportSection, string?> texts, Actor actor, DateTime nowUtc)
    {
        var report = new AnalysisReport
        {
            PeriodFrom = from,
            PeriodTo = to,
            ScopeUnitId = scopeUnitId,
            ScopePath = scopePath,
            ScopeName = scopeName,
            CreatedAtUtc = nowUtc,
            CreatedByName = actor.Name,
        };
        report.Edit(title, texts, actor, nowUtc, isNew: true);
        return report;
    }

    /// <summary>Replaces the title and the texts (a section left out keeps its text; a new report needs every section).</summary>
    public void Edit(string? title, IReadOnlyDictionary<ReportSection, string?> texts, Actor actor, DateTime nowUtc) => Edit(title, texts, actor, nowUtc, isNew: false);

    private void Edit(string? title, IReadOnlyDictionary<ReportSection, string?> texts, Actor actor, DateTime nowUtc, bool isNew)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(title))
        {
            errors["title"] = ["Give the report a title."];
        }

        foreach (var section in Enum.GetValues<ReportSection>())
        {
            var text = texts.GetValueOrDefault(section);
            if (text is null && isNew)
            {
                errors[$"sections.{char.ToLowerInvariant(section.ToString()[0])}{section.ToString()[1..]}"] = ["Give the section's text (it may be empty)."];
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        Title = title!.Trim();
        foreach (var (section, text) in texts)
        {
            if (text is null)
            {
                continue;
            }

            var t = text.Trim();
            switch (section)
            {
                case ReportSection.Volume: VolumeText = t; break;
                case ReportSection.Categories: CategoriesText = t; break;
                case ReportSection.Regions: RegionsText = t; break;
                case ReportSection.HotSpots: HotSpotsText = t; break;
                case ReportSection.Rates: RatesText = t; break;
                case ReportSection.Rankings: RankingsText = t; break;
                case ReportSection.Interviews: InterviewsText = t; break;
                default: throw new ArgumentOutOfRangeException(nameof(texts));
            }
        }

        (SavedAtUtc, SavedByName) = (nowUtc, actor.Name);
    }
}
