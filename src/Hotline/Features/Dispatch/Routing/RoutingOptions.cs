namespace Hotline.Features.Dispatch.Routing;

/// <summary>Settings of routing models and suggestions (configuration section <c>SmartDispatch</c>; README lists them).</summary>
public sealed class RoutingOptions
{
    /// <summary>The configuration section; it keeps its name from when routing, repeats and hot spots were one module.</summary>
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
}
