namespace Hotline.Features.SmartDispatch;

/// <summary>Settings of the smart-dispatch services (configuration section <c>SmartDispatch</c>; README lists them).</summary>
public sealed class SmartDispatchOptions
{
    public const string Section = "SmartDispatch";

    /// <summary>How often each server node checks which model versions are active (and loads a new one in the background).</summary>
    public double ModelPollSeconds { get; set; } = 30;

    /// <summary>How often the scheduled retrain looks whether a new model is due; 0 turns the schedule off.</summary>
    public double RetrainCheckMinutes { get; set; } = 60;

    /// <summary>A model is retrained when it is older than this and orders closed since it was trained.</summary>
    public double RetrainDays { get; set; } = 7;

    /// <summary>Fewest labelled (closed, dispatched) orders before a model is trained at all.</summary>
    public int MinLabelledOrders { get; set; } = 30;

    /// <summary>Fewest orders a unit (or category) needs to become one of the model's labels.</summary>
    public int MinOrdersPerLabel { get; set; } = 3;

    /// <summary>Training reads at most this many of the most recently closed orders.</summary>
    public int MaxTrainingOrders { get; set; } = 200_000;

    /// <summary>Cross-validation of a new model runs on a stratified sample of at most this many orders.</summary>
    public int MaxCrossValidationOrders { get; set; } = 10_000;

    /// <summary>A scheduled model replaces the active one unless its cross-validated macro-F1 is lower by more than this.</summary>
    public double ActivationTolerance { get; set; } = 0.02;

    /// <summary>How often the followers (routing outcomes, repeat index) read new timeline entries; 0 stops them (benchmarks only).</summary>
    public double FollowMilliseconds { get; set; } = 1000;

    /// <summary>The hot-spot job's period; 0 turns the schedule off (it can still be run from the API).</summary>
    public double HotSpotMinutes { get; set; } = 60;

    /// <summary>Length of the current window (and of the previous one) of the hot-spot job.</summary>
    public double HotSpotWindowDays { get; set; } = 7;

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
