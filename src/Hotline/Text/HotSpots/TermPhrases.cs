namespace Hotline.Text.HotSpots;

/// <summary>
/// A hot spot's terms as people read them. The terms are character bigrams, so the heaviest of a cluster about street
/// lights that stay dark read "路灯 不亮 灯不", and a street's name comes apart into "江南 南街 街道". Each term is grown
/// into the phrase the members write around it: "路灯不亮", "江南街道". A seam such as "灯不" is then part of a phrase,
/// not a keyword of its own.
/// </summary>
internal static partial class TermPhrases
{
    /// <summary>The longest phrase joined, in characters: a keyword, not a sentence.</summary>
    public const int MaxLength = 8;

    /// <summary>Members read to count where a phrase is written: enough to tell a phrase from a chance run.</summary>
    public const int MaxTexts = 200;

    /// <summary>
    /// Up to <paramref name="count"/> keywords from <paramref name="ranked"/> (heaviest first), each written by two members
    /// at least (or by the one there is). Each bigram is grown by the characters written around it in
    /// <paramref name="texts"/> (<see cref="Grown"/>), then widened to the words its edges cut (<see cref="Snapped"/>), rid
    /// of a measure the members write after a number (<see cref="Unbound"/>) and of a function word at either end
    /// (<see cref="Trimmed"/>). A phrase that shares a bigram with a keyword already chosen says nothing new ("停水问题"
    /// after "停水") and is left out, as is one inside <paramref name="name"/>, one that begins or ends at a seam
    /// (<see cref="Seam"/>: "的水", "检了") and one word that says nothing alone (<see cref="Hollow"/>: "永远"). The texts
    /// are the members' prepared texts with the event's entity taken out, so no phrase runs into its name. A phrase that is
    /// or touches a person's name where the members write it (<see cref="PersonNames"/>) is left out with its bigrams: the
    /// keywords are shown beyond the orders' own scope (the hot-spot screen, early warnings, the periodic report) and name
    /// no citizen or official. Words are read with jieba's dictionary (<see cref="WordSegmenter.Default"/>).
    /// </summary>
    public static IReadOnlyList<string> Join(IReadOnlyList<string> ranked, IReadOnlyList<string> texts, int count, string? name)
    {
        var segmenter = WordSegmenter.Default;
        var keywords = new List<string>(count);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in ranked)
        {
            if (keywords.Count == count)
            {
                break;
            }

            if (taken.Contains(term))
            {
                continue;
            }

            // A keyword describes the members: one written by a single member (a rare word of one letter), or by none once
            // the entity's name is out (a bigram across the name's end, "园小" of 滨江花园小区), describes none of them;
            // nor does a lone character or letter ("栋" of 3栋, a city's code letter).
            if (term.Length < 2 || WrittenIn(term, texts) is var written && written < Math.Min(2, texts.Count))
            {
                continue;
            }

            if (Snapped(term.Length == 2 ? Grown(term, written, ranked, texts) : term, texts, segmenter) is not { } snapped)
            {
                continue;
            }

            var phrase = Trimmed(Unbound(snapped, texts), segmenter);
            var bigrams = Bigrams(phrase);
            if (phrase.Length < 2 || (name is not null && name.Contains(phrase, StringComparison.Ordinal)) || bigrams.Exists(taken.Contains) || Seam(phrase, segmenter) || Hollow(phrase, segmenter))
            {
                continue;
            }

            if (PersonNames.Touches(phrase, texts, segmenter))
            {
                taken.UnionWith(bigrams);
                continue;
            }

            keywords.Add(phrase);
            taken.Add(phrase);
            taken.UnionWith(bigrams);
        }

        return keywords;
    }

    /// <summary>
    /// The term grown one character at a time while the longer phrase is written in at least half as many texts as the
    /// term (and two at least): by a bigram of the list that overlaps its end ("路灯" + "灯不" + "不亮"), else, in a large
    /// cluster, by the character written next to it in nearly every text that writes it ("自来水公" is always followed by
    /// 司), which finds the edges of a phrase whose bigrams are too common to rank ("环境影响"). A few reports, often copies
    /// of one letter, would otherwise grow any phrase into a sentence. Only Chinese characters are added, and never a
    /// particle (的, 了 …) at the phrase's edge: "停水了" says no more than "停水".
    /// </summary>
    private static string Grown(string term, int written, IReadOnlyList<string> ranked, IReadOnlyList<string> texts)
    {
        var needed = Math.Max(2, (written + 1) / 2);
        var phrase = term;
        while (phrase.Length < MaxLength && (ByTerm(phrase, ranked, texts, needed) ?? Next(phrase, texts, Math.Max(needed, Math.Max(MinWritersToExtend, (int)Math.Ceiling(written * 0.8))))) is { } longer)
        {
            phrase = longer.Phrase;
            written = longer.Written;
        }

        return phrase;
    }

    /// <summary>Characters segmented on each side of a phrase to find the words its edges cut.</summary>
    private const int SnapReach = 6;

    /// <summary>
    /// The phrase widened to the whole words its edges cut where the members write it (jieba's dictionary,
    /// <paramref name="segmenter"/>): "补发工" is written in "补发工资", "井底积" in "井底积水", "家赔偿" in "国家赔偿". Each of
    /// the first <see cref="PersonNames.MaxTexts"/> reports that write the phrase gives its widening; the commonest wins (the
    /// shorter on a tie). A widening past <see cref="MaxLength"/> (a phrase grown to the limit in the middle of a sentence)
    /// gives way to the phrase narrowed to the whole words inside it instead ("东以各种理由拒绝", written in 房东以各种理由拒绝,
    /// is 以各种理由拒绝), as does a widening that begins or ends at a <see cref="Seam"/>. When the narrowing too is shorter
    /// than two characters or at a seam, there is no keyword (null): the phrase cuts a word, and a leader would read
    /// "临街商铺整天用喇" (of 喇叭) or "道堆放杂物存在消" (of 楼道 and 消防).
    /// </summary>
    private static string? Snapped(string phrase, IReadOnlyList<string> texts, WordSegmenter segmenter)
    {
        var widenings = new Dictionary<string, int>(StringComparer.Ordinal);
        var narrowings = new Dictionary<string, int>(StringComparer.Ordinal);
        var lengths = new List<int>();
        var looked = 0;
        foreach (var text in texts)
        {
            var at = text.IndexOf(phrase, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var (start, end) = CjkWindow.Around(text, at, phrase.Length, SnapReach);
            var (from, to) = (at, at + phrase.Length);
            var (innerFrom, innerTo) = (from, to);
            if (end >= to)
            {
                lengths.Clear();
                segmenter.Segment(text.AsSpan(start, end - start), lengths);
                var word = start;
                foreach (var length in lengths)
                {
                    if (word < at && word + length > at)
                    {
                        (from, innerFrom) = (word, word + length);
                    }

                    if (word < at + phrase.Length && word + length > at + phrase.Length)
                    {
                        (to, innerTo) = (word + length, word);
                    }

                    word += length;
                }
            }

            Count(widenings, text[from..to]);
            Count(narrowings, innerTo > innerFrom ? text[innerFrom..innerTo] : string.Empty);
            if (++looked == PersonNames.MaxTexts)
            {
                break;
            }
        }

        var widened = Commonest(widenings);
        var narrowed = Commonest(narrowings);
        var snapped = widened is { Length: >= 2 and <= MaxLength } && !Seam(widened, segmenter) ? widened
            : narrowed is { Length: >= 2 } && !Seam(narrowed, segmenter) ? narrowed
            : null;
        return snapped is null || WithUnit(snapped, texts, segmenter) is not { } counted ? snapped
            : counted.Length <= MaxLength && !Seam(counted, segmenter) ? counted : null;

        static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

        static string? Commonest(Dictionary<string, int> counts) =>
            counts.OrderByDescending(w => w.Value).ThenBy(w => w.Key.Length).ThenBy(w => w.Key, StringComparer.Ordinal).Select(w => w.Key).FirstOrDefault();
    }

    /// <summary>Reports that must write a phrase before it is grown by the characters around it rather than by ranked terms.</summary>
    public const int MinWritersToExtend = 5;

    /// <summary>The phrase grown by the first bigram of the list that overlaps one of its ends, when written often enough.</summary>
    private static (string Phrase, int Written)? ByTerm(string phrase, IReadOnlyList<string> ranked, IReadOnlyList<string> texts, int needed)
    {
        foreach (var next in ranked)
        {
            var longer = next.Length != 2 ? null : phrase[^1] == next[0] ? phrase + next[1] : next[1] == phrase[0] ? next[0] + phrase : null;
            if (longer is not null && Addable(longer[0]) && Addable(longer[^1]) && WrittenIn(longer, texts) is var count && count >= needed)
            {
                return (longer, count);
            }
        }

        return null;
    }

    /// <summary>The phrase with the character most often written before or after it, when that is written often enough.</summary>
    private static (string Phrase, int Written)? Next(string phrase, IReadOnlyList<string> texts, int needed)
    {
        var before = new Dictionary<char, int>();
        var after = new Dictionary<char, int>();
        foreach (var text in texts)
        {
            // Each text counts once for each character it writes on either side of the phrase.
            var seenBefore = new HashSet<char>();
            var seenAfter = new HashSet<char>();
            for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.Ordinal))
            {
                if (at > 0 && Addable(text[at - 1]) && seenBefore.Add(text[at - 1]))
                {
                    before[text[at - 1]] = before.GetValueOrDefault(text[at - 1]) + 1;
                }

                var end = at + phrase.Length;
                if (end < text.Length && Addable(text[end]) && seenAfter.Add(text[end]))
                {
                    after[text[end]] = after.GetValueOrDefault(text[end]) + 1;
                }
            }
        }

        var (left, leftCount) = Most(before);
        var (right, rightCount) = Most(after);
        return Math.Max(leftCount, rightCount) < needed ? null
            : rightCount >= leftCount ? (phrase + right, rightCount) : (left + phrase, leftCount);
    }

    private static (char Character, int Count) Most(Dictionary<char, int> counts) =>
        counts.Count == 0 ? ('\0', 0) : counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Select(c => (c.Key, c.Value)).First();

    private static bool Addable(char c) => TextNormalizer.IsCjk(c) && !Particles.Contains(c);

    private static List<string> Bigrams(string phrase)
    {
        var bigrams = new List<string>(Math.Max(1, phrase.Length - 1));
        for (var i = 0; i + 2 <= phrase.Length; i++)
        {
            bigrams.Add(phrase.Substring(i, 2));
        }

        return bigrams;
    }

    private static int WrittenIn(string phrase, IReadOnlyList<string> texts)
    {
        var n = 0;
        foreach (var text in texts)
        {
            n += text.Contains(phrase, StringComparison.Ordinal) ? 1 : 0;
        }

        return n;
    }
}
