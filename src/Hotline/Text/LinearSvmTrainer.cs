namespace Hotline.Text;

/// <summary>
/// One-vs-rest linear SVM with squared hinge loss, solved in the dual by coordinate descent (Hsieh et al., ICML 2008 —
/// LIBLINEAR's default). The bias is a constant feature of value 1. Classes train in parallel; each uses its own seeded
/// order, so the result does not depend on the number of cores.
/// </summary>
internal static class LinearSvmTrainer
{
    /// <summary>Stop when the projected gradient's spread falls below this (LIBLINEAR's default for the dual solvers).</summary>
    private const double Tolerance = 0.1;

    /// <summary>Smoothing of the naive Bayes counts behind the log-count ratios.</summary>
    private const double RatioSmoothing = 1.0;

    public static LinearModel Train(SparseVector[] x, int[] y, float[] exampleWeight, int classes, int dimensions, TrainerSettings settings, bool naiveBayesScaling)
    {
        var perClass = new float[classes][];
        var bias = new float[classes];
        Parallel.For(0, classes, c =>
        {
            var scale = naiveBayesScaling ? LogCountRatios(x, y, c, dimensions) : null;
            (perClass[c], bias[c]) = TrainBinary(x, y, exampleWeight, c, dimensions, settings, scale);
        });

        var weights = new float[(long)classes * dimensions];
        for (var c = 0; c < classes; c++)
        {
            var w = perClass[c];
            for (var f = 0; f < dimensions; f++)
            {
                weights[(f * classes) + c] = w[f];
            }
        }

        return new LinearModel(classes, dimensions, weights, bias);
    }

    /// <summary>r(f) = ln((p(f) / |p|) / (q(f) / |q|)), p and q the smoothed feature sums inside and outside the class.</summary>
    private static double[] LogCountRatios(SparseVector[] x, int[] y, int positive, int dimensions)
    {
        var p = new double[dimensions];
        var q = new double[dimensions];
        Array.Fill(p, RatioSmoothing);
        Array.Fill(q, RatioSmoothing);
        for (var i = 0; i < x.Length; i++)
        {
            var target = y[i] == positive ? p : q;
            for (var k = 0; k < x[i].Indices.Length; k++)
            {
                target[x[i].Indices[k]] += x[i].Values[k];
            }
        }

        var pSum = p.Sum();
        var qSum = q.Sum();
        var r = new double[dimensions];
        for (var f = 0; f < dimensions; f++)
        {
            r[f] = Math.Log(p[f] / pSum / (q[f] / qSum));
        }

        return r;
    }

    private static (float[] Weights, float Bias) TrainBinary(SparseVector[] x, int[] y, float[] exampleWeight, int positive, int dimensions, TrainerSettings settings, double[]? scale)
    {
        if (scale is not null)
        {
            // NB-SVM: train on r∘x (a scaled copy for this class), so the solver's inner loops stay plain.
            x = x.Select(v => new SparseVector(v.Indices, v.Indices.Select((f, k) => (float)(v.Values[k] * scale[f])).ToArray())).ToArray();
        }

        var n = x.Length;
        var w = new double[dimensions];
        var b = 0.0;
        var alpha = new double[n];
        var diagonal = new double[n];
        var q = new double[n];
        for (var i = 0; i < n; i++)
        {
            // Squared hinge: no upper bound on alpha, D_ii = 1 / (2 C_i).
            diagonal[i] = 1.0 / (2.0 * settings.Regularization * exampleWeight[i]);
            var norm = 1.0;
            for (var k = 0; k < x[i].Indices.Length; k++)
            {
                double v = x[i].Values[k];
                norm += v * v;
            }

            q[i] = norm + diagonal[i];
        }

        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(settings.Seed + (positive * 7919));
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            LinearModel.Shuffle(order, random);
            var maxProjected = double.NegativeInfinity;
            var minProjected = double.PositiveInfinity;
            foreach (var i in order)
            {
                var sign = y[i] == positive ? 1.0 : -1.0;
                var xi = x[i];
                var dot = b;
                for (var k = 0; k < xi.Indices.Length; k++)
                {
                    dot += w[xi.Indices[k]] * xi.Values[k];
                }

                var gradient = (sign * dot) - 1.0 + (diagonal[i] * alpha[i]);
                var projected = alpha[i] == 0 ? Math.Min(gradient, 0) : gradient;
                maxProjected = Math.Max(maxProjected, projected);
                minProjected = Math.Min(minProjected, projected);
                if (Math.Abs(projected) < 1e-12)
                {
                    continue;
                }

                var old = alpha[i];
                alpha[i] = Math.Max(old - (gradient / q[i]), 0);
                var step = (alpha[i] - old) * sign;
                for (var k = 0; k < xi.Indices.Length; k++)
                {
                    w[xi.Indices[k]] += step * xi.Values[k];
                }

                b += step;
            }

            if (maxProjected - minProjected < Tolerance)
            {
                break;
            }
        }

        var result = new float[dimensions];
        for (var f = 0; f < dimensions; f++)
        {
            // The scaled model w·(r∘x) is the plain linear model (w∘r)·x.
            result[f] = (float)(w[f] * (scale?[f] ?? 1.0));
        }

        return (result, (float)b);
    }
}
