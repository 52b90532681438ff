using Hotline.Text;

namespace Hotline.Bench.SmartDispatch;

/// <summary>
/// The repeat index as issue 6 built it (MinHash only), kept as the baseline of `repeat-quality`. Finds repeat candidates among recent orders: the same caller within a window, or similar text (MinHash/LSH over
/// character shingles, boilerplate removed) in the same place within a shorter window. Orders are added as they come;
/// the LSH bands are keyed by place as well as by the signature, so a query only meets orders of its own place.
/// Memory per order: the id, 2 bytes per hash, 4 bytes per band, and 20 bytes of time, place and caller.
/// Safe for concurrent queries while orders are added (a reader-writer lock).
/// </summary>
internal sealed class LegacyMinHashRepeatIndex : IDisposable
{
    private readonly LegacyRepeatOptions _options;
    private readonly MinHasher _hasher;
    private readonly int _bands;
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, int> _places = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _phones = new(StringComparer.Ordinal);
    private readonly List<int> _phoneHeads = [-1];
    private readonly List<string> _ids = [];
    private long[] _ticks = new long[16];
    private int[] _place = new int[16];
    private int[] _phone = new int[16];
    private int[] _phoneNext = new int[16];
    private ushort[] _signatures;
    private int[] _bandNext;
    private int[] _bandHeads;
    private int _bucketBits;
    private long _latestTicks = long.MinValue;
    private bool _chronological = true;

    public LegacyMinHashRepeatIndex(LegacyRepeatOptions? options = null)
    {
        _options = options ?? new LegacyRepeatOptions();
        _hasher = new MinHasher(_options.Hashes, _options.ShingleSize, _options.Seed);
        _bands = _options.Hashes / _options.BandRows;
        if (_bands < 1)
        {
            throw new ArgumentException("Band rows cannot exceed the number of hashes.", nameof(options));
        }

        _signatures = new ushort[16 * _options.Hashes];
        _bandNext = new int[16 * _bands];
        _bucketBits = 6;
        _bandHeads = NewHeads(_bands, _bucketBits);
    }

    public LegacyRepeatOptions Options => _options;

    public void Dispose() => _lock.Dispose();

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _ids.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public void Add(RepeatDocument document)
    {
        Span<uint> full = stackalloc uint[_options.Hashes];
        var hasText = _hasher.Signature(document.Text, full);
        _lock.EnterWriteLock();
        try
        {
            AddLocked(document.Id, document.Time.UtcTicks, Intern(_places, NormalizePlace(document.Place)), InternPhone(NormalizePhone(document.Phone)), full, hasText);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Earlier (or later) indexed orders that may be repeats of <paramref name="query"/>, best first; the query's own id is skipped.</summary>
    public IReadOnlyList<LegacyRepeatCandidate> Find(RepeatDocument query, int? max = null)
    {
        Span<uint> full = stackalloc uint[_options.Hashes];
        var hasText = _hasher.Signature(query.Text, full);
        Span<ushort> signature = stackalloc ushort[_options.Hashes];
        for (var i = 0; i < signature.Length; i++)
        {
            signature[i] = (ushort)full[i];
        }

        var ticks = query.Time.UtcTicks;
        var found = new Dictionary<int, (double Similarity, RepeatReasons Reasons)>();
        _lock.EnterReadLock();
        try
        {
            var phone = NormalizePhone(query.Phone);
            if (phone is not null && _phones.TryGetValue(phone, out var phoneId))
            {
                var window = _options.CallerWindow.Ticks;
                for (var doc = _phoneHeads[phoneId]; doc >= 0; doc = _phoneNext[doc])
                {
                    if (Math.Abs(_ticks[doc] - ticks) <= window && _ids[doc] != query.Id && hasText
                        && MinHasher.Similarity(signature, Signature(doc)) is var similarity && similarity >= _options.CallerMinSimilarity)
                    {
                        found[doc] = (similarity, RepeatReasons.SameCaller);
                    }
                    else if (_chronological && _ticks[doc] < ticks - window)
                    {
                        break;
                    }
                }
            }

            var placeName = NormalizePlace(query.Place);
            if (hasText && (placeName is null || _places.ContainsKey(placeName)))
            {
                var place = placeName is null ? 0 : _places[placeName];
                var threshold = place == 0 ? _options.UnplacedTextThreshold : _options.TextThreshold;
                var window = _options.TextWindow.Ticks;
                var seen = new HashSet<int>();
                for (var band = 0; band < _bands; band++)
                {
                    var walked = 0;
                    for (var doc = _bandHeads[Bucket(band, place, signature)]; doc >= 0 && walked < _options.MaxBucketWalk; doc = _bandNext[(doc * _bands) + band], walked++)
                    {
                        if (_chronological && _ticks[doc] < ticks - window)
                        {
                            break;
                        }

                        if (_place[doc] != place || Math.Abs(_ticks[doc] - ticks) > window || !seen.Add(doc) || _ids[doc] == query.Id)
                        {
                            continue;
                        }

                        var similarity = MinHasher.Similarity(signature, Signature(doc));
                        if (similarity >= threshold)
                        {
                            found[doc] = found.TryGetValue(doc, out var earlier)
                                ? (similarity, earlier.Reasons | RepeatReasons.SimilarText)
                                : (similarity, RepeatReasons.SimilarText);
                        }
                    }
                }
            }

            return found
                .Select(p => new LegacyRepeatCandidate(
                    _ids[p.Key],
                    1 - ((1 - p.Value.Similarity) * (1 - (p.Value.Reasons.HasFlag(RepeatReasons.SameCaller) ? _options.CallerBonus : 0))),
                    p.Value.Similarity,
                    p.Value.Reasons,
                    new DateTimeOffset(_ticks[p.Key], TimeSpan.Zero)))
                .OrderByDescending(c => c.Score)
                .ThenByDescending(c => c.Time)
                .ThenBy(c => c.Id, StringComparer.Ordinal)
                .Take(max ?? _options.MaxCandidates)
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Drops orders older than <paramref name="cutoff"/> (the index is rebuilt; run it as a periodic job).</summary>
    public void RemoveOlderThan(DateTimeOffset cutoff)
    {
        _lock.EnterWriteLock();
        try
        {
            // Re-added oldest first, so the index is chronological again and its walks can stop at the window's edge.
            var keep = Enumerable.Range(0, _ids.Count).Where(d => _ticks[d] >= cutoff.UtcTicks).OrderBy(d => _ticks[d]).ToArray();
            var ids = keep.Select(d => _ids[d]).ToArray();
            var ticks = keep.Select(d => _ticks[d]).ToArray();
            var places = keep.Select(d => _place[d]).ToArray();
            var phones = keep.Select(d => _phone[d]).ToArray();
            var signatures = keep.Select(d => Signature(d).ToArray()).ToArray();
            _ids.Clear();
            _phoneHeads.Clear();
            _phoneHeads.AddRange(Enumerable.Repeat(-1, _phones.Count + 1));
            _bucketBits = 6;
            _bandHeads = NewHeads(_bands, _bucketBits);
            _latestTicks = long.MinValue;
            _chronological = true;
            Span<uint> full = stackalloc uint[_options.Hashes];
            for (var k = 0; k < keep.Length; k++)
            {
                for (var i = 0; i < full.Length; i++)
                {
                    full[i] = signatures[k][i];
                }

                AddLocked(ids[k], ticks[k], places[k], phones[k], full, !signatures[k].All(v => v == ushort.MaxValue));
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Digits only; a leading 86 / 0086 country code is dropped. Null when nothing is left.</summary>
    public static string? NormalizePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("0086", StringComparison.Ordinal))
        {
            digits = digits[4..];
        }
        else if (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }

        return digits.Length > 0 ? digits : null;
    }

    private static string? NormalizePlace(string? place) => TextNormalizer.Normalize(place) is { Length: > 0 } p ? p : null;

    private void AddLocked(string id, long ticks, int place, int phone, ReadOnlySpan<uint> full, bool hasText)
    {
        var doc = _ids.Count;
        EnsureCapacity(doc + 1);
        _ids.Add(id);
        _ticks[doc] = ticks;
        _place[doc] = place;
        _phone[doc] = phone;
        _chronological &= ticks >= _latestTicks;
        _latestTicks = Math.Max(_latestTicks, ticks);
        var signature = _signatures.AsSpan(doc * _options.Hashes, _options.Hashes);
        for (var i = 0; i < signature.Length; i++)
        {
            signature[i] = (ushort)full[i];
        }

        _phoneNext[doc] = -1;
        if (phone > 0)
        {
            _phoneNext[doc] = _phoneHeads[phone];
            _phoneHeads[phone] = doc;
        }

        if ((doc + 1) > (1 << _bucketBits))
        {
            _bucketBits++;
            _bandHeads = NewHeads(_bands, _bucketBits);
            for (var d = 0; d < doc; d++)
            {
                LinkBands(d);
            }
        }

        if (hasText)
        {
            LinkBands(doc);
        }
        else
        {
            _bandNext.AsSpan(doc * _bands, _bands).Fill(-1);
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

    private void EnsureCapacity(int count)
    {
        if (count <= _ticks.Length)
        {
            return;
        }

        var size = Math.Max(count, _ticks.Length * 2);
        Array.Resize(ref _ticks, size);
        Array.Resize(ref _place, size);
        Array.Resize(ref _phone, size);
        Array.Resize(ref _phoneNext, size);
        Array.Resize(ref _signatures, size * _options.Hashes);
        Array.Resize(ref _bandNext, size * _bands);
    }

    private int InternPhone(string? phone)
    {
        if (phone is null)
        {
            return 0;
        }

        if (!_phones.TryGetValue(phone, out var id))
        {
            id = _phones.Count + 1;
            _phones[phone] = id;
            _phoneHeads.Add(-1);
        }

        return id;
    }

    private static int Intern(Dictionary<string, int> table, string? value)
    {
        if (value is null)
        {
            return 0;
        }

        if (!table.TryGetValue(value, out var id))
        {
            id = table.Count + 1;
            table[value] = id;
        }

        return id;
    }
}

internal sealed record LegacyRepeatCandidate(string Id, double Score, double Similarity, RepeatReasons Reasons, DateTimeOffset Time);

/// <summary>Issue 6's rules: same caller 90 days ≥ 0.15, similar text ≥ 0.5 in the same place within 30 days, unplaced ≥ 0.8.</summary>
internal sealed record LegacyRepeatOptions
{
    public double CallerMinSimilarity { get; init; } = 0.15;

    public TimeSpan CallerWindow { get; init; } = TimeSpan.FromDays(90);

    public TimeSpan TextWindow { get; init; } = TimeSpan.FromDays(30);

    public double TextThreshold { get; init; } = 0.5;

    public double UnplacedTextThreshold { get; init; } = 0.8;

    public double CallerBonus { get; init; } = 0.5;

    public int MaxCandidates { get; init; } = 10;

    public int Hashes { get; init; } = 64;

    public int BandRows { get; init; } = 3;

    public int ShingleSize { get; init; } = 2;

    public int Seed { get; init; } = 20260101;

    public int MaxBucketWalk { get; init; } = 2_000;
}
