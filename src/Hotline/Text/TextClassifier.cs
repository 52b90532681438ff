using System.IO.Hashing;
using System.Text;

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
    };
}

/// <summary>
/// A text classifier: hashed character n-grams with TF-IDF weights (<see cref="TextVectorizer"/>) and a linear model
/// (<see cref="LinearModel"/>). Routing suggestions use it with unit or category labels. Training is deterministic
/// given the data, the options and the seed; <see cref="Save"/> and <see cref="Load"/> use a versioned binary format
/// with a checksum (see <see cref="FormatVersion"/>).
/// </summary>
public sealed class TextClassifier
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

    private static readonly byte[] Magic = "HLTC"u8.ToArray();
    private const long MaxPayload = 1L << 30;

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

    /// <summary>
    /// Writes the model: "HLTC", format version (uint16), reserved (uint16), payload length (int64), CRC-32 of the payload
    /// (uint32), then the payload — settings, labels, idf table (a default and the buckets that differ), bias, and the
    /// non-zero weight rows. Little-endian throughout.
    /// </summary>
    public void Save(Stream stream)
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            WritePayload(writer);
        }

        var bytes = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        using var header = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        header.Write(Magic);
        header.Write(WrittenVersion);
        header.Write((ushort)0);
        header.Write((long)bytes.Length);
        header.Write(Crc32.HashToUInt32(bytes));
        header.Write(bytes);
        header.Flush();
    }

    /// <summary>The format version <see cref="Save(Stream)"/> writes: 1 unless the model needs a newer one.</summary>
    public ushort WrittenVersion => Neighbours is not null ? (ushort)3 : Vectorizer.Settings.WordOrder > 0 ? (ushort)2 : (ushort)1;

    public static TextClassifier Load(Stream stream)
    {
        try
        {
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            var magic = reader.ReadBytes(4);
            if (!magic.AsSpan().SequenceEqual(Magic))
            {
                throw new ModelFormatException("Not a Hotline text-classifier model (the file does not start with HLTC).");
            }

            var version = reader.ReadUInt16();
            if (version is 0 or > FormatVersion)
            {
                throw new ModelFormatException($"The model has format version {version}; this build reads versions 1 to {FormatVersion}.");
            }

            reader.ReadUInt16();
            var length = reader.ReadInt64();
            var checksum = reader.ReadUInt32();
            if (length is < 0 or > MaxPayload)
            {
                throw new ModelFormatException("The model is corrupt (impossible payload length).");
            }

            var bytes = reader.ReadBytes((int)length);
            if (bytes.Length != length)
            {
                throw new ModelFormatException($"The model is truncated ({bytes.Length:N0} of {length:N0} payload bytes).");
            }

            if (Crc32.HashToUInt32(bytes) != checksum)
            {
                throw new ModelFormatException("The model is corrupt (checksum mismatch).");
            }

            using var payload = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            return ReadPayload(payload, version);
        }
        catch (EndOfStreamException e)
        {
            throw new ModelFormatException("The model is truncated.", e);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or OverflowException or DecoderFallbackException)
        {
            throw new ModelFormatException($"The model is corrupt ({e.Message}).", e);
        }
    }

    public void Save(string path)
    {
        var temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        {
            Save(file);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static TextClassifier Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No model file at {Path.GetFullPath(path)}.", path);
        }

        using var file = File.OpenRead(path);
        return Load(file);
    }

    private void WritePayload(BinaryWriter writer)
    {
        var features = Vectorizer.Settings;
        writer.Write((byte)features.MinOrder);
        writer.Write((byte)features.MaxOrder);
        writer.Write((byte)features.HashBits);
        writer.Write((byte)((features.SublinearTf ? 1 : 0) | (features.UseIdf ? 2 : 0) | (features.StripBoilerplate ? 4 : 0) | (features.FoldDigits ? 8 : 0)));
        writer.Write((byte)features.HeadTokens);
        if (WrittenVersion >= 2)
        {
            writer.Write((byte)features.WordOrder);
        }

        writer.Write((byte)Trainer.Algorithm);
        writer.Write(Trainer.Regularization);
        writer.Write(Trainer.Epochs);
        writer.Write(Trainer.LearningRate);
        writer.Write(Trainer.BalanceClasses);
        writer.Write(Trainer.Seed);
        writer.Write(Examples);
        writer.Write(ScoreScale);
        writer.Write(_labels.Length);
        foreach (var label in _labels)
        {
            writer.Write(label);
        }

        if (Vectorizer.Idf is { } idf)
        {
            var common = idf.GroupBy(v => v).MaxBy(g => g.Count())!.Key;
            writer.Write(common);
            var differing = Enumerable.Range(0, idf.Length).Where(i => idf[i] != common).ToArray();
            writer.Write(differing.Length);
            foreach (var i in differing)
            {
                writer.Write(i);
                writer.Write(idf[i]);
            }
        }

        var classes = Model.Classes;
        foreach (var b in Model.Bias)
        {
            writer.Write(b);
        }

        var weights = Model.Weights;
        var rows = Enumerable.Range(0, Model.Dimensions).Where(f => weights.AsSpan(f * classes, classes).ContainsAnyExcept(0f)).ToArray();
        writer.Write(rows.Length);
        foreach (var f in rows)
        {
            writer.Write(f);
            for (var c = 0; c < classes; c++)
            {
                writer.Write(weights[(f * classes) + c]);
            }
        }

        if (WrittenVersion >= 3)
        {
            writer.Write(Neighbours is not null);
            Neighbours?.Write(writer);
        }
    }

    private static TextClassifier ReadPayload(BinaryReader reader, ushort version)
    {
        var minOrder = reader.ReadByte();
        var maxOrder = reader.ReadByte();
        var hashBits = reader.ReadByte();
        var flags = reader.ReadByte();
        var headTokens = reader.ReadByte();
        var wordOrder = version >= 2 ? reader.ReadByte() : 0;
        var features = new NGramSettings(minOrder, maxOrder, hashBits, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0, headTokens, wordOrder);
        features.Validate();
        if (features.WordOrder > 0)
        {
            // Word features need jieba's dictionary: without it the model cannot classify, so it is unusable here (the
            // server then answers from the dispatch catalogue). Loading it now keeps its cost off the first request.
            if (!WordSegmenter.IsAvailable)
            {
                throw new ModelFormatException($"The model uses word features, but the word dictionary is missing ({WordSegmenter.DefaultDictionaryPath}).");
            }

            _ = WordSegmenter.Default;
        }

        var algorithm = (LinearAlgorithm)reader.ReadByte();
        if (!Enum.IsDefined(algorithm))
        {
            throw new ModelFormatException($"The model names an unknown algorithm ({(int)algorithm}).");
        }

        var trainer = new TrainerSettings(algorithm, reader.ReadDouble(), reader.ReadInt32(), reader.ReadDouble(), reader.ReadBoolean(), reader.ReadInt32());
        var examples = reader.ReadInt32();
        var scale = reader.ReadSingle();
        var classes = reader.ReadInt32();
        if (classes is < 2 or > 100_000)
        {
            throw new ModelFormatException($"The model is corrupt (impossible label count {classes}).");
        }

        var labels = new string[classes];
        for (var c = 0; c < classes; c++)
        {
            labels[c] = reader.ReadString();
        }

        var dimensions = features.Dimensions;
        float[]? idf = null;
        if (features.UseIdf)
        {
            idf = new float[dimensions];
            Array.Fill(idf, reader.ReadSingle());
            var differing = reader.ReadInt32();
            for (var k = 0; k < differing; k++)
            {
                idf[CheckedIndex(reader.ReadInt32(), dimensions)] = reader.ReadSingle();
            }
        }

        var bias = new float[classes];
        for (var c = 0; c < classes; c++)
        {
            bias[c] = reader.ReadSingle();
        }

        var weights = new float[(long)classes * dimensions];
        var rows = reader.ReadInt32();
        for (var r = 0; r < rows; r++)
        {
            var f = CheckedIndex(reader.ReadInt32(), dimensions);
            for (var c = 0; c < classes; c++)
            {
                weights[(f * classes) + c] = reader.ReadSingle();
            }
        }

        var neighbours = version >= 3 && reader.ReadBoolean() ? NearestNeighbours.Read(reader, dimensions, classes) : null;
        if (reader.BaseStream.Position != reader.BaseStream.Length)
        {
            throw new ModelFormatException("The model is corrupt (unexpected bytes after the weights).");
        }

        return new TextClassifier(labels, TextVectorizer.Restore(features, idf), new LinearModel(classes, dimensions, weights, bias), trainer, scale, examples, neighbours);
    }

    private static int CheckedIndex(int index, int dimensions) =>
        index >= 0 && index < dimensions ? index : throw new ModelFormatException($"The model is corrupt (bucket {index} outside 0..{dimensions - 1}).");
}
