namespace Hotline.Text.Entities;

/// <summary>How far back a name reaches from its kind word.</summary>
public sealed partial class EntityExtractor
{
    /// <summary>
    /// Where a name ending at <paramref name="end"/> starts: back over name characters and <see cref="NameWords"/>, at most
    /// <paramref name="max"/>. 来 ends the framing before a name ("以来", "后来", "用来") except in 未来 and 自来(水).
    /// </summary>
    private static int ReachBack(string text, int end, int max)
    {
        var start = end;
        while (start > 0 && end - start < max
            && (IsNameChar(text[start - 1]) ? !(text[start - 1] == '来' && (start < 2 || text[start - 2] is not ('未' or '自'))) : BeginsNameWord(text, start - 1, end)))
        {
            start--;
        }

        return start;
    }

    /// <summary>
    /// Words that begin with a character that otherwise ends the framing before a name (和, 太, 向, 如, 将, 无, 能, 再) and
    /// are common in the names of places and firms: "和平小学", "太阳广场", "向阳小区", "无锡路", "宏发能源公司". Without
    /// them the name was cut after that character ("平新村" of 和平新村) or lost. Words that are as often framing are not
    /// here: "为民办学校" is 为 + 民办学校, "和美丽乡村" 和 + 美丽乡村.
    /// </summary>
    private static readonly string[] NameWords = ["和平", "和谐", "和顺", "太平", "太阳", "太原", "太湖", "太和", "向阳", "如意", "如家", "将军", "无锡", "能源", "再生"];

    /// <summary>Whether a <see cref="NameWords"/> word begins at <paramref name="at"/> and ends before <paramref name="end"/>.</summary>
    private static bool BeginsNameWord(string text, int at, int end)
    {
        foreach (var word in NameWords)
        {
            if (at + word.Length <= end && string.CompareOrdinal(text, at, word, 0, word.Length) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
