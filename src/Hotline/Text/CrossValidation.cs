namespace Hotline.Text;

/// <summary>Stratified k-fold cross-validation of a <see cref="TextClassifier"/>: every example is predicted by a model that never saw it.</summary>
public static class CrossValidation
{
    /// <summary>Assigns each example a fold 0..folds-1 so that every label is spread evenly over the folds (seeded).</summary>
    public static int[] StratifiedFolds(IReadOnlyList<string> labels, int folds, int seed)
    {
        if (folds < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), "Cross-validation needs at least two folds.");
        }

        var assignment = new int[labels.Count];
        var random = new Random(seed);
        var next = 0;
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = group.ToArray();
            LinearModel.Shuffle(members, random);
            foreach (var i in members)
            {
                assignment[i] = next++ % folds;
            }
        }

        return assignment;
    }

    /// <summary>
    /// Out-of-fold raw scores (before <see cref="TextClassifier.ScoreScale"/> and softmax; with neighbours, the log of the
    /// blended probability over the scale) for every example, in the
    /// order of <paramref name="labels"/>, which holds every label of the data in ordinal order.
    /// </summary>
    public static (string[] Labels, float[][] Scores) OutOfFoldScores(IReadOnlyList<LabelledText> data, int folds, int seed, TextClassifierOptions options)
    {
        var labels = data.Select(d => d.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var assignment = StratifiedFolds(data.Select(d => d.Label).ToArray(), folds, seed);
        var scores = new float[data.Count][];
        for (var fold = 0; fold < folds; fold++)
        {
            var train = Enumerable.Range(0, data.Count).Where(i => assignment[i] != fold).Select(i => data[i]).ToArray();
            var classifier = TextClassifier.Train(train, options);
            if (!classifier.Labels.SequenceEqual(labels))
            {
                throw new InvalidOperationException("A fold lacks a label; use fewer folds.");
            }

            var test = Enumerable.Range(0, data.Count).Where(i => assignment[i] == fold).ToArray();
            Parallel.ForEach(test, i =>
            {
                var s = new float[labels.Length];
                var vector = classifier.Vectorizer.Transform(data[i].Text);
                if (classifier.Neighbours is null)
                {
                    classifier.Model.Score(vector, s);
                }
                else
                {
                    // The blend is a probability: its log over the scale, so that ToProbabilities gives it back exactly.
                    classifier.Probabilities(vector, s);
                    for (var c = 0; c < s.Length; c++)
                    {
                        s[c] = MathF.Log(Math.Max(s[c], 1e-12f)) / classifier.ScoreScale;
                    }
                }

                scores[i] = s;
            });
        }

        return (labels, scores);
    }

    /// <summary>Turns raw scores into probabilities with a scale, as the classifier does.</summary>
    public static float[][] ToProbabilities(float[][] scores, double scale) => scores.Select(s =>
    {
        var p = s.Select(v => (float)(v * scale)).ToArray();
        LogisticRegressionTrainer.Softmax(p);
        return p;
    }).ToArray();

    public static ClassificationReport Run(IReadOnlyList<LabelledText> data, int folds, int seed, TextClassifierOptions options)
    {
        var (labels, scores) = OutOfFoldScores(data, folds, seed, options);
        var scale = options.ScoreScale ?? TextClassifierOptions.DefaultScoreScale(options.Trainer.Algorithm);
        return ClassificationReport.Compute(labels, data.Select(d => d.Label).ToArray(), ToProbabilities(scores, scale));
    }
}
