using Hotline.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace Hotline.Bench.SmartDispatch;

/// <summary>
/// ML.NET's multiclass trainers for the router-words comparison: over the product's own feature vectors (so only the
/// learner differs), and ML.NET's own text featurizer over the segmented words. Score slots are mapped back to the
/// labels by the Score column's slot names.
/// </summary>
internal static class MlNetCandidates
{
    public static IEnumerable<(string Name, Func<IReadOnlyList<LabelledText>, string[], Func<string, float[]>> Train)> All(NGramSettings union)
    {
        yield return ("ML.NET SdcaMaximumEntropy over chars 1-2 + words 1-2", (t, l) => OverOwnFeatures(t, l, union, ml => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy()));
        yield return ("ML.NET LbfgsMaximumEntropy over chars 1-2 + words 1-2", (t, l) => OverOwnFeatures(t, l, union, ml => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()));
        yield return ("ML.NET OVA LinearSvm over chars 1-2 + words 1-2", (t, l) => OverOwnFeatures(t, l, union, ml => ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.LinearSvm())));
        yield return ("ML.NET FeaturizeText (words 1-2 + chars 1-2 of the segmented text) + SdcaMaximumEntropy", FeaturizeText);
    }

    private sealed class VectorRow
    {
        public string Label { get; set; } = string.Empty;

        public VBuffer<float> Features { get; set; }
    }

    private sealed class TextRow
    {
        public string Label { get; set; } = string.Empty;

        public string Text { get; set; } = string.Empty;
    }

    private sealed class Output
    {
        public float[] Score { get; set; } = [];
    }

    private static Func<string, float[]> OverOwnFeatures(IReadOnlyList<LabelledText> train, string[] labels, NGramSettings features, Func<MLContext, IEstimator<ITransformer>> trainer)
    {
        var ml = new MLContext(seed: 1);
        var (vectorizer, vectors) = TextVectorizer.FitTransform(train.Select(t => t.Text).ToArray(), features);
        var schema = SchemaDefinition.Create(typeof(VectorRow));
        schema[nameof(VectorRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features.Dimensions);
        var rows = train.Select((t, i) => new VectorRow { Label = t.Label, Features = ToBuffer(vectors[i], features.Dimensions) }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var model = Keyed(ml).Append(trainer(ml)).Fit(data);
        var slots = Slots(model, data, labels);
        var engine = ml.Model.CreatePredictionEngine<VectorRow, Output>(model, inputSchemaDefinition: schema);
        var gate = new object();
        return text =>
        {
            var row = new VectorRow { Label = labels[0], Features = ToBuffer(vectorizer.Transform(text), features.Dimensions) };
            lock (gate)
            {
                return Log(engine.Predict(row).Score, slots);
            }
        };
    }

    private static Func<string, float[]> FeaturizeText(IReadOnlyList<LabelledText> train, string[] labels)
    {
        var ml = new MLContext(seed: 1);
        var schema = SchemaDefinition.Create(typeof(TextRow));
        var rows = train.Select(t => new TextRow { Label = t.Label, Text = Segmented(t.Text) }).ToList();
        var options = new TextFeaturizingEstimator.Options
        {
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
            KeepPunctuations = false,
        };
        var pipeline = Keyed(ml).Append(ml.Transforms.Text.FeaturizeText("Features", options, nameof(TextRow.Text)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy());
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var model = pipeline.Fit(data);
        var slots = Slots(model, data, labels);
        var engine = ml.Model.CreatePredictionEngine<TextRow, Output>(model, inputSchemaDefinition: schema);
        var gate = new object();
        return text =>
        {
            var row = new TextRow { Label = labels[0], Text = Segmented(text) };
            lock (gate)
            {
                return Log(engine.Predict(row).Score, slots);
            }
        };
    }

    /// <summary>The text's words (the product's segmenter) separated by spaces, boilerplate removed, digits folded.</summary>
    private static string Segmented(string text) =>
        string.Join(' ', WordSegmenter.Default.Cut(Boilerplate.Strip(TextNormalizer.Normalize(text))).Select(w => char.IsAsciiDigit(w[0]) ? "0" : w));

    private static Microsoft.ML.Transforms.ValueToKeyMappingEstimator Keyed(MLContext ml) => ml.Transforms.Conversion.MapValueToKey("Label");

    /// <summary>For each score slot, the index of its label in <paramref name="labels"/> (from the Score column's slot names).</summary>
    private static int[] Slots(ITransformer model, IDataView data, string[] labels)
    {
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        model.GetOutputSchema(data.Schema)["Score"].GetSlotNames(ref names);
        return names.DenseValues().Select(n => Array.IndexOf(labels, n.ToString())).ToArray();
    }

    private static VBuffer<float> ToBuffer(SparseVector v, int dimensions)
    {
        var order = Enumerable.Range(0, v.Indices.Length).OrderBy(k => v.Indices[k]).ToArray();
        return new VBuffer<float>(dimensions, order.Length, order.Select(k => v.Values[k]).ToArray(), order.Select(k => v.Indices[k]).ToArray());
    }

    /// <summary>ML.NET's maximum-entropy scores are probabilities; their logs are scores the softmax turns back.</summary>
    private static float[] Log(float[] probabilities, int[] slots)
    {
        var result = new float[slots.Length];
        for (var k = 0; k < slots.Length; k++)
        {
            result[slots[k]] = MathF.Log(Math.Max(probabilities[k], 1e-7f));
        }

        return result;
    }
}
