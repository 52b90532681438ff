namespace Hotline.Text;

/// <summary>How the nearest-neighbour vote is made and blended with the linear model (chosen by CV, docs/decisions.md).</summary>
/// <param name="K">How many of the most similar training texts vote.</param>
/// <param name="Gamma">A neighbour's vote is its cosine similarity to this power: near-duplicates count most.</param>
/// <param name="Weight">Probability = (1 − Weight) × the linear model's + Weight × the neighbours' vote.</param>
/// <param name="QueryTerms">Similarity is taken over the query's this-many heaviest TF-IDF terms (the rare ones, with short
/// postings), which keeps a look-up to a few microseconds.</param>
/// <param name="MaxStored">At most this many training texts are kept (the first ones given; the server gives the newest first).</param>
/// <param name="MinSimilarity">Texts less similar than this do not vote, so a vague text that resembles nothing keeps the
/// linear model's (low) confidence and the dispatch catalogue stays first.</param>
public sealed record NeighbourSettings(int K = 20, double Gamma = 3, double Weight = 0.5, int QueryTerms = 96, int MaxStored = 10_000, double MinSimilarity = 0)
{
    public void Validate()
    {
        if (K is < 1 or > 255 || Gamma is < 0 or > 16 || Weight is < 0 or > 1 || QueryTerms is < 1 or > 4096 || MaxStored < 1 || MinSimilarity is < 0 or > 1)
        {
            throw new ArgumentException($"neighbour settings {this} are out of range.");
        }
    }
}

/// <summary>
/// The training texts' TF-IDF vectors with an inverted index: a text's k most similar training texts (cosine over its
/// heaviest terms) vote for their labels. Blended with the linear model's probabilities it catches what a linear model
/// smooths over — other citizens' messages about the same compound, company or site, routed the same way before.
/// </summary>
public sealed class NearestNeighbours
{
    [ThreadStatic]
    private static double[]? _similarity;

    [ThreadStatic]
    private static List<int>? _touched;

    private readonly int[] _labels;
    private readonly SparseVector[] _documents;
    private readonly int[] _offsets;
    private readonly int[] _postingDocuments;
    private readonly float[] _postingValues;

    public NearestNeighbours(NeighbourSettings settings, int dimensions, SparseVector[] documents, int[] labels)
    {
        settings.Validate();
        Settings = settings;
        _documents = documents;
        _labels = labels;
        _offsets = new int[dimensions + 1];
        foreach (var document in documents)
        {
            foreach (var index in document.Indices)
            {
                _offsets[index + 1]++;
            }
        }

        for (var f = 0; f < dimensions; f++)
        {
            _offsets[f + 1] += _offsets[f];
        }

        var next = _offsets[..^1];
        _postingDocuments = new int[_offsets[dimensions]];
        _postingValues = new float[_offsets[dimensions]];
        for (var d = 0; d < documents.Length; d++)
        {
            var document = documents[d];
            for (var k = 0; k < document.Indices.Length; k++)
            {
                var at = next[document.Indices[k]]++;
                _postingDocuments[at] = d;
                _postingValues[at] = document.Values[k];
            }
        }
    }

    public NeighbourSettings Settings { get; }

    public int Count => _documents.Length;

    /// <summary>Blends the neighbours' vote into <paramref name="probabilities"/> (the linear model's), in place.</summary>
    public void Blend(SparseVector query, Span<float> probabilities)
    {
        Span<float> vote = stackalloc float[probabilities.Length];
        if (!Vote(query, vote, out _))
        {
            return;
        }

        var weight = (float)Settings.Weight;
        for (var c = 0; c < probabilities.Length; c++)
        {
            probabilities[c] = ((1 - weight) * probabilities[c]) + (weight * vote[c]);
        }
    }

    /// <summary>The neighbours' vote per label (summing to 1); false when no training text shares a term with the query.</summary>
    public bool Vote(SparseVector query, Span<float> vote, out double nearest)
    {
        nearest = 0;
        var similarity = _similarity;
        if (similarity is null || similarity.Length < _documents.Length)
        {
            similarity = _similarity = new double[_documents.Length];
        }

        var touched = _touched ??= new List<int>(1024);
        touched.Clear();
        foreach (var k in HeaviestTerms(query))
        {
            var f = query.Indices[k];
            var value = query.Values[k];
            for (var p = _offsets[f]; p < _offsets[f + 1]; p++)
            {
                var d = _postingDocuments[p];
                if (similarity[d] == 0)
                {
                    touched.Add(d);
                }

                similarity[d] += value * _postingValues[p];
            }
        }

        // The k best, kept in a small array sorted by similarity (ties: the earlier training text).
        var size = Math.Min(Settings.K, touched.Count);
        Span<int> best = stackalloc int[size];
        var filled = 0;
        foreach (var d in touched)
        {
            if (similarity[d] < Settings.MinSimilarity || (filled == size && !Better(d, best[size - 1])))
            {
                continue;
            }

            var at = filled < size ? filled++ : size - 1;
            while (at > 0 && Better(d, best[at - 1]))
            {
                best[at] = best[at - 1];
                at--;
            }

            best[at] = d;
        }

        vote.Clear();
        nearest = filled > 0 ? similarity[best[0]] : 0;
        var total = 0.0;
        for (var i = 0; i < filled; i++)
        {
            var v = Math.Pow(Math.Max(similarity[best[i]], 0), Settings.Gamma);
            vote[_labels[best[i]]] += (float)v;
            total += v;
        }

        foreach (var d in touched)
        {
            similarity[d] = 0;
        }

        if (total <= 0)
        {
            return false;
        }

        for (var c = 0; c < vote.Length; c++)
        {
            vote[c] = (float)(vote[c] / total);
        }

        return true;

        bool Better(int a, int b) => similarity[a] > similarity[b] || (similarity[a] == similarity[b] && a < b);
    }

    private int[] HeaviestTerms(SparseVector query)
    {
        var count = query.Indices.Length;
        var order = new int[count];
        for (var k = 0; k < count; k++)
        {
            order[k] = k;
        }

        if (count > Settings.QueryTerms)
        {
            var values = query.Values;
            Array.Sort(order, (a, b) => values[b] != values[a] ? values[b].CompareTo(values[a]) : a.CompareTo(b));
            return order[..Settings.QueryTerms];
        }

        return order;
    }

    /// <summary>Settings, then each stored text: label, term count, terms and weights.</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(Settings.K);
        writer.Write(Settings.Gamma);
        writer.Write(Settings.Weight);
        writer.Write(Settings.QueryTerms);
        writer.Write(Settings.MaxStored);
        writer.Write(Settings.MinSimilarity);
        writer.Write(_documents.Length);
        for (var d = 0; d < _documents.Length; d++)
        {
            writer.Write(_labels[d]);
            writer.Write(_documents[d].Indices.Length);
            foreach (var index in _documents[d].Indices)
            {
                writer.Write(index);
            }

            foreach (var value in _documents[d].Values)
            {
                writer.Write(value);
            }
        }
    }

    public static NearestNeighbours Read(BinaryReader reader, int dimensions, int classes)
    {
        var settings = new NeighbourSettings(reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadDouble());
        var count = reader.ReadInt32();
        if (count < 0 || count > settings.MaxStored)
        {
            throw new ModelFormatException($"The model is corrupt (impossible neighbour count {count}).");
        }

        var documents = new SparseVector[count];
        var labels = new int[count];
        for (var d = 0; d < count; d++)
        {
            labels[d] = reader.ReadInt32();
            var terms = reader.ReadInt32();
            if (labels[d] < 0 || labels[d] >= classes || terms < 0 || terms > dimensions)
            {
                throw new ModelFormatException("The model is corrupt (a stored neighbour is out of range).");
            }

            var indices = new int[terms];
            var values = new float[terms];
            for (var k = 0; k < terms; k++)
            {
                indices[k] = reader.ReadInt32();
                if (indices[k] < 0 || indices[k] >= dimensions)
                {
                    throw new ModelFormatException("The model is corrupt (a stored neighbour's term is out of range).");
                }
            }

            for (var k = 0; k < terms; k++)
            {
                values[k] = reader.ReadSingle();
            }

            documents[d] = new SparseVector(indices, values);
        }

        return new NearestNeighbours(settings, dimensions, documents, labels);
    }
}
