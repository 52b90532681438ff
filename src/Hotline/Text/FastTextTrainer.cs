namespace Hotline.Text;

/// <summary>
/// A fastText-style supervised learner (Joulin et al. 2017, "Bag of tricks for efficient text classification"): every
/// feature bucket has a dense embedding, a text is the weighted sum of its features' embeddings, a linear softmax sits on
/// top, and both are learnt together by stochastic gradient descent with a linearly decaying rate. The model is linear in
/// the input, so after training it is collapsed into a <see cref="LinearModel"/> (weight(f, c) = output(c) · embedding(f)):
/// prediction costs what the SVM's does, and the model file holds the same weight rows. Buckets no training text used
/// keep no embedding (their weights stay 0, unlike fastText's random rows).
/// </summary>
internal static class FastTextTrainer
{
    /// <summary>The embedding size when <see cref="TrainerSettings.Dimension"/> is 0.</summary>
    public const int DefaultDimension = 64;

    /// <summary>The settings that did best by cross-validation in issue 19 (docs/decisions.md "Issue 19 — routing, round 3").</summary>
    public static TrainerSettings Measured { get; } = new(LinearAlgorithm.FastText, Regularization: 1e-4, Epochs: 25, LearningRate: 0.2, Dimension: DefaultDimension);

    public static LinearModel Train(SparseVector[] x, int[] y, float[] exampleWeight, int classes, int dimensions, TrainerSettings settings)
    {
        var d = settings.Dimension > 0 ? settings.Dimension : DefaultDimension;
        var random = new Random(settings.Seed);
        var rowOf = new int[dimensions];
        Array.Fill(rowOf, -1);
        var rows = 0;
        foreach (var vector in x)
        {
            foreach (var f in vector.Indices)
            {
                if (rowOf[f] < 0)
                {
                    rowOf[f] = rows++;
                }
            }
        }

        var input = new float[(long)rows * d];
        for (var k = 0; k < input.Length; k++)
        {
            input[k] = (float)((random.NextDouble() * 2) - 1) / d;
        }

        var output = new float[classes * d];
        var bias = new float[classes];
        var hidden = new float[d];
        var gradient = new float[d];
        var scores = new float[classes];
        var order = Enumerable.Range(0, x.Length).ToArray();
        var total = (double)Math.Max(1, settings.Epochs) * x.Length;
        var step = 0L;
        var decay = (float)settings.Regularization;
        for (var epoch = 0; epoch < Math.Max(1, settings.Epochs); epoch++)
        {
            LinearModel.Shuffle(order, random);
            foreach (var i in order)
            {
                var rate = (float)(settings.LearningRate * (1 - (step++ / total)));
                var xi = x[i];
                Array.Clear(hidden);
                for (var k = 0; k < xi.Indices.Length; k++)
                {
                    Axpy(xi.Values[k], input.AsSpan(rowOf[xi.Indices[k]] * d, d), hidden);
                }

                for (var c = 0; c < classes; c++)
                {
                    scores[c] = bias[c] + Dot(output.AsSpan(c * d, d), hidden);
                }

                LogisticRegressionTrainer.Softmax(scores);
                Array.Clear(gradient);
                for (var c = 0; c < classes; c++)
                {
                    var g = (scores[c] - (y[i] == c ? 1f : 0f)) * exampleWeight[i];
                    var row = output.AsSpan(c * d, d);
                    Axpy(g, row, gradient);
                    Axpy(-rate * g, hidden, row);
                    bias[c] -= rate * g;
                }

                for (var k = 0; k < xi.Indices.Length; k++)
                {
                    var row = input.AsSpan(rowOf[xi.Indices[k]] * d, d);
                    if (decay > 0)
                    {
                        Scale(row, 1 - (rate * decay));
                    }

                    Axpy(-rate * xi.Values[k], gradient, row);
                }
            }
        }

        var weights = new float[(long)classes * dimensions];
        for (var f = 0; f < dimensions; f++)
        {
            if (rowOf[f] >= 0)
            {
                var embedding = input.AsSpan(rowOf[f] * d, d);
                for (var c = 0; c < classes; c++)
                {
                    weights[(f * classes) + c] = Dot(output.AsSpan(c * d, d), embedding);
                }
            }
        }

        return new LinearModel(classes, dimensions, weights, bias);
    }

    private static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        for (var k = 0; k < x.Length; k++)
        {
            y[k] += a * x[k];
        }
    }

    private static void Scale(Span<float> x, float a)
    {
        for (var k = 0; k < x.Length; k++)
        {
            x[k] *= a;
        }
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0f;
        for (var k = 0; k < a.Length; k++)
        {
            sum += a[k] * b[k];
        }

        return sum;
    }
}
