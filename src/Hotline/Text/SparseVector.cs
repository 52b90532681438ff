namespace Hotline.Text;

/// <summary>A sparse feature vector: bucket indices (ascending, distinct) and their weights.</summary>
public readonly record struct SparseVector(int[] Indices, float[] Values)
{
    public static SparseVector Empty { get; } = new([], []);

    public int Count => Indices.Length;
}

/// <summary>
/// Turns text into L2-normalised TF-IDF vectors over hashed character n-grams (<see cref="CharNGrams"/>). The inverse
/// document frequencies are learnt by <see cref="Fit"/> and travel with the model.
/// </summary>
public sealed class TextVectorizer
{
    [ThreadStatic]
    private static Scratch? t_scratch;

    private TextVectorizer(NGramSettings settings, float[]? idf)
    {
        Settings = settings;
        Idf = idf;
    }

    public NGramSettings Settings { get; }

    /// <summary>Per-bucket inverse document frequency, or null when the settings do not use it.</summary>
    public float[]? Idf { get; }

    public static TextVectorizer Fit(IReadOnlyList<string> texts, NGramSettings settings)
    {
        settings.Validate();
        if (!settings.UseIdf)
        {
            return new TextVectorizer(settings, null);
        }

        var documentFrequency = new int[settings.Dimensions];
        var lockObject = new object();
        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(0, texts.Count, 256),
            () => new int[settings.Dimensions],
            (range, _, local) =>
            {
                var buckets = new List<int>();
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    buckets.Clear();
                    CharNGrams.Extract(texts[i], settings, buckets);
                    buckets.Sort();
                    for (var k = 0; k < buckets.Count; k++)
                    {
                        if (k == 0 || buckets[k] != buckets[k - 1])
                        {
                            local[buckets[k]]++;
                        }
                    }
                }

                return local;
            },
            local =>
            {
                lock (lockObject)
                {
                    for (var i = 0; i < local.Length; i++)
                    {
                        documentFrequency[i] += local[i];
                    }
                }
            });

        return new TextVectorizer(settings, ComputeIdf(documentFrequency, texts.Count));
    }

    /// <summary>Rebuilds a vectorizer from stored settings and weights (model loading).</summary>
    public static TextVectorizer Restore(NGramSettings settings, float[]? idf)
    {
        settings.Validate();
        if (settings.UseIdf != idf is not null || (idf is not null && idf.Length != settings.Dimensions))
        {
            throw new ArgumentException("The idf table does not match the n-gram settings.", nameof(idf));
        }

        return new TextVectorizer(settings, idf);
    }

    /// <summary>Smoothed idf as in common practice: ln((1 + N) / (1 + df)) + 1, so no weight is zero.</summary>
    public static float[] ComputeIdf(int[] documentFrequency, int documents)
    {
        var idf = new float[documentFrequency.Length];
        for (var i = 0; i < idf.Length; i++)
        {
            idf[i] = (float)(Math.Log((1.0 + documents) / (1.0 + documentFrequency[i])) + 1.0);
        }

        return idf;
    }

    public SparseVector Transform(string? text)
    {
        var scratch = t_scratch;
        if (scratch is null || scratch.Counts.Length != Settings.Dimensions)
        {
            scratch = t_scratch = new Scratch(Settings.Dimensions);
        }

        var buckets = scratch.Buckets;
        buckets.Clear();
        CharNGrams.Extract(text, Settings, buckets);
        var counts = scratch.Counts;
        var touched = scratch.Touched;
        touched.Clear();
        foreach (var bucket in buckets)
        {
            if (counts[bucket] == 0)
            {
                touched.Add(bucket);
            }

            counts[bucket]++;
        }

        touched.Sort();
        var indices = new int[touched.Count];
        var values = new float[touched.Count];
        var norm = 0.0;
        for (var k = 0; k < touched.Count; k++)
        {
            var bucket = touched[k];
            var tf = counts[bucket];
            counts[bucket] = 0;
            var weight = Settings.SublinearTf ? 1f + MathF.Log(tf) : tf;
            if (Idf is not null)
            {
                weight *= Idf[bucket];
            }

            indices[k] = bucket;
            values[k] = weight;
            norm += (double)weight * weight;
        }

        if (norm > 0)
        {
            var scale = (float)(1.0 / Math.Sqrt(norm));
            for (var k = 0; k < values.Length; k++)
            {
                values[k] *= scale;
            }
        }

        return new SparseVector(indices, values);
    }

    /// <summary>Transforms many texts on all cores (each result is the same as <see cref="Transform"/> gives).</summary>
    public SparseVector[] TransformAll(IReadOnlyList<string> texts)
    {
        var vectors = new SparseVector[texts.Count];
        Parallel.For(0, texts.Count, i => vectors[i] = Transform(texts[i]));
        return vectors;
    }

    private sealed class Scratch(int dimensions)
    {
        public int[] Counts { get; } = new int[dimensions];

        public List<int> Buckets { get; } = new(4096);

        public List<int> Touched { get; } = new(4096);
    }
}
