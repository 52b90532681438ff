namespace Hotline.Text;

/// <summary>Finds a phone number in free text as people type it (digits, with a space or hyphen here and there).</summary>
public static class PhoneNumbers
{
    /// <summary>
    /// Replaces <paramref name="digits"/> as typed in the text: with or without one space or hyphen between its digits,
    /// and not inside a longer run of digits. (A scan, not a regular expression built per order: this runs for every
    /// registration.)
    /// </summary>
    public static string Replace(string text, string digits, string replacement)
    {
        System.Text.StringBuilder? result = null;
        var copied = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == digits[0] && (i == 0 || !char.IsAsciiDigit(text[i - 1])) && MatchNumber(text, i, digits) is var end and > 0
                && (end == text.Length || !char.IsAsciiDigit(text[end])))
            {
                result ??= new System.Text.StringBuilder(text.Length);
                result.Append(text, copied, i - copied).Append(replacement);
                copied = i = end;
                continue;
            }

            i++;
        }

        return result is null ? text : result.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>The end of <paramref name="digits"/> typed from <paramref name="start"/>, or 0 when it is not there.</summary>
    private static int MatchNumber(string text, int start, string digits)
    {
        var p = start;
        for (var k = 0; k < digits.Length; k++)
        {
            if (k > 0 && p + 1 < text.Length && (char.IsWhiteSpace(text[p]) || text[p] == '-') && text[p + 1] == digits[k])
            {
                p++;
            }

            if (p >= text.Length || text[p] != digits[k])
            {
                return 0;
            }

            p++;
        }

        return p;
    }
}
