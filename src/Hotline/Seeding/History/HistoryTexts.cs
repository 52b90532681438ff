namespace Hotline.Seeding.History;

/// <summary>
/// The generator's own Chinese wording: per category group a few subjects, facts and demands, combined with a place,
/// a duration and a detail so that the texts vary. Written for the generator (no rows of any data set are copied).
/// </summary>
public static class HistoryTexts
{
    private sealed record Group(string[] Subjects, string[] Facts, string[] Demands);

    private static readonly Group Generic = new(
        ["反映问题长期未解决", "希望有关部门核实处理", "咨询相关政策规定"],
        ["该问题已经持续一段时间，影响周边居民正常生活", "多次向相关单位反映，至今没有明确答复", "希望尽快了解办理流程和所需材料"],
        ["请相关部门核实处理。", "请尽快给予答复。", "请告知具体政策依据。"]);

    private static readonly Dictionary<string, Group> Groups = new(StringComparer.Ordinal)
    {
        ["0101"] = new(["物业不作为", "物业收费不合理", "小区公共设施损坏无人修", "业委会选举有异议"], ["物业公司对业主反映的问题一拖再拖", "小区门禁和监控已经坏了很久", "物业擅自提高停车费且未公示", "楼道堆放杂物存在消防隐患，物业不清理"], ["请督促物业公司履行职责。", "请核查收费是否合规。", "请尽快组织维修。"]),
        ["0102"] = new(["房屋漏水", "租房押金不退", "不动产证办理缓慢"], ["顶楼房屋雨天漏水严重，墙皮大面积脱落", "租期已满房东以各种理由拒绝退还押金", "购房多年仍未办下不动产权证"], ["请协调尽快维修。", "请帮助追回押金。", "请说明办证进度。"]),
        ["0103"] = new(["道路坑洼不平", "路灯不亮", "井盖破损", "雨后积水严重"], ["路面出现多处坑洞，夜间骑车容易摔倒", "整条路的路灯晚上都不亮，行人出行不安全", "人行道井盖松动，踩上去会翻转", "每逢下雨路口积水没过脚踝，车辆无法通行"], ["请尽快修复路面。", "请安排维修路灯。", "请尽快更换井盖。", "请疏通排水设施。"]),
        ["0104"] = new(["征收补偿款未到位", "安置房迟迟不交付"], ["房屋已签约腾退，补偿款至今未全部发放", "安置房约定交付日期已过一年仍未交房"], ["请督促落实补偿。", "请公布交房时间。"]),
        ["0105"] = new(["工地夜间施工扰民", "工地扬尘大", "新房质量问题"], ["工地每晚施工到深夜，噪音很大无法入睡", "工地土方车未覆盖，道路尘土飞扬", "刚交付的新房墙体开裂"], ["请查处违规夜间施工。", "请督促落实防尘措施。", "请督促开发商维修。"]),
        ["0201"] = new(["广场舞噪音扰民", "商铺高音喇叭扰民", "工厂噪音大"], ["每天晚上广场舞音响声音很大，持续到十点以后", "临街商铺整天用喇叭循环播放促销广告", "附近工厂机器昼夜运转噪声很大"], ["请协调降低音量。", "请依法处理噪音扰民。"]),
        ["0202"] = new(["餐馆油烟扰民", "露天焚烧垃圾", "异味刺鼻"], ["楼下餐馆油烟直排，家里无法开窗", "有人在空地露天焚烧垃圾，烟雾很大", "附近厂区经常散发刺鼻异味"], ["请督促安装油烟净化设备。", "请查处露天焚烧行为。", "请监测并处理废气排放。"]),
        ["0203"] = new(["河道发黑发臭", "污水直排"], ["小区旁边河道水体发黑，夏天臭味明显", "有商户将污水直接排入雨水管网"], ["请治理河道污染。", "请查处违法排污。"]),
        ["0301"] = new(["公交车间隔太长", "公交司机服务态度差", "建议增开公交线路"], ["早高峰等车超过半小时，车上非常拥挤", "司机未等乘客站稳就起步，态度恶劣", "新建小区周边没有公交线路，出行不便"], ["请加密发车班次。", "请加强司机管理。", "建议增设线路或站点。"]),
        ["0302"] = new(["出租车拒载", "网约车乱收费"], ["晚上在火车站打车被多名司机拒载", "网约车实际收费明显高于预估价格"], ["请查处拒载行为。", "请核查并退还多收费用。"]),
        ["0303"] = new(["红绿灯时间不合理", "乱停车堵塞通道"], ["路口绿灯时间太短，行人来不及通过", "车辆长期占用消防通道停放"], ["请调整信号灯配时。", "请清理违规停车。"]),
        ["0401"] = new(["咨询入学政策", "幼儿园学位紧张"], ["孩子今年适龄入学，想了解学区划分和报名时间", "附近公办幼儿园学位不足，报名很难"], ["请告知入学政策。", "请增加学位供给。"]),
        ["0402"] = new(["校外培训机构退费难"], ["培训机构停课后拒绝退还剩余课时费"], ["请协助退费。"]),
        ["0403"] = new(["学校违规收费"], ["学校以资料费名义收取额外费用"], ["请核查收费是否合规。"]),
        ["0501"] = new(["拖欠工资", "农民工工资被拖欠"], ["公司已经连续两个月没有发工资", "工程完工后包工头拖欠工人工资不付"], ["请督促支付工资。", "请帮助追讨欠薪。"]),
        ["0502"] = new(["咨询养老保险", "医保报销问题", "失业金申领"], ["想了解灵活就业人员养老保险缴费标准", "异地就医后报销手续不清楚", "离职后申领失业金不知道需要哪些材料"], ["请告知办理流程。", "请解释报销政策。"]),
        ["0503"] = new(["咨询创业补贴"], ["准备自主创业，想了解创业补贴申请条件"], ["请告知申请条件和流程。"]),
        ["0601"] = new(["商品质量问题", "预付卡商家跑路", "网购退货难"], ["购买的家电使用不到一个月就出现故障，商家拒绝维修", "健身房突然关门，会员卡余额无法退还", "网购商品与描述不符，商家拒绝退货"], ["请维护消费者权益。", "请协助追回预付款。"]),
        ["0602"] = new(["餐馆卫生差", "超市销售过期食品"], ["在餐馆就餐时发现饭菜里有异物", "超市货架上有已过保质期的食品在售"], ["请检查餐馆卫生。", "请查处销售过期食品。"]),
        ["0603"] = new(["商品价格不明码标价"], ["商店商品没有标价，结账时随意收费"], ["请查处价格违法行为。"]),
        ["0701"] = new(["医院服务态度差", "看病排队时间长"], ["就诊时医生态度冷漠，不耐心解释病情", "挂号排队超过两个小时"], ["请改进服务。", "请优化就诊流程。"]),
        ["0702"] = new(["咨询疫苗接种"], ["想了解孩子的疫苗接种时间和地点"], ["请告知接种安排。"]),
        ["0801"] = new(["停水未通知", "自来水浑浊", "水费异常"], ["小区突然停水，没有提前发布任何通知", "家里自来水发黄浑浊，有明显异味", "本月水费比平时高出好几倍"], ["请尽快恢复供水。", "请检测水质。", "请核查水表读数。"]),
        ["0802"] = new(["频繁停电", "电费异常"], ["最近一周小区已经停电三次", "电费突然翻倍，怀疑电表有问题"], ["请排查线路故障。", "请核查电费。"]),
        ["0803"] = new(["燃气异味", "燃气开户难"], ["楼道里闻到明显燃气味", "新房申请燃气开户一个月还没有安装"], ["请立即上门检查。", "请尽快安排开户。"]),
        ["0804"] = new(["暖气不热", "供暖费收取有争议"], ["家里暖气片温度很低，室温只有十几度", "未通暖却被要求全额缴纳供暖费"], ["请排查供暖问题，提高室温。", "请核查供暖费收取标准。"]),
        ["0901"] = new(["违章搭建"], ["邻居在楼顶私自搭建彩钢房"], ["请依法拆除违建。"]),
        ["0902"] = new(["占道经营"], ["早市摊贩占用人行道经营，行人只能走机动车道"], ["请规范占道经营。"]),
        ["0903"] = new(["垃圾清运不及时", "公厕卫生差"], ["小区垃圾桶已经满溢好几天没人清运", "公园公厕长期无人打扫"], ["请及时清运垃圾。", "请加强公厕保洁。"]),
        ["0904"] = new(["树木遮挡影响采光"], ["楼前树木过高遮挡低层住户采光"], ["请修剪树木。"]),
        ["1001"] = new(["咨询个税汇算"], ["想了解个人所得税年度汇算的办理方式"], ["请告知办理方法。"]),
        ["1002"] = new(["商家不开发票"], ["在商店消费后要求开发票被拒绝"], ["请督促商家开具发票。"]),
        ["1101"] = new(["土地承包纠纷"], ["村里重新分地后承包地面积减少"], ["请核实土地承包情况。"]),
        ["1102"] = new(["惠农补贴未发放"], ["今年的耕地地力保护补贴还没有收到"], ["请核查补贴发放情况。"]),
        ["1201"] = new(["咨询办事流程", "咨询证件办理"], ["想了解办理居住证需要准备哪些材料", "网上预约办事一直提示系统繁忙"], ["请告知办理流程。", "请尽快修复预约系统。"]),
        ["1202"] = new(["窗口工作人员态度差"], ["办事窗口工作人员推诿，让群众来回跑"], ["请加强作风建设。"]),
        ["13"] = new(["突发停水停电", "道路塌陷", "暴雨积水围困车辆", "燃气泄漏"], ["大面积区域突然停水停电，居民生活受到影响", "路面突然塌陷出现大坑，存在严重安全隐患", "暴雨导致地下通道积水，有车辆被困", "居民楼内燃气泄漏，气味浓烈"], ["请立即派人处置。", "请马上设置警示并抢修。"]),
    };

    private static readonly string[] Places =
        ["小区", "花园", "家园", "新村", "公寓", "苑", "路口", "大道", "广场", "商业街"];

    private static readonly string[] PlaceNames =
        ["明珠", "东华", "新桥", "西湖", "江南", "青山", "白水", "锦绣", "阳光", "和平", "幸福", "翠园", "滨江", "学府", "金桂", "长安"];

    private static readonly string[] Durations = ["三天", "一周", "半个月", "一个多月", "两个月", "半年多"];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗"];

    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建华", "晓燕", "志强", "海燕"];

    private static readonly string[] PhonePrefixes = ["138", "139", "137", "136", "135", "150", "151", "152", "158", "159", "186", "187", "188", "189", "133", "153", "177", "180", "181", "199"];

    public static readonly string[] Answers =
        ["已根据知识库内容向市民解释相关政策，市民表示清楚。", "已告知市民办理地点、所需材料和办理时间。", "已向市民说明有关规定，并告知后续咨询渠道。"];

    public static readonly string[] ReplyTexts =
        ["经现场核实，问题属实，已督促责任方整改完毕，并电话告知市民处理结果。", "已安排工作人员上门处理，问题已解决，市民认可。", "经调查核实，已按政策规定向市民作出解释说明。", "已协调相关单位联合处置，问题基本解决，后续将持续跟踪。"];

    public static readonly string[] ReturnReasons =
        ["该事项不属于本单位职责范围", "事发地点不在本辖区", "该事项由专营单位负责处理"];

    public static readonly string[] ExtensionReasons = ["需要协调多个部门共同处理", "维修需要采购材料，工期较长", "涉及历史遗留问题，需要进一步调查"];

    public static readonly string[] CallbackComments = ["市民表示满意", "市民认可处理结果", "市民认为问题没有实际解决", "市民对处理速度不满意"];

    /// <summary>A subject, the events (事件经过) and the demand for a leaf category, with a place.</summary>
    public static (string Subject, string Events, string Demand, string Address) Compose(Random random, string category)
    {
        var group = GroupOf(category);
        var place = PlaceNames[random.Next(PlaceNames.Length)] + Places[random.Next(Places.Length)];
        return Compose(random, group, place, random.Next(group.Facts.Length));
    }

    /// <summary>
    /// One report of an incident: the same place and the same fact (one of the category's, <paramref name="fact"/> taken
    /// modulo their number) as the incident's other reports, in a frame, a subject and a demand of its own.
    /// </summary>
    public static (string Subject, string Events, string Demand, string Address) Compose(Random random, string category, string place, int fact) =>
        Compose(random, GroupOf(category), place, fact);

    /// <summary>A residential compound's name, for an incident (a compound, not a junction or a street).</summary>
    public static string Compound(Random random) => PlaceNames[random.Next(PlaceNames.Length)] + Places[random.Next(CompoundKinds)];

    /// <summary>The first entries of <see cref="Places"/> are compounds.</summary>
    private const int CompoundKinds = 6;

    private static Group GroupOf(string category) =>
        Groups.GetValueOrDefault(category.Length >= 4 ? category[..4] : category) ?? Groups.GetValueOrDefault(category[..2]) ?? Generic;

    private static (string Subject, string Events, string Demand, string Address) Compose(Random random, Group group, string place, int factIndex)
    {
        var address = $"{place}{random.Next(1, 30)}号";
        var subject = group.Subjects[random.Next(group.Subjects.Length)];
        var fact = group.Facts[factIndex % group.Facts.Length];
        var events = random.Next(3) switch
        {
            0 => $"市民来电反映：{place}{fact}，已持续{Durations[random.Next(Durations.Length)]}。",
            1 => $"{place}附近{fact}。市民称此前已向社区反映过，问题仍未解决。",
            _ => $"市民反映，{fact}，地点在{address}，影响较大。",
        };
        return (subject, events, group.Demands[random.Next(group.Demands.Length)], address);
    }

    public static string Name(Random random) => Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)];

    /// <summary>A well-formed mobile number (11 digits, a real prefix), fake.</summary>
    public static string Phone(Random random) => PhonePrefixes[random.Next(PhonePrefixes.Length)] + random.Next(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
}
