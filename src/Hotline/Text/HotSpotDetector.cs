using System.Collections.Concurrent;

namespace Hotline.Text;

/// <summary>One order as the hot-spot detector sees it.</summary>
public sealed record HotSpotDocument(string Id, string Text, DateTimeOffset Time, string? Place);

/// <summary>How hot spots are found. The analysis window ends at <see cref="End"/> (default: the latest order's time).</summary>
public sealed record HotSpotOptions
{
    /// <summary>Length of the current window; the previous window is the same length just before it.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromDays(7);

    public DateTimeOffset? End { get; init; }

    /// <summary>Lowest cosine similarity (TF-IDF of character bigrams) between an order and a cluster's centroid.</summary>
    public double Similarity { get; init; } = 0.15;

    /// <summary>Fewest orders in the current window for a cluster to count as a hot spot.</summary>
    public int MinSize { get; init; } = 3;

    /// <summary>A hot spot is emerging when it had no orders in the previous window or grew at least this many times.</summary>
    public double EmergingGrowth { get; init; } = 2.0;

    /// <summary>How many characteristic terms to report per cluster.</summary>
    public int Terms { get; init; } = 6;

    /// <summary>Terms kept per order (the heaviest by TF-IDF): enough to describe a complaint, few enough to stay fast.</summary>
    public int TermsPerDocument { get; init; } = 48;
}

/// <summary>A cluster of similar orders in one place.</summary>
/// <param name="Size">Orders in the current window.</param>
/// <param name="PreviousSize">Orders of the same cluster in the previous window.</param>
/// <param name="Growth">Size ÷ previous size; null when the previous window had none.</param>
/// <param name="Emerging">New in this window, or grown at least <see cref="HotSpotOptions.EmergingGrowth"/> times.</param>
/// <param name="From">Time of the first order in the current window.</param>
/// <param name="To">Time of the last order in the current window.</param>
/// <param name="Terms">Characteristic terms (heaviest in the centroid).</param>
/// <param name="Ids">The orders in the current window, oldest first.</param>
public sealed record HotSpotCluster(string? Place, int Size, int PreviousSize, double? Growth, bool Emerging, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string> Terms, IReadOnlyList<string> Ids);

/// <summary>The result of one run: the windows and the hot spots, largest first.</summary>
public sealed record HotSpotReport(DateTimeOffset WindowFrom, DateTimeOffset WindowTo, DateTimeOffset PreviousFrom, int Documents, IReadOnlyList<HotSpotCluster> Clusters);

/// <summary>
/// Finds hot spots (高频共性问题) and emerging issues (苗头性诉求): orders of the current window and the previous one are
/// grouped by place; inside a place, each order (oldest first) joins the most similar cluster — cosine of TF-IDF
/// weighted character bigrams (boilerplate removed) against the cluster's centroid — or starts a new one. Clusters
/// are then measured per window: size now, size before, growth. Places run in parallel; the result does not depend on
/// the number of cores.
/// </summary>
public static class HotSpotDetector
{
    private const int IdfBits = 22;
    private const int BackgroundDocuments = 1000;
    private const int PostingScan = 16;
    private const int Shortlist = 4;

    public static HotSpotReport Detect(IReadOnlyList<HotSpotDocument> documents, HotSpotOptions? options = null)
    {
        options ??= new HotSpotOptions();
        if (documents.Count == 0)
        {
            var now = options.End ?? DateTimeOffset.UnixEpoch;
            return new HotSpotReport(now - options.Window, now, now - options.Window - options.Window, 0, []);
        }

        var end = options.End ?? documents.Max(d => d.Time);
        var windowFrom = end - options.Window;
        var previousFrom = windowFrom - options.Window;
        var inRange = documents.Where(d => d.Time > previousFrom && d.Time <= end).ToArray();
        var words = new ConcurrentDictionary<long, string>();

        var documentFrequency = new int[1 << IdfBits];
        Parallel.ForEach(inRange, () => new List<long>(), (d, _, keys) =>
        {
            keys.Clear();
            Terms(d.Text, keys, words);
            keys.Sort();
            for (var k = 0; k < keys.Count; k++)
            {
                if (k == 0 || keys[k] != keys[k - 1])
                {
                    Interlocked.Increment(ref documentFrequency[IdfBucket(keys[k])]);
                }
            }

            return keys;
        }, _ => { });
        // Background documents in which every term is rare: without them a small batch (a quiet district, a test) would
        // give the terms its similar orders share the lowest weights, exactly the terms that make them a cluster.
        var idf = TextVectorizer.ComputeIdf(documentFrequency, inRange.Length + BackgroundDocuments);

        var groups = inRange
            .GroupBy(d => TextNormalizer.Normalize(d.Place) is { Length: > 0 } p ? p : string.Empty, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.OrderBy(d => d.Time).ThenBy(d => d.Id, StringComparer.Ordinal).ToArray())
            .ToArray();
        var results = new List<HotSpotCluster>[groups.Length];
        Parallel.For(0, groups.Length, g => results[g] = ClusterPlace(groups[g], idf, words, windowFrom, options));

        var clusters = results.SelectMany(r => r)
            .OrderByDescending(c => c.Size)
            .ThenByDescending(c => c.Growth ?? double.PositiveInfinity)
            .ThenBy(c => c.From)
            .ThenBy(c => c.Place, StringComparer.Ordinal)
            .ThenBy(c => c.Ids[0], StringComparer.Ordinal)
            .ToList();
        return new HotSpotReport(windowFrom, end, previousFrom, inRange.Length, clusters);
    }

    private static List<HotSpotCluster> ClusterPlace(HotSpotDocument[] documents, float[] idf, ConcurrentDictionary<long, string> words, DateTimeOffset windowFrom, HotSpotOptions options)
    {
        var clusters = new List<Cluster>();
        var postings = new Dictionary<long, List<int>>();
        var keys = new List<long>();
        var terms = new List<(long Key, float Weight)>();
        var overlap = new Dictionary<int, float>();
        var shortlist = new List<(int Cluster, float Overlap)>();
        foreach (var document in documents)
        {
            var vector = Vectorize(document.Text, keys, terms, idf, words, options.TermsPerDocument);
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
            var bestScore = options.Similarity;
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

        var found = new List<HotSpotCluster>();
        foreach (var cluster in clusters)
        {
            var current = cluster.Members.Where(m => m.Time > windowFrom).ToArray();
            if (current.Length < options.MinSize)
            {
                continue;
            }

            var previous = cluster.Members.Count - current.Length;
            var growth = previous > 0 ? (double?)current.Length / previous : null;
            var emerging = previous == 0 || current.Length >= options.EmergingGrowth * previous;
            var place = TextNormalizer.Normalize(current[0].Place);
            found.Add(new HotSpotCluster(
                place.Length > 0 ? current[0].Place!.Trim() : null,
                current.Length,
                previous,
                growth,
                emerging,
                current[0].Time,
                current[^1].Time,
                cluster.TopTerms(options.Terms).Select(k => Display(k, words)).ToArray(),
                current.Select(m => m.Id).ToArray()));
        }

        return found;
    }

    /// <summary>The order's heaviest terms (TF-IDF, L2-normalised), heaviest first.</summary>
    private static (long Key, float Weight)[] Vectorize(string text, List<long> keys, List<(long Key, float Weight)> terms, float[] idf, ConcurrentDictionary<long, string> words, int keep)
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

            terms.Add((keys[start], (1f + MathF.Log(k - start)) * idf[IdfBucket(keys[start])]));
        }

        terms.Sort((a, b) => a.Weight != b.Weight ? b.Weight.CompareTo(a.Weight) : a.Key.CompareTo(b.Key));
        var top = new (long Key, float Weight)[Math.Min(keep, terms.Count)];
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

    private static string Display(long key, ConcurrentDictionary<long, string> words) => key switch
    {
        < 1L << 16 => ((char)key).ToString(),
        < 1L << 32 => string.Concat((char)(key >> 16), (char)(key & 0xFFFF)),
        _ => words.TryGetValue(key, out var word) ? word : "?",
    };

    private sealed class Cluster
    {
        private readonly Dictionary<long, double> _centroid = [];
        private double _normSquared;

        public List<HotSpotDocument> Members { get; } = [];

        public double Cosine((long Key, float Weight)[] vector)
        {
            var dot = 0.0;
            foreach (var (key, weight) in vector)
            {
                if (_centroid.TryGetValue(key, out var c))
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
                if (!_centroid.TryGetValue(key, out var c))
                {
                    added.Add(key);
                }

                _normSquared += (2 * c * weight) + ((double)weight * weight);
                _centroid[key] = c + weight;
            }

            return added;
        }

        public IEnumerable<long> TopTerms(int count) =>
            _centroid.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(count).Select(p => p.Key);
    }
}
