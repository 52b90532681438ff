using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Hotline.Text;

namespace Hotline.Text;

/// <summary>
/// Highlighted titles and snippets, cut from the stored text of a document (never from anything else) and HTML-encoded,
/// with matches wrapped in <c>&lt;mark&gt;</c>. Personal numbers (mobile phones, identity cards) are masked first for
/// callers who may not see them. Matching runs on <see cref="TextNormalizer.Fold"/>ed characters, which map one to one
/// onto the stored text, so a match found in normalised form marks exactly the characters the reader sees.
/// </summary>
public static partial class Snippets
{
    public const int DefaultLength = 120;
    private const int LeadIn = 16;

    public static string Highlight(string text, IReadOnlyList<string> terms, bool mask) =>
        Render(Prepare(text, mask), Marks(Prepare(text, mask), terms), 0, text.Length);

    public static string Snippet(string text, IReadOnlyList<string> terms, bool mask, int length = DefaultLength)
    {
        var shown = Prepare(text, mask);
        var marks = Marks(shown, terms);
        if (shown.Length <= length)
        {
            return Render(shown, marks, 0, shown.Length);
        }

        // The window that shows the most marked characters, starting a little before a match.
        var best = 0;
        var bestScore = -1;
        for (var i = 0; i < shown.Length; i++)
        {
            if (!marks[i] || (i > 0 && marks[i - 1]))
            {
                continue;
            }

            var start = Math.Clamp(i - LeadIn, 0, shown.Length - length);
            var score = 0;
            for (var k = start; k < start + length; k++)
            {
                score += marks[k] ? 1 : 0;
            }

            if (score > bestScore)
            {
                (best, bestScore) = (start, score);
            }
        }

        return Render(shown, marks, best, best + length);
    }

    /// <summary>Mobile numbers keep their first three and last four digits, identity numbers their first six and last four.</summary>
    public static string MaskPersonalData(string text)
    {
        var masked = MobilePattern().Replace(text, m => Domain.WorkOrders.Masking.Phone(m.Value)!);
        return IdentityPattern().Replace(masked, m => string.Concat(m.Value.AsSpan(0, 6), new string('*', m.Length - 10), m.Value.AsSpan(m.Length - 4)));
    }

    private static string Prepare(string text, bool mask) => mask ? MaskPersonalData(text) : text;

    private static bool[] Marks(string shown, IReadOnlyList<string> terms)
    {
        var folded = string.Create(shown.Length, shown, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = TextNormalizer.Fold(s[i]);
            }
        });
        var marks = new bool[shown.Length];
        foreach (var term in terms)
        {
            if (term.Length == 0)
            {
                continue;
            }

            var ascii = char.IsAsciiLetterOrDigit(term[0]);
            for (var at = folded.IndexOf(term, StringComparison.Ordinal); at >= 0; at = folded.IndexOf(term, at + 1, StringComparison.Ordinal))
            {
                // An ASCII word matches whole words only ("12" is not marked inside "2012").
                if (ascii && ((at > 0 && char.IsAsciiLetterOrDigit(folded[at - 1])) || (at + term.Length < folded.Length && char.IsAsciiLetterOrDigit(folded[at + term.Length]))))
                {
                    continue;
                }

                Array.Fill(marks, true, at, term.Length);
            }
        }

        return marks;
    }

    private static string Render(string shown, bool[] marks, int start, int end)
    {
        var html = new StringBuilder((end - start) + 32);
        if (start > 0)
        {
            html.Append('…');
        }

        var open = false;
        var lastWasSpace = false;
        for (var i = start; i < end; i++)
        {
            if (marks[i] != open)
            {
                html.Append(open ? "</mark>" : "<mark>");
                open = marks[i];
            }

            var c = shown[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!lastWasSpace)
                {
                    html.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            lastWasSpace = false;
            html.Append(c is '<' or '>' or '&' or '"' or '\'' ? WebUtility.HtmlEncode(c.ToString()) : c);
        }

        if (open)
        {
            html.Append("</mark>");
        }

        if (end < shown.Length)
        {
            html.Append('…');
        }

        return html.ToString();
    }

    [GeneratedRegex(@"(?<![0-9０-９])1[3-9][0-9]{9}(?![0-9０-９])")]
    private static partial Regex MobilePattern();

    [GeneratedRegex(@"(?<![0-9０-９])[0-9]{17}[0-9Xx](?![0-9０-９A-Za-z])")]
    private static partial Regex IdentityPattern();
}
