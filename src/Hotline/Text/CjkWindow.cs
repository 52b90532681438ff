namespace Hotline.Text;

/// <summary>
/// The run of Chinese characters around a phrase where a text writes it, cut to a reach on each side: what is segmented
/// (<see cref="WordSegmenter"/>) to read the words at the phrase's edges without segmenting the whole text.
/// </summary>
internal static class CjkWindow
{
    /// <summary>
    /// The window around <c>text[at..at + length]</c>: up to <paramref name="reach"/> Chinese characters before it and after
    /// it. A letter or digit ends the window, also inside the phrase (then the window ends before the phrase does).
    /// </summary>
    public static (int Start, int End) Around(string text, int at, int length, int reach)
    {
        var start = at;
        while (start > 0 && at - start < reach && TextNormalizer.IsCjk(text[start - 1]))
        {
            start--;
        }

        var end = at;
        while (end < at + length && TextNormalizer.IsCjk(text[end]))
        {
            end++;
        }

        if (end == at + length)
        {
            while (end < text.Length && end - (at + length) < reach && TextNormalizer.IsCjk(text[end]))
            {
                end++;
            }
        }

        return (start, end);
    }

    /// <summary>Whether a Chinese character comes right before <paramref name="start"/>: the window may cut a word there.</summary>
    public static bool OpenBefore(string text, int start) => start > 0 && TextNormalizer.IsCjk(text[start - 1]);

    /// <summary>Whether a Chinese character comes right at <paramref name="end"/>: the window may cut a word there.</summary>
    public static bool OpenAfter(string text, int end) => end < text.Length && TextNormalizer.IsCjk(text[end]);
}
