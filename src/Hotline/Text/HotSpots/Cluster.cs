using System.Runtime.InteropServices;

namespace Hotline.Text.HotSpots;

/// <summary>
/// A growing cluster: its members and the sum of their vectors. Most clusters of a city-wide pass never get a second
/// member, so a cluster of one keeps its order's terms in two small arrays (sorted by term) and builds the dictionary of
/// its centroid only when a second order joins (two arrays instead of a dictionary for every cluster that stays alone).
/// </summary>
internal sealed class Cluster
{
    private long[]? _firstKeys;
    private float[]? _firstWeights;
    private Dictionary<long, double>? _centroid;
    private double _normSquared;

    /// <summary>The sum of the members' vectors, by term.</summary>
    public IEnumerable<KeyValuePair<long, double>> Centroid => _centroid
        ?? (IEnumerable<KeyValuePair<long, double>>)(_firstKeys ?? []).Select((key, i) => KeyValuePair.Create(key, (double)_firstWeights![i]));

    public List<HotSpotDocument> Members { get; } = [];

    public double Cosine(ReadOnlySpan<long> keys, ReadOnlySpan<float> weights)
    {
        var dot = 0.0;
        if (_centroid is null)
        {
            for (var t = 0; t < keys.Length; t++)
            {
                var at = Array.BinarySearch(_firstKeys!, keys[t]);
                if (at >= 0)
                {
                    dot += (double)_firstWeights![at] * weights[t];
                }
            }
        }
        else
        {
            for (var t = 0; t < keys.Length; t++)
            {
                if (_centroid.TryGetValue(keys[t], out var c))
                {
                    dot += c * weights[t];
                }
            }
        }

        return _normSquared > 0 ? dot / Math.Sqrt(_normSquared) : 0;
    }

    /// <summary>The cosine between this cluster's centroid and <paramref name="other"/>'s.</summary>
    public double Cosine(Cluster other)
    {
        var (small, large) = Terms() <= other.Terms() ? (this, other) : (other, this);
        var dot = 0.0;
        foreach (var (key, weight) in small.Centroid)
        {
            dot += weight * large.Weight(key);
        }

        return _normSquared > 0 && other._normSquared > 0 ? dot / Math.Sqrt(_normSquared * other._normSquared) : 0;
    }

    /// <summary>Takes <paramref name="other"/>'s members and vector (after the clustering pass: nothing is posted).</summary>
    public void Absorb(Cluster other)
    {
        _centroid ??= FromFirst(other.Terms());
        foreach (var (key, weight) in other.Centroid)
        {
            ref var c = ref CollectionsMarshal.GetValueRefOrAddDefault(_centroid, key, out _);
            _normSquared += (2 * c * weight) + (weight * weight);
            c += weight;
        }

        Members.AddRange(other.Members);
        Members.Sort(static (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : string.CompareOrdinal(a.Id, b.Id));
    }

    /// <summary>The dictionary of a cluster of one, built when a second order or cluster joins it (room for <paramref name="more"/> terms).</summary>
    private Dictionary<long, double> FromFirst(int more)
    {
        var centroid = new Dictionary<long, double>(_firstKeys!.Length + more);
        for (var t = 0; t < _firstKeys.Length; t++)
        {
            centroid[_firstKeys[t]] = _firstWeights![t];
        }

        (_firstKeys, _firstWeights) = (null, null);
        return centroid;
    }

    private int Terms() => _centroid?.Count ?? _firstKeys?.Length ?? 0;

    private double Weight(long key)
    {
        if (_centroid is not null)
        {
            return _centroid.GetValueOrDefault(key);
        }

        var at = Array.BinarySearch(_firstKeys!, key);
        return at >= 0 ? _firstWeights![at] : 0;
    }

    /// <summary>Adds an order; the terms new to the centroid are posted under this cluster's number.</summary>
    public void Add(HotSpotDocument document, ReadOnlySpan<long> keys, ReadOnlySpan<float> weights, int number, Postings postings)
    {
        Members.Add(document);
        if (Members.Count == 1)
        {
            for (var t = 0; t < keys.Length; t++)
            {
                postings.Post(keys, t, number);
                _normSquared += (double)weights[t] * weights[t];
            }

            _firstKeys = keys.ToArray();
            _firstWeights = weights.ToArray();
            Array.Sort(_firstKeys, _firstWeights);
            return;
        }

        _centroid ??= FromFirst(keys.Length);

        for (var t = 0; t < keys.Length; t++)
        {
            var weight = weights[t];
            ref var c = ref CollectionsMarshal.GetValueRefOrAddDefault(_centroid, keys[t], out var known);
            if (!known)
            {
                postings.Post(keys, t, number);
            }

            _normSquared += (2 * c * weight) + ((double)weight * weight);
            c += weight;
        }
    }
}

/// <summary>The inverted index of a pass's clusters by term, with the posting lists of the order being added already looked up.</summary>
internal readonly ref struct Postings(Dictionary<long, List<int>> index, Span<List<int>?> lists)
{
    private readonly Span<List<int>?> _lists = lists;

    /// <summary>Posts cluster <paramref name="number"/> under the order's term <paramref name="t"/>.</summary>
    public void Post(ReadOnlySpan<long> keys, int t, int number)
    {
        if (_lists[t] is null && !index.TryGetValue(keys[t], out _lists[t]))
        {
            index[keys[t]] = _lists[t] = [];
        }

        _lists[t]!.Add(number);
    }
}
