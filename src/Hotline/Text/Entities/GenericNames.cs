namespace Hotline.Text.Entities;

/// <summary>
/// Which names carry no proper name (issue 19, "generic names"). A registered company's name is place + trade name (字号) +
/// trade (行业) + legal form (the Chinese rules on enterprise names), a school's or hospital's is place + what kind it is;
/// what gives it its identity is the trade name. A name whose part before the kind word is made only of trade words,
/// legal forms, ordinals and quantifiers, and words of no name has none: "房地产开发公司", "快递公司", "代理公司", "加工厂",
/// "第一中学", "三家公司" are one kind of thing in many places, not one thing. Roads and compounds are named with common
/// words ("建设路", "文化广场", "幸福小区"), so for them only the whole-stem words count, not the trade words.
/// </summary>
internal static class GenericNames
{
    /// <summary>
    /// Stems that say nothing by themselves, as a whole ("物业公司", "人民路", "高档小区") or as parts of a stem with trade
    /// words ("小区物业公司"): kinds, qualifiers many places share, and verbs or quantifiers the patterns take for names.
    /// </summary>
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "物业", "开发", "房地产", "建筑", "燃气", "自来水", "供水", "电力", "供电", "移动", "联通", "电信", "保险", "周边", "当地", "本地", "全市",
        "全县", "各个", "所有", "其他", "其它", "有关", "相关", "什么", "哪个", "这些", "那些", "农村", "城乡", "县城", "进城", "学区",
        "人民", "建设", "公办", "民办", "市直", "市属", "县直", "县属", "子弟", "化工", "冶炼", "中心", "乡镇", "国家", "民生", "住宅", "商品房",
        "商品房住宅", "私立", "公立", "重点", "示范", "职业", "培训", "中小", "社区", "农民", "出租车", "房地产开发", "改造", "扶贫", "水利",
        "基础设施", "公益", "重大", "重点工程", "政府", "大型", "小型", "个体", "私人", "国有", "民营", "外地", "本市", "本县", "学校",
        "实验", "中等职业", "附一", "附二", "第一", "第二", "第三", "三甲", "煤业", "邮政储蓄", "污水处理", "垃圾处理", "有限", "主体", "配套",
        // A verb or a qualifier before a kind word ("希望学校改正", "导致小区停水", "高档小区"): no name at all.
        "希望", "学期", "导致", "造成", "严重影响", "影响", "进入", "知道", "避免", "通过", "责令", "离开", "任何", "有些", "一些", "提升", "提高",
        "保障", "告知", "使得", "来自", "怀疑", "之前", "调取", "四周", "周围", "原来", "当时", "居民", "高档", "新建", "城区", "县级", "省级",
        "市级", "初中", "高中", "小学", "初级", "义务教育", "招生", "上市", "贷款", "城中", "面子", "豆腐渣", "惠民", "市政", "人防", "系统",
        "安置", "农贸", "人才", "美丽", "新型", "自然", "加强", "一名", "有", "镇", "县", "事", "予", "监督", "打着", "搜刮", "年终", "明白",
        "带孩子去", "家长送孩子去", "停靠", "前往", "去", "到", "回", "进", "出", "在", "全国", "本省", "外省", "黑心", "非法", "违法", "正规",
    };

    /// <summary>
    /// Parts of a stem of no name, for every kind, beside the framing words the extractor cuts before a name
    /// (<see cref="EntityExtractor.Lead"/>: "反映学校" is no school): "分别有城", "前期物业公司", "小区物业公司", "有砖厂",
    /// "距离小区", "镇中心小学". The single characters of <see cref="Words"/> count only as a whole stem.
    /// </summary>
    private static readonly string[] Parts =
    [
        "有", "分别", "前期", "小区", "附近", "各", "有关部门", "所在", "同类", "此类", "这类", "部分", "大部分", "全面", "占用", "距离",
        "难道", "方便", "确保", "维护", "至今", "成立", "严禁", "利用", "最后", "搞得", "历经", "只好", "诉求", "谢谢", "严重", "损害",
        "接通", "参加", "出具", "开办", "组建", "检查", "公开", "修复", "启动", "申请", "办理", "发现",
        // the administration's steps a citizen quotes from a rule ("行政主管部门受理建设项目", "环保部门审批项目"): a project of
        // no one place
        "行政", "主管", "部门", "受理", "审批", "审核", "批准", "核准", "备案", "立项", "报建", "报经", "依法",
        // when: a time before a kind word ("最近一周小区已经停电三次", "这几天小区一直停水") is no name
        "最近", "近期", "近日", "近来", "这几天", "这两天", "几天", "一周", "本周", "上周", "每天", "每晚", "今天", "昨天", "前天",
        "本月", "上月", "连日", "多日", "今年", "去年", "目前", "现在",
        // a bare town, township, village, district or county: a city's hotline has many ("县人民医院" names one only with
        // its county before it: "G5县人民医院"); but one city ("市中心医院" is the city's)
        "镇", "乡", "村", "区", "县",
    ];

    /// <summary>What a company, shop, school, hospital, site or project does or is, never who it is (行业, kinds of school and hospital, legal forms).</summary>
    private static readonly string[] TradeWords =
    [
        // trades and what a business does
        "房地产", "开发", "置业", "地产", "房产", "建筑", "建设", "建材", "装饰", "装修", "劳务", "派遣", "物业", "物管", "管理", "服务", "快递",
        "速递", "物流", "招标", "投标", "运输", "客运", "货运", "公交", "出租车", "出租", "汽车", "汽修", "维修", "维保", "监理", "代理", "中介", "咨询", "投资",
        "担保", "贷款", "金融", "小额", "典当", "理财", "科技", "信息", "网络", "通信", "通讯", "电子", "电器", "电力", "电业", "供电", "供水",
        "自来水", "水", "燃气", "煤气", "天然气", "石油", "水务", "能源", "环保", "加工", "制造", "生产", "制品", "化工", "造纸", "纸业",
        "冶炼", "钢铁", "水泥", "混凝土", "搅拌", "砂石", "石材", "石灰", "机砖", "砖", "陶瓷", "塑料", "包装", "纺织", "印刷", "彩印",
        "皮革", "家具", "木材", "木业", "食品", "副食品", "糕点", "饮料", "养殖", "种植", "农业", "农机", "化肥", "氮肥", "磷肥", "沥青",
        "屠宰", "医药", "制药", "药业", "贸易", "商贸", "销售", "批发", "零售", "百货", "连锁", "餐饮", "旅游", "旅行", "传媒", "广告",
        "电影", "教育", "培训", "保安", "家政", "保洁", "绿化", "园林", "路桥", "工程", "项目", "安装", "设备", "机械", "五金", "电梯",
        "矿业", "煤业", "煤矿", "洗煤", "选矿", "洗矿", "炼油", "电信", "移动", "联通", "邮政", "保险", "人力资源", "实业", "发展", "控股",
        "企业", "集团", "水果", "蔬菜", "农贸", "便利", "超市", "药店", "药房", "驾校", "驾驶", "网吧", "停车", "棚改", "城投", "轨道交通",
        "烧烤", "餐馆", "饭馆", "小吃", "奶茶", "早餐", "夜宵", "宵夜", "理发", "美发", "美容", "洗车", "足浴", "按摩", "酒吧", "茶楼", "棋牌",
        // legal forms and branches
        "有限责任", "股份", "有限", "责任", "分", "总",
        // kinds of school and hospital
        "实验", "附属", "中心", "职业", "技术", "技工", "技师", "卫生", "中等", "师范", "理工", "工业", "商业", "财经", "艺术", "外国语",
        "幼儿", "儿童", "中医", "妇幼", "保健", "专科", "肿瘤", "精神病", "康复", "口腔", "眼科", "骨伤科", "职工", "乡村", "基层",
        "二级", "上级", "指定", "民办", "公办", "私立", "公立", "国有", "集体", "个体", "私营", "民营", "黑", "工", "大型", "小型",
    ];

    private static readonly Dictionary<char, string[]> WordsByFirst = Words.Where(w => w.Length >= 2).Concat(Parts).Concat(EntityExtractor.Lead).Distinct().GroupBy(w => w[0]).ToDictionary(g => g.Key, g => g.ToArray());

    private static readonly Dictionary<char, string[]> TradeWordsByFirst = TradeWords.Concat(Words.Where(w => w.Length >= 2)).Concat(Parts).Concat(EntityExtractor.Lead).Distinct()
        .GroupBy(w => w[0])
        .ToDictionary(g => g.Key, g => g.ToArray());

    private const string Numerals = "一二三四五六七八九十百零两几多0123456789";

    /// <summary>Counters after a number: "三家", "一所", "二期", "一项".</summary>
    private const string Counters = "家所个座条项期号位批";

    /// <summary>
    /// A stem of fewer than two characters or one of the <see cref="Words"/>; or one cut wholly into words of no name,
    /// ordinals and quantities ("第一", "三家", "二期") and — except for roads and compounds — trade words.
    /// </summary>
    public static bool IsGenericStem(string stem, EntityKind kind) => IsNoName(stem) || IsCutIntoGenericWords(stem, kind);

    /// <summary>The first version's test, kept for evaluations that qualify generic names themselves: fewer than two characters or one of the <see cref="Words"/>.</summary>
    public static bool IsNoName(string stem) => stem.Length < 2 || Words.Contains(stem);

    private static bool IsCutIntoGenericWords(string stem, EntityKind kind)
    {
        var words = kind is EntityKind.Road or EntityKind.Compound ? WordsByFirst : TradeWordsByFirst;

        // reachable[k]: the first k characters are cut into such words.
        Span<bool> reachable = stackalloc bool[stem.Length + 1];
        reachable[0] = true;
        for (var k = 0; k < stem.Length; k++)
        {
            if (!reachable[k])
            {
                continue;
            }

            foreach (var word in words.GetValueOrDefault(stem[k]) ?? [])
            {
                if (k + word.Length <= stem.Length && string.CompareOrdinal(stem, k, word, 0, word.Length) == 0)
                {
                    reachable[k + word.Length] = true;
                }
            }

            // An ordinal or a quantity: "第一", "十二", "三家", "二期" — for roads and compounds only with 第 or a counter, and a
            // bare number of at most two characters ("五一路", "三一大道", "三三一医院" are names).
            var ordinal = stem[k] == '第';
            var end = ordinal ? k + 1 : k;
            while (end < stem.Length && Numerals.Contains(stem[end], StringComparison.Ordinal))
            {
                end++;
                if (ordinal || (end - k <= 2 && kind is not (EntityKind.Road or EntityKind.Compound)))
                {
                    reachable[end] = true;
                }
            }

            if (end > (ordinal ? k + 1 : k) && end < stem.Length && Counters.Contains(stem[end], StringComparison.Ordinal))
            {
                reachable[end + 1] = true;
            }
        }

        return reachable[stem.Length];
    }
}
