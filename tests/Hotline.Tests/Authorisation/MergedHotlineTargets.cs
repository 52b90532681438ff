namespace Hotline.Tests.Authorisation;

/// <summary>S1 (热线归并): the merged numbers the matrix changes.</summary>
internal static class MergedHotlineTargets
{
    /// <summary>S1: a dual-running merged number of its own (a number is registered once), owned by a city department.</summary>
    public static readonly TargetKind MergedHotline = new("merged hotline", (w, _) => w.CreatedAsync("/api/merged-hotlines", new
    {
        number = $"9500{w.Next():D6}",
        name = "矩阵测试热线",
        ownerUnitId = w.UnitId("AL-ZJ"),
        ownerLevel = "cityDepartment",
        mode = "dualNumber",
        since = "2026-01-01",
        until = "2026-06-30",
    }));
}
