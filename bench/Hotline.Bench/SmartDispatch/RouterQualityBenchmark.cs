using System.Diagnostics;
using System.Globalization;
using Hotline.Text;

namespace Hotline.Bench.SmartDispatch;

/// <summary>
/// Compares candidate routing models by stratified 5-fold cross-validation on 80 % of the gov-messages data set, then
/// scores the chosen settings once on the 20 % held out (never used to choose) and by 5-fold CV on all of it.
/// </summary>
public sealed class RouterQualityBenchmark : IBenchmark
{
    public string Name => "router-quality";

    public string Description => "routing model comparison: CV macro-F1 / top-3 on gov-messages (options: --only <substring>, --folds 5)";

    public Task<int> RunAsync(BenchContext context)
    {
        var folds = context.GetInt("folds", 5);
        var only = context.Get("only", string.Empty);
        var all = Datasets.Messages(context, context.Get("file", "messages.tsv"));
        var (tuning, holdout) = Datasets.Split(all, 20260101);
        Console.WriteLine(Measure.Header($"Routing model comparison ({context.Get("file", "messages.tsv")}, {all.Count:N0} texts, {all.Select(a => a.Label).Distinct().Count()} labels)"));
        Console.WriteLine($"{folds}-fold stratified CV on the tuning 80 % ({tuning.Count:N0} texts); the held-out 20 % ({holdout.Count:N0}) is not used here.\n");
        Console.WriteLine("| candidate | macro-F1 | accuracy | top-3 | log loss | train s/fold |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (name, options) in Candidates().Where(c => only.Length == 0 || c.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
        {
            var watch = Stopwatch.StartNew();
            var (labels, scores) = CrossValidation.OutOfFoldScores(tuning, folds, 7, options);
            var seconds = watch.Elapsed.TotalSeconds / folds;
            var truth = tuning.Select(t => t.Label).ToArray();
            var scale = options.ScoreScale ?? TextClassifierOptions.DefaultScoreScale(options.Trainer.Algorithm);
            var report = ClassificationReport.Compute(labels, truth, CrossValidation.ToProbabilities(scores, scale));
            var bestScale = new[] { 1.0, 2, 3, 4, 5, 6, 8, 10, 15 }.MinBy(s => ClassificationReport.Compute(labels, truth, CrossValidation.ToProbabilities(scores, s)).LogLoss);
            var scaleNote = bestScale != scale ? $" (scale {bestScale}: lower)" : string.Empty;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {report.MacroF1:0.0000} | {report.Accuracy:0.0000} | {report.Top3Accuracy:0.0000} | {report.LogLoss:0.000}{scaleNote} | {seconds:0.0} |"));
        }

        if (only.Length == 0 || only == "final")
        {
            // The shipped model (the SVM alone, unchanged since issue 6) beside the issue-19 option (SVM + neighbour vote),
            // chosen by CV in router-boost before this part was read; same run.
            var chosen = new TextClassifierOptions();
            var previous = chosen;
            var option = chosen with { Neighbours = new NeighbourSettings() };
            var truthHeld = holdout.Select(h => h.Label).ToArray();
            ClassificationReport Held(TextClassifierOptions options)
            {
                var model = TextClassifier.Train(tuning, options);
                return ClassificationReport.Compute(model.Labels, truthHeld, holdout.Select(h =>
                {
                    var p = new float[model.Labels.Count];
                    model.Probabilities(model.Vectorizer.Transform(h.Text), p);
                    return p;
                }).ToArray());
            }

            var before = Held(previous);
            var held = Held(option);
            var full = CrossValidation.Run(all, folds, 11, chosen);
            var fullOption = CrossValidation.Run(all, folds, 11, option);
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Shipped settings ({chosen.Features}; {chosen.Trainer}); option: {option.Neighbours}:"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- held-out 20 %, trained on the tuning 80 %, the shipped model (SVM, as before): macro-F1 **{before.MacroF1:0.0000}**, accuracy {before.Accuracy:0.0000}, top-3 {before.Top3Accuracy:0.0000}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- the same held-out 20 %, SVM + neighbour vote (issue-19 option): macro-F1 **{held.MacroF1:0.0000}**, accuracy {held.Accuracy:0.0000}, top-3 {held.Top3Accuracy:0.0000}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- 5-fold CV on all {all.Count:N0}, SVM + neighbour vote: macro-F1 {fullOption.MacroF1:0.0000}, accuracy {fullOption.Accuracy:0.0000}, top-3 {fullOption.Top3Accuracy:0.0000}"));
            Console.WriteLine();
            Console.WriteLine("| label (held-out 20 %) | F1 shipped (SVM) | F1 option (SVM + neighbours) | support |");
            Console.WriteLine("|---|---|---|---|");
            foreach (var (a, b) in before.PerLabel.Zip(held.PerLabel))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {a.Label} | {a.F1:0.0000} | {b.F1:0.0000} | {a.Support} |"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- {folds}-fold CV on all {all.Count:N0}: macro-F1 **{full.MacroF1:0.0000}**, accuracy {full.Accuracy:0.0000}, top-3 {full.Top3Accuracy:0.0000}, log loss {full.LogLoss:0.000}"));
            var subjects = CrossValidation.Run(Datasets.Messages(context, "subjects.tsv"), folds, 11, chosen);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- subject lines only (subjects.tsv, {subjects.Count:N0}), {folds}-fold CV: macro-F1 **{subjects.MacroF1:0.0000}**, accuracy {subjects.Accuracy:0.0000}, top-3 {subjects.Top3Accuracy:0.0000}"));
            Console.WriteLine();
            Console.WriteLine("```");
            Console.WriteLine(full.ToText());
            Console.WriteLine("```");
        }

        return Task.FromResult(0);
    }

    private static IEnumerable<(string Name, TextClassifierOptions Options)> Candidates()
    {
        var baseline = new TextClassifierOptions();
        yield return ("option: svm C=1 + neighbour vote (issue 19)", new TextClassifierOptions { Neighbours = new NeighbourSettings() });
        TextClassifierOptions With(LinearAlgorithm algorithm, double regularization, NGramSettings? features = null, bool balance = true, int epochs = 30, double rate = 0.5) =>
            baseline with
            {
                Features = features ?? baseline.Features,
                Trainer = new TrainerSettings(algorithm, regularization, epochs, rate, balance),
            };

        // Learners on the default features (char 1–3-grams, 2^20 buckets, sublinear tf × idf, boilerplate removed).
        yield return ("svm C=0.1", With(LinearAlgorithm.LinearSvm, 0.1));
        yield return ("svm C=0.3", With(LinearAlgorithm.LinearSvm, 0.3));
        yield return ("svm C=1", With(LinearAlgorithm.LinearSvm, 1));
        yield return ("svm C=3", With(LinearAlgorithm.LinearSvm, 3));
        yield return ("svm C=10", With(LinearAlgorithm.LinearSvm, 10));
        yield return ("svm C=1 unbalanced", With(LinearAlgorithm.LinearSvm, 1, balance: false));
        yield return ("nbsvm C=0.1", With(LinearAlgorithm.NaiveBayesSvm, 0.1));
        yield return ("nbsvm C=0.3", With(LinearAlgorithm.NaiveBayesSvm, 0.3));
        yield return ("nbsvm C=1", With(LinearAlgorithm.NaiveBayesSvm, 1));
        yield return ("nbsvm 1-2-grams C=0.3", With(LinearAlgorithm.NaiveBayesSvm, 0.3, baseline.Features with { MaxOrder = 2 }));
        yield return ("logistic λ=1e-5", With(LinearAlgorithm.LogisticRegression, 1e-5, epochs: 10));
        yield return ("logistic λ=1e-4", With(LinearAlgorithm.LogisticRegression, 1e-4, epochs: 10));
        yield return ("logistic λ=1e-6", With(LinearAlgorithm.LogisticRegression, 1e-6, epochs: 10));
        yield return ("cnb α=0.1", With(LinearAlgorithm.ComplementNaiveBayes, 0.1));
        yield return ("cnb α=0.01", With(LinearAlgorithm.ComplementNaiveBayes, 0.01));
        yield return ("perceptron 10 epochs", With(LinearAlgorithm.AveragedPerceptron, 0, epochs: 10));

        // Features, with the SVM (C = 1, 1–2-grams unless named).
        var f = baseline.Features;
        yield return ("features 1-gram", With(LinearAlgorithm.LinearSvm, 1, f with { MaxOrder = 1 }));
        yield return ("features 1-3-grams", With(LinearAlgorithm.LinearSvm, 1, f with { MaxOrder = 3 }));
        yield return ("features 1-3-grams C=3", With(LinearAlgorithm.LinearSvm, 3, f with { MaxOrder = 3 }));
        yield return ("features 2-grams only", With(LinearAlgorithm.LinearSvm, 1, f with { MinOrder = 2 }));
        yield return ("features 1-4-grams", With(LinearAlgorithm.LinearSvm, 1, f with { MaxOrder = 4 }));
        yield return ("features 2^16 buckets", With(LinearAlgorithm.LinearSvm, 1, f with { HashBits = 16 }));
        yield return ("features 2^18 buckets", With(LinearAlgorithm.LinearSvm, 1, f with { HashBits = 18 }));
        yield return ("features 2^22 buckets", With(LinearAlgorithm.LinearSvm, 1, f with { HashBits = 22 }));
        yield return ("features raw tf", With(LinearAlgorithm.LinearSvm, 1, f with { SublinearTf = false }));
        yield return ("features no idf", With(LinearAlgorithm.LinearSvm, 1, f with { UseIdf = false }));
        yield return ("features boilerplate kept", With(LinearAlgorithm.LinearSvm, 1, f with { StripBoilerplate = false }));
        yield return ("features head 40", With(LinearAlgorithm.LinearSvm, 1, f with { HeadTokens = 40 }));
        yield return ("features digits kept", With(LinearAlgorithm.LinearSvm, 1, f with { FoldDigits = false }));
    }
}
