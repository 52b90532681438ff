using Hotline.Text.Entities;

namespace Hotline.Text;

/// <summary>
/// Issue 19: compounds named by their brand alone. The extractor finds "天马御都" only before a building number
/// ("天马御都4号楼"); a citizen who leaves the number out ("天马御都的业主") writes the same compound. The index remembers
/// the brands its orders gave with a number, and once two of its orders name one, it is an entity of every order and
/// query whose text writes it, as the hot-spot detector does within its batch. The brand's characters stay terms (an
/// order indexed before the brand was known keeps them too), so a learned brand only adds the shared-entity lift.
/// </summary>
public sealed partial class RepeatIndex
{
    /// <summary>Names the extractor gave as a compound without a kind word (found before a building number).</summary>
    private readonly HashSet<string> _brands = new(StringComparer.Ordinal);

    /// <summary>The brands' first two characters: a text is looked up only where one of them starts.</summary>
    private readonly HashSet<uint> _brandStarts = [];

    /// <summary>Remembers the brands among an order's entities; under the write lock.</summary>
    private void NoteBrands(IReadOnlyList<NamedEntity> found)
    {
        foreach (var e in found)
        {
            if (EntityExtractor.IsBrand(e) && e.Name.Length is >= EntityExtractor.MinBrandLength and <= EntityExtractor.MaxBrandLength)
            {
                _brands.Add(e.Name);
                _brandStarts.Add(Start(e.Name, 0));
            }
        }
    }

    /// <summary>
    /// The entities, then the known brands (named by at least two indexed orders) the text writes that are not among them;
    /// under a lock.
    /// </summary>
    private string[] WithBrands(string? text, string[] entities)
    {
        if (_brands.Count == 0)
        {
            return entities;
        }

        var s = TextNormalizer.Normalize(text);
        var lookup = _brands.GetAlternateLookup<ReadOnlySpan<char>>();
        List<string>? more = null;
        for (var i = 0; i + EntityExtractor.MinBrandLength <= s.Length; i++)
        {
            if (!_brandStarts.Contains(Start(s, i)))
            {
                continue;
            }

            for (var length = 1; length <= EntityExtractor.MaxBrandLength && i + length <= s.Length && TextNormalizer.IsCjk(s[i + length - 1]); length++)
            {
                if (length >= EntityExtractor.MinBrandLength && lookup.TryGetValue(s.AsSpan(i, length), out var name)
                    && _entityIds.TryGetValue(name, out var id) && _entityDf[id] >= 2
                    && !entities.Contains(name, StringComparer.Ordinal) && !(more?.Contains(name) ?? false))
                {
                    (more ??= []).Add(name);
                }
            }
        }

        return more is null ? entities : [.. entities, .. more];
    }

    /// <summary>After a rebuild, only the brands some kept order still names are remembered.</summary>
    private void KeepBrandsStillNamed()
    {
        _brands.RemoveWhere(b => !_entityIds.ContainsKey(b));
        _brandStarts.Clear();
        _brandStarts.UnionWith(_brands.Select(b => Start(b, 0)));
    }

    private static uint Start(string text, int at) => ((uint)text[at] << 16) | text[at + 1];
}
