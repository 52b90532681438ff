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

    public static LinearModel Train(SparseVector[] x, int[] y, float[] exampleWeight, int classes, int dimensions, TrainerSettings settings, bool naiveBayesScaling, bool hinge = false)
    {
        var perClass = new float[classes][];
        var bias = new float[classes];
        Parallel.For(0, classes, c =>
        {
            var scale = naiveBayesScaling ? LogCountRatios(x, y, c, dimensions) : null;
            (perClass[c], bias[c]) = TrainBinary(x, y, exampleWeight, c, dimensions, settings, scale, hinge);
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

    private static (float[] Weights, float Bias) TrainBinary(SparseVector[] x, int[] y, float[] exampleWeight, int positive, int dimensions, TrainerSettings settings, double[]? scale, bool hinge)
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
        var upper = new double[n];
        var q = new double[n];
        for (var i = 0; i < n; i++)
        {
            // Squared hinge: no upper bound on alpha, D_ii = 1 / (2 C_i). Hinge: 0 ≤ alpha ≤ C_i, D_ii = 0.
            diagonal[i] = hinge ? 0 : 1.0 / (2.0 * settings.Regularization * exampleWeight[i]);
            upper[i] = hinge ? settings.Regularization * exampleWeight[i] : double.PositiveInfinity;
            var norm = 1.0;
            for (var k = 0; k < x[i].Indices.Length; k++)
            {
                double v = x[i].Values[k];
                norm += v * v;
            }

            q[i] = norm + diagonal[i];
        }

        // Shrinking (LIBLINEAR's): an example at alpha = 0 whose gradient exceeds the previous pass's largest projected
        // gradient is very likely to stay at 0, so it leaves the active set; when the active set has converged, every
        // example is checked again before stopping. Most examples of a text problem end at 0, so later passes are short.
        var order = Enumerable.Range(0, n).ToArray();
        var active = n;
        var previousMax = double.PositiveInfinity;
        var previousMin = double.NegativeInfinity;
        var random = new Random(settings.Seed + (positive * 7919));
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            Shuffle(order, active, random);
            var maxProjected = double.NegativeInfinity;
            var minProjected = double.PositiveInfinity;
            for (var s = 0; s < active; s++)
            {
                var i = order[s];
                var sign = y[i] == positive ? 1.0 : -1.0;
                var xi = x[i];
                var dot = b;
                for (var k = 0; k < xi.Indices.Length; k++)
                {
                    dot += w[xi.Indices[k]] * xi.Values[k];
                }

                var gradient = (sign * dot) - 1.0 + (diagonal[i] * alpha[i]);
                double projected;
                if (alpha[i] == 0)
                {
                    if (gradient > previousMax)
                    {
                        active--;
                        (order[s], order[active]) = (order[active], order[s]);
                        s--;
                        continue;
                    }

                    projected = Math.Min(gradient, 0);
                }
                else if (alpha[i] >= upper[i])
                {
                    if (gradient < previousMin)
                    {
                        active--;
                        (order[s], order[active]) = (order[active], order[s]);
                        s--;
                        continue;
                    }

                    projected = Math.Max(gradient, 0);
                }
                else
                {
                    projected = gradient;
                }

                maxProjected = Math.Max(maxProjected, projected);
                minProjected = Math.Min(minProjected, projected);
                if (Math.Abs(projected) < 1e-12)
                {
                    continue;
                }

                var old = alpha[i];
                alpha[i] = Math.Min(Math.Max(old - (gradient / q[i]), 0), upper[i]);
                var step = (alpha[i] - old) * sign;
                for (var k = 0; k < xi.Indices.Length; k++)
                {
                    w[xi.Indices[k]] += step * xi.Values[k];
                }

                b += step;
            }

            if (maxProjected - minProjected < Tolerance)
            {
                if (active == n)
                {
                    break;
                }

                active = n;
                previousMax = double.PositiveInfinity;
                previousMin = double.NegativeInfinity;
                continue;
            }

            previousMax = maxProjected <= 0 ? double.PositiveInfinity : maxProjected;
            previousMin = minProjected >= 0 ? double.NegativeInfinity : minProjected;
        }

        var result = new float[dimensions];
        for (var f = 0; f < dimensions; f++)
        {
            // The scaled model w·(r∘x) is the plain linear model (w∘r)·x.
            result[f] = (float)(w[f] * (scale?[f] ?? 1.0));
        }

        return (result, (float)b);
    }

    /// <summary>Shuffles the first <paramref name="count"/> entries (Fisher–Yates, seeded).</summary>
    private static void Shuffle(int[] order, int count, Random random)
    {
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
