using System.Diagnostics;
using System.Globalization;
using Hotline.Text;

namespace Hotline.Bench.SmartDispatch;

/// <summary>
/// Phase-2 robustness study of the routing model, by repeated stratified cross-validation on the tuning 80 % of
/// gov-messages only (the held-out 20 % is not read): base learners' out-of-fold scores are computed once per fold and
/// blended afterwards (a weighted sum of linear scores over the same features is itself one linear model, so a blend
/// costs nothing at prediction time). Each candidate is compared with the chosen SVM fold by fold, so the fold noise of
/// the difference is reported beside it. A second test trains on the tuning messages and scores the subject lines
/// (short texts, a different distribution).
/// </summary>
public sealed class RouterRobustnessBenchmark : IBenchmark
{
    public string Name => "router-robustness";

    public string Description => "routing robustness study: blends and pruned word-like n-grams by repeated CV on the tuning 80 % (--repeats 2 --folds 5)";

    private static readonly double[] BlendTemperatures = [0.5, 0.75, 1.0, 1.5, 2.0];

    private static readonly double[] Temperatures = [0.03, 0.1, 0.3, 0.5, 1, 2, 3, 5, 8, 12, 20, 40];

    private sealed record Base(string Name, Func<IReadOnlyList<LabelledText>, string[], Func<string, float[]>> Train);

    public Task<int> RunAsync(BenchContext context)
    {
        var folds = context.GetInt("folds", 5);
        var repeats = context.GetInt("repeats", 2);
        var all = Datasets.Messages(context);
        var (tuning, _) = Datasets.Split(all, 20260101);
        var subjects = Datasets.Messages(context, "subjects.tsv");
        var labels = tuning.Select(t => t.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var truth = tuning.Select(t => t.Label).ToArray();
        Console.WriteLine(Measure.Header($"Routing robustness ({tuning.Count:N0} tuning texts, {repeats}×{folds}-fold CV)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Load average at the start: {File.ReadAllText("/proc/loadavg").Trim()}\n"));

        var f = new NGramSettings();
        var bases = new List<Base>
        {
            new("svm", (train, l) => Linear(train, l, f, new TrainerSettings())),
            new("cnb α=0.1", (train, l) => Linear(train, l, f, new TrainerSettings(LinearAlgorithm.ComplementNaiveBayes, 0.1))),
            new("logistic λ=1e-5", (train, l) => Linear(train, l, f, new TrainerSettings(LinearAlgorithm.LogisticRegression, 1e-5, 10))),
            new("svm 1-3-grams df≥3", (train, l) => Linear(train, l, f with { MaxOrder = 3 }, new TrainerSettings(), minDf: 3)),
            new("svm 1-4-grams df≥3", (train, l) => Linear(train, l, f with { MaxOrder = 4 }, new TrainerSettings(), minDf: 3)),
            new("svm 1-2-grams df≥2", (train, l) => Linear(train, l, f, new TrainerSettings(), minDf: 2)),
        };
        var only = context.Get("only", string.Empty);
        bases = bases.Where(b => b.Name == "svm" || only.Length == 0 || b.Name.Contains(only, StringComparison.Ordinal)).ToList();

        // scores[base][repeat][i]: out-of-fold raw scores; fold[repeat][i]: the fold example i was scored in.
        var scores = bases.Select(_ => new float[repeats][][]).ToArray();
        var foldOf = new int[repeats][];
        for (var r = 0; r < repeats; r++)
        {
            foldOf[r] = CrossValidation.StratifiedFolds(truth, folds, 7 + (r * 1000));
            for (var b = 0; b < bases.Count; b++)
            {
                var watch = Stopwatch.StartNew();
                scores[b][r] = OutOfFold(tuning, labels, foldOf[r], folds, bases[b].Train);
                Console.Error.WriteLine($"{bases[b].Name}, repeat {r + 1}: {watch.Elapsed.TotalSeconds:0.0} s");
            }
        }

        // Each base's scores are put on a common footing first: the softmax temperature with the lowest out-of-fold log loss.
        var scale = new double[bases.Count];
        for (var b = 0; b < bases.Count; b++)
        {
            var bb = b;
            scale[b] = Temperatures.MinBy(t => Enumerable.Range(0, repeats).Average(r =>
                ClassificationReport.Compute(labels, truth, CrossValidation.ToProbabilities(scores[bb][r], t)).LogLoss));
            Console.Error.WriteLine($"{bases[b].Name}: temperature {scale[b]}");
        }

        // Candidates: each base alone, and blends of the SVM with another base, score = s·svm + w·s'·other.
        var candidates = new List<(string Name, (int Base, double Weight)[] Parts)>();
        for (var b = 0; b < bases.Count; b++)
        {
            candidates.Add((bases[b].Name, [(b, 1.0)]));
        }

        for (var b = 1; b < bases.Count; b++)
        {
            foreach (var w in new[] { 0.25, 0.5, 1.0 })
            {
                candidates.Add(($"svm + {w.ToString(CultureInfo.InvariantCulture)}×{bases[b].Name}", [(0, 1.0), (b, w)]));
            }
        }

        Console.WriteLine("| candidate | macro-F1 | Δ vs svm (mean ± sd over folds) | accuracy | top-3 | log loss (best scale) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var baselinePerFold = PerFold(candidates[0].Parts);
        foreach (var (name, parts) in candidates)
        {
            var perFold = PerFold(parts);
            var diffs = perFold.Zip(baselinePerFold, (a, c) => a - c).ToArray();
            var mean = diffs.Average();
            var sd = Math.Sqrt(diffs.Sum(d => (d - mean) * (d - mean)) / Math.Max(1, diffs.Length - 1));
            var reports = Enumerable.Range(0, repeats).Select(r => Report(parts, r, 1.0)).ToArray();
            var bestLogLoss = BlendTemperatures.Min(s => Enumerable.Range(0, repeats).Average(r => Report(parts, r, s).LogLoss));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {reports.Average(x => x.MacroF1):0.0000} | {mean:+0.0000;-0.0000} ± {sd:0.0000} | {reports.Average(x => x.Accuracy):0.0000} | {reports.Average(x => x.Top3Accuracy):0.0000} | {bestLogLoss:0.000} |"));
        }

        // Distribution shift: trained on all tuning messages, scored on the subject lines.
        Console.WriteLine();
        Console.WriteLine("| trained on the tuning messages, scored on subjects.tsv | macro-F1 | accuracy | top-3 |");
        Console.WriteLine("|---|---|---|---|");
        var predictors = bases.Select(b => b.Train(tuning, labels)).ToArray();
        var subjectTruth = subjects.Select(s => s.Label).ToArray();
        var subjectScores = predictors.Select(p => subjects.Select(s => p(s.Text)).ToArray()).ToArray();
        foreach (var (name, parts) in candidates)
        {
            var probabilities = subjectScores[0].Select((_, i) => Blend(parts, b => subjectScores[b][i], 1.0)).ToArray();
            var report = ClassificationReport.Compute(labels, subjectTruth, probabilities);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {report.MacroF1:0.0000} | {report.Accuracy:0.0000} | {report.Top3Accuracy:0.0000} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\nLoad average at the end: {File.ReadAllText("/proc/loadavg").Trim()}"));
        return Task.FromResult(0);

        float[] Blend((int Base, double Weight)[] parts, Func<int, float[]> raw, double temperature)
        {
            var p = new float[labels.Length];
            foreach (var (b, w) in parts)
            {
                var s = raw(b);
                for (var c = 0; c < p.Length; c++)
                {
                    p[c] += (float)(s[c] * scale[b] * w / parts.Sum(x => x.Weight) * temperature);
                }
            }

            var max = p.Max();
            var sum = 0f;
            for (var c = 0; c < p.Length; c++)
            {
                p[c] = MathF.Exp(p[c] - max);
                sum += p[c];
            }

            for (var c = 0; c < p.Length; c++)
            {
                p[c] /= sum;
            }

            return p;
        }

        ClassificationReport Report((int Base, double Weight)[] parts, int r, double temperature) =>
            ClassificationReport.Compute(labels, truth, truth.Select((_, i) => Blend(parts, b => scores[b][r][i], temperature)).ToArray());

        double[] PerFold((int Base, double Weight)[] parts)
        {
            var result = new List<double>();
            for (var r = 0; r < repeats; r++)
            {
                for (var k = 0; k < folds; k++)
                {
                    var members = Enumerable.Range(0, truth.Length).Where(i => foldOf[r][i] == k).ToArray();
                    var rr = r;
                    result.Add(ClassificationReport.Compute(labels, members.Select(i => truth[i]).ToArray(), members.Select(i => Blend(parts, b => scores[b][rr][i], 1.0)).ToArray()).MacroF1);
                }
            }

            return [.. result];
        }
    }

    private static float[][] OutOfFold(List<LabelledText> data, string[] labels, int[] foldOf, int folds, Func<IReadOnlyList<LabelledText>, string[], Func<string, float[]>> train)
    {
        var scores = new float[data.Count][];
        for (var k = 0; k < folds; k++)
        {
            var predict = train(Enumerable.Range(0, data.Count).Where(i => foldOf[i] != k).Select(i => data[i]).ToArray(), labels);
            Parallel.ForEach(Enumerable.Range(0, data.Count).Where(i => foldOf[i] == k), i => scores[i] = predict(data[i].Text));
        }

        return scores;
    }

    /// <summary>A linear model on hashed n-grams; buckets seen in fewer than <paramref name="minDf"/> training texts are dropped (idf 0).</summary>
    private static Func<string, float[]> Linear(IReadOnlyList<LabelledText> train, string[] labels, NGramSettings features, TrainerSettings trainer, int minDf = 1)
    {
        var texts = train.Select(t => t.Text).ToArray();
        var (vectorizer, vectors) = TextVectorizer.FitTransform(texts, features);
        if (minDf > 1)
        {
            var df = new int[features.Dimensions];
            foreach (var v in vectors)
            {
                foreach (var i in v.Indices)
                {
                    df[i]++;
                }
            }

            var idf = (float[])vectorizer.Idf!.Clone();
            for (var i = 0; i < idf.Length; i++)
            {
                if (df[i] < minDf)
                {
                    idf[i] = 0;
                }
            }

            vectorizer = TextVectorizer.Restore(features, idf);
            vectors = vectorizer.TransformAll(texts);
        }

        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var model = LinearModel.Train(vectors, train.Select(t => index[t.Label]).ToArray(), labels.Length, features.Dimensions, trainer);
        return text =>
        {
            var s = new float[labels.Length];
            model.Score(vectorizer.Transform(text), s);
            return s;
        };
    }
}
