using System.Diagnostics;
using System.Globalization;
using Hotline.Text;

namespace Hotline.Bench.SmartDispatch;

/// <summary>
/// Issue 19, routing round 3: a fastText-style learner of our own (<see cref="LinearAlgorithm.FastText"/>) and blends of
/// linear models' scores, compared by stratified 5-fold CV on the tuning 80 % only (the split and fold seeds of
/// router-quality). Each candidate's out-of-fold scores are kept so that blends of two candidates (α·a + (1 − α)·b on the
/// scaled scores, which is again one linear model over the same vector) cost no retraining. The held-out part is not read.
/// </summary>
public sealed class RouterFastTextBenchmark : IBenchmark
{
    public string Name => "router-fasttext";

    public string Description => "routing round 3: fastText-style learner and score blends by 5-fold CV on the tuning 80 % (--only <substring>[,<substring>…], --folds 5)";

    private static double[] Scales { get; } = [0.5, 1, 2, 3, 4, 5, 6, 8, 10];

    public Task<int> RunAsync(BenchContext context)
    {
        var (tuning, _) = Datasets.Split(Datasets.Messages(context), 20260101);
        var (folds, only, inv) = (context.GetInt("folds", 5), context.Get("only", string.Empty), CultureInfo.InvariantCulture);
        Console.WriteLine(Measure.Header($"Routing round 3 ({tuning.Count:N0} tuning texts, {folds}-fold CV)"));
        Console.WriteLine($"Load average at the start: {File.ReadAllText("/proc/loadavg").Trim()}\n");

        var chars = new NGramSettings();
        var svm = new TrainerSettings();
        TrainerSettings Ft(int dimension, double rate, int epochs, double decay = 0) =>
            new(LinearAlgorithm.FastText, decay, epochs, rate, BalanceClasses: true, Dimension: dimension);
        Func<IReadOnlyList<LabelledText>, IReadOnlyList<LabelledText>>? none = null;
        var candidates = new List<(string Name, NGramSettings Features, TrainerSettings Trainer, Func<IReadOnlyList<LabelledText>, IReadOnlyList<LabelledText>>? Augment)>
        {
            ("svm chars 1-2 (product)", chars, svm, none),
            ("ft d64 lr0.5 e10", chars, Ft(64, 0.5, 10), none),
            ("ft d64 lr1 e25", chars, Ft(64, 1, 25), none),
            ("ft d64 lr0.2 e25", chars, Ft(64, 0.2, 25), none),
            ("ft d128 lr0.5 e25", chars, Ft(128, 0.5, 25), none),
            ("ft d32 lr0.5 e25", chars, Ft(32, 0.5, 25), none),
            ("ft d64 lr0.5 e25", chars, Ft(64, 0.5, 25), none),
            ("ft d64 lr2 e50", chars, Ft(64, 2, 50), none),
            ("ft chars 1-3 2^20 d64 lr0.5 e25", chars with { MaxOrder = 3, HashBits = 20 }, Ft(64, 0.5, 25), none),
            ("ft raw tf no idf d64 lr0.5 e25", chars with { SublinearTf = false, UseIdf = false }, Ft(64, 0.5, 25), none),
            ("logistic λ=1e-4", chars, new TrainerSettings(LinearAlgorithm.LogisticRegression, 1e-4, 10), none),
            ("svm chars 1-3 2^20", chars with { MaxOrder = 3, HashBits = 20 }, svm, none),
            ("cnb α=0.1", chars, new TrainerSettings(LinearAlgorithm.ComplementNaiveBayes, 0.1), none),
            ("ft d64 lr0.1 e50", chars, Ft(64, 0.1, 50), none),
            ("ft d128 lr0.2 e25", chars, Ft(128, 0.2, 25), none),
            ("ft d64 lr0.2 e25 decay1e-4", chars, Ft(64, 0.2, 25, 1e-4), none),
            ("ft chars 1-2 + words 1-2 d64 lr0.2 e25 (fastText's recipe)", chars with { WordOrder = 2 }, Ft(64, 0.2, 25), none),
            ("ft words 1-2 d64 lr0.2 e25", chars with { MinOrder = 0, MaxOrder = 0, WordOrder = 2 }, Ft(64, 0.2, 25), none),
            ("svm words 1", chars with { MinOrder = 0, MaxOrder = 0, WordOrder = 1 }, svm, none),
            ("nbsvm C=0.3", chars, svm with { Algorithm = LinearAlgorithm.NaiveBayesSvm, Regularization = 0.3 }, none),
            ("nbsvm C=1", chars, svm with { Algorithm = LinearAlgorithm.NaiveBayesSvm }, none),
            ("svm + sentences", chars, svm, t => Augment(t, 1, 8)),
            ("svm + sentences ≥ 20", chars, svm, t => Augment(t, 1, 20)),
            ("svm + sentence pairs", chars, svm, t => Augment(t, 2, 8)),
            ("svm C=0.5 + sentences", chars, svm with { Regularization = 0.5 }, t => Augment(t, 1, 8)),
        };
        var wanted = candidates.Where(c => c.Name.Contains("(product)", StringComparison.Ordinal) || only.Length == 0 || only.Split(',').Any(o => c.Name.Contains(o, StringComparison.OrdinalIgnoreCase))).ToList();

        var comparison = FoldComparison.Start(tuning, folds);
        var (labels, truth, foldOf) = (comparison.Labels, comparison.Truth, comparison.FoldOf);
        var scaled = new Dictionary<string, float[][]>();
        foreach (var (name, features, trainer, augment) in wanted)
        {
            var watch = Stopwatch.StartNew();
            var raw = new float[tuning.Count][];
            for (var k = 0; k < folds; k++)
            {
                var train = Enumerable.Range(0, tuning.Count).Where(i => foldOf[i] != k).Select(i => tuning[i]).ToArray();
                var model = TextClassifier.Train(augment is null ? train : augment(train), new TextClassifierOptions { Features = features, Trainer = trainer });
                Parallel.ForEach(Enumerable.Range(0, tuning.Count).Where(i => foldOf[i] == k), i =>
                {
                    var s = new float[labels.Length];
                    model.Model.Score(model.Vectorizer.Transform(tuning[i].Text), s);
                    raw[i] = s;
                });
            }

            var seconds = watch.Elapsed.TotalSeconds / folds;
            var scale = Scales.MinBy(s => ClassificationReport.Compute(labels, truth, CrossValidation.ToProbabilities(raw, s)).LogLoss);
            scaled[name] = raw.Select(r => r.Select(v => (float)(v * scale)).ToArray()).ToArray();
            Print(name, CrossValidation.ToProbabilities(scaled[name], 1), $"{scale}", seconds);
        }

        // A non-linear learner for comparison: one hidden ReLU layer over the same TF-IDF vectors (bench only).
        foreach (var (d, rate, epochs) in new[] { (128, 0.2, 20), (256, 0.1, 20) })
        {
            var name = string.Create(inv, $"mlp relu d{d} lr{rate} e{epochs}");
            if (only.Length > 0 && !only.Split(',').Any(o => name.Contains(o, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var watch = Stopwatch.StartNew();
            var raw = new float[tuning.Count][];
            for (var k = 0; k < folds; k++)
            {
                var train = Enumerable.Range(0, tuning.Count).Where(i => foldOf[i] != k).ToArray();
                var (vectorizer, vectors) = TextVectorizer.FitTransform(train.Select(i => tuning[i].Text).ToArray(), chars);
                var y = train.Select(i => Array.IndexOf(labels, tuning[i].Label)).ToArray();
                var predict = Mlp(vectors, y, labels.Length, chars.Dimensions, d, rate, epochs);
                Parallel.ForEach(Enumerable.Range(0, tuning.Count).Where(i => foldOf[i] == k), i => raw[i] = predict(vectorizer.Transform(tuning[i].Text)));
            }

            var scale = Scales.MinBy(s => ClassificationReport.Compute(labels, truth, CrossValidation.ToProbabilities(raw, s)).LogLoss);
            scaled[name] = raw.Select(r => r.Select(v => (float)(v * scale)).ToArray()).ToArray();
            Print(name, CrossValidation.ToProbabilities(scaled[name], 1), $"{scale}", watch.Elapsed.TotalSeconds / folds);
        }

        // Blends of the product's SVM with each other candidate, on the log-loss-scaled scores.
        var product = scaled[wanted[0].Name];
        foreach (var (name, other) in scaled.Skip(1))
        {
            foreach (var alpha in new[] { 0.3, 0.5, 0.7 })
            {
                var blend = product.Zip(other, (a, b) => a.Zip(b, (u, v) => (float)((alpha * u) + ((1 - alpha) * v))).ToArray()).ToArray();
                Print(string.Create(inv, $"blend {alpha:0.0} × svm + {1 - alpha:0.0} × {name}"), CrossValidation.ToProbabilities(blend, 1), "—", 0);
            }
        }

        Console.WriteLine($"\nLoad average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
        return Task.FromResult(0);

        static Func<SparseVector, float[]> Mlp(SparseVector[] x, int[] y, int classes, int dimensions, int d, double rate0, int epochs)
        {
            var random = new Random(12345);
            var counts = new int[classes];
            foreach (var label in y)
            {
                counts[label]++;
            }

            var input = new float[(long)dimensions * d];
            var used = new bool[dimensions];
            foreach (var v in x)
            {
                foreach (var f in v.Indices)
                {
                    if (!used[f])
                    {
                        used[f] = true;
                        for (var j = 0; j < d; j++)
                        {
                            input[((long)f * d) + j] = (float)((random.NextDouble() * 2) - 1) * 0.5f;
                        }
                    }
                }
            }

            var b1 = new float[d];
            var output = new float[classes * d];
            var limit = Math.Sqrt(6.0 / (d + classes));
            for (var j = 0; j < output.Length; j++)
            {
                output[j] = (float)(((random.NextDouble() * 2) - 1) * limit);
            }

            var b2 = new float[classes];
            var order = Enumerable.Range(0, x.Length).ToArray();
            var total = (double)epochs * x.Length;
            var step = 0L;
            var h = new float[d];
            var gh = new float[d];
            var p = new float[classes];
            for (var epoch = 0; epoch < epochs; epoch++)
            {
                LinearModel.Shuffle(order, random);
                foreach (var i in order)
                {
                    var rate = (float)(rate0 * (1 - (step++ / total)));
                    Forward(x[i], h, p);
                    LogisticRegressionTrainer.Softmax(p);
                    var weight = (float)x.Length / (classes * counts[y[i]]);
                    Array.Clear(gh);
                    for (var c = 0; c < classes; c++)
                    {
                        var g = (p[c] - (y[i] == c ? 1f : 0f)) * weight;
                        for (var j = 0; j < d; j++)
                        {
                            gh[j] += g * output[(c * d) + j];
                            output[(c * d) + j] -= rate * g * h[j];
                        }

                        b2[c] -= rate * g;
                    }

                    for (var j = 0; j < d; j++)
                    {
                        gh[j] = h[j] > 0 ? gh[j] : 0;
                        b1[j] -= rate * gh[j];
                    }

                    for (var k = 0; k < x[i].Indices.Length; k++)
                    {
                        var row = (long)x[i].Indices[k] * d;
                        var value = x[i].Values[k];
                        for (var j = 0; j < d; j++)
                        {
                            input[row + j] -= rate * value * gh[j];
                        }
                    }
                }
            }

            return v =>
            {
                var hidden = new float[d];
                var scores = new float[classes];
                Forward(v, hidden, scores);
                return scores;
            };

            void Forward(SparseVector v, float[] hidden, float[] scores)
            {
                b1.CopyTo(hidden, 0);
                for (var k = 0; k < v.Indices.Length; k++)
                {
                    var row = (long)v.Indices[k] * d;
                    for (var j = 0; j < d; j++)
                    {
                        hidden[j] += v.Values[k] * input[row + j];
                    }
                }

                for (var j = 0; j < d; j++)
                {
                    hidden[j] = Math.Max(0, hidden[j]);
                }

                for (var c = 0; c < classes; c++)
                {
                    var sum = b2[c];
                    for (var j = 0; j < d; j++)
                    {
                        sum += output[(c * d) + j] * hidden[j];
                    }

                    scores[c] = sum;
                }
            }
        }

        // Extra training examples cut from each training text: runs of `span` consecutive sentences (split at 。！？；
        // and line breaks), each at least `minLength` characters, labelled as their text. Only training texts are cut.
        static IReadOnlyList<LabelledText> Augment(IReadOnlyList<LabelledText> train, int span, int minLength)
        {
            var result = new List<LabelledText>(train);
            foreach (var t in train)
            {
                var sentences = t.Text.Split(['。', '！', '？', '；', '!', '?', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (sentences.Length <= span)
                {
                    continue;
                }

                for (var i = 0; i + span <= sentences.Length; i++)
                {
                    var piece = string.Join('。', sentences, i, span);
                    if (piece.Length >= minLength)
                    {
                        result.Add(new LabelledText(piece, t.Label));
                    }
                }
            }

            return result;
        }

        void Print(string name, float[][] p, string scale, double seconds) => Console.WriteLine(comparison.Row(name, p, scale, seconds));
    }
}
