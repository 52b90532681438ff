namespace Hotline.Text;

/// <summary>
/// Multinomial (softmax) logistic regression by stochastic gradient descent with AdaGrad per-weight step sizes and an
/// L2 penalty applied to the weights an example touches. One seeded example order, so runs repeat exactly.
/// </summary>
internal static class LogisticRegressionTrainer
{
    public static LinearModel Train(SparseVector[] x, int[] y, float[] exampleWeight, int classes, int dimensions, TrainerSettings settings)
    {
        var weights = new float[(long)classes * dimensions];
        var squares = new float[weights.Length];
        var bias = new float[classes];
        var biasSquares = new float[classes];
        var lambda = (float)settings.Regularization;
        var rate = (float)settings.LearningRate;
        var order = Enumerable.Range(0, x.Length).ToArray();
        var random = new Random(settings.Seed);
        var model = new LinearModel(classes, dimensions, weights, bias);
        var scores = new float[classes];
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            LinearModel.Shuffle(order, random);
            foreach (var i in order)
            {
                var xi = x[i];
                model.Score(xi, scores);
                Softmax(scores);
                for (var c = 0; c < classes; c++)
                {
                    scores[c] = (scores[c] - (y[i] == c ? 1f : 0f)) * exampleWeight[i];
                }

                for (var k = 0; k < xi.Indices.Length; k++)
                {
                    var offset = xi.Indices[k] * classes;
                    var value = xi.Values[k];
                    for (var c = 0; c < classes; c++)
                    {
                        var at = offset + c;
                        var gradient = (scores[c] * value) + (lambda * weights[at]);
                        squares[at] += gradient * gradient;
                        weights[at] -= rate * gradient / (MathF.Sqrt(squares[at]) + 1e-6f);
                    }
                }

                for (var c = 0; c < classes; c++)
                {
                    biasSquares[c] += scores[c] * scores[c];
                    bias[c] -= rate * scores[c] / (MathF.Sqrt(biasSquares[c]) + 1e-6f);
                }
            }
        }

        return model;
    }

    internal static void Softmax(Span<float> scores)
    {
        var max = float.NegativeInfinity;
        foreach (var s in scores)
        {
            max = Math.Max(max, s);
        }

        var sum = 0f;
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = MathF.Exp(scores[c] - max);
            sum += scores[c];
        }

        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] /= sum;
        }
    }
}
