namespace Hotline.Text;

/// <summary>A sparse feature vector: distinct bucket indices (in the order the text first used them) and their weights.</summary>
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
    private static Scratch? _scratch;

    private TextVectorizer(NGramSettings settings, float[]? idf)
    {
        Settings = settings;
        Idf = idf;
    }

    public NGramSettings Settings { get; }

    /// <summary>Per-bucket inverse document frequency, or null when the settings do not use it.</summary>
    public float[]? Idf { get; }

    /// <summary>Learns the idf from <paramref name="texts"/> and returns their vectors too, extracting each text once.</summary>
    public static (TextVectorizer Vectorizer, SparseVector[] Vectors) FitTransform(IReadOnlyList<string> texts, NGramSettings settings)
    {
        settings.Validate();
        var counts = new SparseVector[texts.Count];
        var untrained = new TextVectorizer(settings, null);
        Parallel.For(0, texts.Count, i => counts[i] = untrained.Count(texts[i]));
        if (!settings.UseIdf)
        {
            Parallel.For(0, counts.Length, i => Weigh(counts[i], settings, null));
            return (untrained, counts);
        }

        var documentFrequency = new int[settings.Dimensions];
        foreach (var vector in counts)
        {
            foreach (var index in vector.Indices)
            {
                documentFrequency[index]++;
            }
        }

        var idf = ComputeIdf(documentFrequency, texts.Count);
        Parallel.For(0, counts.Length, i => Weigh(counts[i], settings, idf));
        return (new TextVectorizer(settings, idf), counts);
    }

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
        var vector = Count(text);
        Weigh(vector, Settings, Idf);
        return vector;
    }

    /// <summary>The raw n-gram counts of a text.</summary>
    private SparseVector Count(string? text)
    {
        var scratch = _scratch;
        if (scratch is null || scratch.Counts.Length != Settings.Dimensions)
        {
            scratch = _scratch = new Scratch(Settings.Dimensions);
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

        var indices = new int[touched.Count];
        var values = new float[touched.Count];
        for (var k = 0; k < touched.Count; k++)
        {
            var bucket = touched[k];
            indices[k] = bucket;
            values[k] = counts[bucket];
            counts[bucket] = 0;
        }

        return new SparseVector(indices, values);
    }

    /// <summary>Turns counts into weights in place: (sublinear) tf × idf, then unit length.</summary>
    private static void Weigh(SparseVector vector, NGramSettings settings, float[]? idf)
    {
        var values = vector.Values;
        var norm = 0.0;
        for (var k = 0; k < values.Length; k++)
        {
            var weight = settings.SublinearTf ? 1f + MathF.Log(values[k]) : values[k];
            if (idf is not null)
            {
                weight *= idf[vector.Indices[k]];
            }

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
