namespace Hotline.Text.HotSpots;

/// <summary>The state of one clustering: the clusters and the inverted index of their terms.</summary>
internal sealed class ClusterPass(double similarity, int candidateTerms)
{
    public Dictionary<long, List<int>> Postings { get; } = [];

    public List<Cluster> Clusters { get; } = [];

    public double Similarity => similarity;

    public int CandidateTerms => candidateTerms;

    /// <summary>Adds an order to its most similar cluster, or to a new one.</summary>
    public void Add(ClusterFinder finder, HotSpotDocument document, ReadOnlySpan<long> keys, ReadOnlySpan<float> weights)
    {
        var best = finder.Find(keys, weights);
        if (best < 0)
        {
            best = Clusters.Count;
            Clusters.Add(new Cluster());
        }

        // A cluster is posted under a term once, when the term first enters its centroid.
        Clusters[best].Add(document, keys, weights, best, new Postings(Postings, finder.Lists(keys.Length)));
    }
}

/// <summary>
/// One thread's search of a pass's clusters for an order: candidates are clusters sharing one of the order's heaviest
/// terms (for a common term, the ones posted last), ranked by the weight of the shared terms (ties: the older cluster);
/// the exact cosine is computed for the best few only. Reads the pass only.
/// </summary>
internal sealed class ClusterFinder(ClusterPass pass)
{
    private const int PostingScan = 16;
    private const int Shortlist = 4;

    private List<int>?[] _lists = [];
    private readonly List<int> _touched = [];
    private readonly int[] _shortlist = new int[Shortlist];
    private float[] _overlap = new float[256];

    /// <summary>The posting lists of the last order's terms, looked up once (null: the term has none).</summary>
    public Span<List<int>?> Lists(int length) => _lists.AsSpan(0, length);

    /// <summary>The number of the most similar cluster (cosine ≥ the pass's similarity), or -1.</summary>
    public int Find(ReadOnlySpan<long> keys, ReadOnlySpan<float> weights)
    {
        if (_lists.Length < keys.Length)
        {
            _lists = new List<int>?[keys.Length];
        }

        if (_overlap.Length < pass.Clusters.Count)
        {
            Array.Resize(ref _overlap, Math.Max(pass.Clusters.Count, _overlap.Length * 2));
        }

        var lists = _lists.AsSpan(0, keys.Length);
        lists.Clear();
        for (var t = 0; t < Math.Min(keys.Length, pass.CandidateTerms); t++)
        {
            if (pass.Postings.TryGetValue(keys[t], out var list))
            {
                lists[t] = list;
                for (var k = list.Count - 1; k >= Math.Max(0, list.Count - PostingScan); k--)
                {
                    var candidate = list[k];
                    if (_overlap[candidate] == 0)
                    {
                        _touched.Add(candidate);
                    }

                    _overlap[candidate] += weights[t];
                }
            }
        }

        var listed = 0;
        foreach (var candidate in _touched)
        {
            // Keep the best few, best first, the way a full sort would order them.
            var at = listed;
            while (at > 0 && Better(candidate, _shortlist[at - 1]))
            {
                at--;
            }

            if (at < Shortlist)
            {
                for (var k = Math.Min(listed, Shortlist - 1); k > at; k--)
                {
                    _shortlist[k] = _shortlist[k - 1];
                }

                _shortlist[at] = candidate;
                listed = Math.Min(listed + 1, Shortlist);
            }
        }

        var best = -1;
        var bestScore = pass.Similarity;
        for (var k = 0; k < listed; k++)
        {
            var cosine = pass.Clusters[_shortlist[k]].Cosine(keys, weights);
            if (cosine > bestScore || (cosine == bestScore && best < 0))
            {
                (best, bestScore) = (_shortlist[k], cosine);
            }
        }

        foreach (var candidate in _touched)
        {
            _overlap[candidate] = 0;
        }

        _touched.Clear();
        return best;
    }

    private bool Better(int a, int b) => _overlap[a] != _overlap[b] ? _overlap[a] > _overlap[b] : a < b;
}
