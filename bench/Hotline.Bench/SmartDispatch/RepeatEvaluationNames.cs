namespace Hotline.Bench.SmartDispatch;

/// <summary>
/// Which entity names of the evaluation set name one thing (docs/repeat-labelling.md, rule 1): a name whose own part —
/// what is left without its kind word, its place code and generic qualifiers ("实验", "人民", "前期物业", "置业")
/// — is shorter than two characters or an ordinal ("第一") is generic ("实验中学", "前期物业公司", "安置小区"): many places have one, so
/// it names one thing only together with the place the message names. A name holding a word of a sentence ("有农村",
/// "准备开设实体店", "张德海系k2区农村") is a misreading of the extractor and names nothing.
/// </summary>
internal static class RepeatEvaluationNames
{
    /// <summary>Kind words, longest first (the extractor's kinds: compounds, companies, shops, schools, hospitals, roads, sites, projects).</summary>
    private static readonly string[] KindWords =
    [
        "房地产开发有限公司", "房地产开发公司", "有限责任公司", "股份有限公司", "有限公司", "管理公司", "服务公司", "开发公司", "公司", "集团",
        "工业园", "产业园", "开发区", "幼儿园", "小学", "中学", "大学", "学院", "学校", "一中", "二中", "附中", "卫生院", "医院", "诊所",
        "小区", "花园", "家园", "公寓", "大厦", "广场", "新城", "苑", "城", "厂", "银行", "超市", "酒店", "商场", "市场", "店",
        "大道", "路", "街", "巷", "桥", "公园", "车站", "站", "村", "组", "项目", "工程", "河", "湖", "水库",
    ];

    /// <summary>Qualifiers that many places' names share; a name made only of them (and a kind word) is generic.</summary>
    private static readonly string[] Generic =
    [
        "房地产开发", "污水处理", "物业管理", "经济适用", "天然气", "房地产", "商品房", "安置房", "保障房", "廉租房", "公租房",
        "实验", "人民", "中心", "附属", "附一", "附二", "附三", "前期", "物业", "置业", "开发", "建设", "建筑", "投资", "安置",
        "高档", "希望", "农村", "城区", "城市", "中医", "妇幼", "保健", "自来水", "供水", "供电", "电力", "燃气", "公交", "客运",
        "民办", "私立", "公立", "重点", "示范", "职业", "技术", "卫生", "食品", "建材", "机砖", "水泥", "化工", "国有", "集体",
        "乡镇", "社区", "拆迁", "回迁", "商业", "文化", "体育", "步行", "附近", "周边", "我们", "这个", "那个", "所有", "其他",
        "有关", "相关", "当地", "本地", "外地", "个体", "私人", "正规", "小型", "大型", "新建", "在建", "老旧", "招生", "省级",
        "市级", "县级", "快递", "美丽", "乡村", "豆腐渣", "部分", "高速", "市政", "一期", "二期", "三期", "城中", "儿童", "氮肥",
        "造纸", "家具", "幼儿", "中小", "私办", "上级", "三甲", "骗子", "癌症", "餐饮服务", "餐饮", "服务", "人才",
        "全日制", "各大", "偏远", "维保", "电梯", "医药", "检查", "小区",
    ];

    /// <summary>Characters of a sentence, never of a name's own part in this data set's misreadings.</summary>
    private static readonly string[] SentenceWords = [
        "准备", "开设", "包括", "学期", "目前", "影响", "一名", "今年", "责令", "出具", "搬进", "前往", "去做", "注销", "进", "导致", "造成", "致使", "什么", "占用", "调取", "提前", "通知", "系", "有", "在", "的", "是", "了", "把", "被",
        "我", "你", "他",
    ];

    public static NameKind Classify(string name)
    {
        var own = System.Text.RegularExpressions.Regex.Replace(name.ToUpperInvariant(), "^[A-Z][0-9]+[市县区]", string.Empty);
        var qualifiedByPlace = own.Length < name.Length;
        foreach (var kind in KindWords)
        {
            if (own.EndsWith(kind, StringComparison.Ordinal) && own.Length > kind.Length)
            {
                own = own[..^kind.Length];
                break;
            }
        }

        if (SentenceWords.Any(w => own.Contains(w, StringComparison.Ordinal)))
        {
            return NameKind.NotAName;
        }

        // Generic qualifiers are stripped from both ends until none is left to strip.
        for (var changed = true; changed && own.Length > 0;)
        {
            changed = false;
            foreach (var word in Generic)
            {
                if (own.StartsWith(word, StringComparison.Ordinal))
                {
                    own = own[word.Length..];
                    changed = true;
                }
                else if (own.EndsWith(word, StringComparison.Ordinal))
                {
                    own = own[..^word.Length];
                    changed = true;
                }
            }
        }

        // What is left may be an ordinal or a single generic character ("第一", "二", "新").
        var generic = own.Length < 2 || System.Text.RegularExpressions.Regex.IsMatch(own, "^第?[一二三四五六七八九十百0-9]+$");
        return generic && !qualifiedByPlace ? NameKind.Generic : NameKind.Specific;
    }
}

/// <summary>How an extracted name takes part in the evaluation set.</summary>
internal enum NameKind
{
    /// <summary>Names one thing wherever it is read.</summary>
    Specific,

    /// <summary>Names one thing only with a place code ("实验中学" of L4县).</summary>
    Generic,

    /// <summary>A misreading (a piece of a sentence): names nothing.</summary>
    NotAName,
}
