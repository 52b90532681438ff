using System.Diagnostics;
using System.Globalization;
using Hotline.Text;

namespace Hotline.Bench.SmartDispatch;

/// <summary>
/// Issue 19, routing towards 0.93: the leakage check of subjects.tsv against the held-out 20 %, then candidates compared by
/// stratified 5-fold CV on the tuning 80 % only (the split and seeds of router-quality). Subject lines are added to a
/// fold's training only when the guard says they can head no message outside it. The held-out part is not read here:
/// `router-quality` scores the chosen settings on it once.
/// </summary>
public sealed class RouterBoostBenchmark : IBenchmark
{
    private static readonly double[] Scales = [1, 2, 3, 4, 5, 6, 8, 10];

    public string Name => "router-boost";

    public string Description => "routing towards 0.93: subject-line leakage check, candidates by 5-fold CV on the tuning 80 % (--only <substring>, --folds 5)";

    public Task<int> RunAsync(BenchContext context)
    {
        var inv = CultureInfo.InvariantCulture;
        var folds = context.GetInt("folds", 5);
        var only = context.Get("only", string.Empty);
        var all = Datasets.Messages(context);
        var (tuning, holdout) = Datasets.Split(all, 20260101);
        var subjects = Datasets.Messages(context, "subjects.tsv");
        Console.WriteLine(Measure.Header($"Routing towards 0.93 ({tuning.Count:N0} tuning texts, {folds}-fold CV)"));
        Console.WriteLine($"Load average at the start: {File.ReadAllText("/proc/loadavg").Trim()}\n");

        // Leakage: how many subject lines may head a held-out message, at several containment thresholds.
        Console.WriteLine("| guard threshold (share of a subject's bigrams in one message) | subjects heading some message | of which may head a held-out message | subjects usable with the tuning 80 % |");
        Console.WriteLine("|---|---|---|---|");
        var guards = new Dictionary<double, SubjectGuard>();
        foreach (var threshold in new[] { 0.3, 0.4, 0.5 })
        {
            var g = guards[threshold] = new SubjectGuard(all, subjects, threshold);
            Console.WriteLine(string.Create(inv, $"| {threshold:0.0} | {g.Matched:N0} | {g.CountMatching(holdout):N0} | {g.SafeFor(tuning).Count():N0} |"));
        }

        var openings = holdout.Select(h => TextNormalizer.Normalize(h.Text)).ToArray();
        var exact = subjects.Count(s => TextNormalizer.Normalize(s.Text) is { Length: > 0 } n && openings.Any(o => o.StartsWith(n, StringComparison.Ordinal)));
        Console.WriteLine(string.Create(inv, $"\nSubject lines that a held-out message starts with (exactly, after normalisation): {exact}.\n"));

        var taxonomy = File.ReadAllLines(Path.Combine(Datasets.Folder(context), "gov-messages", "taxonomy.tsv")).Skip(1)
            .Select(l => l.Split('\t')).Where(p => p.Length >= 3 && tuning.Any(t => t.Label == p[0])).Select(p => new LabelledText($"{p[1]}{p[2]}", p[0])).ToList();

        var chars = new NGramSettings();
        var svm = new TrainerSettings();
        var strict = guards[0.3];
        var middle = guards[0.4];
        var loose = guards[0.5];
        var candidates = new List<(string Name, Func<IReadOnlyList<LabelledText>, Func<string, float[]>> Train)>
        {
            ("chars 1-2 (product today)", t => Own(t, chars, svm)),
            ("chars 1-2 hinge C=2", t => Own(t, chars, svm with { Algorithm = LinearAlgorithm.LinearSvmHinge, Regularization = 2 })),
            ("chars 1-2 hinge C=1", t => Own(t, chars, svm with { Algorithm = LinearAlgorithm.LinearSvmHinge })),
            ("chars 1-2 + taxonomy names", t => Own([.. t, .. taxonomy], chars, svm)),
            ("chars 1-2 + own subjects (guard 0.3)", t => Own([.. t, .. strict.OwnFor(t)], chars, svm)),
            ("chars 1-2 + subjects (guard 0.5)", t => Own([.. t, .. loose.SafeFor(t)], chars, svm)),
            ("chars 1-2 + subjects (guard 0.3)", t => Own([.. t, .. strict.SafeFor(t)], chars, svm)),
            ("chars 1-2 + subjects (guard 0.4)", t => Own([.. t, .. middle.SafeFor(t)], chars, svm)),
            ("chars 1-2 + own subjects (guard 0.4)", t => Own([.. t, .. middle.OwnFor(t)], chars, svm)),
            ("chars 1-2 hinge + subjects (guard 0.4)", t => Own([.. t, .. middle.SafeFor(t)], chars, svm with { Algorithm = LinearAlgorithm.LinearSvmHinge })),
            ("chars 1-2 + subjects (guard 0.3), C=0.5", t => Own([.. t, .. strict.SafeFor(t)], chars, svm with { Regularization = 0.5 })),
            ("chars 1-2 + subjects (guard 0.3), C=2", t => Own([.. t, .. strict.SafeFor(t)], chars, svm with { Regularization = 2 })),
            ("chars 1-2 + subjects (guard 0.3), hinge C=0.5", t => Own([.. t, .. strict.SafeFor(t)], chars, svm with { Algorithm = LinearAlgorithm.LinearSvmHinge, Regularization = 0.5 })),
            ("chars 1-3 2^20 + subjects (guard 0.3)", t => Own([.. t, .. strict.SafeFor(t)], chars with { MaxOrder = 3, HashBits = 20 }, svm)),
            ("chars 1-2 2^20 + subjects (guard 0.3)", t => Own([.. t, .. strict.SafeFor(t)], chars with { HashBits = 20 }, svm)),
            ("chars 1-2 + subjects (guard 0.3) + taxonomy", t => Own([.. t, .. strict.SafeFor(t), .. taxonomy], chars, svm)),
        };
        foreach (var (k, gamma, lambda, top) in new[] { (10, 1.0, 0.3, 0), (10, 1.0, 0.5, 0), (5, 1.0, 0.3, 0), (20, 3.0, 0.5, 0), (10, 3.0, 0.3, 0), (20, 5.0, 0.5, 0), (30, 3.0, 0.5, 0), (20, 3.0, 0.7, 0), (10, 3.0, 0.5, 0), (20, 3.0, 0.5, 48), (20, 3.0, 0.5, 24) })
        {
            candidates.Add(($"chars 1-2 + knn k={k} γ={gamma} λ={lambda}{(top > 0 ? $" top {top}" : string.Empty)}", t => Knn(t, chars, svm, k, gamma, lambda, top)));
        }

        foreach (var n in new NeighbourSettings[] { new(MinSimilarity: 0), new(), new(MinSimilarity: 0.2), new(QueryTerms: 96, MinSimilarity: 0), new(QueryTerms: 128, MinSimilarity: 0), new(K: 10, MinSimilarity: 0), new(Gamma: 5, MinSimilarity: 0) })
        {
            candidates.Add(($"product: svm + {n}", t => ProductClass(t, new TextClassifierOptions { Neighbours = n })));
        }

        candidates = candidates.Where(c => only.Length == 0 || c.Name.Contains(only, StringComparison.OrdinalIgnoreCase) || c.Name.StartsWith("chars 1-2 (product", StringComparison.Ordinal)).ToList();

        var comparison = FoldComparison.Start(tuning, folds);
        var (labels, truth, foldOf) = (comparison.Labels, comparison.Truth, comparison.FoldOf);
        var outOfFold = new Dictionary<string, float[][]>();
        foreach (var (name, train) in candidates)
        {
            var watch = Stopwatch.StartNew();
            var raw = new float[tuning.Count][];
            for (var k = 0; k < folds; k++)
            {
                var predict = train(Enumerable.Range(0, tuning.Count).Where(i => foldOf[i] != k).Select(i => tuning[i]).ToArray());
                Parallel.ForEach(Enumerable.Range(0, tuning.Count).Where(i => foldOf[i] == k), i => raw[i] = predict(tuning[i].Text));
            }

            var seconds = watch.Elapsed.TotalSeconds / folds;
            var scale = Scales.MinBy(s => ClassificationReport.Compute(labels, truth, CrossValidation.ToProbabilities(raw, s)).LogLoss);
            var p = outOfFold[name] = CrossValidation.ToProbabilities(raw, scale);
            Print(name, p, scale, seconds);
        }

        Console.WriteLine($"\nLoad average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
        return Task.FromResult(0);

        void Print(string name, float[][] p, double scale, double seconds) => Console.WriteLine(comparison.Row(name, p, scale.ToString(inv), seconds));
    }

    /// <summary>The SVM's probabilities blended with a cosine k-nearest-neighbour vote over the training vectors; log-probabilities.</summary>
    private static Func<string, float[]> Knn(IReadOnlyList<LabelledText> train, NGramSettings features, TrainerSettings trainer, int k, double gamma, double lambda, int top)
    {
        var model = TextClassifier.Train(train, new TextClassifierOptions { Features = features, Trainer = trainer, Neighbours = null });
        var labelIndex = model.Labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var vectors = model.Vectorizer.TransformAll(train.Select(t => t.Text).ToArray());
        var y = train.Select(t => labelIndex[t.Label]).ToArray();
        var postings = new Dictionary<int, List<(int Doc, float Value)>>();
        for (var d = 0; d < vectors.Length; d++)
        {
            for (var j = 0; j < vectors[d].Indices.Length; j++)
            {
                if (!postings.TryGetValue(vectors[d].Indices[j], out var list))
                {
                    postings[vectors[d].Indices[j]] = list = [];
                }

                list.Add((d, vectors[d].Values[j]));
            }
        }

        return text =>
        {
            var v = model.Vectorizer.Transform(text);
            var p = new float[model.Labels.Count];
            model.Probabilities(v, p);
            var sims = new double[vectors.Length];
            var heaviest = Enumerable.Range(0, v.Indices.Length).OrderByDescending(j => v.Values[j]).Take(top > 0 ? top : int.MaxValue);
            foreach (var j in heaviest)
            {
                if (postings.TryGetValue(v.Indices[j], out var list))
                {
                    foreach (var (doc, value) in list)
                    {
                        sims[doc] += value * v.Values[j];
                    }
                }
            }

            var vote = new double[p.Length];
            foreach (var doc in Enumerable.Range(0, sims.Length).OrderByDescending(d => sims[d]).Take(k))
            {
                vote[y[doc]] += Math.Pow(Math.Max(sims[doc], 0), gamma);
            }

            var total = vote.Sum();
            return p.Select((q, c) => (float)Math.Log(((1 - lambda) * q) + (total > 0 ? lambda * vote[c] / total : lambda / p.Length) + 1e-9)).ToArray();
        };
    }

    /// <summary>The product's classifier with its neighbour vote: the log of its probabilities.</summary>
    private static Func<string, float[]> ProductClass(IReadOnlyList<LabelledText> train, TextClassifierOptions options)
    {
        var model = TextClassifier.Train(train, options);
        return text =>
        {
            var p = new float[model.Labels.Count];
            model.Probabilities(model.Vectorizer.Transform(text), p);
            return p.Select(v => MathF.Log(Math.Max(v, 1e-9f))).ToArray();
        };
    }

    private static Func<string, float[]> Own(IReadOnlyList<LabelledText> train, NGramSettings features, TrainerSettings trainer) =>
        RouterWordsBenchmark.Own(train, features, trainer);
}
