namespace Hotline.Text.Entities;

/// <summary>Compounds named without a kind word, found by the building number after them.</summary>
public sealed partial class EntityExtractor
{
    /// <summary>A brand before a building number is 3 to 8 Chinese characters long.</summary>
    internal const int MinBrandLength = 3, MaxBrandLength = 8;

    /// <summary>
    /// Where a building number follows a verb or a position ("全面检修1栋", "要求按照协议支付25栋", "小区最北边25栋",
    /// "教学楼共3栋"), what comes before it is no name: characters of verbs and positions that brand names do not use.
    /// </summary>
    private static readonly System.Buffers.SearchValues<char> NotInBuildingNames = System.Buffers.SearchValues.Create("边旁角内外共购买换付修求知得影导致后里楼栋层单");

    /// <summary>
    /// A compound is often named by its developer's brand alone, with no kind word ("天马御都4号楼", "香山美境22栋",
    /// "保利麓谷林语E区13栋"): the building number after a name makes it a compound. The name is what comes before the
    /// number and its part of the compound ("E区", "二期"), framing and region prefixes cut; it must be Chinese, at least
    /// three characters, without a verb's or a position's characters (<see cref="NotInBuildingNames"/>), not a kind of place ("家属区") and not end in a kind word (the kind-word patterns name those).
    /// </summary>
    private void FindBuildings(string text, List<(int, int, NamedEntity, bool)> spans)
    {
        for (var i = 1; i < text.Length; i++)
        {
            var isMarker = text[i] is '栋' or '幢' || (text[i] == '号' && i + 1 < text.Length && text[i + 1] == '楼');
            if (!isMarker || !char.IsAsciiDigit(text[i - 1]))
            {
                continue;
            }

            var end = i;
            while (end > 0 && (char.IsAsciiDigit(text[end - 1]) || text[end - 1] == '-'))
            {
                end--;
            }

            for (var letters = 0; letters < 2 && end > 0 && char.IsAsciiLetter(text[end - 1]); letters++)
            {
                end--;
            }

            // The compound's part: "E区", "3区", "二期".
            if (end >= 2 && text[end - 1] is '区' or '期' && (char.IsAsciiLetterOrDigit(text[end - 2]) || "一二三四五六七八九十".Contains(text[end - 2], StringComparison.Ordinal)))
            {
                end -= 2;
                while (end > 0 && char.IsAsciiDigit(text[end - 1]))
                {
                    end--;
                }
            }

            // 都 ends the framing before most names but ends many a compound's ("天马御都", "恒大名都").
            var reach = end > 0 && text[end - 1] == '都' ? ReachBack(text, end - 1, MaxBrandLength - 1) : ReachBack(text, end, MaxBrandLength);
            var start = CutFraming(text, reach, end, administrative: true);
            var name = text[start..end];
            if (name.Length >= MinBrandLength && name.All(TextNormalizer.IsCjk) && !name.AsSpan().ContainsAny(Regions) && !name.AsSpan().ContainsAny(NotInBuildingNames)
                && !HasKindWord(name) && !IsGenericStem(name, EntityKind.Compound))
            {
                spans.Add((start, name.Length, new NamedEntity(name, EntityKind.Compound), false));
            }
        }
    }

    /// <summary>Whether a name ends in a kind word ("滨江花园"); a compound found by its building number does not ("天马御都").</summary>
    public static bool HasKindWord(string name) => KindWords.Any(k => name.EndsWith(k.Word, StringComparison.Ordinal));

    /// <summary>A compound named by its brand (found before a building number, no kind word): what the hot-spot detector and the repeat index learn.</summary>
    public static bool IsBrand(NamedEntity entity) => entity.Kind == EntityKind.Compound && !HasKindWord(entity.Name);

    /// <summary>
    /// The dictionary's names written in a text, in order of first mention: for names learned from other texts (a brand
    /// found before a building number is the same compound where a citizen leaves the number out).
    /// </summary>
    public IReadOnlyList<string> KnownNames(string? text)
    {
        var normalized = TextNormalizer.Normalize(text);
        var spans = new List<(int Start, int Length, NamedEntity Entity, bool Known)>();
        FindKnown(normalized, spans);
        return spans.Select(s => s.Entity.Name).Distinct(StringComparer.Ordinal).ToList();
    }
}
