using System.Text;

namespace Hotline.Text;

/// <summary>
/// Courtesy and framing phrases that citizens' messages share whatever their subject ("尊敬的领导您好", "恳请相关部门
/// 尽快处理", "谢谢"). They say nothing about the department or the event, so routing features and repeat fingerprints
/// are taken from the text without them: two unrelated messages that both open with the same greeting are not
/// near-duplicates. The same holds for the hotline's own framing of a call as agents write it ("来电人反映", "市民咨询",
/// "要求相关部门处理", <see cref="HotlineWords"/>): every order has it, so knowledge suggestions, routing features, repeat
/// fingerprints and hot spots all rank by the words that remain. This class is the one list of such words.
/// Works on normalised text (<see cref="TextNormalizer.Normalize"/>).
/// </summary>
public static class Boilerplate
{
    /// <summary>
    /// How agents and the hotline frame any call (issue 14): who called, that they reported, asked or complained, and that
    /// they want it handled. Words that name the matter itself (噪声, 施工, 停水 …) are never here.
    /// </summary>
    public static IReadOnlyList<string> HotlineWords { get; } =
    [
        "来电人", "来电者", "来电市民", "来电群众", "来电反映", "来电咨询", "来电投诉", "来电举报", "来电求助", "来电表示", "来电称", "来电说",
        "该市民", "市民", "群众", "诉求人", "反映人", "投诉人", "举报人", "本人",
        "反映", "咨询", "投诉", "举报", "求助", "建议", "表示",
        "希望", "请求", "要求", "诉求", "恳请", "请尽快", "尽快",
        "相关部门", "有关部门", "相关单位", "有关单位", "职能部门", "处理", "解决", "核实", "协调", "答复", "回复",
    ];

    /// <summary>The phrases removed, longest first so that a long phrase wins over a phrase inside it.</summary>
    public static IReadOnlyList<string> Phrases { get; } = new[]
    {
        "尊敬的各位领导", "尊敬的市长", "尊敬的书记", "尊敬的局长", "尊敬的领导", "尊敬的", "领导同志", "各位领导", "市长您好",
        "书记您好", "局长您好", "领导您好", "领导你好", "领导们好", "您好", "你好", "大家好",
        "非常感谢", "万分感谢", "感谢您", "谢谢您", "谢谢领导", "谢谢", "感谢", "此致敬礼", "此致", "敬礼",
        "希望有关部门", "希望相关部门", "请有关部门", "请相关部门", "恳请有关部门", "恳请相关部门", "恳请领导", "恳请",
        "希望领导", "请领导", "麻烦领导", "望领导", "望相关部门", "望有关部门",
        "尽快处理", "尽快解决", "予以解决", "给予解决", "帮忙解决", "帮助解决", "给予答复", "予以答复", "给个答复",
        "尽快答复", "尽快回复", "盼复", "望回复", "请回复", "急急急", "在线等",
        "我想咨询一下", "我想咨询", "想咨询一下", "想咨询", "咨询一下", "我想问一下", "想问一下", "请问一下", "请问",
        "我要反映", "我想反映", "现反映", "特此反映", "反映一下", "特此",
    }.Concat(HotlineWords).Distinct(StringComparer.Ordinal).OrderByDescending(p => p.Length).ThenBy(p => p, StringComparer.Ordinal).ToArray();

    private static readonly Dictionary<char, string[]> ByFirstChar = Phrases
        .GroupBy(p => p[0])
        .ToDictionary(g => g.Key, g => g.ToArray());

    // Jumping to the next character that can start a phrase is vectorised; most characters start none.
    private static readonly System.Buffers.SearchValues<char> FirstChars = System.Buffers.SearchValues.Create([.. ByFirstChar.Keys]);

    /// <summary>Removes every boilerplate phrase from normalised text; each removal leaves a space so no new bigram spans it.</summary>
    public static string Strip(string normalized)
    {
        if (string.IsNullOrEmpty(normalized))
        {
            return string.Empty;
        }

        StringBuilder? builder = null;
        var copiedUpTo = 0;
        var i = 0;
        while (i < normalized.Length)
        {
            var next = normalized.AsSpan(i).IndexOfAny(FirstChars);
            if (next < 0)
            {
                break;
            }

            i += next;
            var length = MatchAt(normalized, i);
            if (length == 0)
            {
                i++;
                continue;
            }

            builder ??= new StringBuilder(normalized.Length);
            builder.Append(normalized, copiedUpTo, i - copiedUpTo).Append(' ');
            i += length;
            copiedUpTo = i;
        }

        return builder is null ? normalized : builder.Append(normalized, copiedUpTo, normalized.Length - copiedUpTo).ToString();
    }

    private static int MatchAt(string text, int index)
    {
        if (!ByFirstChar.TryGetValue(text[index], out var candidates))
        {
            return 0;
        }

        foreach (var phrase in candidates)
        {
            if (string.CompareOrdinal(text, index, phrase, 0, phrase.Length) == 0 && index + phrase.Length <= text.Length)
            {
                return phrase.Length;
            }
        }

        return 0;
    }
}
