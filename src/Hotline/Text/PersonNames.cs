namespace Hotline.Text;

/// <summary>
/// Finds where a text writes a person's name, so that what the platform shows beyond the order itself (a hot spot's
/// keywords on a leader's dashboard) never names a citizen or an official. A Chinese name is a surname and one or two
/// given characters, and jieba's dictionary holds almost no names: segmented with it (<see cref="WordSegmenter"/>), a
/// name comes apart into single characters ("彭/品/义", "陈/武/利"), where ordinary text is mostly words ("周边", "高铁",
/// "王府"). So a name is read where a surname stands as a word of its own and is followed by one or two characters that
/// are words of their own and are not function characters (的, 了, 多, 元 …). The rule is for leaving things out: it also
/// takes some broken pieces of sentences for names ("程有"), which are no keywords either.
/// </summary>
public static class PersonNames
{
    /// <summary>Characters read on each side of an occurrence, so that a name the phrase only begins or ends is found.</summary>
    private const int Reach = 4;

    /// <summary>Texts looked at for one phrase: a name is written wherever the phrase is, so a few suffice.</summary>
    public const int MaxTexts = 8;

    /// <summary>
    /// Whether <paramref name="phrase"/>, where <paramref name="texts"/> write it (the first <see cref="MaxTexts"/> that
    /// do, and the first occurrence in each), is or overlaps a person's name.
    /// </summary>
    public static bool Touches(string phrase, IReadOnlyList<string> texts, WordSegmenter segmenter)
    {
        var looked = 0;
        var lengths = new List<int>();
        foreach (var text in texts)
        {
            var at = text.IndexOf(phrase, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            if (Overlaps(text, at, phrase.Length, segmenter, lengths))
            {
                return true;
            }

            if (++looked == MaxTexts)
            {
                break;
            }
        }

        return looked == 0 && Overlaps(phrase, 0, phrase.Length, segmenter, lengths);
    }

    /// <summary>Whether a name read around <c>text[at..at + length]</c> overlaps it.</summary>
    private static bool Overlaps(string text, int at, int length, WordSegmenter segmenter, List<int> lengths)
    {
        var (windowStart, windowEnd) = CjkWindow.Around(text, at, length, Reach);
        if (windowEnd - windowStart < 2)
        {
            return false;
        }

        lengths.Clear();
        segmenter.Segment(text.AsSpan(windowStart, windowEnd - windowStart), lengths);

        // A window's edge may cut a word: a surname at the cut edge, or a name ending at it, is not read.
        var names = new List<(int Start, int Length)>(1);
        var firstSurname = CjkWindow.OpenBefore(text, windowStart) ? windowStart + 1 : windowStart;
        var lastEnd = CjkWindow.OpenAfter(text, windowEnd) ? windowEnd - 1 : windowEnd;
        Collect(text, windowStart, windowEnd, lengths, firstSurname, lastEnd, names);
        return names.Exists(n => n.Start < at + length && at < n.Start + n.Length);
    }

    /// <summary>
    /// Adds the names among the words of <c>text[start..end]</c> (their <paramref name="lengths"/>): a surname word of one
    /// character at or after <paramref name="firstSurname"/>, then one or two given characters, each a word of its own,
    /// ending at or before <paramref name="lastEnd"/>.
    /// </summary>
    private static void Collect(string text, int start, int end, List<int> lengths, int firstSurname, int lastEnd, List<(int, int)> names)
    {
        var at = start;
        for (var w = 0; w < lengths.Count; at += lengths[w], w++)
        {
            if (lengths[w] != 1 || at < firstSurname || !Surnames.Contains(text[at]))
            {
                continue;
            }

            var given = 0;
            for (var g = w + 1; g < lengths.Count && given < 2 && lengths[g] == 1 && at + 1 + given < end && !NotGiven.Contains(text[at + 1 + given]); g++)
            {
                given++;
            }

            while (given > 0 && at + 1 + given > lastEnd)
            {
                given--;
            }

            if (given > 0)
            {
                names.Add((at, 1 + given));
            }
        }
    }

    /// <summary>
    /// Common single-character surnames (195), leaving out those that are also everyday function characters and so stand
    /// alone in ordinary sentences (于, 向, 万, 和, 时, 从, 全, 文, 安, 关, 方 …).
    /// </summary>
    private static readonly HashSet<char> Surnames =
    [
        .. "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔汤易温康施牛樊葛邢齐乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿兰焦俞左柳甘祝宁尚符舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝辛靳柴蒙鲍华喻祁蒲滕屈饶牟艾尤穆卓缪芦麦褚娄窦戚岑邬卞姬仇栾隋刁巫寇桑郎甄仲虞敖巩佘池邝",
    ];

    /// <summary>
    /// Characters that follow a surname in a sentence but are not given names: particles, numbers and measures, titles
    /// (王总), and the kind characters of places and bodies, which end names of things (映江苑, 黄村, 李家湾).
    /// </summary>
    private static readonly HashSet<char> NotGiven =
    [
        .. "的了是在和与及也都就又很我你他她它们这那吗呢吧啊着过把被给对从到为将于并且而或号第栋个多元年月日天次位名等已不没无有要会说让叫某总",
        .. "苑园城村镇乡街路巷湾桥庄屯店厂局院校所站港场馆楼区县市省州室处科部厅家",
    ];
}
