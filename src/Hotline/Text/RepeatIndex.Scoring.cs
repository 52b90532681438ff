using Hotline.Text.Entities;

namespace Hotline.Text;

/// <summary>The terms, entities and scores of the repeat index (issue 19): one implementation for the CLI and the server.</summary>
public sealed partial class RepeatIndex
{
    private const int EntitySlots = 8;

    private volatile EntityExtractor _extractor;
    private readonly Dictionary<uint, int> _df = [];
    private readonly List<string> _entityNames = [];
    private readonly Dictionary<string, int> _entityIds = new(StringComparer.Ordinal);
    private readonly List<int> _entityDf = [];
    private readonly List<int> _entityHeads = [];
    private uint[] _termPool = new uint[1024];
    private int _termUsed;
    private int[] _termStart = new int[16];
    private int[] _termCount = new int[16];
    private float[] _norm = new float[16];
    private int[] _normAt = new int[16];
    private int[] _docEntities;
    private int[] _entityNext;


    /// <summary>
    /// Finds the entities of the orders added and the queries asked from now on with <paramref name="entities"/> (a
    /// reloaded dictionary); the orders indexed before keep the names they were indexed with, as their stored rows do.
    /// </summary>
    public void Use(EntityExtractor entities) => _extractor = entities ?? throw new ArgumentNullException(nameof(entities));
    /// <summary>
    /// The query as the scores read it: its terms' weights (also as parallel arrays sorted by term, merged with an order's
    /// sorted terms), their norm, and the indexed entities it names, rarest first.
    /// </summary>
    private sealed record Query(Dictionary<uint, double> Weights, uint[] Terms, double[] TermWeights, double Norm, int[] Entities, int Named);

    /// <summary>Inverse document frequency over the indexed orders (smoothed: a term no order has weighs most).</summary>
    private double Idf(int df) => Math.Log((_ids.Count + 1.0) / (df + 1.0)) + 1.0;

    /// <summary>0..1: how rare an entity is among the indexed orders (counted as at least 1,000, so a young index does not overrate).</summary>
    private double Rarity(int df)
    {
        var n = Math.Max(_ids.Count, 1000);
        return Math.Clamp((Math.Log((n + 1.0) / (df + 1.0)) - 2.0) / 3.0, 0, 1);
    }

    private Query QueryOf(List<(uint Term, int Start)> occurrences, string[] entityNames)
    {
        var weights = new Dictionary<uint, double>(occurrences.Count);
        var norm = 0.0;
        foreach (var (term, _) in occurrences)
        {
            if (!weights.ContainsKey(term))
            {
                var w = Idf(_df.GetValueOrDefault(term));
                weights[term] = w;
                norm += w * w;
            }
        }

        var terms = weights.Keys.ToArray();
        Array.Sort(terms);
        var termWeights = Array.ConvertAll(terms, t => weights[t]);
        var entities = entityNames.Select(n => _entityIds.GetValueOrDefault(n, -1)).Where(e => e >= 0 && _entityDf[e] > 0).Distinct()
            .OrderBy(e => _entityDf[e]).ToArray();
        return new Query(weights, terms, termWeights, Math.Sqrt(norm), entities, entityNames.Length);
    }

    /// <summary>Orders naming the query's entities within the window: the rarest entity first, at most <see cref="RepeatOptions.MaxEntityWalk"/> looked at in all.</summary>
    private void AddEntityCandidates(Query q, long ticks, HashSet<int> docs)
    {
        var window = _options.TextWindow.Ticks;
        var walked = 0;
        foreach (var entity in q.Entities)
        {
            for (var node = _entityHeads[entity]; node >= 0 && walked < _options.MaxEntityWalk; node = _entityNext[node], walked++)
            {
                var doc = node / EntitySlots;
                if (_chronological && _ticks[doc] < ticks - window)
                {
                    break;
                }

                if (Math.Abs(_ticks[doc] - ticks) <= window)
                {
                    docs.Add(doc);
                }
            }
        }
    }

    /// <summary>The candidate <paramref name="doc"/> makes for the query, or null when no rule admits it.</summary>
    private RepeatCandidate? Judge(int doc, Query q, long ticks, int phoneId, int place)
    {
        var delta = Math.Abs(_ticks[doc] - ticks);
        var dot = Dot(TermsOf(doc), q.Terms, q.TermWeights);
        var norm = dot > 0 ? NormOf(doc) : 0;
        var similarity = q.Norm > 0 && norm > 0 ? Math.Min(1, dot / (q.Norm * norm)) : 0;
        var docEntities = EntitiesOf(doc);
        var rarest = -1;
        foreach (var e in q.Entities)
        {
            if (docEntities.Contains(e))
            {
                rarest = e;
                break;
            }
        }

        // Too little shared for a text repeat, and another caller: no rule can admit it.
        if (similarity < _options.MinTextSimilarity && (phoneId <= 0 || _phone[doc] != phoneId))
        {
            return null;
        }

        var boost = rarest < 0 ? 0 : _options.EntityBoost * Rarity(_entityDf[rarest]);
        var samePlace = place > 0 && _place[doc] == place;
        var otherPlace = place != 0 && _place[doc] > 0 && _place[doc] != place;

        // The lifts multiply the similarity of the matter's words (the entities' own characters are not terms): a shared
        // entity or street without shared words is not a repeat.
        var lifted = 1 - Math.Pow(1 - similarity, 1 + boost + (samePlace ? _options.PlaceBoost : 0));
        // Both name things and none the same: most likely the same matter somewhere else ("工地夜间施工" at two compounds).
        var otherEntity = rarest < 0 && q.Named > 0 && !docEntities.IsEmpty;
        var textScore = lifted * Math.Pow(0.5, (double)delta / _options.HalfLife.Ticks) * (otherEntity ? 1 - _options.OtherEntityPenalty : 1);
        var text = !otherPlace && delta <= _options.TextWindow.Ticks && similarity >= _options.MinTextSimilarity && textScore >= _options.TextThreshold;
        var caller = phoneId > 0 && _phone[doc] == phoneId && delta <= _options.CallerWindow.Ticks
            && (similarity >= _options.CallerMinSimilarity || boost > 0 || (delta <= _options.CallerAgainWindow.Ticks && !otherPlace));
        if (!text && !caller)
        {
            return null;
        }

        var reasons = (caller ? RepeatReasons.SameCaller : RepeatReasons.None) | (text ? RepeatReasons.SimilarText : RepeatReasons.None)
            | (boost > 0 ? RepeatReasons.SharedEntity : RepeatReasons.None);
        var score = caller ? 1 - ((1 - Math.Max(similarity, otherPlace ? 0 : textScore)) * (1 - _options.CallerBonus)) : textScore;
        return new RepeatCandidate(_ids[doc], score, similarity, reasons, new DateTimeOffset(_ticks[doc], TimeSpan.Zero))
        {
            SharedEntities = [.. q.Entities.Where(e => EntitiesOf(doc).Contains(e)).Select(e => _entityNames[e])],
            SamePlace = samePlace,
        };
    }

    /// <summary>The shared words of a candidate, read from the query's own text (only the few candidates answered need them).</summary>
    private IReadOnlyList<string> SharedTerms(int doc, Query q, string prepared, List<(uint Term, int Start)> occurrences)
    {
        var terms = new HashSet<uint>(TermsOf(doc).ToArray());
        return RepeatTerms.SharedPhrases(prepared, occurrences, t => terms.Contains(t) ? q.Weights.GetValueOrDefault(t) : 0, 5);
    }

    /// <summary>The dot product of an order's terms (sorted) with the query's (sorted, weighted): binary tf, so each shared term adds its weight squared.</summary>
    private static double Dot(ReadOnlySpan<uint> terms, uint[] queryTerms, double[] weights)
    {
        var dot = 0.0;
        int i = 0, j = 0;
        while (i < terms.Length && j < queryTerms.Length)
        {
            var a = terms[i];
            var b = queryTerms[j];
            if (a == b)
            {
                dot += weights[j] * weights[j];
                i++;
                j++;
            }
            else if (a < b)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return dot;
    }

    private double NormOf(int doc)
    {
        // Cached, and computed again once the index has grown by a tenth (the weights move with the index). A race between two
        // readers writes the same value twice.
        var count = _ids.Count;
        if (_normAt[doc] == 0 || count > _normAt[doc] + (_normAt[doc] / 10))
        {
            var sum = 0.0;
            foreach (var term in TermsOf(doc))
            {
                var w = Idf(_df.GetValueOrDefault(term));
                sum += w * w;
            }

            _norm[doc] = (float)Math.Sqrt(sum);
            _normAt[doc] = count;
        }

        return _norm[doc];
    }

    private ReadOnlySpan<uint> TermsOf(int doc) => _termPool.AsSpan(_termStart[doc], _termCount[doc]);

    private ReadOnlySpan<int> EntitiesOf(int doc)
    {
        var slots = _docEntities.AsSpan(doc * EntitySlots, EntitySlots);
        var n = slots.IndexOf(-1);
        return n < 0 ? slots : slots[..n];
    }

    private void AddTermsAndEntities(int doc, uint[] terms, string[] entities)
    {
        if (terms.Length > _options.MaxTerms)
        {
            // The rarest terms say most about an order.
            terms = terms.OrderBy(t => _df.GetValueOrDefault(t)).ThenBy(t => t).Take(_options.MaxTerms).ToArray();
        }

        if (_termUsed + terms.Length > _termPool.Length)
        {
            Array.Resize(ref _termPool, Math.Max(_termUsed + terms.Length, _termPool.Length * 2));
        }

        // Sorted, so a query's terms are merged with them.
        terms = [.. terms];
        Array.Sort(terms);
        terms.CopyTo(_termPool, _termUsed);
        _termStart[doc] = _termUsed;
        _termCount[doc] = terms.Length;
        _termUsed += terms.Length;
        _normAt[doc] = 0;
        foreach (var term in terms)
        {
            _df[term] = _df.GetValueOrDefault(term) + 1;
        }

        var slots = _docEntities.AsSpan(doc * EntitySlots, EntitySlots);
        slots.Fill(-1);
        _entityNext.AsSpan(doc * EntitySlots, EntitySlots).Fill(-1);
        var k = 0;
        foreach (var name in entities.Distinct(StringComparer.Ordinal).Take(EntitySlots))
        {
            if (!_entityIds.TryGetValue(name, out var entity))
            {
                entity = _entityNames.Count;
                _entityIds[name] = entity;
                _entityNames.Add(name);
                _entityDf.Add(0);
                _entityHeads.Add(-1);
            }

            var node = (doc * EntitySlots) + k;
            slots[k++] = entity;
            _entityDf[entity]++;
            _entityNext[node] = _entityHeads[entity];
            _entityHeads[entity] = node;
        }
    }

    private void ResetTermsAndEntities()
    {
        _df.Clear();
        _termUsed = 0;
        _entityNames.Clear();
        _entityIds.Clear();
        _entityDf.Clear();
        _entityHeads.Clear();
    }
}
