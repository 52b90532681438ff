namespace Hotline.Text.Entities;

/// <summary>What a text writes for a named thing once its whole name is known.</summary>
public sealed partial class EntityExtractor
{
    /// <summary>Characters a short name needs: two are mostly words of their own ("江南" of 江南中学, "天旺" of 天旺屠宰场).</summary>
    public const int MinShortNameLength = 3;

    /// <summary>
    /// The name without the kind word it ends in, which the writers drop once they have named the thing: a report of
    /// "好润佳超市" goes on about "好润佳店长" and "期间好润佳没有通知". Null when the name ends in no kind word, or what is
    /// left is shorter than <see cref="MinShortNameLength"/>.
    /// </summary>
    public static string? ShortName(string name) => EndingKindWord(name, MinShortNameLength) is { } kind ? name[..^kind.Word.Length] : null;

    /// <summary>The longest kind word <paramref name="name"/> ends in with at least <paramref name="minStem"/> characters before it; null when none.</summary>
    private static (string Word, EntityKind Kind)? EndingKindWord(string name, int minStem)
    {
        foreach (var kind in KindWords)
        {
            if (name.Length - kind.Word.Length >= minStem && name.EndsWith(kind.Word, StringComparison.Ordinal))
            {
                return kind;
            }
        }

        return null;
    }
}
