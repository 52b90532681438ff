using System.Text.RegularExpressions;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Citizens;

/// <summary>
/// Removes personal data from a text that will be published (a mayor's mailbox letter and its reply, issue 18): ID
/// numbers, phone numbers and e-mail addresses become stars; house numbers of an address (栋, 单元, 室, 号 …) become
/// stars, the community or road stays; the names the letter is known to carry (the citizen's), and names introduced as
/// "我叫…" or "本人…", keep only the surname. The publisher still reads and edits the result before publishing.
/// </summary>
public static partial class PersonalData
{
    public static string Remove(string? text, IEnumerable<string?>? knownNames = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var result = IdNumber().Replace(text, m => new string('*', m.Length));
        result = Email().Replace(result, "***@***");
        result = Mobile().Replace(result, m => m.Value[..3] + new string('*', m.Length - 3));
        result = Landline().Replace(result, m => new string('*', m.Length));
        result = HouseNumber().Replace(result, m => "*" + m.Groups["unit"].Value);
        result = Introduced().Replace(result, m => m.Groups["lead"].Value + Masking.Name(m.Groups["name"].Value));
        foreach (var name in (knownNames ?? []).Where(n => n is { Length: >= 2 }).Distinct())
        {
            result = result.Replace(name!, Masking.Name(name), StringComparison.Ordinal);
        }

        return result;
    }

    /// <summary>Mainland resident ID numbers: 18 characters (the last may be X) or the old 15 digits.</summary>
    [GeneratedRegex(@"(?<![0-9])([0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9Xx])")]
    private static partial Regex IdNumber();

    [GeneratedRegex(@"(?<![0-9])(\+?86[- ]?)?1[3-9][0-9]([- ]?[0-9]){8}(?![0-9])")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"(?<![0-9])0[0-9]{2,3}-?[0-9]{7,8}(?![0-9])")]
    private static partial Regex Landline();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    /// <summary>A number before a house-level unit: 3栋, 2单元, 501室, 12号, 5号楼, 7层, 三栋.</summary>
    [GeneratedRegex(@"([0-9]+|[一二三四五六七八九十百]+)(?<unit>号楼|栋|幢|单元|室|号|楼|层)")]
    private static partial Regex HouseNumber();

    /// <summary>A name the writer gives: "我叫张三", "本人李四", "我是王五".</summary>
    [GeneratedRegex(@"(?<lead>我叫|本人|我是|姓名[:：]?)(?<name>[\p{IsCJKUnifiedIdeographs}]{2,3})(?=[，,。；;、\s]|$)")]
    private static partial Regex Introduced();
}
