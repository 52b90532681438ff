namespace Hotline.Domain.Dispatch;

/// <summary>
/// One line of the dispatch catalogue (派单目录): requests of this category (and its sub-categories) from this region
/// (and the regions inside it; none = anywhere) go to this unit — "谁主管谁负责" and "属地管理优先" written down.
/// </summary>
public sealed class DispatchCatalogueEntry
{
    private DispatchCatalogueEntry()
    {
        CategoryCode = string.Empty;
    }

    public long Id { get; private set; }

    public string CategoryCode { get; private set; }

    public string? RegionCode { get; private set; }

    public long UnitId { get; private set; }

    public string? Note { get; private set; }

    public long Version { get; private set; }

    public static DispatchCatalogueEntry Create(string categoryCode, string? regionCode, long unitId, string? note) =>
        new() { CategoryCode = categoryCode, RegionCode = string.IsNullOrWhiteSpace(regionCode) ? null : regionCode.Trim(), UnitId = unitId, Note = note?.Trim() };

    public void Update(string categoryCode, string? regionCode, long unitId, string? note)
    {
        CategoryCode = categoryCode;
        RegionCode = string.IsNullOrWhiteSpace(regionCode) ? null : regionCode.Trim();
        UnitId = unitId;
        Note = note?.Trim();
    }

    /// <summary>
    /// How well this entry fits: null when it does not apply; otherwise longer category and region prefixes win,
    /// category first (the competent department), then territory.
    /// </summary>
    public int? Specificity(string categoryCode, string? regionCode)
    {
        if (!categoryCode.StartsWith(CategoryCode, StringComparison.Ordinal))
        {
            return null;
        }

        if (RegionCode is not null && (regionCode is null || !regionCode.StartsWith(RegionCode, StringComparison.Ordinal)))
        {
            return null;
        }

        return (CategoryCode.Length * 100) + (RegionCode?.Length ?? 0);
    }
}
