namespace Hotline.Text;

/// <summary>One training example: a text and the label (unit or category) it belongs to.</summary>
public readonly record struct LabelledText(string Text, string Label);

/// <summary>One suggestion: a label and the model's confidence in it (0..1; the confidences of all labels sum to 1).</summary>
public readonly record struct LabelScore(string Label, double Confidence);

/// <summary>Everything that decides how a classifier is trained. The defaults are the settings chosen by measurement.</summary>
public sealed record TextClassifierOptions
{
    /// <summary>
    /// Character 1–2-grams. Adding dictionary words (<see cref="NGramSettings.WordOrder"/>) was measured in issue 19 and
    /// changed macro-F1 by less than the fold noise at half the speed (docs/decisions.md "Issue 19 — routing").
    /// </summary>
    public NGramSettings Features { get; init; } = new();

    public TrainerSettings Trainer { get; init; } = new();

    /// <summary>
    /// The nearest-neighbour vote blended with the linear model, or null: the linear model alone (the default). Issue 19
    /// measured the vote at +1 point of macro-F1 by CV on the tuning part of real text but −0.7 on the held-out part, so it
    /// is an option, not the default (docs/decisions.md "Issue 19 — routing to 0.93").
    /// </summary>
    public NeighbourSettings? Neighbours { get; init; }

    /// <summary>
    /// Confidence = softmax(scale × score). Logistic regression's scores are log-odds already (scale 1); an SVM's margins
    /// need stretching, by a factor measured for the lowest held-out log loss. Null: the algorithm's measured default.
    /// </summary>
    public double? ScoreScale { get; init; }

    public static double DefaultScoreScale(LinearAlgorithm algorithm) => algorithm switch
    {
        LinearAlgorithm.LinearSvm => 5.0,
        LinearAlgorithm.NaiveBayesSvm => 5.0,
        LinearAlgorithm.LinearSvmHinge => 5.0,
        LinearAlgorithm.LogisticRegression => 1.0,
        LinearAlgorithm.ComplementNaiveBayes => 1.0,
        LinearAlgorithm.AveragedPerceptron => 1.0,
        LinearAlgorithm.FastText => 1.0,
    };
}

/// <summary>
/// A text classifier: hashed character n-grams with TF-IDF weights (<see cref="TextVectorizer"/>) and a linear model
/// (<see cref="LinearModel"/>). Routing suggestions use it with unit or category labels. Training is deterministic
/// given the data, the options and the seed; <see cref="Save"/> and <see cref="Load"/> use a versioned binary format
/// with a checksum (see <see cref="FormatVersion"/>).
/// </summary>
public sealed partial class TextClassifier
{
    /// <summary>
    /// The newest format version this build reads and writes. Version 2 adds the word n-gram order, version 3 the stored
    /// neighbours (both issue 19); a model without them is still written as version 1 (or 2), byte for byte as before, so
    /// older builds keep reading it.
    /// </summary>
    public const ushort FormatVersion = 3;

    /// <summary>
    /// The most weights a model may have (2^25 floats, 128 MiB): with many labels (hundreds of units) the hash space
    /// shrinks so that buckets × labels stays under it.
    /// </summary>
    public const long MaxWeights = 1L << 25;

    private readonly string[] _labels;

    private TextClassifier(string[] labels, TextVectorizer vectorizer, LinearModel model, TrainerSettings trainer, float scoreScale, int examples, NearestNeighbours? neighbours)
    {
        Neighbours = neighbours;
        _labels = labels;
        Vectorizer = vectorizer;
        Model = model;
        Trainer = trainer;
        ScoreScale = scoreScale;
        Examples = examples;
    }

    /// <summary>The labels, in ordinal order.</summary>
    public IReadOnlyList<string> Labels => _labels;

    public TextVectorizer Vectorizer { get; }

    public LinearModel Model { get; }

    public TrainerSettings Trainer { get; }

    public float ScoreScale { get; }

    /// <summary>The stored training texts whose vote is blended in, or null (a linear model alone).</summary>
    public NearestNeighbours? Neighbours { get; }

    /// <summary>How many examples it was trained on.</summary>
    public int Examples { get; }

    public static TextClassifier Train(IReadOnlyList<LabelledText> examples, TextClassifierOptions? options = null)
    {
        options ??= new TextClassifierOptions();
        if (examples.Count == 0)
        {
            throw new ArgumentException("Training needs at least one example.", nameof(examples));
        }

        var labels = examples.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (labels.Length < 2)
        {
            throw new ArgumentException("Training needs at least two different labels.", nameof(examples));
        }

        var labelIndex = labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i, StringComparer.Ordinal);
        var features = options.Features;
        while (features.HashBits > 12 && (long)features.Dimensions * labels.Length > MaxWeights)
        {
            features = features with { HashBits = features.HashBits - 1 };
        }

        var texts = examples.Select(e => e.Text).ToArray();
        var (vectorizer, vectors) = TextVectorizer.FitTransform(texts, features);
        var y = examples.Select(e => labelIndex[e.Label]).ToArray();
        var model = LinearModel.Train(vectors, y, labels.Length, features.Dimensions, options.Trainer);
        var scale = (float)(options.ScoreScale ?? TextClassifierOptions.DefaultScoreScale(options.Trainer.Algorithm));
        var neighbours = options.Neighbours is { } n
            ? new NearestNeighbours(n, features.Dimensions, vectors.Take(n.MaxStored).ToArray(), y.Take(n.MaxStored).ToArray())
            : null;
        return new TextClassifier(labels, vectorizer, model, options.Trainer, scale, examples.Count, neighbours);
    }

    /// <summary>The <paramref name="k"/> most likely labels, most likely first (ties in label order).</summary>
    public IReadOnlyList<LabelScore> Predict(string? text, int k = 3)
    {
        Span<float> probabilities = stackalloc float[_labels.Length];
        Probabilities(Vectorizer.Transform(text), probabilities);
        return TopK(probabilities, k);
    }

    /// <summary>The probability of every label (in <see cref="Labels"/> order) for a vector of this model's vectorizer.</summary>
    public void Probabilities(SparseVector vector, Span<float> probabilities)
    {
        Model.Score(vector, probabilities);
        for (var c = 0; c < probabilities.Length; c++)
        {
            probabilities[c] *= ScoreScale;
        }

        LogisticRegressionTrainer.Softmax(probabilities);
        Neighbours?.Blend(vector, probabilities);
    }

    private LabelScore[] TopK(ReadOnlySpan<float> probabilities, int k)
    {
        k = Math.Clamp(k, 0, _labels.Length);
        var order = new int[_labels.Length];
        for (var c = 0; c < order.Length; c++)
        {
            order[c] = c;
        }

        var copy = probabilities.ToArray();
        Array.Sort(order, (a, b) => copy[b] != copy[a] ? copy[b].CompareTo(copy[a]) : a.CompareTo(b));
        var result = new LabelScore[k];
        for (var i = 0; i < k; i++)
        {
            result[i] = new LabelScore(_labels[order[i]], copy[order[i]]);
        }

        return result;
    }
}
