using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hotline.Text;

namespace Hotline.Features.SmartDispatch;

/// <summary>
/// The file-based smart-dispatch tools: <c>hotline router train|eval|cv|predict</c>, <c>hotline repeats</c> and
/// <c>hotline hotspots</c>. They read files only (no database, no server start-up), so they start fast — except <c>router train</c>
/// without <c>--data</c>, which trains from the database as the server does.
/// Exit codes: 0 done, 1 usage error, 2 unreadable input file, 3 missing or unusable model, 4 nothing trained from the database.
/// </summary>
public static class SmartDispatchCommands
{
    public const int InputError = 2;
    public const int ModelError = 3;

    /// <summary><c>router train</c> from the database stored no model (too few labelled orders, or another node training).</summary>
    public const int NothingTrained = 4;

    public static readonly string[] Verbs = ["router", "repeats", "hotspots"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void AddTo(RootCommand root)
    {
        root.Subcommands.Add(Router());
        root.Subcommands.Add(Repeats());
        root.Subcommands.Add(HotSpots());
    }

    private static Command Router()
    {
        var router = new Command("router", "Routing model: train from labelled texts, evaluate, cross-validate, predict.");
        var data = new Option<string>("--data") { Description = "UTF-8 TSV with a header row naming the columns text and label.", Required = true };
        var model = new Option<string>("--model") { Description = "Model file (versioned binary format).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the training order (same data + seed = same model).", DefaultValueFactory = _ => new TrainerSettings().Seed };
        var algorithm = new Option<string>("--algorithm") { Description = "svm (default, chosen by measurement), logistic, cnb or perceptron." };
        algorithm.AcceptOnlyFromAmong("svm", "logistic", "cnb", "perceptron");

        var trainData = new Option<string>("--data") { Description = "UTF-8 TSV with a header row naming the columns text and label. Without it: train from the closed work orders in the database and store new versions there." };
        var trainModel = new Option<string>("--model") { Description = "Model file to write (with --data)." };
        var activate = new Option<bool?>("--activate") { Description = "Database training: true activates the new versions, false stores them only; default: activate unless clearly worse than the active ones." };
        var train = new Command("train", "Train a routing model from a labelled TSV file and write it, or (without --data) from closed work orders into the database.") { trainData, trainModel, seed, algorithm, activate };
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

            return Guarded(result, output => TrainFromFile(result.GetValue(trainData)!, result.GetValue(trainModel)!, result.GetValue(seed), result.GetValue(algorithm), output));
        });

        var evaluate = new Command("eval", "Evaluate a model on a labelled TSV file: accuracy, macro-F1, top-3 accuracy, per-label table.") { model, data };
        evaluate.SetAction(result => Guarded(result, output =>
        {
            var classifier = TextClassifier.Load(result.GetValue(model)!);
            var examples = TsvInput.ReadLabelled(result.GetValue(data)!);
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
        var crossValidate = new Command("cv", "Stratified k-fold cross-validation of the training settings on a labelled TSV file.") { data, folds, seed, algorithm };
        crossValidate.SetAction(result => Guarded(result, output =>
        {
            var examples = TsvInput.ReadLabelled(result.GetValue(data)!);
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

    private static int TrainFromFile(string dataPath, string path, int seed, string? algorithm, TextWriter output)
    {
        var examples = TsvInput.ReadLabelled(dataPath);
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
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Model written to {path} ({new FileInfo(path).Length / 1024.0 / 1024.0:0.0} MiB, format version {TextClassifier.FormatVersion})."));
        return 0;
    }

    /// <summary>
    /// <c>router train</c> without <c>--data</c>: the server's configuration and database (migrated first), the unit and
    /// category models trained from closed work orders and stored as new versions, as the schedule does.
    /// </summary>
    private static async Task<int> TrainFromDatabaseAsync(ParseResult result, bool? activate, CancellationToken ct)
    {
        var output = result.InvocationConfiguration.Output;
        await using var app = HotlineApp.Build(HotlineApp.CreateBuilder([]));
        await Infrastructure.Data.DatabaseSetup.MigrateAsync(app.Services, ct);
        var training = app.Services.GetRequiredService<Routing.RouterTraining>();
        var outcomes = await training.TrainAsync(new Routing.TrainingRequest("command line", activate), ct);
        foreach (var outcome in outcomes)
        {
            var kind = Routing.RouterModelState.Name(outcome.Kind);
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

    private static Command Repeats()
    {
        var data = OrdersOption();
        var format = FormatOption();
        var max = new Option<int>("--max") { Description = "Most candidates per order.", DefaultValueFactory = _ => new RepeatOptions().MaxCandidates };
        var command = new Command("repeats", "List repeat pairs: each order against the earlier ones (same caller and a related matter within 90 days, similar text in the same place within 30 days), with score and reasons.") { data, format, max };
        command.SetAction(result => Guarded(result, output =>
        {
            var orders = TsvInput.ReadOrders(result.GetValue(data)!).OrderBy(o => o.Time).ThenBy(o => o.Line).ToArray();
            using var index = new RepeatIndex(new RepeatOptions { MaxCandidates = result.GetValue(max) });
            var repeats = new List<RepeatLine>();
            foreach (var order in orders)
            {
                var document = new RepeatDocument(order.Id, order.Text, order.Time, order.Phone, order.Place);
                var candidates = index.Find(document);
                if (candidates.Count > 0)
                {
                    repeats.Add(new RepeatLine(
                        order.Id,
                        order.Time.ToOffset(TsvInput.ChinaOffset),
                        candidates.Select(c => new CandidateLine(c.Id, Math.Round(c.Score, 4), Math.Round(c.Similarity, 4), c.ReasonCodes, c.Time.ToOffset(TsvInput.ChinaOffset))).ToArray()));
                }

                index.Add(document);
            }

            var pairs = repeats.SelectMany(r => r.Candidates.Select(c => new RepeatPair(r.Id, c.Id, c.Score, c.Similarity, c.Reasons, r.Time, c.Time))).ToArray();
            if (result.GetValue(format) == "json")
            {
                output.WriteLine(JsonSerializer.Serialize(new { orders = orders.Length, withCandidates = repeats.Count, pairs }, Json));
            }
            else
            {
                output.WriteLine($"{orders.Length} orders, {repeats.Count} with repeat candidates, {pairs.Length} pairs.");
                output.WriteLine("id\trepeat of\tscore\tsimilarity\treasons");
                foreach (var p in pairs)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.Id}\t{p.RepeatOf}\t{p.Score:0.000}\t{p.Similarity:0.000}\t{string.Join(",", p.Reasons)}"));
                }
            }

            return 0;
        }));
        return command;
    }

    private static Command HotSpots()
    {
        var defaults = new HotSpotOptions();
        var data = OrdersOption();
        var format = FormatOption();
        var top = new Option<int>("--top") { Description = "How many hot spots to list.", DefaultValueFactory = _ => 10 };
        var window = new Option<int>("--window-days") { Description = "Length of the current window (and of the previous one) in days.", DefaultValueFactory = _ => (int)defaults.Window.TotalDays };
        var end = new Option<string>("--end") { Description = "End of the current window (default: the latest order's time)." };
        var minSize = new Option<int>("--min-size") { Description = "Fewest orders for a hot spot.", DefaultValueFactory = _ => defaults.MinSize };
        var command = new Command("hotspots", "Find hot spots: clusters of similar orders in one place, sized against the previous window; emerging ones flagged.") { data, top, format, window, end, minSize };
        command.SetAction(result => Guarded(result, output =>
        {
            DateTimeOffset? until = null;
            if (result.GetValue(end) is { } rawEnd)
            {
                if (!TsvInput.TryParseTime(rawEnd, out var parsed))
                {
                    throw new ArgumentException($"--end '{rawEnd}' is neither ISO-8601 nor yyyy/M/d H:mm:ss.");
                }

                until = parsed;
            }

            var orders = TsvInput.ReadOrders(result.GetValue(data)!);
            var report = HotSpotDetector.Detect(
                orders.Select(o => new HotSpotDocument(o.Id, o.Text, o.Time, o.Place)).ToArray(),
                defaults with { Window = TimeSpan.FromDays(result.GetValue(window)), End = until, MinSize = result.GetValue(minSize) });
            var clusters = report.Clusters.Take(result.GetValue(top)).Select(c => new
            {
                size = c.Size,
                previousSize = c.PreviousSize,
                growth = c.Growth is { } g ? Math.Round(g, 3) : (double?)null,
                emerging = c.Emerging,
                from = c.From.ToOffset(TsvInput.ChinaOffset),
                to = c.To.ToOffset(TsvInput.ChinaOffset),
                place = c.Place,
                terms = c.Terms,
                ids = c.Ids,
            }).ToArray();
            if (result.GetValue(format) == "json")
            {
                output.WriteLine(JsonSerializer.Serialize(
                    new
                    {
                        windowFrom = report.WindowFrom.ToOffset(TsvInput.ChinaOffset),
                        windowTo = report.WindowTo.ToOffset(TsvInput.ChinaOffset),
                        previousFrom = report.PreviousFrom.ToOffset(TsvInput.ChinaOffset),
                        orders = report.Documents,
                        hotSpots = report.Clusters.Count,
                        clusters,
                    },
                    Json));
            }
            else
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.Documents} orders from {report.PreviousFrom.ToOffset(TsvInput.ChinaOffset):yyyy-MM-dd HH:mm} to {report.WindowTo.ToOffset(TsvInput.ChinaOffset):yyyy-MM-dd HH:mm}; {report.Clusters.Count} hot spots in the last {result.GetValue(window)} days."));
                foreach (var c in clusters)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.size,4} (before {c.previousSize}){(c.emerging ? " emerging" : string.Empty)}  {c.place ?? "-"}  {string.Join(" ", c.terms)}  {c.from:MM-dd HH:mm}–{c.to:MM-dd HH:mm}  {string.Join(",", c.ids.Take(5))}{(c.ids.Count > 5 ? ",…" : string.Empty)}"));
                }
            }

            return 0;
        }));
        return command;
    }

    private static Option<string> OrdersOption() =>
        new("--data") { Description = "UTF-8 TSV with a header naming id, text, time and optionally phone, place (any order).", Required = true };

    private static Option<string> FormatOption()
    {
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        return format;
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
            _ => throw new ArgumentException($"Unknown algorithm '{algorithm}'."),
        };
        return defaults with { Trainer = chosen with { Seed = seed } };
    }

    private static string[] ReadLines(TextReader reader)
    {
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim().Length > 0)
            {
                lines.Add(line);
            }
        }

        return [.. lines];
    }

    /// <summary>Runs a tool; a bad input file or model becomes one clear line on standard error and an exit code.</summary>
    private static int Guarded(ParseResult result, Func<TextWriter, int> run)
    {
        var error = result.InvocationConfiguration.Error;
        try
        {
            return run(result.InvocationConfiguration.Output);
        }
        catch (InputFormatException e)
        {
            error.WriteLine($"error: {e.Message}");
            return InputError;
        }
        catch (ModelFormatException e)
        {
            error.WriteLine($"error: {result.GetValue<string>("--model")}: {e.Message} Retrain it with 'router train'.");
            return ModelError;
        }
        catch (FileNotFoundException e)
        {
            error.WriteLine($"error: {e.Message} Train one with 'router train --data <tsv> --model <path>'.");
            return ModelError;
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private sealed record RepeatLine(string Id, DateTimeOffset Time, IReadOnlyList<CandidateLine> Candidates);

    private sealed record CandidateLine(string Id, double Score, double Similarity, IReadOnlyList<string> Reasons, DateTimeOffset Time);

    /// <summary>One judged repeat: order <paramref name="Id"/> repeats the earlier order <paramref name="RepeatOf"/>.</summary>
    private sealed record RepeatPair(string Id, string RepeatOf, double Score, double Similarity, IReadOnlyList<string> Reasons, DateTimeOffset Time, DateTimeOffset RepeatOfTime);
}
