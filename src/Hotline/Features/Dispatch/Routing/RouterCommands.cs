using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hotline.Infrastructure.Cli;
using Hotline.Text;
using static Hotline.Infrastructure.Cli.CliTools;

namespace Hotline.Features.Dispatch.Routing;

/// <summary>
/// <c>hotline router train|eval|cv|predict</c>: routing models from labelled files, without the database — except
/// <c>router train</c> without <c>--data</c>, which trains from the database as the server does.
/// </summary>
public static class RouterCommands
{
    public const string Verb = "router";

    public static Command Create()
    {
        var router = new Command("router", "Routing model: train from labelled texts, evaluate, cross-validate, predict.");
        var data = new Option<string>("--data") { Description = "UTF-8 TSV, .csv or .xlsx with a header row naming the columns text and label, optionally subject (Chinese names such as 留言详情, 一级分类 too).", Required = true };
        var model = new Option<string>("--model") { Description = "Model file (versioned binary format).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the training order (same data + seed = same model).", DefaultValueFactory = _ => new TrainerSettings().Seed };
        var algorithm = new Option<string>("--algorithm") { Description = "svm (default, chosen by measurement), logistic, cnb, perceptron or fasttext." };
        algorithm.AcceptOnlyFromAmong("svm", "logistic", "cnb", "perceptron", "fasttext");

        var trainData = new Option<string>("--data") { Description = "UTF-8 TSV, .csv or .xlsx with a header row naming the columns text and label, optionally subject. Without it: train from the closed work orders in the database and store new versions there." };
        var trainModel = new Option<string>("--model") { Description = "Model file to write (with --data)." };
        var activate = new Option<bool?>("--activate") { Description = "Database training: true activates the new versions, false stores them only; default: activate unless clearly worse than the active ones." };
        var train = new Command("train", "Train a routing model from a labelled file (TSV, .csv or .xlsx) and write it, or (without --data) from closed work orders into the database.") { trainData, trainModel, seed, algorithm, activate };
        train.SetAction(async (result, ct) =>
        {
            if (result.GetValue(trainData) is null)
            {
                return await TrainFromDatabaseAsync(result, result.GetValue(activate), ct);
            }

            if (result.GetValue(trainModel) is null)
            {
                result.InvocationConfiguration.Error.WriteLine("error: --model <path> is required with --data.");
                return 1;
            }

            return Guarded(result, output => TrainFromFile(result.GetValue(trainData)!, result.GetValue(trainModel)!, result.GetValue(seed), result.GetValue(algorithm), output, result.InvocationConfiguration.Error));
        });

        var evaluate = new Command("eval", "Evaluate a model on a labelled file (TSV, .csv or .xlsx): accuracy, macro-F1, top-3 accuracy, per-label table.") { model, data };
        evaluate.SetAction(result => Guarded(result, output =>
        {
            var classifier = TextClassifier.Load(result.GetValue(model)!);
            var examples = ToolInput.ReadLabelled(result.GetValue(data)!, result.InvocationConfiguration.Error);
            var probabilities = new float[examples.Count][];
            Parallel.For(0, examples.Count, i =>
            {
                probabilities[i] = new float[classifier.Labels.Count];
                classifier.Probabilities(classifier.Vectorizer.Transform(examples[i].Text), probabilities[i]);
            });
            output.WriteLine(ClassificationReport.Compute(classifier.Labels, examples.Select(e => e.Label).ToArray(), probabilities).ToText());
            return 0;
        }));

        var folds = new Option<int>("--folds") { Description = "Number of folds.", DefaultValueFactory = _ => 5 };
        var crossValidate = new Command("cv", "Stratified k-fold cross-validation of the training settings on a labelled file (TSV, .csv or .xlsx).") { data, folds, seed, algorithm };
        crossValidate.SetAction(result => Guarded(result, output =>
        {
            var examples = ToolInput.ReadLabelled(result.GetValue(data)!, result.InvocationConfiguration.Error);
            var report = CrossValidation.Run(examples, result.GetValue(folds), result.GetValue(seed), Options(result.GetValue(algorithm), result.GetValue(seed)));
            output.WriteLine(report.ToText());
            return 0;
        }));

        var top = new Option<int>("--top") { Description = "How many suggestions.", DefaultValueFactory = _ => 3 };
        var format = FormatOption();
        var texts = new Argument<string[]>("text") { Description = "Texts to route; none: one text per line from standard input.", Arity = ArgumentArity.ZeroOrMore };
        var predict = new Command("predict", "Suggest labels for texts.") { model, top, format, texts };
        predict.SetAction(result => Guarded(result, output =>
        {
            var classifier = TextClassifier.Load(result.GetValue(model)!);
            var inputs = result.GetValue(texts) is { Length: > 0 } given ? given : ReadLines(Console.In);
            var k = result.GetValue(top);
            var predictions = inputs.Select(t => new { text = t, suggestions = classifier.Predict(t, k).Select(s => new { label = s.Label, confidence = Math.Round(s.Confidence, 4) }) }).ToArray();
            if (result.GetValue(format) == "json")
            {
                output.WriteLine(JsonSerializer.Serialize(predictions, Json));
            }
            else
            {
                foreach (var p in predictions)
                {
                    output.WriteLine(string.Join("  ", p.suggestions.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.label} {s.confidence:0.000}"))));
                }
            }

            return 0;
        }));

        router.Subcommands.Add(train);
        router.Subcommands.Add(evaluate);
        router.Subcommands.Add(crossValidate);
        router.Subcommands.Add(predict);
        return router;
    }

    private static int TrainFromFile(string dataPath, string path, int seed, string? algorithm, TextWriter output, TextWriter notes)
    {
        var examples = ToolInput.ReadLabelled(dataPath, notes);
        var options = Options(algorithm, seed);
        var watch = Stopwatch.StartNew();
        var classifier = TextClassifier.Train(examples, options);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        classifier.Save(path);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Trained on {examples.Count:N0} texts, {classifier.Labels.Count} labels, in {watch.Elapsed.TotalSeconds:0.0} s."));
        output.WriteLine($"Features: {classifier.Vectorizer.Settings}.");
        output.WriteLine($"Learner: {options.Trainer.Algorithm}, regularisation {options.Trainer.Regularization.ToString(CultureInfo.InvariantCulture)}, seed {options.Trainer.Seed}.");
        if (classifier.Neighbours is { } neighbours)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Neighbours: the vote of the {neighbours.Settings.K} most similar of {neighbours.Count:N0} stored texts, weight {neighbours.Settings.Weight}."));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Model written to {path} ({new FileInfo(path).Length / 1024.0 / 1024.0:0.0} MiB, format version {classifier.WrittenVersion})."));
        return 0;
    }

    private static async Task<int> TrainFromDatabaseAsync(ParseResult result, bool? activate, CancellationToken ct)
    {
        var output = result.InvocationConfiguration.Output;
        await using var app = HotlineApp.Build(HotlineApp.CreateBuilder([]));
        await Infrastructure.Data.DatabaseSetup.MigrateAsync(app.Services, ct);
        var training = app.Services.GetRequiredService<RouterTraining>();
        var outcomes = await training.TrainAsync(new TrainingRequest("command line", activate), ct);
        foreach (var outcome in outcomes)
        {
            var kind = RouterModelState.Name(outcome.Kind);
            if (outcome.Stored is { } m)
            {
                var quality = m.Quality is { } q
                    ? string.Create(CultureInfo.InvariantCulture, $"{q.Folds}-fold CV on {q.Examples:N0}: macro-F1 {q.MacroF1:0.0000}, accuracy {q.Accuracy:0.0000}, top-3 {q.Top3Accuracy:0.0000}")
                    : "too few orders per label to cross-validate";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{kind} model version {m.Number}: {m.TrainingSize:N0} orders, {m.Labels.Count} labels, {m.TrainingSeconds:0.0} s; {quality}. {outcome.Message}"));
            }
            else
            {
                output.WriteLine($"{kind} model: {outcome.Message}");
            }
        }

        return outcomes.Any(o => o.Stored is not null) ? 0 : NothingTrained;
    }

    private static TextClassifierOptions Options(string? algorithm, int seed)
    {
        var defaults = new TextClassifierOptions();
        var chosen = algorithm switch
        {
            null or "svm" => defaults.Trainer,
            "logistic" => new TrainerSettings(LinearAlgorithm.LogisticRegression, Regularization: 1e-6, Epochs: 10),
            "cnb" => new TrainerSettings(LinearAlgorithm.ComplementNaiveBayes, Regularization: 0.1),
            "perceptron" => new TrainerSettings(LinearAlgorithm.AveragedPerceptron, Epochs: 10),
            "fasttext" => FastTextTrainer.Measured,
            _ => throw new ArgumentException($"Unknown algorithm '{algorithm}'."),
        };
        return defaults with { Trainer = chosen with { Seed = seed } };
    }
}
