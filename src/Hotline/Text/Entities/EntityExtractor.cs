namespace Hotline.Text.Entities;

/// <summary>What kind of named thing a complaint is about.</summary>
public enum EntityKind
{
    /// <summary>A residential compound or building: …小区, 花园, 家园, 苑, 公寓, 大厦, 广场, 城.</summary>
    Compound,

    /// <summary>A company, factory, bank or lending platform: …公司, 集团, 厂, 银行, 车贷, 网贷.</summary>
    Company,

    /// <summary>A shop, market, hotel or restaurant: …店, 超市, 酒店, 商场, 市场.</summary>
    Shop,

    School,

    Hospital,

    /// <summary>A road, street or bridge: …路, 大道, 街, 巷, 桥.</summary>
    Road,

    /// <summary>A site: a park, station, village, yard, river, reservoir.</summary>
    Site,

    /// <summary>A project: …项目, 工程.</summary>
    Project,

    /// <summary>A unit of the platform's own tree (from the dictionary).</summary>
    Unit,

    /// <summary>A region of the platform's own tree (from the dictionary).</summary>
    Region,
}

/// <summary>A named thing found in a text; <paramref name="Name"/> is normalised text.</summary>
public sealed record NamedEntity(string Name, EntityKind Kind);

/// <summary>A name the extractor must know (the platform's units and regions, the centre's own dictionary).</summary>
public sealed record EntityDictionaryEntry(string Name, EntityKind Kind);

/// <summary>
/// Finds the named things a complaint is about by patterns — a name of 2–10 characters before a kind word ("滨江花园",
/// "楚郡铭志学校", "韶山北路", "宏达建材公司") with the framing before it cut off ("投诉", "我是", "A市") — and by a
/// dictionary of known names (matched as written, preferred over a pattern's match of the same text). Thread-safe and
/// without state beyond the dictionary: the repeat index, the CLI and the hot-spot detector can share one.
/// </summary>
public sealed partial class EntityExtractor
{
    /// <summary>
    /// The version of the patterns' readings. Raise it with every change that makes the extractor read some text otherwise (a
    /// pattern, a kind word, the framing cut off, the generic-name rule): the servers compare it with the version the stored
    /// entities were read with and then read every order again (<c>EntityRereadJob</c>). A test fails when the readings of
    /// its fixture change and this number does not.
    /// </summary>
    public const int RulesVersion = 7;

    private const int MaxNameLength = 10;
    private const int MaxEntities = 8;

    private static readonly (string Word, EntityKind Kind)[] KindWords = new (string, EntityKind)[]
    {
        ("小区", EntityKind.Compound), ("花园", EntityKind.Compound), ("家园", EntityKind.Compound), ("苑", EntityKind.Compound),
        ("公寓", EntityKind.Compound), ("大厦", EntityKind.Compound), ("广场", EntityKind.Compound), ("城", EntityKind.Compound),
        ("新村", EntityKind.Compound), ("山庄", EntityKind.Compound), ("华庭", EntityKind.Compound), ("安置区", EntityKind.Compound),
        ("楼盘", EntityKind.Compound), ("公司", EntityKind.Company), ("集团", EntityKind.Company), ("厂", EntityKind.Company),
        ("银行", EntityKind.Company), ("店", EntityKind.Shop), ("超市", EntityKind.Shop), ("酒店", EntityKind.Shop),
        ("商场", EntityKind.Shop), ("市场", EntityKind.Shop), ("宾馆", EntityKind.Shop), ("饭店", EntityKind.Shop), ("商店", EntityKind.Shop),
        ("学校", EntityKind.School), ("小学", EntityKind.School), ("中学", EntityKind.School), ("大学", EntityKind.School),
        ("学院", EntityKind.School), ("幼儿园", EntityKind.School), ("医院", EntityKind.Hospital), ("卫生院", EntityKind.Hospital),
        ("诊所", EntityKind.Hospital), ("路", EntityKind.Road), ("大道", EntityKind.Road), ("街", EntityKind.Road),
        ("巷", EntityKind.Road), ("大桥", EntityKind.Road), ("公园", EntityKind.Site), ("车站", EntityKind.Site),
        ("村", EntityKind.Site), ("屠宰场", EntityKind.Site), ("水库", EntityKind.Site), ("工业园", EntityKind.Site),
        ("项目", EntityKind.Project), ("工程", EntityKind.Project), ("车贷", EntityKind.Company), ("网贷", EntityKind.Company),
    }.OrderByDescending(k => k.Item1.Length).ToArray();

    private static readonly Dictionary<char, (string Word, EntityKind Kind)[]> KindWordsByFirst = KindWords
        .GroupBy(k => k.Word[0])
        .ToDictionary(g => g.Key, g => g.ToArray());

    /// <summary>A kind word followed by one of these is part of another word ("城市", "店铺", "路灯", "街道办").</summary>
    private static readonly Dictionary<string, string> NotAfter = new(StringComparer.Ordinal)
    {
        ["城"] = "市区管乡镇建关墙际铁",
        ["店"] = "铺员主长面家",
        ["路"] = "灯面口段线费况由边上过",
        ["街"] = "道头边",
        ["村"] = "民委干级里组庄",
        ["厂"] = "家商区房长",
        ["苑"] = "里",
        ["工程"] = "师款队",
        ["项目"] = "部",
        ["市场"] = "监化价经",
        ["学院"] = "长",
        ["车贷"] = "款",
        ["网贷"] = "款",
    };

    /// <summary>
    /// Characters a name never contains: punctuation aside, function words that end the framing before it (以 of 以上, 以前,
    /// 以…为名; no name of the shared messages begins with it).
    /// </summary>
    private static readonly System.Buffers.SearchValues<char> Stops = System.Buffers.SearchValues.Create(
        "的了是和与及或我你他她们这那该本此其对向从把被给到于为将就都也还又而但若如再据即且并请问无没不很太能会要想需让由因所个位在说称每系使离距去以");

    private static readonly System.Buffers.SearchValues<char> Regions = System.Buffers.SearchValues.Create("省市县区");

    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    /// <summary>Framing that can precede a name without a stop between ("投诉宏达公司", "位于滨江花园").</summary>
    internal static readonly string[] Lead =
    [
        "投诉", "反映", "举报", "关于", "位于", "咨询", "建议", "要求", "希望", "住在", "居住", "业主", "居民", "村民", "市民", "隔壁",
        "附近", "旁边", "对面", "门口", "整个", "一个", "一家", "一所", "某", "听闻", "听说", "得知", "针对", "所谓", "以及", "还有", "就是",
        "包括", "作为", "通过", "经过", "其中", "目前", "现在", "今年", "去年", "原来", "原", "一名", "一位", "一些", "某些", "多家", "各大", "这所",
        "那所", "几家", "导致", "造成", "严重影响", "影响", "进入", "知道", "责令", "来自", "怀疑", "调取", "告知", "使得", "保障",
        "提高", "提升", "停靠", "前往", "赶往", "转院赶往", "送至", "入住", "打着", "监督", "避免", "离开", "分别", "当时", "之前", "四周", "周围",
        "往", "找", "读", "看看", "逛逛", "购买", "换购", "发现", "彻底", "消除", "取缔", "关停", "关闭", "查处", "整治", "黑心", "再次",
        "督促", "整条",
    ];


    private readonly Dictionary<char, EntityDictionaryEntry[]> _dictionary;

    private readonly bool _genericNames;

    /// <param name="dictionary">Known names: the platform's units and regions, the centre's own dictionary.</param>
    /// <param name="genericNames">
    /// Also give names with no proper name of their own ("快递公司", "房地产开发公司", <see cref="IsGeneric"/>) without a
    /// place before them — only for an evaluation that qualifies generic names itself (the labels of the evaluation set
    /// made from real text); the product never sets it.
    /// </param>
    public EntityExtractor(IEnumerable<EntityDictionaryEntry>? dictionary = null, bool genericNames = false)
    {
        _genericNames = genericNames;
        _dictionary = (dictionary ?? [])
            .Select(e => e with { Name = TextNormalizer.Normalize(e.Name).Trim() })
            .Where(e => e.Name.Length >= 2)
            .DistinctBy(e => e.Name, StringComparer.Ordinal)
            .GroupBy(e => e.Name[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.Name.Length).ToArray());
    }

    /// <summary>
    /// The entries of a dictionary file's lines (the centre's file, the tools' <c>--dictionary</c>): one name a line, a tab
    /// and a kind optionally (<see cref="EntityKind"/>; missing or unknown: <see cref="EntityKind.Site"/>); blank lines and
    /// lines starting with # are skipped.
    /// </summary>
    public static IEnumerable<EntityDictionaryEntry> ReadDictionary(IEnumerable<string> lines) =>
        lines.Select(l => l.Trim())
            .Where(l => l.Length >= 2 && !l.StartsWith('#'))
            .Select(l => l.Split('\t', 2))
            .Select(p => new EntityDictionaryEntry(p[0].Trim(), p.Length > 1 && Enum.TryParse<EntityKind>(p[1].Trim(), ignoreCase: true, out var kind) && Enum.IsDefined(kind) ? kind : EntityKind.Site));

    /// <summary>How many dictionary names the extractor knows.</summary>
    public int DictionarySize => _dictionary.Values.Sum(v => v.Length);

    /// <summary>The distinct entities of a text in order of first mention, at most 8.</summary>
    public IReadOnlyList<NamedEntity> Extract(string? text)
    {
        var normalized = TextNormalizer.Normalize(text);
        if (normalized.Length < 3)
        {
            return [];
        }

        var spans = new List<(int Start, int Length, NamedEntity Entity, bool Known)>();
        FindKnown(normalized, spans);
        FindPatterns(normalized, spans);
        FindBuildings(normalized, spans);

        // Longer spans first, a known name before a pattern of the same length; an overlapping shorter span is dropped.
        var taken = new List<(int Start, int End)>();
        var accepted = new List<(int Start, NamedEntity Entity)>();
        foreach (var span in spans.OrderByDescending(s => s.Length).ThenByDescending(s => s.Known).ThenBy(s => s.Start))
        {
            var end = span.Start + span.Length;
            if (taken.Any(t => span.Start < t.End && t.Start < end))
            {
                continue;
            }

            taken.Add((span.Start, end));
            accepted.Add((span.Start, span.Entity));
        }

        return accepted.OrderBy(a => a.Start).Select(a => a.Entity).DistinctBy(e => e.Name, StringComparer.Ordinal).Take(MaxEntities).ToList();
    }

    private void FindKnown(string text, List<(int, int, NamedEntity, bool)> spans)
    {
        if (_dictionary.Count == 0)
        {
            return;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (!_dictionary.TryGetValue(text[i], out var entries))
            {
                continue;
            }

            foreach (var entry in entries)
            {
                if (string.CompareOrdinal(text, i, entry.Name, 0, entry.Name.Length) == 0)
                {
                    spans.Add((i, entry.Name.Length, new NamedEntity(entry.Name, entry.Kind), true));
                    break;
                }
            }
        }
    }

    private void FindPatterns(string text, List<(int, int, NamedEntity, bool)> spans)
    {
        for (var i = 1; i < text.Length; i++)
        {
            if (!KindWordsByFirst.TryGetValue(text[i], out var words))
            {
                continue;
            }

            foreach (var (word, kind) in words)
            {
                if (string.CompareOrdinal(text, i, word, 0, word.Length) != 0)
                {
                    continue;
                }

                var after = i + word.Length;
                if (word == "路" && "生出思门道公马铁线网水陆归退销活套后前上修之跑指".Contains(text[i - 1], StringComparison.Ordinal))
                {
                    break;
                }

                // 农村, 乡村: the countryside, not a village; 临街, 沿街: facing the street; 进厂, 办厂, 开饭店: into or running a
                // factory or a shop; 试厂: a trial run ("以试厂为名"); 饭店, 酒店 and 商店 were read at their first character.
                if ((word == "村" && text[i - 1] is '农' or '乡')
                    || (word == "街" && "临沿当上满".Contains(text[i - 1], StringComparison.Ordinal))
                    || (word == "厂" && "进出办回入去建开关试".Contains(text[i - 1], StringComparison.Ordinal))
                    || (kind is EntityKind.Shop && text[i - 1] == '开')
                    || (word == "店" && text[i - 1] is '饭' or '酒' or '商'))
                {
                    break;
                }

                // 长 after a kind word is its head (厂长, 店长, 院长) unless it begins a word of time: "化工厂长期排污" names the factory.
                if (after < text.Length && NotAfter.TryGetValue(word, out var not) && not.Contains(text[after], StringComparison.Ordinal)
                    && !(text[after] == '长' && after + 1 < text.Length && "期久年达".Contains(text[after + 1], StringComparison.Ordinal)))
                {
                    break;
                }

                var start = ReachBack(text, i, MaxNameLength);

                // The name's longest reach can end inside a prefix ("…A2区魅力花园" reached back to 区 only).
                if (start > 0 && i - start == MaxNameLength && IsNameChar(text[start - 1]) && text[start] is '省' or '市' or '县' or '区' or '镇' or '乡')
                {
                    start++;
                }

                // A lending platform is often a number or a Latin name, which is then the whole name ("侦破58车贷"); a Chinese name
                // needs three characters ("鑫盛源车贷"; two are mostly words). Elsewhere a number is a bus line or a house ("2路").
                var platform = word is "车贷" or "网贷";
                var latin = i;
                while (platform && latin > start && char.IsAsciiLetterOrDigit(text[latin - 1]))
                {
                    latin--;
                }

                if (latin < i && i - latin >= 2)
                {
                    spans.Add((latin, after - latin, new NamedEntity(text[latin..i] + word, kind), false));
                    break;
                }

                // A generic stem keeps the place before it ("D11市人民医院", "雨花区快递公司"), or names nothing.
                var framed = CutFraming(text, start, i, administrative: true);
                start = IsGenericStem(text[framed..i], kind) ? CutFraming(text, start, i, administrative: false) : framed;
                var nameLength = i - start;
                // "县城", and "A2区星城公寓" read at 城: a region with one character left is no compound's name.
                if ((word == "城" && nameLength > 0 && text[i - 1] is '县' or '市' or '区' or '镇' or '乡')
                    || (word is "城" or "苑" && text.AsSpan(start, nameLength).ContainsAny(Regions)))
                {
                    break;
                }

                // …有车贷, 还网贷, 交车贷, 汽车贷: a loan someone has or pays, not a platform.
                if (platform && "有交付欠还供办贷借申汽".Contains(text[i - 1], StringComparison.Ordinal))
                {
                    break;
                }

                if (nameLength >= (platform ? 3 : 2) && !IsGenericStem(text[start..i], kind) && text.AsSpan(start, nameLength).ContainsAnyExcept(Digits))
                {
                    spans.Add((start, after - start, new NamedEntity(Canonical(text[start..i], word), kind), false));
                }

                break;
            }
        }
    }

    /// <summary>
    /// Whether a name carries no proper name: what is left before its kind word is only trade words, legal forms, ordinals
    /// and words of no name ("房地产开发公司", "快递公司", "第一中学"; <see cref="GenericNames"/>). The extractor gives such a
    /// name only with the place the text puts before it ("雨花区快递公司"); "鑫达快递公司" and "阳光花园" are names.
    /// </summary>
    public static bool IsGeneric(string name)
    {
        var normalized = TextNormalizer.Normalize(name);
        return EndingKindWord(normalized, 1) is { } kind && GenericNames.IsGenericStem(normalized[..^kind.Word.Length], kind.Kind);
    }

    private bool IsGenericStem(string stem, EntityKind kind) =>
        _genericNames ? GenericNames.IsNoName(stem) : GenericNames.IsGenericStem(stem, kind);

    /// <summary>One name for one thing: "滨江花园小区" is "滨江花园", "宏达建材有限公司" is "宏达建材公司".</summary>
    private static string Canonical(string name, string word)
    {
        if (word == "小区" && name.Length >= 4 && name.EndsWith("住宅", StringComparison.Ordinal))
        {
            name = name[..^2];
        }

        if (word == "小区" && KindWords.Any(k => k.Kind == EntityKind.Compound && k.Word != "小区" && name.EndsWith(k.Word, StringComparison.Ordinal)) && name.Length >= 3)
        {
            return name;
        }

        if (word == "公司")
        {
            foreach (var legal in (string[])["有限责任", "股份有限", "有限", "股份"])
            {
                if (name.Length - legal.Length >= 2 && name.EndsWith(legal, StringComparison.Ordinal))
                {
                    return name[..^legal.Length] + word;
                }
            }
        }

        return name + word;
    }

    private static bool IsNameChar(char c) => (TextNormalizer.IsCjk(c) || char.IsAsciiLetterOrDigit(c)) && !Stops.Contains(c);

    /// <summary>
    /// Moves the start past framing words and administrative prefixes ("投诉", "A市", "雨花区") while a name of 2 or more is
    /// left. A framing word whose first character stopped the reach back is cut too: "要求彻底取缔金鑫屠宰场" reached back to
    /// 求, which is the end of 要求.
    /// </summary>
    private static int CutFraming(string text, int start, int end, bool administrative)
    {
        foreach (var lead in start > 0 && Stops.Contains(text[start - 1]) ? Lead : [])
        {
            if (end - (start - 1 + lead.Length) >= 2 && string.CompareOrdinal(text, start - 1, lead, 0, lead.Length) == 0)
            {
                start += lead.Length - 1;
                break;
            }
        }

        var moved = true;
        while (moved && end - start > 2)
        {
            moved = false;
            foreach (var lead in Lead)
            {
                if (end - start - lead.Length >= 2 && string.CompareOrdinal(text, start, lead, 0, lead.Length) == 0)
                {
                    start += lead.Length;
                    moved = true;
                    break;
                }
            }

            // An administrative prefix of at most 4 characters: "A市", "西地省", "雨花区", "易家湾镇".
            for (var k = start + 1; administrative && !moved && k < Math.Min(start + 5, end - 2); k++)
            {
                if (text[k] is '省' or '市' or '县' or '区' or '镇' or '乡')
                {
                    start = k + 1;
                    moved = true;
                }
            }
        }

        return start;
    }
}
