namespace Hotline.Text.HotSpots;

/// <summary>The event list's keys: which entity (and place) each order of the two windows counts under.</summary>
internal static class HotSpotKeys
{
    /// <summary>
    /// Each order's key: its rarest entity that another order names too (ties by name; a name containing a recurring name
    /// counts as that one), with its place; else its place; else none. An order naming two entities counts for one event
    /// only: the rarer one is the more specific — unless every order naming the rarer one names the other too. Then the
    /// rarer name says nothing the other does not: it is a detail the same writers add (the employer of the residents who
    /// complain about a slaughterhouse, a name misread in a letter sent to three leaders), and keying by it would split
    /// one event between the orders that add the detail and those that do not. A rarer name that carries a place stays
    /// the key: it is one branch or one place's namesake of the other.
    /// </summary>
    public static (string? Entity, string? Place)[] Of(HotSpotDocument[] documents, string[][] entities, bool byPlaceOnly)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var names in entities)
        {
            foreach (var name in names)
            {
                counts[name] = counts.GetValueOrDefault(name) + 1;
            }
        }

        var keys = new (string?, string?)[documents.Length];
        if (byPlaceOnly)
        {
            for (var i = 0; i < documents.Length; i++)
            {
                keys[i] = (null, Place(documents[i]) ?? string.Empty);
            }

            return keys;
        }

        // Each order's recurring names, and each name's orders (ascending: the orders are read in order).
        var folded = new Dictionary<string, string?>(StringComparer.Ordinal);
        var named = new string[documents.Length][];
        var orders = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < documents.Length; i++)
        {
            named[i] = [.. entities[i].Select(e => folded.TryGetValue(e, out var f) ? f : folded[e] = Recurring(e, counts)).OfType<string>().Distinct(StringComparer.Ordinal)];
            foreach (var name in named[i])
            {
                (orders.TryGetValue(name, out var list) ? list : orders[name] = []).Add(i);
            }
        }

        var within = new Dictionary<(string, string), bool>();
        for (var i = 0; i < documents.Length; i++)
        {
            var mine = named[i];
            var entity = mine.Where(e => !mine.Any(other => Within(e, other)))
                .OrderBy(e => counts[e]).ThenBy(e => e, StringComparer.Ordinal).FirstOrDefault();
            keys[i] = (entity, Place(documents[i]));
        }

        return keys;

        // Whether every order naming `name` names `other` too, and `other` more orders besides. A name that carries a place
        // ("m6州建设银行" beside 中国建设银行) is the one branch of the other, never a detail of it.
        bool Within(string name, string other)
        {
            var (inner, outer) = (orders[name], orders[other]);
            if (inner.Count >= outer.Count || NamesAPlace(name, 0, 0))
            {
                return false;
            }

            // A rare name is checked again for each of its few orders; a frequent one's answer is kept.
            if (inner.Count <= 16)
            {
                return inner.TrueForAll(o => outer.BinarySearch(o) >= 0);
            }

            if (!within.TryGetValue((name, other), out var result))
            {
                within[(name, other)] = result = inner.TrueForAll(o => outer.BinarySearch(o) >= 0);
            }

            return result;
        }
    }

    private static string? Place(HotSpotDocument document) => TextNormalizer.Normalize(document.Place) is { Length: > 0 } p ? p : null;

    /// <summary>
    /// One name for one thing. A name no other order names is the longest recurring name inside it (the patterns take some
    /// framing before a name now and then: "再次反映滨江花园" is 滨江花园). A recurring name led by a street or community
    /// ("江南街道滨河路") is the recurring name after it (滨河路). A recurring name holding a name that recurs at least as
    /// often is that name: citizens qualify a compound now and then ("伊家滨河苑" beside 滨河苑, "金色家园物业公司" beside
    /// 金色家园), and the more often written name is the thing — unless what the longer name adds is a place ("b市中心医院"
    /// is not every 市中心医院); a project ("红星路修路工程") is the recurring name it holds, however often each is written.
    /// Otherwise the name itself when it recurs, else null. Apart from a project, a name is never folded into one that recurs
    /// less often: "宏达房地产开发公司" must not become a rarer "房地产开发公司". Nor is a name folded where one added character
    /// forms a word with the name's edge (<see cref="CutsAWord"/>): "明月湖小区" is another compound than 月湖小区.
    /// </summary>
    private static string? Recurring(string name, Dictionary<string, int> counts)
    {
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        var own = counts[name];
        if (own >= 2)
        {
            foreach (var lead in (string[])["街道", "社区"])
            {
                var at = name.IndexOf(lead, StringComparison.Ordinal);
                if (at > 0 && name.Length - at - lead.Length >= 3 && lookup.TryGetValue(name.AsSpan(at + lead.Length), out var after) && after >= 2)
                {
                    return name[(at + lead.Length)..];
                }
            }
        }

        // A project is named after what it builds on ("红星路修路工程" is work on 红星路): any recurring name inside it.
        var project = name.EndsWith("工程", StringComparison.Ordinal) || name.EndsWith("项目", StringComparison.Ordinal);
        for (var length = name.Length - 1; length >= 3; length--)
        {
            for (var start = 0; start + length <= name.Length; start++)
            {
                if (lookup.TryGetValue(name.AsSpan(start, length), out var count) && count >= Math.Max(2, project ? 2 : own) && !NamesAPlace(name, start, length)
                    && !(start == 1 && CutsAWord(name, 1)) && !(start + length == name.Length - 1 && CutsAWord(name, start + length)))
                {
                    return name.Substring(start, length);
                }
            }
        }

        return own >= 2 ? name : null;
    }

    /// <summary>
    /// Whether the two characters on either side of <paramref name="at"/> in <paramref name="name"/> form a dictionary word.
    /// Asked where the longer name adds one character only: one character of framing cannot otherwise be told from one
    /// of a name, and a word across the cut says the character is the name's ("明月湖小区" is no 月湖小区: 明月 is a word;
    /// "住滨江花园" is 滨江花园: 住滨 is none). Framing of two characters or more is cut as before: it can end in a word
    /// with the name's first character ("有停好润佳超市", 停好), and a qualifier of two is the same compound ("伊家滨河苑").
    /// </summary>
    private static bool CutsAWord(string name, int at) =>
        at > 0 && at < name.Length && WordSegmenter.Default.IsWord(name.AsSpan(at - 1, 2));

    private static readonly System.Buffers.SearchValues<char> PlaceMarks = System.Buffers.SearchValues.Create("省市州县区镇乡村0123456789abcdefghijklmnopqrstuvwxyz");

    /// <summary>
    /// Whether what the longer name adds around the shorter one names a place ("b市中心医院" around 市中心医院, "雨花区…"): then
    /// the two are one kind of thing in two places, not one thing.
    /// </summary>
    private static bool NamesAPlace(string name, int start, int length)
    {
        var added = name[..start] + "|" + name[(start + length)..];
        foreach (var word in NotPlaces)
        {
            added = added.Replace(word, "|", StringComparison.Ordinal);
        }

        return added.AsSpan().ContainsAny(PlaceMarks);
    }

    /// <summary>Words with 区 or 市 that name no place ("翠湖家园全小区" is the compound).</summary>
    private static readonly string[] NotPlaces = ["小区", "社区", "园区", "景区", "校区", "街区", "片区", "城区", "市场", "超市", "城市", "集市", "门市"];
}
