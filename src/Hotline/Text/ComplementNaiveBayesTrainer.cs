namespace Hotline.Text;

/// <summary>
/// Complement naive Bayes (Rennie et al., ICML 2003): each class is scored against the statistics of all the other
/// classes, which copes with unequal class sizes better than multinomial naive Bayes; weights normalised per class.
/// </summary>
internal static class ComplementNaiveBayesTrainer
{
    public static LinearModel Train(SparseVector[] x, int[] y, float[] exampleWeight, int classes, int dimensions, TrainerSettings settings)
    {
        var perClass = new double[classes, dimensions];
        var total = new double[dimensions];
        for (var i = 0; i < x.Length; i++)
        {
            var xi = x[i];
            for (var k = 0; k < xi.Indices.Length; k++)
            {
                var v = xi.Values[k] * exampleWeight[i];
                perClass[y[i], xi.Indices[k]] += v;
                total[xi.Indices[k]] += v;
            }
        }

        var alpha = settings.Regularization;
        var weights = new float[(long)classes * dimensions];
        for (var c = 0; c < classes; c++)
        {
            var complementSum = 0.0;
            for (var f = 0; f < dimensions; f++)
            {
                complementSum += total[f] - perClass[c, f] + alpha;
            }

            var logs = new double[dimensions];
            var logSum = 0.0;
            for (var f = 0; f < dimensions; f++)
            {
                logs[f] = Math.Log((total[f] - perClass[c, f] + alpha) / complementSum);
                logSum += logs[f];
            }

            for (var f = 0; f < dimensions; f++)
            {
                // Normalised weights: logs / Σ logs (both negative), so a higher score means less like the complement.
                weights[(f * classes) + c] = (float)(logs[f] / logSum * dimensions);
            }
        }

        return new LinearModel(classes, dimensions, weights, new float[classes]);
    }
}
