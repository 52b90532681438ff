namespace Hotline.Text;

/// <summary>The learning algorithms a <see cref="TextClassifier"/> can be trained with (compared in docs/decisions.md).</summary>
public enum LinearAlgorithm
{
    /// <summary>One-vs-rest L2-regularised squared-hinge SVM, dual coordinate descent (as LIBLINEAR's default solver).</summary>
    LinearSvm = 1,

    /// <summary>Multinomial logistic regression, stochastic gradient descent with AdaGrad step sizes.</summary>
    LogisticRegression = 2,

    /// <summary>Complement naive Bayes (Rennie et al. 2003) over the TF-IDF weights.</summary>
    ComplementNaiveBayes = 3,

    /// <summary>Multiclass perceptron with weight averaging.</summary>
    AveragedPerceptron = 4,

    /// <summary>The one-vs-rest SVM on features scaled per class by naive Bayes log-count ratios (NBSVM, Wang and Manning 2012).</summary>
    NaiveBayesSvm = 5,

    /// <summary>One-vs-rest L2-regularised SVM with the plain hinge loss (LIBLINEAR's L1-loss dual solver).</summary>
    LinearSvmHinge = 6,

    /// <summary>
    /// fastText-style: feature embeddings and a softmax learnt together by SGD (<see cref="FastTextTrainer"/>), collapsed into
    /// linear weights after training (issue 19).
    /// </summary>
    FastText = 7,
}

/// <summary>Training settings shared by the algorithms; each reads the ones that apply to it.</summary>
/// <param name="Algorithm">Which learner.</param>
/// <param name="Regularization">SVM: the cost C; logistic regression: the L2 penalty λ; naive Bayes: the smoothing α;
/// fastText: the weight decay of the embeddings an example touches (0: none).</param>
/// <param name="Epochs">Passes over the data (SVM: at most; it stops earlier when converged).</param>
/// <param name="LearningRate">AdaGrad's base step (logistic regression); fastText: the first step, decaying linearly to 0.</param>
/// <param name="BalanceClasses">Weight each example by N / (classes × its class's size), so small departments count.</param>
/// <param name="Seed">Seed of the example order; the same data, settings and seed give the same model.</param>
/// <param name="Dimension">fastText: the embedding size (0: <see cref="FastTextTrainer.DefaultDimension"/>); the others ignore it.</param>
public sealed record TrainerSettings(
    LinearAlgorithm Algorithm = LinearAlgorithm.LinearSvm,
    double Regularization = 1.0,
    int Epochs = 30,
    double LearningRate = 0.5,
    bool BalanceClasses = true,
    int Seed = 12345,
    int Dimension = 0);

/// <summary>
/// A linear multiclass scorer: score(c) = bias(c) + Σ x(f)·w(f, c). Weights are stored feature-major (all classes of a
/// feature side by side) so scoring a sparse vector reads memory in runs.
/// </summary>
public sealed class LinearModel
{
    public LinearModel(int classes, int dimensions, float[] weights, float[] bias)
    {
        if (weights.Length != (long)classes * dimensions || bias.Length != classes)
        {
            throw new ArgumentException("Weights and bias do not match the number of classes and dimensions.");
        }

        Classes = classes;
        Dimensions = dimensions;
        Weights = weights;
        Bias = bias;
    }

    public int Classes { get; }

    public int Dimensions { get; }

    public float[] Weights { get; }

    public float[] Bias { get; }

    public void Score(SparseVector x, Span<float> scores)
    {
        var classes = Classes;
        Bias.CopyTo(scores);
        var weights = Weights;
        for (var k = 0; k < x.Indices.Length; k++)
        {
            var value = x.Values[k];
            var row = weights.AsSpan(x.Indices[k] * classes, classes);
            for (var c = 0; c < classes; c++)
            {
                scores[c] += value * row[c];
            }
        }
    }

    public int PredictIndex(SparseVector x)
    {
        Span<float> scores = stackalloc float[Classes];
        Score(x, scores);
        var best = 0;
        for (var c = 1; c < scores.Length; c++)
        {
            if (scores[c] > scores[best])
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>Trains with the chosen algorithm. <paramref name="labels"/> are class indices 0..classes-1.</summary>
    public static LinearModel Train(SparseVector[] examples, int[] labels, int classes, int dimensions, TrainerSettings settings)
    {
        if (examples.Length != labels.Length || examples.Length == 0)
        {
            throw new ArgumentException("Training needs at least one example and one label per example.");
        }

        var exampleWeights = ExampleWeights(labels, classes, settings.BalanceClasses);
        return settings.Algorithm switch
        {
            LinearAlgorithm.LinearSvm => LinearSvmTrainer.Train(examples, labels, exampleWeights, classes, dimensions, settings, naiveBayesScaling: false),
            LinearAlgorithm.NaiveBayesSvm => LinearSvmTrainer.Train(examples, labels, exampleWeights, classes, dimensions, settings, naiveBayesScaling: true),
            LinearAlgorithm.LinearSvmHinge => LinearSvmTrainer.Train(examples, labels, exampleWeights, classes, dimensions, settings, naiveBayesScaling: false, hinge: true),
            LinearAlgorithm.LogisticRegression => LogisticRegressionTrainer.Train(examples, labels, exampleWeights, classes, dimensions, settings),
            LinearAlgorithm.ComplementNaiveBayes => ComplementNaiveBayesTrainer.Train(examples, labels, exampleWeights, classes, dimensions, settings),
            LinearAlgorithm.AveragedPerceptron => AveragedPerceptronTrainer.Train(examples, labels, classes, dimensions, settings),
            LinearAlgorithm.FastText => FastTextTrainer.Train(examples, labels, exampleWeights, classes, dimensions, settings),
        };
    }

    private static float[] ExampleWeights(int[] labels, int classes, bool balance)
    {
        var weights = new float[labels.Length];
        var counts = new int[classes];
        foreach (var label in labels)
        {
            counts[label]++;
        }

        for (var i = 0; i < labels.Length; i++)
        {
            weights[i] = balance ? (float)labels.Length / (classes * counts[labels[i]]) : 1f;
        }

        return weights;
    }

    /// <summary>A permutation of 0..n-1 from a seeded generator (the same on every run).</summary>
    internal static void Shuffle(int[] order, Random random)
    {
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
