using Hotline.Infrastructure.Cli;
using Hotline.Text;

namespace Hotline.Bench.SmartDispatch;

/// <summary>Finds the shared evaluation data sets (never copied into the repository).</summary>
internal static class Datasets
{
    public static string Folder(BenchContext context)
    {
        var configured = context.Get("datasets", Environment.GetEnvironmentVariable("HOTLINE_DATASETS") ?? string.Empty);
        foreach (var candidate in new[] { configured, "/work/shared/datasets", "../shared/datasets", "../../shared/datasets" })
        {
            if (candidate.Length > 0 && Directory.Exists(Path.Combine(candidate, "gov-messages")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("The gov-messages data set was not found: pass --datasets <folder> or set HOTLINE_DATASETS.");
    }

    public static List<LabelledText> Messages(BenchContext context, string file = "messages.tsv") =>
        ToolInput.ReadLabelled(Path.Combine(Folder(context), "gov-messages", file));

    /// <summary>A stratified split: the tuning part and a held-out part that tuning never sees.</summary>
    public static (List<LabelledText> Tuning, List<LabelledText> Holdout) Split(List<LabelledText> data, int seed)
    {
        var folds = CrossValidation.StratifiedFolds(data.Select(d => d.Label).ToArray(), 5, seed);
        return (data.Where((_, i) => folds[i] != 0).ToList(), data.Where((_, i) => folds[i] == 0).ToList());
    }
}
