namespace Hotline.Features.Analytics;

/// <summary>Settings of hot spots, early warnings and seasonal reminders (configuration section <c>SmartDispatch</c>; README lists them).</summary>
public sealed class AnalyticsOptions
{
    /// <summary>The configuration section; it keeps its name from when routing, repeats and hot spots were one module.</summary>
    public const string Section = "SmartDispatch";

    /// <summary>The hot-spot job's period; 0 turns the schedule off (it can still be run from the API).</summary>
    public double HotSpotMinutes { get; set; } = 60;

    /// <summary>Fewest orders in the current window for a cluster to be stored as a hot spot.</summary>
    public int HotSpotMinSize { get; set; } = 3;

    /// <summary>A hot spot of at least this many orders raises a hot-spot warning.</summary>
    public int HotSpotAlertSize { get; set; } = 10;

    /// <summary>An emerging cluster (new, or grown ≥ 2×) of at least this many orders raises an emerging-issue warning.</summary>
    public int EmergingAlertSize { get; set; } = 5;

    /// <summary>Hot spots stored per run (largest first).</summary>
    public int HotSpotsStored { get; set; } = 200;

    /// <summary>Runs (and their hot spots) are kept this long.</summary>
    public double HotSpotRetainDays { get; set; } = 30;

    /// <summary>A category peaked in a month when it had at least this many orders …</summary>
    public int SeasonalMinOrders { get; set; } = 10;

    /// <summary>… and at least this many times its monthly mean over the twelve months up to it.</summary>
    public double SeasonalPeakRatio { get; set; } = 1.5;
}
