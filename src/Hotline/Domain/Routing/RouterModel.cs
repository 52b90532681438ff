namespace Hotline.Domain.Routing;

/// <summary>What a routing model predicts from a work order's text.</summary>
public enum RouterModelKind
{
    /// <summary>The unit that finally handled the order (labels are unit ids).</summary>
    Unit,

    /// <summary>The business category (labels are category codes).</summary>
    Category,
}

/// <summary>Cross-validated quality of a model, measured on its own training data before it was stored.</summary>
public sealed record RouterModelQuality(int Folds, int Examples, double MacroF1, double Accuracy, double Top3Accuracy);

/// <summary>
/// One stored version of a routing model: metadata here, the bytes (the <c>HLTC</c> format of
/// <see cref="Text.TextClassifier"/>) in <see cref="RouterModelBlob"/>, so listing versions never reads the weights.
/// At most one version per kind is active; every server node loads the active one in the background.
/// </summary>
public sealed class RouterModel
{
    private RouterModel()
    {
        TrainedBy = Settings = string.Empty;
    }

    public long Id { get; private set; }

    public RouterModelKind Kind { get; private set; }

    /// <summary>The version number: 1, 2, 3 … per kind.</summary>
    public int Number { get; private set; }

    public DateTime TrainedAtUtc { get; private set; }

    /// <summary>Who trained it: a user's name, "schedule" or "command line".</summary>
    public string TrainedBy { get; private set; }

    public int TrainingSize { get; private set; }

    /// <summary>The latest closing time among the training orders: with <see cref="TrainingSize"/>, what the data was.</summary>
    public DateTime? DataThroughUtc { get; private set; }

    /// <summary>The labels, in the model's order: unit ids (as text) or category codes.</summary>
    public List<string> Labels { get; private set; } = [];

    public int? CvFolds { get; private set; }

    public int? CvExamples { get; private set; }

    public double? CvMacroF1 { get; private set; }

    public double? CvAccuracy { get; private set; }

    public double? CvTop3Accuracy { get; private set; }

    /// <summary>Features and learner, as text (for people).</summary>
    public string Settings { get; private set; }

    public double TrainingSeconds { get; private set; }

    public int SizeBytes { get; private set; }

    public bool IsActive { get; private set; }

    public DateTime? ActivatedAtUtc { get; private set; }

    public string? ActivatedBy { get; private set; }

    /// <summary>Why the version was or was not activated when it was stored.</summary>
    public string? Note { get; private set; }

    public RouterModelQuality? Quality => CvFolds is { } folds
        ? new RouterModelQuality(folds, CvExamples ?? 0, CvMacroF1 ?? 0, CvAccuracy ?? 0, CvTop3Accuracy ?? 0)
        : null;

    public static RouterModel Create(
        RouterModelKind kind, int number, DateTime trainedAtUtc, string trainedBy, int trainingSize, DateTime? dataThroughUtc,
        IReadOnlyList<string> labels, RouterModelQuality? quality, string settings, double trainingSeconds, int sizeBytes) => new()
        {
            Kind = kind,
            Number = number,
            TrainedAtUtc = trainedAtUtc,
            TrainedBy = trainedBy,
            TrainingSize = trainingSize,
            DataThroughUtc = dataThroughUtc,
            Labels = [.. labels],
            CvFolds = quality?.Folds,
            CvExamples = quality?.Examples,
            CvMacroF1 = quality?.MacroF1,
            CvAccuracy = quality?.Accuracy,
            CvTop3Accuracy = quality?.Top3Accuracy,
            Settings = settings,
            TrainingSeconds = trainingSeconds,
            SizeBytes = sizeBytes,
        };

    public void Activate(DateTime nowUtc, string by, string? note = null)
    {
        IsActive = true;
        ActivatedAtUtc = nowUtc;
        ActivatedBy = by;
        if (note is not null)
        {
            Note = note;
        }
    }

    public void Deactivate() => IsActive = false;

    public void Annotate(string note) => Note = note;
}

/// <summary>The stored bytes of a <see cref="RouterModel"/>.</summary>
public sealed class RouterModelBlob
{
    private RouterModelBlob()
    {
        Content = [];
    }

    public RouterModelBlob(long modelId, byte[] content)
    {
        ModelId = modelId;
        Content = content;
    }

    public long ModelId { get; private set; }

    public byte[] Content { get; private set; }

    /// <summary>Replaces the bytes (tests corrupt a model this way; nothing in the product rewrites a stored model).</summary>
    public void Replace(byte[] content) => Content = content;
}
