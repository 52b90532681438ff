using System.Buffers;

namespace Hotline.Text;

/// <summary>
/// Canonical form of Chinese (and mixed) text for matching: full-width ASCII to half-width, the ideographic space and
/// Chinese punctuation to ASCII equivalents, ASCII lower case, common traditional characters to simplified, and runs of
/// white space collapsed. Indexing, search, routing and repeat detection all read text through this one door.
/// </summary>
public static class TextNormalizer
{
    // Common traditional characters and their simplified forms (one-to-one pairs only; ambiguous ones are left alone).
    private const string Traditional = "來個們這時會說國學對發經問無點開關車電話長門還進過動麼現種實當頭樣從見應與體將號區縣鎮處辦務機構單業費聯繫線熱級題訴報舉議設層鄉鄰員貨買賣價錢銀醫療險補貼資產權護環汙聲氣燈橋鐵駕駛碼網絡認證書記錄審請複覆歸檔結續態滿質檢測驗視聽讀寫紙張條東衛計劃藥師傳統歷親愛鳥魚馬風雲雙兒嗎誰為幾萬億兩隻邊裡後麵髮準備響樓牆廳廣場園圖館廠礦運輸貿禮節慶歲齡婦嬰軍隊戰爭勞農糧畝漁燒煙壓傷災難飛鬥雜亂錯誤違規罰稅徵帳賬貸擔償債虧損壞濟調換轉離遠團夥夠觀課試練習術藝樂遊戲劇頻聞誌標輛鐘錶間際陽陰隨陸灣島嶺嶼濱淺湧溝漲潔澤灑燦爐爛牽獎瑪畫異盤眾睜礎碩禍穩窮競筆築簡簽糾紀約紅純納紛組細終絕給綠維綜緊編緣縮總績織職肅脈腦臨興舊艦莊華葉著蓋蔣蘇蘭虛蝦蠶衝裝製襲覺觸訂討訓託訪許診詞詩詳誇該誘語誠誼談諸謀謝講謹識譯讓豐貝負財貢貧貫責貴賀賓賞賠賢賦購贊贈趕趙躍軌軟較載輔輕輪輯辭達遷選遺鄭醬釋針鈔鋼錦鍋鍵鎖鏡閉閃閱闊階隱雞靈韓頁項順須預領顆額顏願類顧顯飯飲飽養驅骯鬆魯鮮鳳鴨鹽麥黃齊齒龍龜擾擁擠擴攤據擇撥搶掃揚壩壇墳塵塊堅執壽夢奪奮寧寬寶屬峽崗幣幫廢廟強彈彎徑徹戀恥惡惱慣憤懷懸擬攔敗敵數斷暫曆曉棄棟歡毀決況沒溫滅滾漢潛濕烏煩營爺獨獲獻瑣畢癢盜盡監矯確稱穀窩竊範糞緩罷羅聖聳膚臟艙藍蘋蟲衆襪覽訊詐謊豎豬貓賊贓趨跡踐蹤軋轄迴週遞遲郵醜釀鉤鋪鍛鑰閘闖陣陳隸雖霧靜韋頂頓頗餘騙驚髒鬧鳴麗黨攜廁廚採擺灘佔噸儲儀傭僅優劑勁勝勢勸匯卻厲參叢嚇嚴囂圍";
    private const string Simplified = "来个们这时会说国学对发经问无点开关车电话长门还进过动么现种实当头样从见应与体将号区县镇处办务机构单业费联系线热级题诉报举议设层乡邻员货买卖价钱银医疗险补贴资产权护环污声气灯桥铁驾驶码网络认证书记录审请复复归档结续态满质检测验视听读写纸张条东卫计划药师传统历亲爱鸟鱼马风云双儿吗谁为几万亿两只边里后面发准备响楼墙厅广场园图馆厂矿运输贸礼节庆岁龄妇婴军队战争劳农粮亩渔烧烟压伤灾难飞斗杂乱错误违规罚税征账账贷担偿债亏损坏济调换转离远团伙够观课试练习术艺乐游戏剧频闻志标辆钟表间际阳阴随陆湾岛岭屿滨浅涌沟涨洁泽洒灿炉烂牵奖玛画异盘众睁础硕祸稳穷竞笔筑简签纠纪约红纯纳纷组细终绝给绿维综紧编缘缩总绩织职肃脉脑临兴旧舰庄华叶着盖蒋苏兰虚虾蚕冲装制袭觉触订讨训托访许诊词诗详夸该诱语诚谊谈诸谋谢讲谨识译让丰贝负财贡贫贯责贵贺宾赏赔贤赋购赞赠赶赵跃轨软较载辅轻轮辑辞达迁选遗郑酱释针钞钢锦锅键锁镜闭闪阅阔阶隐鸡灵韩页项顺须预领颗额颜愿类顾显饭饮饱养驱肮松鲁鲜凤鸭盐麦黄齐齿龙龟扰拥挤扩摊据择拨抢扫扬坝坛坟尘块坚执寿梦夺奋宁宽宝属峡岗币帮废庙强弹弯径彻恋耻恶恼惯愤怀悬拟拦败敌数断暂历晓弃栋欢毁决况没温灭滚汉潜湿乌烦营爷独获献琐毕痒盗尽监矫确称谷窝窃范粪缓罢罗圣耸肤脏舱蓝苹虫众袜览讯诈谎竖猪猫贼赃趋迹践踪轧辖回周递迟邮丑酿钩铺锻钥闸闯阵陈隶虽雾静韦顶顿颇余骗惊脏闹鸣丽党携厕厨采摆滩占吨储仪佣仅优剂劲胜势劝汇却厉参丛吓严嚣围";

    private static readonly Dictionary<char, char> TraditionalToSimplified = BuildTable();

    private static readonly SearchValues<char> Punctuation = SearchValues.Create("，。、；：？！“”‘’（）【】《》〈〉「」『』…—～·");

    /// <summary>Every UTF-16 unit's <see cref="Fold"/>, computed once (128 KiB): a lookup instead of a search per character.</summary>
    private static readonly char[] Folded = BuildFolded(separator: null);

    /// <summary>The same, with white space and control characters (what <see cref="Normalize"/> collapses) as NUL.</summary>
    private static readonly char[] Canonical = BuildFolded(separator: '\0');

    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // The result is never longer than the text; a text already in canonical form is returned as it is.
        var rented = text.Length > 512 ? ArrayPool<char>.Shared.Rent(text.Length) : null;
        var buffer = rented is null ? stackalloc char[text.Length] : rented.AsSpan(0, text.Length);
        var length = 0;
        var pendingSpace = false;
        foreach (var raw in text)
        {
            var c = Canonical[raw];
            if (c == '\0')
            {
                pendingSpace = length > 0;
                continue;
            }

            if (pendingSpace)
            {
                buffer[length++] = ' ';
                pendingSpace = false;
            }

            buffer[length++] = c;
        }

        var result = length == text.Length && buffer.SequenceEqual(text) ? text : new string(buffer[..length]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return result;
    }

    /// <summary>Folds one character to its canonical form (see the type's summary).</summary>
    public static char Fold(char c) => Folded[c];

    private static char FoldOnce(char c)
    {
        if (c == '\u3000')
        {
            return ' ';
        }

        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            c = (char)(c - 0xFEE0);
        }

        if (c is >= 'A' and <= 'Z')
        {
            return (char)(c + 32);
        }

        if (c < 128)
        {
            return c;
        }

        if (Punctuation.Contains(c))
        {
            return c switch
            {
                '，' or '、' => ',',
                '。' => '.',
                '；' => ';',
                '：' => ':',
                '？' => '?',
                '！' => '!',
                '（' or '【' or '《' or '〈' or '「' or '『' => '(',
                '）' or '】' or '》' or '〉' or '」' or '』' => ')',
                '“' or '”' => '"',
                '‘' or '’' => '\'',
                '…' => '.',
                '—' or '～' => '-',
                '·' => '.',
                _ => c,
            };
        }

        return TraditionalToSimplified.TryGetValue(c, out var simplified) ? simplified : c;
    }

    /// <summary>CJK unified ideographs (basic block and extension A), the characters bigrams are made of.</summary>
    public static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    private static char[] BuildFolded(char? separator)
    {
        var table = new char[char.MaxValue + 1];
        for (var i = 0; i < table.Length; i++)
        {
            var c = FoldOnce((char)i);
            table[i] = separator is { } s && (char.IsWhiteSpace(c) || char.IsControl(c)) ? s : c;
        }

        return table;
    }

    private static Dictionary<char, char> BuildTable()
    {
        var table = new Dictionary<char, char>(Traditional.Length);
        for (var i = 0; i < Traditional.Length; i++)
        {
            table[Traditional[i]] = Simplified[i];
        }

        return table;
    }
}
