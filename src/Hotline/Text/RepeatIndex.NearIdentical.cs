namespace Hotline.Text;

/// <summary>
/// The near-identical texts: each order's MinHash signature cut into bands, each band hashed with the place into a
/// bucket (LSH), so orders of one place sharing a band are found without comparing texts.
/// </summary>
public sealed partial class RepeatIndex
{
    /// <summary>
    /// Near-identical texts of the same place within the window (LSH over the MinHash bands): the orders sharing most bands
    /// with the query, at most <see cref="RepeatOptions.MaxNearIdentical"/> of them (a flood of identical texts stays fast).
    /// </summary>
    private void AddNearIdentical(ReadOnlySpan<ushort> signature, int place, long ticks, HashSet<int> docs)
    {
        var window = _options.TextWindow.Ticks;
        var hits = new Dictionary<int, int>();
        for (var band = 0; band < _bands; band++)
        {
            var walked = 0;
            for (var doc = _bandHeads[Bucket(band, place, signature)]; doc >= 0 && walked < _options.MaxBucketWalk; doc = _bandNext[(doc * _bands) + band], walked++)
            {
                if (_chronological && _ticks[doc] < ticks - window)
                {
                    break;
                }

                if (_place[doc] == place && Math.Abs(_ticks[doc] - ticks) <= window)
                {
                    System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(hits, doc, out _)++;
                }
            }
        }

        if (hits.Count <= _options.MaxNearIdentical)
        {
            docs.UnionWith(hits.Keys);
            return;
        }

        // More than the cap: the most bands shared first (a higher Jaccard similarity), the latest first among equals.
        foreach (var doc in hits.OrderByDescending(h => h.Value).ThenByDescending(h => h.Key).Take(_options.MaxNearIdentical))
        {
            docs.Add(doc.Key);
        }
    }

    private void LinkBands(int doc)
    {
        var signature = Signature(doc);
        if (!signature.ContainsAnyExcept(ushort.MaxValue))
        {
            _bandNext.AsSpan(doc * _bands, _bands).Fill(-1);
            return;
        }

        for (var band = 0; band < _bands; band++)
        {
            var bucket = Bucket(band, _place[doc], signature);
            _bandNext[(doc * _bands) + band] = _bandHeads[bucket];
            _bandHeads[bucket] = doc;
        }
    }

    private int Bucket(int band, int place, ReadOnlySpan<ushort> signature)
    {
        var hash = ((ulong)(uint)place << 32) | (uint)band;
        var rows = signature.Slice(band * _options.BandRows, _options.BandRows);
        foreach (var value in rows)
        {
            hash = (hash ^ value) * 0x100000001B3UL;
        }

        return (band << _bucketBits) | (int)(CharNGrams.Mix(hash) >> (64 - _bucketBits));
    }

    private ReadOnlySpan<ushort> Signature(int doc) => _signatures.AsSpan(doc * _options.Hashes, _options.Hashes);

    private static int[] NewHeads(int bands, int bits)
    {
        var heads = new int[bands << bits];
        Array.Fill(heads, -1);
        return heads;
    }
}
