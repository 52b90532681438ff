namespace Hotline.Text.HotSpots;

/// <summary>
/// The edges of a keyword: the unit a number takes, the measure after a number, the function words trimmed at either end,
/// and the seams and hollow words that make a phrase no keyword.
/// </summary>
internal static partial class TermPhrases
{
    /// <summary>
    /// The phrase with the unit the members write right after it, when it ends in a number that most of the first
    /// <see cref="PersonNames.MaxTexts"/> reports writing it follow with one of <see cref="Measures"/>: jieba reads "两个" and
    /// "月" as two words, so the widening to whole words leaves "公司已经连续两个" (of 两个月). "连续两个" is then 连续两个月;
    /// a phrase the unit would take over the limit is no keyword. Null when the phrase does not end so.
    /// </summary>
    private static string? WithUnit(string phrase, IReadOnlyList<string> texts, WordSegmenter segmenter)
    {
        var lengths = new List<int>();
        segmenter.Segment(phrase, lengths);
        if (segmenter.Tag(phrase.AsSpan(phrase.Length - lengths[^1])) != 'm')
        {
            return null;
        }

        var units = new Dictionary<char, int>();
        var looked = 0;
        foreach (var text in texts)
        {
            var at = text.IndexOf(phrase, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var after = at + phrase.Length;
            if (after < text.Length && Measures.Contains(text[after]))
            {
                units[text[after]] = units.GetValueOrDefault(text[after]) + 1;
            }

            if (++looked == PersonNames.MaxTexts)
            {
                break;
            }
        }

        var (unit, count) = Most(units);
        return count * 2 > looked ? phrase + unit : null;
    }

    /// <summary>
    /// The phrase without its first character where that is a measure or a kind the members write right after a number or
    /// a code (in more than half of the first <see cref="PersonNames.MaxTexts"/> texts that write the phrase): "300多块钱" and
    /// "3辆车" give no keyword "块钱" or "辆车", "45度裂缝" gives "裂缝", "J4县白石渡镇" "白石渡镇", "第二孩男" no "孩男". The
    /// number is no keyword (it is not a Chinese character), so what it counts is none either. Only <see cref="Measures"/>
    /// are dropped: "12345热线" and "110报警" keep their words.
    /// </summary>
    private static string Unbound(string phrase, IReadOnlyList<string> texts)
    {
        if (!Measures.Contains(phrase[0]))
        {
            return phrase;
        }

        var (looked, bound) = (0, 0);
        foreach (var text in texts)
        {
            var at = text.IndexOf(phrase, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            bound += at > 0 && (char.IsAsciiDigit(text[at - 1]) || Numerals.Contains(text[at - 1])) ? 1 : 0;
            if (++looked == PersonNames.MaxTexts)
            {
                break;
            }
        }

        return bound * 2 > looked ? phrase[1..] : phrase;
    }

    /// <summary>Characters that write a number: "三", "十几", "300多", "一万".</summary>
    private static readonly HashSet<char> Numerals = [.. "零〇一二两三四五六七八九十百千万亿几多半"];

    /// <summary>
    /// What a number counts or orders: measures, units of money, time, length and weight, and the kinds a code or an
    /// ordinal stands before ("J4县", "第二孩").
    /// </summary>
    private static readonly HashSet<char> Measures = [.. "个只条件张台辆部架艘头匹间套栋层楼号户家所座项次回趟遍批块元角毛分万亿千百十年月日天周时秒度米里斤吨亩倍岁名位人胎孩期省市县区州镇乡村组"];

    /// <summary>
    /// The phrase without a word of one function character at either end, as the phrase alone segments: a demonstrative,
    /// adverb or question word before it ("此五天期间" is 五天期间, "该猪场" 猪场, "便私自支取" 私自支取, "谁为老百姓" 老百姓), a
    /// word like 均, 只 or 至 after it ("北面均"), or a negation ("管不", "问题仍未"). A preposition of any length before it
    /// goes too, and a place word of one character ("向环保局" is 环保局, "按照劳动法" 劳动法, "上户口" 户口: jieba's tags p and
    /// f), when a word of two characters or more follows. A preposition of one character goes only when it is one of
    /// <see cref="Toward"/>: 自, 于 and 由 begin names as often ("自华科技"). What is left may be one character, which is no
    /// keyword.
    /// </summary>
    private static string Trimmed(string phrase, WordSegmenter segmenter)
    {
        var lengths = new List<int>();
        segmenter.Segment(phrase, lengths);
        var (from, to) = (0, phrase.Length);
        var w = 0;
        if (lengths.Count > 1 && lengths[1] > 1 && segmenter.Tag(phrase.AsSpan(0, lengths[0])) is var tag
            && (lengths[0] == 1 ? (tag == 'p' && Toward.Contains(phrase[0])) || tag == 'f' : tag == 'p'))
        {
            from = lengths[w++];
        }

        for (; w < lengths.Count - 1 && lengths[w] == 1 && EdgeWords.Contains(phrase[from]); w++)
        {
            from++;
        }

        for (w = lengths.Count - 1; w > 0 && lengths[w] == 1 && to - 1 > from && (EdgeWords.Contains(phrase[to - 1]) || Negations.Contains(phrase[to - 1])); w--)
        {
            to--;
        }

        return phrase[from..to];
    }

    /// <summary>
    /// Whether the phrase begins or ends at a seam. It ends at one where its last character is a particle or function
    /// character ("检了", "现在随着", "管不了": the words that end in one are mostly function words), or its last word is a
    /// preposition ("没有按照", jieba's tag p: what it governs is cut off), one of <see cref="Determiners"/> or one of
    /// <see cref="Modals"/> ("连续两个月没有": what is denied is cut off). It begins at one where
    /// its first word, as the phrase alone segments, is made of such characters only ("的水", "我们小区", "对于") or is a
    /// demonstrative ("这些问题", "那里"); a word that only begins with one is a word like any other ("过期食品", "对面",
    /// "到期": 过, 对 and 到 are particles only as words of their own).
    /// </summary>
    private static bool Seam(string phrase, WordSegmenter segmenter)
    {
        if (Particles.Contains(phrase[^1]))
        {
            return true;
        }

        var lengths = new List<int>();
        segmenter.Segment(phrase, lengths);
        var first = phrase.AsSpan(0, lengths[0]);
        var last = phrase[(phrase.Length - lengths[^1])..];
        if (first[0] is '这' or '那' || (lengths.Count > 1 && (segmenter.Tag(last) == 'p' || Determiners.Contains(last) || Modals.Contains(last))))
        {
            return true;
        }

        foreach (var c in first)
        {
            if (!Particles.Contains(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Words that choose among what follows them: a phrase that ends in one has lost its noun ("房东以各种" of 各种理由).</summary>
    private static readonly HashSet<string> Determiners = new(["各种", "各类", "各个", "哪些", "这些", "那些", "任何", "某些", "一些", "所有", "其他", "其它", "每个"], StringComparer.Ordinal);

    /// <summary>
    /// Whether the phrase is one word that says nothing alone: an adverb ("永远", "一边"), a pronoun ("本轮", "本人"), a
    /// numeral or quantity ("一下", "几年"), a preposition, conjunction or particle, or a place word ("附近"), by jieba's tags
    /// (d, r, m, p, c, u, f), or a negation or modal verb (<see cref="Modals"/>: "没有", "无法", "希望"). Such a word is part
    /// of a keyword ("电梯几年未检", "没有指标"), never one of its own.
    /// </summary>
    private static bool Hollow(string phrase, WordSegmenter segmenter) => HollowTags.Contains(segmenter.Tag(phrase)) || Modals.Contains(phrase);

    private static readonly HashSet<char> HollowTags = [.. "drmpcuf"];

    /// <summary>Verbs that deny, allow or ask for what follows them: jieba tags them v or n, but alone they name no matter.</summary>
    private static readonly HashSet<string> Modals = new(["没有", "不能", "无法", "不会", "未能", "应该", "需要", "希望", "能否", "是否", "要求"], StringComparer.Ordinal);

    /// <summary>
    /// Characters that end no keyword, and begin none as words made of them only (<see cref="Seam"/>): particles, pronouns,
    /// the commonest function words, and 号, 第 and 栋, which stand by a number.
    /// </summary>
    private static readonly HashSet<char> Particles = [.. "的了是在和与及也都就又很我你他她它们这那吗呢吧啊着过把被给对从到为将于并且而或号第栋"];

    /// <summary>
    /// Function characters that, as words of their own, begin or end no keyword: demonstratives, adverbs, the question word
    /// 谁 and the particles (so declared after them).
    /// </summary>
    private static readonly HashSet<char> EdgeWords = [.. "此该其本这那便均还只至即则亦皆仍却谁", .. Particles];

    /// <summary>Prepositions of one character that begin no keyword: what they point at is the keyword ("向环保局").</summary>
    private static readonly HashSet<char> Toward = [.. "向往朝按沿替跟"];

    /// <summary>A negation as a word of its own ends no keyword: what it denies is cut off ("管不" of 管不了, "问题仍未" of 问题仍未解决).</summary>
    private static readonly HashSet<char> Negations = [.. "不没未"];
}
