using Hotline.Text.HotSpots;

namespace Hotline.Domain.Analytics;

/// <summary>The period a hot-spot run looks at: the current window of that length ending at the run, against the one before.</summary>
public enum HotSpotPeriod
{
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

/// <summary>The two lists a run finds.</summary>
public enum HotSpotListKind
{
    /// <summary>Event hot spots: one entity or place and one matter.</summary>
    Events,

    /// <summary>Common problems (高频共性问题): one matter across many places.</summary>
    Common,
}

/// <summary>
/// Lengths and cadence of the periods. Day and week are computed on every run of the job; month every 6 hours; quarter
/// and year once a day (a longer window changes little within a day, and it reads the most orders). Early warnings follow
/// the week's event list only, so that one cluster raises one warning whatever the periods.
/// </summary>
public static class HotSpotPeriods
{
    /// <summary>The period whose event list raises and follows early warnings.</summary>
    public const HotSpotPeriod Warnings = HotSpotPeriod.Week;

    public static TimeSpan Length(this HotSpotPeriod period) => TimeSpan.FromDays(period switch
    {
        HotSpotPeriod.Day => 1,
        HotSpotPeriod.Week => 7,
        HotSpotPeriod.Month => 30,
        HotSpotPeriod.Quarter => 91,
        HotSpotPeriod.Year => 365,
        _ => throw new ArgumentOutOfRangeException(nameof(period)),
    });

    /// <summary>How old the period's latest run may be before the scheduled job computes it again.</summary>
    public static TimeSpan Cadence(this HotSpotPeriod period) => period switch
    {
        HotSpotPeriod.Day or HotSpotPeriod.Week => TimeSpan.Zero,
        HotSpotPeriod.Month => TimeSpan.FromHours(6),
        _ => TimeSpan.FromHours(24),
    };

    /// <summary>The period whose length is nearest to a span of days (a report's period picks its run this way).</summary>
    public static HotSpotPeriod Nearest(double days) =>
        Enum.GetValues<HotSpotPeriod>().OrderBy(p => Math.Abs(p.Length().TotalDays - days)).First();
}

/// <summary>One run of the hot-spot job for one period: the windows it looked at and what it found.</summary>
public sealed class HotSpotRun
{
    private HotSpotRun()
    {
    }

    public long Id { get; private set; }

    public HotSpotPeriod Period { get; private set; }

    public DateTime RanAtUtc { get; private set; }

    /// <summary>Start of the current window; it ends at <see cref="WindowToUtc"/>.</summary>
    public DateTime WindowFromUtc { get; private set; }

    public DateTime WindowToUtc { get; private set; }

    /// <summary>Start of the previous window (which ends where the current one starts).</summary>
    public DateTime PreviousFromUtc { get; private set; }

    /// <summary>When the centre's orders began, as the run saw it (its first order); null for runs before M0078.</summary>
    public DateTime? HistoryFromUtc { get; private set; }

    /// <summary>
    /// Whether the orders cover the previous window, so that the hot spots' growth and emerging mean something
    /// (<see cref="HotSpotDetector.Covers"/>); runs before M0078 compared.
    /// </summary>
    public bool Compared => HotSpotDetector.Covers(HistoryFromUtc is { } h ? Utc(h) : null, Utc(PreviousFromUtc));

    public int Orders { get; private set; }

    public int HotSpots { get; private set; }

    public int DurationMs { get; private set; }

    public static HotSpotRun Create(HotSpotPeriod period, DateTime ranAtUtc, DateTime windowFromUtc, DateTime windowToUtc, DateTime previousFromUtc, int orders, int hotSpots, int durationMs, DateTime? historyFromUtc = null) => new()
    {
        Period = period,
        RanAtUtc = ranAtUtc,
        WindowFromUtc = windowFromUtc,
        WindowToUtc = windowToUtc,
        PreviousFromUtc = previousFromUtc,
        HistoryFromUtc = historyFromUtc,
        Orders = orders,
        HotSpots = hotSpots,
        DurationMs = durationMs,
    };

    private static DateTimeOffset Utc(DateTime value) => new(value, TimeSpan.Zero);
}

/// <summary>
/// A cluster of similar orders found by a run — an event hot spot (one entity or place, one matter) or a common problem
/// (one matter across places, 高频共性问题): its size in the current window, growth against the previous one,
/// characteristic terms, member orders and the units concerned.
/// </summary>
public sealed class HotSpot
{
    private HotSpot()
    {
    }

    public long Id { get; private set; }

    public long RunId { get; private set; }

    public HotSpotListKind List { get; private set; }

    /// <summary>1 = largest of its run's list.</summary>
    public int Rank { get; private set; }

    /// <summary>The named thing an event is about (a compound, a company, a school…); null for an event of a place and for a common problem.</summary>
    public string? Entity { get; private set; }

    /// <summary>Distinct places or entities among the members (1 for an event).</summary>
    public int Places { get; private set; }

    /// <summary>Region code at street level (the first 9 digits), or null for orders without a region.</summary>
    public string? RegionCode { get; private set; }

    public string? PlaceName { get; private set; }

    public int Size { get; private set; }

    public int PreviousSize { get; private set; }

    public double? Growth { get; private set; }

    public bool Emerging { get; private set; }

    public DateTime FromUtc { get; private set; }

    public DateTime ToUtc { get; private set; }

    public List<string> Terms { get; private set; } = [];

    /// <summary>The orders of the current window, oldest first.</summary>
    public List<long> OrderIds { get; private set; } = [];

    /// <summary>The most frequent category among the members.</summary>
    public string? CategoryCode { get; private set; }

    /// <summary>The units concerned: the members' lead units, else the catalogue's or the territory's unit.</summary>
    public List<long> UnitIds { get; private set; } = [];

    public static HotSpot Create(long runId, HotSpotListKind list, int rank, string? entity, int places, string? regionCode, string? placeName, int size, int previousSize, double? growth, bool emerging,
        DateTime fromUtc, DateTime toUtc, IReadOnlyList<string> terms, IReadOnlyList<long> orderIds, string? categoryCode, IReadOnlyList<long> unitIds) => new()
        {
            RunId = runId,
            List = list,
            Rank = rank,
            Entity = entity,
            Places = places,
            RegionCode = regionCode,
            PlaceName = placeName,
            Size = size,
            PreviousSize = previousSize,
            Growth = growth,
            Emerging = emerging,
            FromUtc = fromUtc,
            ToUtc = toUtc,
            Terms = [.. terms],
            OrderIds = [.. orderIds],
            CategoryCode = categoryCode,
            UnitIds = [.. unitIds],
        };
}

/// <summary>What an early warning is about.</summary>
public enum EarlyWarningKind
{
    /// <summary>A large cluster of similar orders in one place (高频共性问题).</summary>
    HotSpot,

    /// <summary>A new cluster growing fast (苗头性诉求).</summary>
    EmergingIssue,

    /// <summary>What peaked in the coming month last year, sent a month ahead (未诉先办).</summary>
    Seasonal,
}

public enum EarlyWarningStatus
{
    Open,
    Acknowledged,
}

/// <summary>
/// An early warning (预警) for supervisors, centre managers and leaders, routed to the units concerned. A cluster keeps
/// one warning while it lasts (later runs update it); a seasonal reminder is one per month and category
/// (<see cref="Key"/> is unique, so the job can run any number of times).
/// </summary>
public sealed class EarlyWarning
{
    private EarlyWarning()
    {
        Key = Title = string.Empty;
    }

    public long Id { get; private set; }

    public EarlyWarningKind Kind { get; private set; }

    /// <summary>Identity of what the warning is about, e.g. "seasonal:2026-04:0801" or "cluster:990102001:1234".</summary>
    public string Key { get; private set; }

    public string Title { get; private set; }

    public string? Detail { get; private set; }

    public string? RegionCode { get; private set; }

    public string? PlaceName { get; private set; }

    public string? CategoryCode { get; private set; }

    public List<string> Terms { get; private set; } = [];

    public int Size { get; private set; }

    public int PreviousSize { get; private set; }

    public double? Growth { get; private set; }

    /// <summary>
    /// Whether the latest run behind the warning compared its window with the previous one: not when the centre's orders
    /// begin after the previous window starts (a centre's first fortnight), so that no growth is claimed. Seasonal
    /// reminders compare nothing and keep true.
    /// </summary>
    public bool Compared { get; private set; } = true;

    public List<long> OrderIds { get; private set; } = [];

    /// <summary>The latest hot spot behind the warning (clusters only).</summary>
    public long? HotSpotId { get; private set; }

    /// <summary>The month a seasonal reminder prepares for (its first day).</summary>
    public DateOnly? Month { get; private set; }

    public DateTime RaisedAtUtc { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public EarlyWarningStatus Status { get; private set; }

    public DateTime? AcknowledgedAtUtc { get; private set; }

    public string? AcknowledgedBy { get; private set; }

    public List<EarlyWarningUnit> Units { get; private set; } = [];

    public long Version { get; private set; }

    public static EarlyWarning ForCluster(EarlyWarningKind kind, string key, HotSpot spot, bool compared, Func<EarlyWarningKind, string> title, DateTime nowUtc,
        IEnumerable<EarlyWarningUnit> units)
    {
        var warning = new EarlyWarning { Kind = kind, Key = key, RaisedAtUtc = nowUtc, Status = EarlyWarningStatus.Open };
        warning.Follow(kind, spot, compared, title, nowUtc);
        warning.Units = [.. units];
        return warning;
    }

    public static EarlyWarning Seasonal(string key, DateOnly month, string categoryCode, string title, string detail, int lastYearCount, IReadOnlyList<string> terms,
        IReadOnlyList<long> orderIds, DateTime nowUtc, IEnumerable<EarlyWarningUnit> units) => new()
        {
            Kind = EarlyWarningKind.Seasonal,
            Key = key,
            Month = month,
            CategoryCode = categoryCode,
            Title = title,
            Detail = detail,
            Size = lastYearCount,
            Terms = [.. terms],
            OrderIds = [.. orderIds],
            RaisedAtUtc = nowUtc,
            UpdatedAtUtc = nowUtc,
            Status = EarlyWarningStatus.Open,
            Units = [.. units],
        };

    /// <summary>
    /// A later run found the cluster again: the warning follows it (and an emerging issue that grew becomes a hot spot).
    /// <paramref name="compared"/> is the run's: whether its previous window lies within the centre's history.
    /// </summary>
    public void Follow(EarlyWarningKind kind, HotSpot spot, bool compared, Func<EarlyWarningKind, string> title, DateTime nowUtc)
    {
        if (Kind == EarlyWarningKind.EmergingIssue && kind == EarlyWarningKind.HotSpot)
        {
            Kind = kind;
        }

        Title = title(Kind);
        RegionCode = spot.RegionCode;
        PlaceName = spot.PlaceName;
        CategoryCode = spot.CategoryCode;
        Terms = [.. spot.Terms];
        Size = spot.Size;
        PreviousSize = spot.PreviousSize;
        Growth = spot.Growth; // null when the run did not compare: the detector gives none then
        Compared = compared;
        OrderIds = [.. spot.OrderIds];
        HotSpotId = spot.Id;
        UpdatedAtUtc = nowUtc;
        Detail = !compared
            ? FormattableString.Invariant($"{spot.Size} orders in the current window; the centre's orders begin after the previous window starts, so it is not compared.")
            : spot.Growth is { } g
                ? FormattableString.Invariant($"{spot.Size} orders in the current window, {spot.PreviousSize} in the previous one (×{g:0.0}).")
                : FormattableString.Invariant($"{spot.Size} orders in the current window, none in the previous one.");
    }

    /// <summary>Adds units concerned that the warning does not route to yet; returns those added.</summary>
    public IReadOnlyList<EarlyWarningUnit> RouteAlsoTo(IEnumerable<EarlyWarningUnit> units)
    {
        var added = new List<EarlyWarningUnit>();
        foreach (var unit in units)
        {
            if (Units.All(u => u.UnitId != unit.UnitId))
            {
                Units.Add(unit);
                added.Add(unit);
            }
        }

        return added;
    }

    public void Acknowledge(DateTime nowUtc, string by)
    {
        if (Status == EarlyWarningStatus.Acknowledged)
        {
            throw new DomainException("early_warning.already_acknowledged", $"Acknowledged already by {AcknowledgedBy}.");
        }

        Status = EarlyWarningStatus.Acknowledged;
        AcknowledgedAtUtc = nowUtc;
        AcknowledgedBy = by;
    }
}

/// <summary>A unit an early warning is routed to; the path lets a unit's scope find the warnings for its subtree.</summary>
public sealed class EarlyWarningUnit
{
    private EarlyWarningUnit()
    {
        UnitPath = UnitName = string.Empty;
    }

    public EarlyWarningUnit(long unitId, string unitPath, string unitName)
    {
        UnitId = unitId;
        UnitPath = unitPath;
        UnitName = unitName;
    }

    public long WarningId { get; private set; }

    public long UnitId { get; private set; }

    public string UnitPath { get; private set; }

    public string UnitName { get; private set; }
}
