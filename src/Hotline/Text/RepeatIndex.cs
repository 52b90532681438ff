using Hotline.Text.Entities;

namespace Hotline.Text;

/// <summary>
/// Finds repeat candidates among recent orders: the same caller within a window, or related text within a shorter
/// window. Candidates come from three lists — the caller's orders, orders naming the same entity, and near-identical
/// texts (MinHash/LSH over character shingles, keyed by place) — and each is scored by its terms weighted by rarity (IDF
/// over the indexed orders), lifted by a shared rare entity and the same place, decayed with time (issue 19).
/// Memory per order: the id, 4 bytes per kept term, 2 bytes per hash, 4 bytes per band, 8 bytes per entity slot, and
/// about 30 bytes of time, place, caller and norm. Safe for concurrent queries while orders are added (a reader-writer
/// lock; the norms cached by a query are written under a small lock of their own).
/// </summary>
public sealed partial class RepeatIndex : IDisposable
{
    private readonly RepeatOptions _options;
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

    public RepeatIndex(RepeatOptions? options = null, EntityExtractor? entities = null)
    {
        _options = options ?? new RepeatOptions();
        _extractor = entities ?? new EntityExtractor();
        _hasher = new MinHasher(_options.Hashes, _options.ShingleSize, _options.Seed);
        _bands = _options.Hashes / _options.BandRows;
        if (_bands < 1)
        {
            throw new ArgumentException("Band rows cannot exceed the number of hashes.", nameof(options));
        }

        _signatures = new ushort[16 * _options.Hashes];
        _docEntities = new int[16 * EntitySlots];
        _entityNext = new int[16 * EntitySlots];
        _bandNext = new int[16 * _bands];
        _bucketBits = 6;
        _bandHeads = NewHeads(_bands, _bucketBits);
    }

    public RepeatOptions Options => _options;

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
        var prepared = RepeatTerms.Prepare(document.Text);
        var found = _extractor.Extract(document.Text);
        var entities = found.Select(e => e.Name).ToArray();
        var terms = RepeatTerms.WithoutNames(RepeatTerms.Occurrences(prepared), entities).Select(o => o.Term).Distinct().ToArray();
        _lock.EnterWriteLock();
        try
        {
            NoteBrands(found);
            AddLocked(document.Id, document.Time.UtcTicks, Intern(_places, NormalizePlace(document.Place)), InternPhone(NormalizePhone(document.Phone)), full, hasText, terms, WithBrands(document.Text, entities));
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Earlier (or later) indexed orders that may be repeats of <paramref name="query"/>, best first; the query's own id is skipped.</summary>
    public IReadOnlyList<RepeatCandidate> Find(RepeatDocument query, int? max = null)
    {
        Span<uint> full = stackalloc uint[_options.Hashes];
        var hasText = _hasher.Signature(query.Text, full);
        Span<ushort> signature = stackalloc ushort[_options.Hashes];
        for (var i = 0; i < signature.Length; i++)
        {
            signature[i] = (ushort)full[i];
        }

        var prepared = RepeatTerms.Prepare(query.Text);
        var entityNames = _extractor.Extract(query.Text).Select(e => e.Name).ToArray();
        var occurrences = RepeatTerms.WithoutNames(RepeatTerms.Occurrences(prepared), entityNames);
        var ticks = query.Time.UtcTicks;
        _lock.EnterReadLock();
        try
        {
            var q = QueryOf(occurrences, WithBrands(query.Text, entityNames));
            var docs = new HashSet<int>();
            var phone = NormalizePhone(query.Phone);
            var phoneId = 0;
            if (phone is not null && _phones.TryGetValue(phone, out phoneId))
            {
                var window = _options.CallerWindow.Ticks;
                for (var doc = _phoneHeads[phoneId]; doc >= 0; doc = _phoneNext[doc])
                {
                    if (Math.Abs(_ticks[doc] - ticks) <= window)
                    {
                        docs.Add(doc);
                    }
                    else if (_chronological && _ticks[doc] < ticks - window)
                    {
                        break;
                    }
                }
            }

            var placeName = NormalizePlace(query.Place);
            var place = placeName is null ? 0 : _places.GetValueOrDefault(placeName, -1);
            if (hasText && place >= 0)
            {
                AddNearIdentical(signature, place, ticks, docs);
            }

            AddEntityCandidates(q, ticks, docs);
            var found = new List<(int Doc, RepeatCandidate Candidate)>();
            foreach (var doc in docs)
            {
                if (_ids[doc] != query.Id && Judge(doc, q, ticks, phoneId, place) is { } candidate)
                {
                    found.Add((doc, candidate));
                }
            }

            return found
                .OrderByDescending(c => c.Candidate.Score)
                .ThenByDescending(c => c.Candidate.Time)
                .ThenBy(c => c.Candidate.Id, StringComparer.Ordinal)
                .Take(max ?? _options.MaxCandidates)
                .Select(c => c.Candidate with { SharedTerms = SharedTerms(c.Doc, q, prepared, occurrences) })
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
            var terms = keep.Select(d => TermsOf(d).ToArray()).ToArray();
            var entities = keep.Select(d => EntitiesOf(d).ToArray().Select(e => _entityNames[e]).ToArray()).ToArray();
            ResetTermsAndEntities();
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

                AddLocked(ids[k], ticks[k], places[k], phones[k], full, !signatures[k].All(v => v == ushort.MaxValue), terms[k], entities[k]);
            }

            KeepBrandsStillNamed();
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

    private void AddLocked(string id, long ticks, int place, int phone, ReadOnlySpan<uint> full, bool hasText, uint[] terms, string[] entities)
    {
        var doc = _ids.Count;
        EnsureCapacity(doc + 1);
        AddTermsAndEntities(doc, terms, entities);
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
        Array.Resize(ref _termStart, size);
        Array.Resize(ref _termCount, size);
        Array.Resize(ref _norm, size);
        Array.Resize(ref _normAt, size);
        Array.Resize(ref _docEntities, size * EntitySlots);
        Array.Resize(ref _entityNext, size * EntitySlots);
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
