using System.Collections.Concurrent;

namespace Hotline.Text.HotSpots;

/// <summary>
/// The text side of the hot-spot detector: TF-IDF weighted character bigrams (boilerplate removed, digits dropped) and
/// the centroid clustering of one group of orders, oldest first.
/// </summary>
internal sealed class HotSpotClustering(float[] idf, ConcurrentDictionary<long, string> words, HotSpotOptions options)
{
    private const int IdfBits = 22;
    private const int PostingScan = 16;
    private const int Shortlist = 4;

    /// <summary>Background documents in which every term is rare (see docs/decisions.md, "Hot spots").</summary>
    public const int BackgroundDocuments = 1000;

    public static int[] NewDocumentFrequency() => new int[1 << IdfBits];

    /// <summary>Counts the distinct terms of one text into <paramref name="documentFrequency"/> (thread-safe).</summary>
    public static void CountTerms(string text, List<long> keys, int[] documentFrequency, ConcurrentDictionary<long, string> words)
    {
        keys.Clear();
        Terms(text, keys, words);
        keys.Sort();
        for (var k = 0; k < keys.Count; k++)
        {
            if (k == 0 || keys[k] != keys[k - 1])
            {
                Interlocked.Increment(ref documentFrequency[IdfBucket(keys[k])]);
            }
        }
    }

    /// <summary>
    /// Clusters one group (oldest first): each order joins the cluster whose centroid is most similar (cosine ≥
    /// <paramref name="similarity"/>) or starts a new one. Candidates come from an inverted index of the clusters' terms.
    /// Inside an entity's group the entity's own name says nothing of the matter: its bigrams (<paramref name="entity"/>)
    /// are left out, so that the compound's outage and its noise are told apart by what they say.
    /// </summary>
    public List<Cluster> Cluster(IReadOnlyList<HotSpotDocument> documents, double similarity, string? entity = null)
    {
        HashSet<long>? excluded = null;
        if (entity is { Length: > 1 })
        {
            excluded = [];
            for (var k = 0; k < entity.Length - 1; k++)
            {
                excluded.Add(((long)entity[k] << 16) | entity[k + 1]);
            }
        }

        var clusters = new List<Cluster>();
        var postings = new Dictionary<long, List<int>>();
        var keys = new List<long>();
        var terms = new List<(long Key, float Weight)>();
        var overlap = new Dictionary<int, float>();
        var shortlist = new List<(int Cluster, float Overlap)>();
        foreach (var document in documents)
        {
            var vector = Vectorize(document.Text, keys, terms, excluded);
            if (vector.Length == 0)
            {
                continue;
            }

            // Candidates: clusters sharing terms with the order (for a common term, the ones posted last), ranked by the
            // weight of the shared terms; the exact cosine is computed for the best few only.
            overlap.Clear();
            foreach (var (key, weight) in vector)
            {
                if (postings.TryGetValue(key, out var list))
                {
                    for (var k = list.Count - 1; k >= Math.Max(0, list.Count - PostingScan); k--)
                    {
                        overlap[list[k]] = overlap.GetValueOrDefault(list[k]) + weight;
                    }
                }
            }

            shortlist.Clear();
            foreach (var (cluster, shared) in overlap)
            {
                shortlist.Add((cluster, shared));
            }

            shortlist.Sort((a, b) => a.Overlap != b.Overlap ? b.Overlap.CompareTo(a.Overlap) : a.Cluster.CompareTo(b.Cluster));
            var best = -1;
            var bestScore = similarity;
            for (var k = 0; k < Math.Min(Shortlist, shortlist.Count); k++)
            {
                var candidate = shortlist[k].Cluster;
                var cosine = clusters[candidate].Cosine(vector);
                if (cosine > bestScore || (cosine == bestScore && best < 0))
                {
                    (best, bestScore) = (candidate, cosine);
                }
            }

            if (best < 0)
            {
                best = clusters.Count;
                clusters.Add(new Cluster());
            }

            // A cluster is posted under a term once, when the term first enters its centroid.
            foreach (var key in clusters[best].Add(document, vector))
            {
                if (!postings.TryGetValue(key, out var list))
                {
                    postings[key] = list = [];
                }

                list.Add(best);
            }
        }

        return clusters;
    }

    /// <summary>The heaviest terms of a centroid for display, leaving out those inside <paramref name="name"/> (an event's entity).</summary>
    public IReadOnlyList<string> TopTerms(Cluster cluster, string? name) =>
        cluster.Centroid.OrderByDescending(p => p.Value).ThenBy(p => p.Key)
            .Select(p => Display(p.Key))
            .Where(t => name is null || !name.Contains(t, StringComparison.Ordinal))
            .Take(options.Terms)
            .ToArray();

    /// <summary>The order's heaviest terms (TF-IDF, L2-normalised), heaviest first.</summary>
    private (long Key, float Weight)[] Vectorize(string text, List<long> keys, List<(long Key, float Weight)> terms, HashSet<long>? excluded)
    {
        keys.Clear();
        Terms(text, keys, words);
        keys.Sort();
        terms.Clear();
        for (var k = 0; k < keys.Count;)
        {
            var start = k;
            while (k < keys.Count && keys[k] == keys[start])
            {
                k++;
            }

            if (excluded is null || !excluded.Contains(keys[start]))
            {
                terms.Add((keys[start], (1f + MathF.Log(k - start)) * idf[IdfBucket(keys[start])]));
            }
        }

        terms.Sort((a, b) => a.Weight != b.Weight ? b.Weight.CompareTo(a.Weight) : a.Key.CompareTo(b.Key));
        var top = new (long Key, float Weight)[Math.Min(options.TermsPerDocument, terms.Count)];
        var norm = 0f;
        for (var i = 0; i < top.Length; i++)
        {
            top[i] = terms[i];
            norm += terms[i].Weight * terms[i].Weight;
        }

        norm = MathF.Sqrt(norm);
        for (var i = 0; i < top.Length; i++)
        {
            top[i].Weight /= norm;
        }

        return top;
    }

    /// <summary>
    /// Term keys: a CJK bigram is its two UTF-16 units (a lone CJK character its one), an ASCII word a hash above 2^32
    /// (its spelling kept in <paramref name="words"/> for display). Digits are left out: house numbers and dates say
    /// nothing of the topic.
    /// </summary>
    private static void Terms(string text, List<long> keys, ConcurrentDictionary<long, string> words)
    {
        var s = Boilerplate.Strip(TextNormalizer.Normalize(text));
        var i = 0;
        while (i < s.Length)
        {
            if (TextNormalizer.IsCjk(s[i]))
            {
                var start = i;
                while (i < s.Length && TextNormalizer.IsCjk(s[i]))
                {
                    i++;
                }

                if (i - start == 1)
                {
                    keys.Add(s[start]);
                }

                for (var k = start; k < i - 1; k++)
                {
                    keys.Add(((long)s[k] << 16) | s[k + 1]);
                }
            }
            else if (char.IsAsciiLetter(s[i]))
            {
                var start = i;
                var hash = 0xCBF29CE484222325UL;
                while (i < s.Length && char.IsAsciiLetter(s[i]))
                {
                    hash = (hash ^ s[i]) * 0x100000001B3UL;
                    i++;
                }

                var key = (long)(CharNGrams.Mix(hash) >> 2) | (1L << 61);
                if (!words.ContainsKey(key))
                {
                    words.TryAdd(key, s[start..i]);
                }

                keys.Add(key);
            }
            else
            {
                i++;
            }
        }
    }

    private static int IdfBucket(long key) => (int)(CharNGrams.Mix((ulong)key) >> (64 - IdfBits));

    private string Display(long key) => key switch
    {
        < 1L << 16 => ((char)key).ToString(),
        < 1L << 32 => string.Concat((char)(key >> 16), (char)(key & 0xFFFF)),
        _ => words.TryGetValue(key, out var word) ? word : "?",
    };
}

/// <summary>A growing cluster: its members and the sum of their vectors.</summary>
internal sealed class Cluster
{
    private double _normSquared;

    public Dictionary<long, double> Centroid { get; } = [];

    public List<HotSpotDocument> Members { get; } = [];

    public double Cosine((long Key, float Weight)[] vector)
    {
        var dot = 0.0;
        foreach (var (key, weight) in vector)
        {
            if (Centroid.TryGetValue(key, out var c))
            {
                dot += c * weight;
            }
        }

        return _normSquared > 0 ? dot / Math.Sqrt(_normSquared) : 0;
    }

    /// <summary>Adds an order; returns the terms new to the centroid.</summary>
    public List<long> Add(HotSpotDocument document, (long Key, float Weight)[] vector)
    {
        Members.Add(document);
        var added = new List<long>();
        foreach (var (key, weight) in vector)
        {
            if (!Centroid.TryGetValue(key, out var c))
            {
                added.Add(key);
            }

            _normSquared += (2 * c * weight) + ((double)weight * weight);
            Centroid[key] = c + weight;
        }

        return added;
    }
}
