namespace Hotline.Text;

/// <summary>Multiclass perceptron with averaged weights (Collins 2002), the "lazy" averaging that costs O(1) per update.</summary>
internal static class AveragedPerceptronTrainer
{
    public static LinearModel Train(SparseVector[] x, int[] y, int classes, int dimensions, TrainerSettings settings)
    {
        var weights = new float[(long)classes * dimensions];
        var sums = new float[weights.Length];
        var bias = new float[classes];
        var biasSums = new float[classes];
        var model = new LinearModel(classes, dimensions, weights, bias);
        var order = Enumerable.Range(0, x.Length).ToArray();
        var random = new Random(settings.Seed);
        var step = 1f;
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            LinearModel.Shuffle(order, random);
            foreach (var i in order)
            {
                var predicted = model.PredictIndex(x[i]);
                if (predicted != y[i])
                {
                    var xi = x[i];
                    for (var k = 0; k < xi.Indices.Length; k++)
                    {
                        var offset = xi.Indices[k] * classes;
                        weights[offset + y[i]] += xi.Values[k];
                        weights[offset + predicted] -= xi.Values[k];
                        sums[offset + y[i]] += step * xi.Values[k];
                        sums[offset + predicted] -= step * xi.Values[k];
                    }

                    bias[y[i]] += 1;
                    bias[predicted] -= 1;
                    biasSums[y[i]] += step;
                    biasSums[predicted] -= step;
                }

                step++;
            }
        }

        for (var k = 0; k < weights.Length; k++)
        {
            weights[k] -= sums[k] / step;
        }

        for (var c = 0; c < classes; c++)
        {
            bias[c] -= biasSums[c] / step;
        }

        return model;
    }
}
