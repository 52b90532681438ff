using System.Diagnostics;
using System.Globalization;
using Hotline.Text;
using JiebaNet.Segmenter;

namespace Hotline.Bench.SmartDispatch;

/// <summary>
/// Issue 19: characters, words and both for routing. Every candidate is compared by stratified 5-fold CV on the tuning
/// 80 % of gov-messages (the split and seeds of router-quality); ensembles average the out-of-fold probabilities of two
/// candidates. The chosen settings (the product's defaults, <see cref="TextClassifierOptions"/>) are then trained on the
/// tuning part and scored once on the held-out 20 %. ML.NET's trainers are in <see cref="MlNetCandidates"/>.
/// </summary>
public sealed class RouterWordsBenchmark : IBenchmark
{
    private static readonly double[] Temperatures = [1, 2, 3, 4, 5, 6, 8, 10, 15, 20];

    public string Name => "router-words";

    public string Description => "routing: chars vs words (jieba) vs both, ML.NET trainers, ensembles; 5-fold CV on the tuning 80 %, then the held-out 20 % once (--only <substring>, --mlnet 0|1, --holdout 0|1, --offsets 0|1)";

    public Task<int> RunAsync(BenchContext context)
    {
        var folds = context.GetInt("folds", 5);
        var only = context.Get("only", string.Empty);
        var all = Datasets.Messages(context);
        var (tuning, holdout) = Datasets.Split(all, 20260101);
        var labels = tuning.Select(t => t.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var truth = tuning.Select(t => t.Label).ToArray();
        Console.WriteLine(Measure.Header($"Routing: characters, words and both ({tuning.Count:N0} tuning texts, {folds}-fold CV)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Load average at the start: {File.ReadAllText("/proc/loadavg").Trim()}\n"));

        var chars = new NGramSettings();
        var svm = new TrainerSettings();
        var candidates = new List<(string Name, Func<IReadOnlyList<LabelledText>, string[], Func<string, float[]>> Train)>
        {
            ("chars 1-2 (issue 6)", (t, l) => Own(t, chars, svm)),
            ("words 1 (own segmenter, jieba dict)", (t, l) => Own(t, chars with { MinOrder = 0, MaxOrder = 0, WordOrder = 1 }, svm)),
            ("words 1-2 (own segmenter)", (t, l) => Own(t, chars with { MinOrder = 0, MaxOrder = 0, WordOrder = 2 }, svm)),
            ("chars 1-2 + words 1", (t, l) => Own(t, chars with { WordOrder = 1 }, svm)),
            ("chars 1-2 + words 1-2", (t, l) => Own(t, chars with { WordOrder = 2 }, svm)),
            ("chars 1-2 + words 1-2, 2^20", (t, l) => Own(t, chars with { WordOrder = 2, HashBits = 20 }, svm)),
            ("chars 1-2 + words 1-2, C=0.5", (t, l) => Own(t, chars with { WordOrder = 2 }, svm with { Regularization = 0.5 })),
            ("chars 1-2 + words 1-2, C=2", (t, l) => Own(t, chars with { WordOrder = 2 }, svm with { Regularization = 2 })),
            ("chars 1-3 + words 1-2", (t, l) => Own(t, chars with { MaxOrder = 3, WordOrder = 2 }, svm)),
            ("chars 2 + words 1-2", (t, l) => Own(t, chars with { MinOrder = 2, WordOrder = 2 }, svm)),
            ("chars 1-2 + words 1-2, raw tf", (t, l) => Own(t, chars with { WordOrder = 2, SublinearTf = false }, svm)),
            ("chars 1-2 + words 1-2, logistic", (t, l) => Own(t, chars with { WordOrder = 2 }, new TrainerSettings(LinearAlgorithm.LogisticRegression, 1e-5, 10))),
            ("chars 1-2 + words 1-2, nbsvm C=0.3", (t, l) => Own(t, chars with { WordOrder = 2 }, new TrainerSettings(LinearAlgorithm.NaiveBayesSvm, 0.3))),
            ("words 1 (jieba.NET, HMM)", (t, l) => Hashed(t, l, text => JiebaWords(text, 1), svm)),
            ("words 1-2 (jieba.NET, HMM)", (t, l) => Hashed(t, l, text => JiebaWords(text, 2), svm)),
            ("chars 1-2 + words 1-2 (jieba.NET, HMM)", (t, l) => Hashed(t, l, text => CharsPlusJieba(text, chars), svm)),
        };
        var subjects = Datasets.Messages(context, "subjects.tsv");
        var guard = new SubjectGuard(all, subjects);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"subjects.tsv: {subjects.Count:N0} lines; {guard.Matched:N0} look like the subject of one of the {all.Count:N0} messages (≥ {SubjectGuard.Threshold:0.0} of their character bigrams in it).\n"));
        candidates.Add(("chars 1-2 + subject lines (leak-guarded)", (t, l) => Own([.. t, .. guard.SafeFor(t)], chars, svm)));
        candidates.Add(("chars 1-2 + words 1 + subject lines (leak-guarded)", (t, l) => Own([.. t, .. guard.SafeFor(t)], chars with { WordOrder = 1 }, svm)));
        if (context.GetInt("mlnet", 1) == 1)
        {
            candidates.AddRange(MlNetCandidates.All(chars with { WordOrder = 2 }));
        }

        candidates = candidates.Where(c => only.Length == 0 || c.Name.Contains(only, StringComparison.OrdinalIgnoreCase) || c.Name.StartsWith("chars 1-2 (issue 6)", StringComparison.Ordinal)).ToList();
        var foldOf = CrossValidation.StratifiedFolds(truth, folds, 7);
        var probabilities = new List<float[][]>();
        Console.WriteLine("| candidate (5-fold CV on the tuning 80 %) | macro-F1 | Δ vs chars (mean ± sd over folds) | accuracy | top-3 | log loss | scale | train s/fold |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        double[]? baseline = null;
        foreach (var (name, train) in candidates)
        {
            var watch = Stopwatch.StartNew();
            var raw = OutOfFold(tuning, labels, foldOf, folds, train);
            var seconds = watch.Elapsed.TotalSeconds / folds;
            var scale = Temperatures.MinBy(s => ClassificationReport.Compute(labels, truth, CrossValidation.ToProbabilities(raw, s)).LogLoss);
            var p = CrossValidation.ToProbabilities(raw, scale);
            probabilities.Add(p);
            Print(name, p, scale, seconds);
            if (context.GetInt("offsets", 0) == 1)
            {
                Print($"{name}, + per-label offsets for macro-F1 (nested)", NestedOffsets(p), double.NaN, double.NaN);
            }
        }

        // Ensembles: the mean of two candidates' calibrated probabilities.
        var pairs = new[] { ("chars 1-2 (issue 6)", "words 1-2 (own segmenter)"), ("chars 1-2 (issue 6)", "words 1 (own segmenter, jieba dict)"), ("chars 1-2 + words 1-2", "chars 1-2 (issue 6)"), ("chars 1-2 + words 1-2", "ML.NET SdcaMaximumEntropy over chars 1-2 + words 1-2"), ("chars 1-2 (issue 6)", "words 1-2 (jieba.NET, HMM)") };
        foreach (var (a, b) in pairs)
        {
            var ia = candidates.FindIndex(c => c.Name == a);
            var ib = candidates.FindIndex(c => c.Name == b);
            if (ia < 0 || ib < 0)
            {
                continue;
            }

            var mean = probabilities[ia].Select((pa, i) => pa.Select((v, c) => (v + probabilities[ib][i][c]) / 2).ToArray()).ToArray();
            Print($"ensemble: mean of ({a}) and ({b})", mean, double.NaN, double.NaN);
        }

        if (context.GetInt("holdout", 1) == 1)
        {
            // Chosen by the CV above, before the held-out part was read: the product's features (chars 1-2 + words 1) on
            // the tuning messages, and the same with the subject lines that cannot head a held-out message.
            var chosen = new TextClassifierOptions();
            var truthHeld = holdout.Select(h => h.Label).ToArray();
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Chosen settings (the product's defaults: {chosen.Features}; {chosen.Trainer}), held-out 20 % ({holdout.Count:N0}) scored once:\n"));
            Console.WriteLine("| trained on | macro-F1 (held-out) | accuracy | top-3 | log loss | training s | model MiB |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            ClassificationReport? last = null;
            foreach (var (name, training) in new[] { ("tuning 80 % (issue-6 features: chars 1-2)", (IReadOnlyList<LabelledText>)tuning), ("tuning 80 %", tuning), ("tuning 80 % + leak-guarded subject lines", [.. tuning, .. guard.SafeFor(tuning)]) })
            {
                var options = name.Contains("issue-6", StringComparison.Ordinal) ? new TextClassifierOptions { Neighbours = null } : chosen;
                var watch = Stopwatch.StartNew();
                var model = TextClassifier.Train(training, options);
                var trainSeconds = watch.Elapsed.TotalSeconds;
                var held = ClassificationReport.Compute(model.Labels, truthHeld, holdout.Select(h =>
                {
                    var p = new float[model.Labels.Count];
                    model.Probabilities(model.Vectorizer.Transform(h.Text), p);
                    return p;
                }).ToArray());
                using var bytes = new MemoryStream();
                model.Save(bytes);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} ({training.Count:N0} texts) | **{held.MacroF1:0.0000}** | {held.Accuracy:0.0000} | {held.Top3Accuracy:0.0000} | {held.LogLoss:0.000} | {trainSeconds:0.0} | {bytes.Length / 1048576.0:0.00} |"));
                last = held;
            }

            Console.WriteLine();
            Console.WriteLine("```");
            Console.WriteLine(last!.ToText());
            Console.WriteLine("```");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\nLoad average at the end: {File.ReadAllText("/proc/loadavg").Trim()}"));
        return Task.FromResult(0);

        void Print(string name, float[][] p, double scale, double seconds)
        {
            var report = ClassificationReport.Compute(labels, truth, p);
            var perFold = PerFold(p);
            baseline ??= perFold;
            var diffs = perFold.Zip(baseline, (x, y) => x - y).ToArray();
            var mean = diffs.Average();
            var sd = Math.Sqrt(diffs.Sum(d => (d - mean) * (d - mean)) / Math.Max(1, diffs.Length - 1));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {report.MacroF1:0.0000} | {mean:+0.0000;-0.0000} ± {sd:0.0000} | {report.Accuracy:0.0000} | {report.Top3Accuracy:0.0000} | {report.LogLoss:0.000} | {(double.IsNaN(scale) ? "–" : scale.ToString(CultureInfo.InvariantCulture))} | {(double.IsNaN(seconds) ? "–" : seconds.ToString("0.0", CultureInfo.InvariantCulture))} |"));
        }

        // Per-label log offsets that maximise macro-F1, tuned on the other folds' out-of-fold probabilities and applied to
        // each fold in turn (so the fold scored never tunes its own offsets).
        float[][] NestedOffsets(float[][] p)
        {
            var result = new float[p.Length][];
            for (var k = 0; k < folds; k++)
            {
                var inner = Enumerable.Range(0, p.Length).Where(i => foldOf[i] != k).ToArray();
                var offsets = new double[labels.Length];
                for (var round = 0; round < 3; round++)
                {
                    for (var c = 0; c < labels.Length; c++)
                    {
                        var best = (Offset: offsets[c], F1: -1.0);
                        for (var d = -1.0; d <= 1.0001; d += 0.1)
                        {
                            offsets[c] = d;
                            var f1 = ClassificationReport.Compute(labels, inner.Select(i => truth[i]).ToArray(), inner.Select(i => Shift(p[i], offsets)).ToArray()).MacroF1;
                            if (f1 > best.F1 + 1e-9)
                            {
                                best = (d, f1);
                            }
                        }

                        offsets[c] = best.Offset;
                    }
                }

                foreach (var i in Enumerable.Range(0, p.Length).Where(i => foldOf[i] == k))
                {
                    result[i] = Shift(p[i], offsets);
                }
            }

            return result;
        }

        static float[] Shift(float[] p, double[] offsets)
        {
            var q = p.Select((v, c) => (float)(v * Math.Exp(offsets[c]))).ToArray();
            var sum = q.Sum();
            return q.Select(v => v / sum).ToArray();
        }

        double[] PerFold(float[][] p) => Enumerable.Range(0, folds).Select(k =>
        {
            var members = Enumerable.Range(0, truth.Length).Where(i => foldOf[i] == k).ToArray();
            return ClassificationReport.Compute(labels, members.Select(i => truth[i]).ToArray(), members.Select(i => p[i]).ToArray()).MacroF1;
        }).ToArray();
    }

    private static float[][] OutOfFold(List<LabelledText> data, string[] labels, int[] foldOf, int folds, Func<IReadOnlyList<LabelledText>, string[], Func<string, float[]>> train)
    {
        var scores = new float[data.Count][];
        for (var k = 0; k < folds; k++)
        {
            var predict = train(Enumerable.Range(0, data.Count).Where(i => foldOf[i] != k).Select(i => data[i]).ToArray(), labels);
            var test = Enumerable.Range(0, data.Count).Where(i => foldOf[i] == k).ToArray();
            Parallel.ForEach(test, i => scores[i] = predict(data[i].Text));
        }

        return scores;
    }

    /// <summary>The product's classifier (<see cref="TextClassifier"/>) with the given features and learner.</summary>
    internal static Func<string, float[]> Own(IReadOnlyList<LabelledText> train, NGramSettings features, TrainerSettings trainer)
    {
        var model = TextClassifier.Train(train, new TextClassifierOptions { Features = features, Trainer = trainer, Neighbours = null });
        return text =>
        {
            var s = new float[model.Labels.Count];
            model.Model.Score(model.Vectorizer.Transform(text), s);
            return s;
        };
    }

    private static readonly ThreadLocal<JiebaSegmenter> Jieba = new(() => new JiebaSegmenter());

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, int), int[]> JiebaCache = new();

    /// <summary>jieba.NET's precise mode with its HMM for unknown words, on the same normalised, boilerplate-free text.</summary>
    private static int[] JiebaWords(string text, int order) => JiebaCache.GetOrAdd((text, order), key =>
    {
        var normalized = Boilerplate.Strip(TextNormalizer.Normalize(key.Item1));
        var words = Jieba.Value!.Cut(normalized, cutAll: false, hmm: true)
            .Select(w => w.All(char.IsAsciiDigit) ? "#" : w)
            .ToList();
        var buckets = new List<int>();
        for (var i = 0; i < words.Count; i++)
        {
            if (!IsWord(words[i]))
            {
                continue;
            }

            buckets.Add(Bucket("w1", words[i]));
            if (key.Item2 >= 2 && i + 1 < words.Count && IsWord(words[i + 1]))
            {
                buckets.Add(Bucket("w2", words[i] + "\u0001" + words[i + 1]));
            }
        }

        return [.. buckets];
    });

    private static int[] CharsPlusJieba(string text, NGramSettings chars)
    {
        var buckets = new List<int>();
        CharNGrams.Extract(text, chars, buckets);
        buckets.AddRange(JiebaWords(text, 2));
        return [.. buckets];
    }

    private static bool IsWord(string w) => w.Any(c => char.IsLetterOrDigit(c) || c == '#');

    private static int Bucket(string salt, string s)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in salt + s)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        return (int)(CharNGrams.Mix(hash) >> (64 - 18));
    }

    /// <summary>TF-IDF (sublinear, smoothed idf, L2) over given buckets in 2^18 dimensions, then the product's SVM.</summary>
    private static Func<string, float[]> Hashed(IReadOnlyList<LabelledText> train, string[] labels, Func<string, int[]> extract, TrainerSettings trainer)
    {
        const int dimensions = 1 << 18;
        var counts = new SparseVector[train.Count];
        Parallel.For(0, train.Count, i => counts[i] = Count(extract(train[i].Text)));
        var df = new int[dimensions];
        foreach (var v in counts)
        {
            foreach (var f in v.Indices)
            {
                df[f]++;
            }
        }

        var idf = TextVectorizer.ComputeIdf(df, train.Count);
        foreach (var v in counts)
        {
            Weigh(v, idf);
        }

        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var model = LinearModel.Train(counts, train.Select(t => index[t.Label]).ToArray(), labels.Length, dimensions, trainer);
        return text =>
        {
            var v = Count(extract(text));
            Weigh(v, idf);
            var s = new float[labels.Length];
            model.Score(v, s);
            return s;
        };
    }

    internal static SparseVector Count(int[] buckets)
    {
        var groups = buckets.GroupBy(b => b).ToArray();
        return new SparseVector(groups.Select(g => g.Key).ToArray(), groups.Select(g => (float)g.Count()).ToArray());
    }

    internal static void Weigh(SparseVector v, float[] idf)
    {
        var norm = 0.0;
        for (var k = 0; k < v.Values.Length; k++)
        {
            v.Values[k] = (1f + MathF.Log(v.Values[k])) * idf[v.Indices[k]];
            norm += v.Values[k] * v.Values[k];
        }

        for (var k = 0; k < v.Values.Length && norm > 0; k++)
        {
            v.Values[k] = (float)(v.Values[k] / Math.Sqrt(norm));
        }
    }
}
