using System.Globalization;
using System.Text;
using Hotline.Text;
using Hotline.Text.Entities;

namespace Hotline.Bench.SmartDispatch;

/// <summary>
/// Repeat quality on the evaluation set made from real text at run time (<see cref="RepeatEvaluationSet"/>): precision and
/// recall within 30 days of the repeat index and, in the same run, of issue 6's MinHash index as the baseline.
/// </summary>
public sealed class RepeatQualityBenchmark : IBenchmark
{
    private static readonly long Window = TimeSpan.FromDays(30).Ticks;

    /// <summary>The similarity floors the cross-validation chooses among.</summary>
    private static readonly double[] SimilarityFloors = [0.0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08];

    public string Name => "repeat-quality";

    public string Description => "repeat precision/recall within 30 days on the evaluation set made from gov-messages (--dump <file> writes a stratified sample to read by hand, --pairs <file> every labelled pair with its scores)";

    public Task<int> RunAsync(BenchContext context)
    {
        var inv = CultureInfo.InvariantCulture;
        var extractor = new EntityExtractor();
        var set = RepeatEvaluationSet.Build(Datasets.Messages(context), extractor);
        var order = Enumerable.Range(0, set.Texts.Count).OrderBy(i => set.Times[i]).ThenBy(i => i).ToArray();
        var labelled = set.Pairs.Where(p => Math.Abs(set.Times[p.B].Ticks - set.Times[p.A].Ticks) <= Window).ToList();

        Console.WriteLine(Measure.Header("Repeat quality on the evaluation set made from gov-messages"));
        Console.WriteLine($"{set.Texts.Count:N0} messages, {set.RecurringEntities:N0} recurring entities (named by 2–60 messages); labelled pairs {set.Pairs.Count:N0}, within 30 days {labelled.Count:N0}:");
        foreach (var kind in labelled.GroupBy(p => p.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"- {kind.Key}: {kind.Count():N0} (held out {kind.Count(p => p.Holdout):N0})");
        }

        var options = new RepeatOptions
        {
            TextThreshold = double.Parse(context.Get("threshold", new RepeatOptions().TextThreshold.ToString(inv)), inv),
            MinTextSimilarity = double.Parse(context.Get("min-similarity", new RepeatOptions().MinTextSimilarity.ToString(inv)), inv),
            EntityBoost = double.Parse(context.Get("entity-boost", new RepeatOptions().EntityBoost.ToString(inv)), inv),
            OtherEntityPenalty = double.Parse(context.Get("other-entity-penalty", new RepeatOptions().OtherEntityPenalty.ToString(inv)), inv),
            MaxTerms = context.GetInt("max-terms", new RepeatOptions().MaxTerms),
        };
        var found = Run(set, order, (text, time) => new RepeatDocument(string.Empty, text, time, null, null), options, extractor);
        var sweep = Run(set, order, (text, time) => new RepeatDocument(string.Empty, text, time, null, null), options with { TextThreshold = 0.0001, MinTextSimilarity = 0, MaxCandidates = 100 }, extractor);
        var baseline = RunLegacy(set, order);

        Console.WriteLine();
        Console.WriteLine("| index | part | same-event pairs | other pairs | found (true) | found (false) | **precision** | **recall** |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var (name, pairs) in new[] { ("issue 6 MinHash (baseline)", baseline), ($"issue 19 weighted (threshold {options.TextThreshold:0.00}, min similarity {options.MinTextSimilarity:0.00})", found) })
        {
            foreach (var (part, holdout) in new[] { ("tuning 80 %", false), ("held out 20 %", true), ("all", (bool?)null) })
            {
                var subset = labelled.Where(p => holdout is null || p.Holdout == holdout).ToList();
                var (tp, fp, pos) = Score(subset, pairs.ContainsKey);
                Console.WriteLine(string.Create(inv, $"| {name} | {part} | {pos:N0} | {subset.Count - pos:N0} | {tp:N0} | {fp:N0} | {Ratio(tp, tp + fp)} | {Ratio(tp, pos)} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("Sweep (text score ≥ t and similarity ≥ m; all candidates kept, 100 per order):");
        Console.WriteLine();
        Console.WriteLine("| m | t | tuning: precision | recall | held out: precision | recall |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var tuning = labelled.Where(p => !p.Holdout).ToList();
        var holdoutPairs = labelled.Where(p => p.Holdout).ToList();
        foreach (var m in new[] { 0.0, 0.03, 0.05, 0.1 })
        {
            foreach (var t in new[] { 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5 })
            {
                var s = Score(tuning, key => sweep.TryGetValue(key, out var v) && v.Score >= t && v.Similarity >= m);
                var h = Score(holdoutPairs, key => sweep.TryGetValue(key, out var v) && v.Score >= t && v.Similarity >= m);
                Console.WriteLine(string.Create(inv, $"| {m:0.00} | {t:0.00} | {Ratio(s.Tp, s.Tp + s.Fp)} | {Ratio(s.Tp, s.Pos)} | {Ratio(h.Tp, h.Tp + h.Fp)} | {Ratio(h.Tp, h.Pos)} |"));
            }
        }

        CrossValidate(tuning, sweep);

        if (context.Options.TryGetValue("dump", out var dump))
        {
            Dump(dump, set, labelled, found, context.GetInt("seed", 23));
        }

        if (context.Options.TryGetValue("pairs", out var all))
        {
            WritePairs(all, set, labelled, found, sweep);
        }

        return Task.FromResult(0);
    }

    /// <summary>
    /// Five folds of the tuning part by entity (an event's pairs stay in one fold): on four, the thresholds with the highest
    /// recall at precision ≥ 0.9 are chosen — then the highest precision, then the highest similarity floor (it spares the
    /// index the exact score of more candidates), then the middle text threshold of those that tie — and counted on the
    /// fifth. The held-out part takes no part.
    /// </summary>
    private static void CrossValidate(List<LabelledPair> tuning, Dictionary<(int, int), (double Score, double Similarity)> sweep)
    {
        var inv = CultureInfo.InvariantCulture;
        var grid = (from m in SimilarityFloors
                    from t in Enumerable.Range(8, 33).Select(k => k / 100.0)
                    select (T: t, M: m)).ToArray();
        (int Tp, int Fp, int Pos) At(List<LabelledPair> pairs, (double T, double M) g) =>
            Score(pairs, key => sweep.TryGetValue(key, out var v) && v.Score >= g.T && v.Similarity >= g.M);
        (double T, double M) Best(List<LabelledPair> pairs)
        {
            var keyed = grid.Select(g =>
            {
                var (tp, fp, pos) = At(pairs, g);
                var precision = tp + fp == 0 ? 1 : (double)tp / (tp + fp);
                return (G: g, Key: (precision >= 0.9 ? 1.0 : 0.0, precision >= 0.9 ? (double)tp / pos : precision, precision, g.M));
            }).ToList();
            var best = keyed.Max(k => k.Key);
            var tied = keyed.Where(k => k.Key == best).Select(k => k.G).OrderBy(g => g.T).ToList();
            return tied[tied.Count / 2];
        }

        Console.WriteLine();
        Console.WriteLine("Cross-validation inside the tuning part (5 folds by entity; thresholds chosen on four, counted on the fifth):");
        Console.WriteLine();
        Console.WriteLine("| fold | chosen t | chosen m | same-event pairs | found (true) | found (false) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        int tps = 0, fps = 0, poss = 0;
        for (var fold = 0; fold < 5; fold++)
        {
            var test = tuning.Where(p => Fold(p.Entity) == fold).ToList();
            var chosen = Best(tuning.Where(p => Fold(p.Entity) != fold).ToList());
            var (tp, fp, pos) = At(test, chosen);
            (tps, fps, poss) = (tps + tp, fps + fp, poss + pos);
            Console.WriteLine(string.Create(inv, $"| {fold} | {chosen.T:0.00} | {chosen.M:0.00} | {pos} | {tp} | {fp} |"));
        }

        var all = Best(tuning);
        Console.WriteLine(string.Create(inv, $"| **pooled** | | | {poss} | {tps} | {fps} |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"Cross-validated precision {Ratio(tps, tps + fps)}, recall {Ratio(tps, poss)}; on the whole tuning part the rule picks t {all.T:0.00}, m {all.M:0.00}."));

        static int Fold(string entity)
        {
            var h = 2166136261u;
            foreach (var c in entity)
            {
                h = (h ^ c) * 16777619u;
            }

            return (int)((h >> 8) % 5);
        }
    }

    private static (int Tp, int Fp, int Pos) Score(List<LabelledPair> pairs, Func<(int, int), bool> predicted)
    {
        int tp = 0, fp = 0, pos = 0;
        foreach (var p in pairs)
        {
            var hit = predicted((p.A, p.B)) || predicted((p.B, p.A));
            pos += p.SameEvent ? 1 : 0;
            tp += hit && p.SameEvent ? 1 : 0;
            fp += hit && !p.SameEvent ? 1 : 0;
        }

        return (tp, fp, pos);
    }

    private static string Ratio(int a, int b) => b == 0 ? "–" : ((double)a / b).ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>Each message against the earlier ones, in time order, as intake meets them: (earlier, later) → score, similarity.</summary>
    private static Dictionary<(int, int), (double Score, double Similarity)> Run(
        RepeatEvaluationSet set, int[] order, Func<string, DateTimeOffset, RepeatDocument> document, RepeatOptions options, EntityExtractor extractor)
    {
        using var index = new RepeatIndex(options, extractor);
        var found = new Dictionary<(int, int), (double, double)>();
        foreach (var i in order)
        {
            var doc = document(set.Texts[i], set.Times[i]) with { Id = i.ToString(CultureInfo.InvariantCulture) };
            foreach (var c in index.Find(doc))
            {
                found[(int.Parse(c.Id, CultureInfo.InvariantCulture), i)] = (c.Score, c.Similarity);
            }

            index.Add(doc);
        }

        return found;
    }

    private static Dictionary<(int, int), (double Score, double Similarity)> RunLegacy(RepeatEvaluationSet set, int[] order)
    {
        using var index = new LegacyMinHashRepeatIndex();
        var found = new Dictionary<(int, int), (double, double)>();
        foreach (var i in order)
        {
            var doc = new RepeatDocument(i.ToString(CultureInfo.InvariantCulture), set.Texts[i], set.Times[i], null, null);
            foreach (var c in index.Find(doc))
            {
                found[(int.Parse(c.Id, CultureInfo.InvariantCulture), i)] = (c.Score, c.Similarity);
            }

            index.Add(doc);
        }

        return found;
    }

    /// <summary>Every labelled pair within 30 days with its scores, for reading the errors (the tuning part only is read to tune).</summary>
    private static void WritePairs(
        string path, RepeatEvaluationSet set, List<LabelledPair> labelled, Dictionary<(int, int), (double Score, double Similarity)> found, Dictionary<(int, int), (double Score, double Similarity)> sweep)
    {
        var text = new StringBuilder("a\tb\tholdout\tkind\tsame\tentity\tfound\tscore\tsimilarity\tA\tB\n");
        foreach (var p in labelled)
        {
            var s = sweep.TryGetValue((p.A, p.B), out var v) ? v : (0, 0);
            text.Append(CultureInfo.InvariantCulture, $"{p.A}\t{p.B}\t{p.Holdout}\t{p.Kind}\t{p.SameEvent}\t{p.Entity}\t{found.ContainsKey((p.A, p.B))}\t{s.Score:0.000}\t{s.Similarity:0.000}\t{set.Texts[p.A].Replace('\t', ' ')}\t{set.Texts[p.B].Replace('\t', ' ')}\n");
        }

        File.WriteAllText(path, text.ToString());
        Console.Error.WriteLine($"wrote {labelled.Count} pairs to {path}");
    }

    private static void Dump(string path, RepeatEvaluationSet set, List<LabelledPair> labelled, Dictionary<(int, int), (double Score, double Similarity)> found, int seed)
    {
        // Stratified: 40 same-event pairs and 10 of each kind of different-event pair (--seed; readings used 7, 19 and 23).
        var random = new Random(seed);
        var sample = labelled.GroupBy(p => p.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.OrderBy(_ => random.Next()).Take(g.Key == "same-event" ? 40 : 10)).ToList();
        var text = new StringBuilder("n\tkind\tsame event (rules)\tentity\tfound\tA\tB\n");
        var n = 0;
        foreach (var p in sample)
        {
            string Cut(string s) => s.Length > 220 ? s[..220] : s;
            text.Append(CultureInfo.InvariantCulture, $"{++n}\t{p.Kind}\t{p.SameEvent}\t{p.Entity}\t{found.ContainsKey((p.A, p.B))}\t{Cut(set.Texts[p.A]).Replace('\t', ' ')}\t{Cut(set.Texts[p.B]).Replace('\t', ' ')}\n");
        }

        File.WriteAllText(path, text.ToString());
        Console.Error.WriteLine($"wrote {sample.Count} pairs to {path}");
    }
}
