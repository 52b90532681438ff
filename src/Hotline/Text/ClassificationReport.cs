using System.Globalization;
using System.Text;

namespace Hotline.Text;

/// <summary>Precision, recall and F1 of one label.</summary>
public sealed record LabelMetrics(string Label, int Support, int Predicted, double Precision, double Recall, double F1);

/// <summary>
/// How well predictions match the truth: accuracy, macro-averaged F1 (each label counts the same, however rare),
/// top-3 accuracy (the truth among the three suggestions), mean log loss, and per-label figures.
/// </summary>
public sealed class ClassificationReport
{
    private ClassificationReport(int count, double accuracy, double macroF1, double top3Accuracy, double logLoss, IReadOnlyList<LabelMetrics> perLabel)
    {
        Count = count;
        Accuracy = accuracy;
        MacroF1 = macroF1;
        Top3Accuracy = top3Accuracy;
        LogLoss = logLoss;
        PerLabel = perLabel;
    }

    public int Count { get; }

    public double Accuracy { get; }

    public double MacroF1 { get; }

    public double Top3Accuracy { get; }

    public double LogLoss { get; }

    public IReadOnlyList<LabelMetrics> PerLabel { get; }

    /// <summary>
    /// Scores predictions. <paramref name="probabilities"/>[i] holds one probability per model label; a true label that
    /// the model does not know (<paramref name="truth"/>[i] not in <paramref name="modelLabels"/>) is always a miss.
    /// </summary>
    public static ClassificationReport Compute(IReadOnlyList<string> modelLabels, IReadOnlyList<string> truth, IReadOnlyList<float[]> probabilities)
    {
        var labels = modelLabels.Concat(truth).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var support = labels.ToDictionary(l => l, _ => 0, StringComparer.Ordinal);
        var predictedCount = labels.ToDictionary(l => l, _ => 0, StringComparer.Ordinal);
        var correctCount = labels.ToDictionary(l => l, _ => 0, StringComparer.Ordinal);
        var modelIndex = modelLabels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        int correct = 0, top3 = 0;
        var logLoss = 0.0;
        for (var i = 0; i < truth.Count; i++)
        {
            var p = probabilities[i];
            var best = 0;
            for (var c = 1; c < p.Length; c++)
            {
                if (p[c] > p[best])
                {
                    best = c;
                }
            }

            var predicted = modelLabels[best];
            support[truth[i]]++;
            predictedCount[predicted]++;
            var known = modelIndex.TryGetValue(truth[i], out var t);
            var truthProbability = known ? p[t] : 0f;
            logLoss -= Math.Log(Math.Max(truthProbability, 1e-15));
            if (predicted == truth[i])
            {
                correct++;
                correctCount[predicted]++;
            }

            if (known && p.Count(v => v > truthProbability) < 3)
            {
                top3++;
            }
        }

        var perLabel = labels.Select(label =>
        {
            var precision = predictedCount[label] == 0 ? 0 : (double)correctCount[label] / predictedCount[label];
            var recall = support[label] == 0 ? 0 : (double)correctCount[label] / support[label];
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            return new LabelMetrics(label, support[label], predictedCount[label], precision, recall, f1);
        }).ToArray();

        // Macro-F1 over the labels present in the truth (a model label absent from the data has no F1 to speak of).
        var scored = perLabel.Where(m => m.Support > 0).ToArray();
        var n = Math.Max(truth.Count, 1);
        return new ClassificationReport(truth.Count, (double)correct / n, scored.Length == 0 ? 0 : scored.Average(m => m.F1), (double)top3 / n, logLoss / n, perLabel);
    }

    /// <summary>The report as a text table; its last line is exactly "macro-F1 0.1234".</summary>
    public string ToText()
    {
        var builder = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        var width = Math.Max(5, PerLabel.Max(m => DisplayWidth(m.Label)));
        builder.AppendLine(inv, $"examples        {Count}");
        builder.AppendLine(inv, $"accuracy        {Accuracy:0.0000}");
        builder.AppendLine(inv, $"top-3 accuracy  {Top3Accuracy:0.0000}");
        builder.AppendLine(inv, $"log loss        {LogLoss:0.0000}");
        builder.AppendLine();
        builder.AppendLine(inv, $"{Pad("label", width)}  precision  recall  f1      support  predicted");
        foreach (var m in PerLabel)
        {
            builder.AppendLine(inv, $"{Pad(m.Label, width)}  {m.Precision,9:0.0000}  {m.Recall,6:0.0000}  {m.F1,6:0.0000}  {m.Support,7}  {m.Predicted,9}");
        }

        builder.AppendLine();
        builder.Append(inv, $"macro-F1 {MacroF1:0.0000}");
        return builder.ToString();
    }

    // CJK characters take two columns in a terminal.
    private static int DisplayWidth(string s) => s.Sum(c => c > 0x2E80 ? 2 : 1);

    private static string Pad(string s, int width) => s + new string(' ', Math.Max(0, width - DisplayWidth(s)));
}
