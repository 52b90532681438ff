using System.Collections.Concurrent;
using Hotline.Text.Entities;

namespace Hotline.Text.HotSpots;

/// <summary>
/// The text side of the hot-spot detector: TF-IDF weighted character bigrams (boilerplate removed, digits dropped) and
/// the centroid clustering of one group of orders, oldest first.
/// </summary>
internal sealed class HotSpotClustering(float[] idf, ConcurrentDictionary<long, string> words, HotSpotOptions options)
{
    private const int IdfBits = 22;

    /// <summary>Orders turned into vectors at a time (bounded memory), and the fewest worth a parallel loop.</summary>
    private const int Batch = 32768;
    private const int ParallelFrom = 2048;

    /// <summary>Background documents in which every term is rare (see docs/decisions.md, "Hot spots").</summary>
    public const int BackgroundDocuments = 1000;

    public static int[] NewDocumentFrequency() => new int[1 << IdfBits];

    /// <summary>
    /// The weight (<see cref="TextVectorizer.ComputeIdf"/>: ln((1 + N) / (1 + df)) + 1) below which a term is written in more
    /// than a quarter of the documents, the <see cref="BackgroundDocuments"/> counted: no keyword. A small batch never
    /// reaches it.
    /// </summary>
    private static readonly float CommonIdf = (float)(Math.Log(4) + 1);

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
    /// are left out, so that the compound's outage and its noise are told apart by what they say. A large group's orders
    /// are turned into vectors in parallel, a batch at a time; the clustering itself runs in order, so the result does not
    /// depend on the number of cores. <paramref name="terms"/>: the terms kept per order (default
    /// <see cref="HotSpotOptions.TermsPerDocument"/>).
    /// </summary>
    public List<Cluster> Cluster(IReadOnlyList<HotSpotDocument> documents, double similarity, string? entity = null, int? terms = null)
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

        var pass = new ClusterPass(similarity, options.CandidateTerms);
        var finder = new ClusterFinder(pass);
        ForEachVector(documents, excluded, terms ?? options.TermsPerDocument, (document, keys, weights) => pass.Add(finder, document, keys, weights), parallel: false);
        return pass.Clusters;
    }

    /// <summary>
    /// Clusters <paramref name="documents"/> (oldest first) as <see cref="Cluster"/> does, then counts each of the
    /// <paramref name="earlier"/> orders for the cluster its text is most similar to (cosine ≥ <paramref name="similarity"/>)
    /// without changing the clusters: what the current window's matters weighed before. The earlier orders are compared in
    /// parallel against the finished clusters, so the counts do not depend on the number of cores.
    /// </summary>
    public (List<Cluster> Clusters, int[] Earlier) ClusterAndCount(IReadOnlyList<HotSpotDocument> documents, IReadOnlyList<HotSpotDocument> earlier, double similarity, int terms)
    {
        var pass = new ClusterPass(similarity, options.CandidateTerms);
        var finder = new ClusterFinder(pass);
        ForEachVector(documents, null, terms, (document, keys, weights) => pass.Add(finder, document, keys, weights), parallel: false);
        var counts = new int[pass.Clusters.Count];
        var finders = new ThreadLocal<ClusterFinder>(() => new ClusterFinder(pass));
        ForEachVector(earlier, null, terms, (_, keys, weights) =>
        {
            if (finders.Value!.Find(keys, weights) is var best and >= 0)
            {
                Interlocked.Increment(ref counts[best]);
            }
        }, parallel: true);
        finders.Dispose();
        return (pass.Clusters, counts);
    }

    private delegate void VectorAction(HotSpotDocument document, ReadOnlySpan<long> keys, ReadOnlySpan<float> weights);

    /// <summary>
    /// Turns the orders into vectors a batch at a time (in parallel for a large batch) and hands each non-empty one to
    /// <paramref name="action"/>: in order on this thread, or (<paramref name="parallel"/>) on the batch's threads.
    /// </summary>
    private void ForEachVector(IReadOnlyList<HotSpotDocument> documents, HashSet<long>? excluded, int width, VectorAction action, bool parallel)
    {
        var batch = Math.Min(documents.Count, Batch);
        var keys = new long[batch * width];
        var weights = new float[batch * width];
        var lengths = new int[batch];
        for (var start = 0; start < documents.Count; start += batch)
        {
            var count = Math.Min(batch, documents.Count - start);
            if (count >= ParallelFrom)
            {
                Parallel.For(0, count, () => new Scratch(), (i, _, scratch) =>
                {
                    lengths[i] = Vectorize(documents[start + i].Text, scratch, excluded, keys.AsSpan(i * width, width), weights.AsSpan(i * width, width));
                    if (parallel && lengths[i] > 0)
                    {
                        action(documents[start + i], keys.AsSpan(i * width, lengths[i]), weights.AsSpan(i * width, lengths[i]));
                    }

                    return scratch;
                }, _ => { });
            }
            else
            {
                var scratch = new Scratch();
                for (var i = 0; i < count; i++)
                {
                    lengths[i] = Vectorize(documents[start + i].Text, scratch, excluded, keys.AsSpan(i * width, width), weights.AsSpan(i * width, width));
                    if (parallel && lengths[i] > 0)
                    {
                        action(documents[start + i], keys.AsSpan(i * width, lengths[i]), weights.AsSpan(i * width, lengths[i]));
                    }
                }
            }

            for (var i = 0; !parallel && i < count; i++)
            {
                if (lengths[i] > 0)
                {
                    action(documents[start + i], keys.AsSpan(i * width, lengths[i]), weights.AsSpan(i * width, lengths[i]));
                }
            }
        }
    }

    /// <summary>
    /// Joins clusters the one pass kept apart although their centroids agree (cosine ≥ <paramref name="similarity"/>): a
    /// pass compares each order with the clusters as they stood when it came, so the first reports of one matter in
    /// different words can start two clusters that later reports show to be one. Only clusters of two or more orders
    /// are compared, the <see cref="MergeLimit"/> largest of the group, largest first; the result is oldest member first.
    /// </summary>
    public static List<Cluster> Merge(List<Cluster> clusters, double similarity)
    {
        var large = clusters.Where(c => c.Members.Count >= 2)
            .OrderByDescending(c => c.Members.Count).ThenBy(c => c.Members[0].Time).ThenBy(c => c.Members[0].Id, StringComparer.Ordinal)
            .Take(MergeLimit).ToList();
        var absorbed = new HashSet<Cluster>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < large.Count; i++)
        {
            if (absorbed.Contains(large[i]))
            {
                continue;
            }

            for (var j = i + 1; j < large.Count; j++)
            {
                if (!absorbed.Contains(large[j]) && large[i].Cosine(large[j]) >= similarity)
                {
                    large[i].Absorb(large[j]);
                    absorbed.Add(large[j]);
                }
            }
        }

        return absorbed.Count == 0 ? clusters : clusters.Where(c => !absorbed.Contains(c)).ToList();
    }

    /// <summary>How many of a group's clusters <see cref="Merge"/> compares (bounds its cost in a large group).</summary>
    public const int MergeLimit = 64;

    /// <summary>One thread's buffers for turning texts into vectors.</summary>
    private sealed class Scratch
    {
        public List<long> Keys { get; } = [];

        public List<(long Key, float Weight)> Terms { get; } = [];
    }

    /// <summary>
    /// The cluster's keywords for display: the heaviest terms of its centroid, leaving out those inside
    /// <paramref name="name"/> (an event's entity), joined into the phrases the members write (<see cref="TermPhrases"/>).
    /// The name is taken out of the members' texts, and so is its short form (<see cref="EntityExtractor.ShortName"/>), so
    /// that no keyword runs into it ("好润佳店长" of 好润佳超市 is no keyword "佳店长"). A term written in more than a quarter
    /// of the window's orders (<see cref="CommonIdf"/>) tells this hot spot from none: the framing every report is written
    /// in ("没有", "我们"; in the generated history "影响较大", "称此前已向社区").
    /// </summary>
    public IReadOnlyList<string> TopTerms(Cluster cluster, string? name)
    {
        var ranked = cluster.Centroid.Where(p => idf[IdfBucket(p.Key)] >= CommonIdf).OrderByDescending(p => p.Value).ThenBy(p => p.Key)
            .Select(p => Display(p.Key))
            .Where(t => name is null || !name.Contains(t, StringComparison.Ordinal))
            .Take(options.Terms * 4)
            .ToList();
        var shortName = name is null ? null : EntityExtractor.ShortName(name);
        var texts = cluster.Members.Take(TermPhrases.MaxTexts).Select(d => Without(Without(RepeatTerms.Prepare(d.Text), name), shortName)).ToList();
        return TermPhrases.Join(ranked, texts, options.Terms, name);

        static string Without(string text, string? name) => string.IsNullOrEmpty(name) ? text : text.Replace(name, "|", StringComparison.Ordinal);
    }

    /// <summary>The order's heaviest terms (TF-IDF, L2-normalised), heaviest first, written to the spans; returns how many.</summary>
    private int Vectorize(string text, Scratch scratch, HashSet<long>? excluded, Span<long> topKeys, Span<float> topWeights)
    {
        var keys = scratch.Keys;
        var terms = scratch.Terms;
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

        terms.Sort(static (a, b) => a.Weight != b.Weight ? b.Weight.CompareTo(a.Weight) : a.Key.CompareTo(b.Key));
        var length = Math.Min(topKeys.Length, terms.Count);
        var norm = 0f;
        for (var i = 0; i < length; i++)
        {
            norm += terms[i].Weight * terms[i].Weight;
        }

        norm = MathF.Sqrt(norm);
        for (var i = 0; i < length; i++)
        {
            topKeys[i] = terms[i].Key;
            topWeights[i] = terms[i].Weight / norm;
        }

        return length;
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
