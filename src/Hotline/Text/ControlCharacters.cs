namespace Hotline.Text;

/// <summary>
/// Characters no field of the platform accepts: C0 controls other than tab, line feed and carriage return, DEL, and
/// unpaired surrogates. PostgreSQL refuses NUL and invalid UTF-16 outright while SQLite stores them, and the others
/// corrupt what a screen, an export or a log shows; refusing them at the door keeps both databases alike.
/// </summary>
public static class ControlCharacters
{
    /// <summary>The index of the first refused character, or -1.</summary>
    public static int IndexOfRefused(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c < ' ' && c is not ('\t' or '\n' or '\r')) || c == '\u007F')
            {
                return i;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return i;
            }

            if (char.IsLowSurrogate(c))
            {
                return i;
            }
        }

        return -1;
    }

    public static bool HasRefused(ReadOnlySpan<char> text) => IndexOfRefused(text) >= 0;
}
