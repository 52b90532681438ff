using System.Globalization;
using Hotline.Text;

namespace Hotline.Bench.SmartDispatch;

/// <summary>
/// One row of a routing comparison by cross-validation: macro-F1 and, per fold, its difference to the first row printed
/// (the baseline), as mean ± sd over the folds.
/// </summary>
internal sealed class FoldComparison(string[] labels, string[] truth, int[] foldOf, int folds)
{
    private double[]? _baseline;

    public string[] Labels => labels;

    public string[] Truth => truth;

    public int[] FoldOf => foldOf;

    /// <summary>The stratified folds of the tuning part (seed 7, as router-quality) and the table's head, printed.</summary>
    public static FoldComparison Start(IReadOnlyList<LabelledText> tuning, int folds)
    {
        var truth = tuning.Select(t => t.Label).ToArray();
        var comparison = new FoldComparison(truth.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(), truth, CrossValidation.StratifiedFolds(truth, folds, 7), folds);
        Console.WriteLine("| candidate (5-fold CV on the tuning 80 %) | macro-F1 | Δ vs product (mean ± sd over folds) | accuracy | top-3 | log loss | scale | train s/fold |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        return comparison;
    }

    public string Row(string name, float[][] probabilities, string scale, double seconds)
    {
        var report = ClassificationReport.Compute(labels, truth, probabilities);
        var perFold = Enumerable.Range(0, folds).Select(k =>
        {
            var members = Enumerable.Range(0, truth.Length).Where(i => foldOf[i] == k).ToArray();
            return ClassificationReport.Compute(labels, members.Select(i => truth[i]).ToArray(), members.Select(i => probabilities[i]).ToArray()).MacroF1;
        }).ToArray();
        _baseline ??= perFold;
        var diffs = perFold.Zip(_baseline, (x, y) => x - y).ToArray();
        var mean = diffs.Average();
        var sd = Math.Sqrt(diffs.Sum(d => (d - mean) * (d - mean)) / Math.Max(1, diffs.Length - 1));
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {report.MacroF1:0.0000} | {mean:+0.0000;-0.0000} ± {sd:0.0000} | {report.Accuracy:0.0000} | {report.Top3Accuracy:0.0000} | {report.LogLoss:0.000} | {scale} | {seconds:0.0} |");
    }
}
