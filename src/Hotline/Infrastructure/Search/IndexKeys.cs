using System.Globalization;

namespace Hotline.Infrastructure.Search;

/// <summary>
/// The non-text keys of a document, stored beside its terms so that "who may find it", "which tags does it carry" and
/// "how recent is it" are answered by the same inverted index as the text (PostgreSQL: lexemes of the tsvector under the
/// GIN index; SQLite: space-separated columns). None of them can collide with a text term: text terms are letters and
/// digits only, and every key starts with a character that is neither (<c>/</c>, <c>#</c>, <c>@</c>).
/// <list type="bullet">
/// <item>Access: a <see cref="SearchVisibility.Scope"/> document carries every ancestor path of its owning unit and of its
/// co-units (<c>/AL/</c>, <c>/AL/AL-DC/</c>, <c>/AL/AL-DC/AL-DC-ZJ/</c>), so "the caller's scope covers one of its units"
/// is the presence of one key; every other document carries <see cref="Everyone"/>.</item>
/// <item>Tags: <c>#name:value</c>.</item>
/// <item>Time buckets: the day and the month of the sort date, per kind (<c>@work_order:d20261125</c>,
/// <c>@work_order:m202611</c>), so that "the newest matches" can be looked for in recent slices first.</item>
/// </list>
/// </summary>
public static class IndexKeys
{
    /// <summary>The access key of documents every member of staff may find.</summary>
    public const string Everyone = "/";

    public const int MaxTagLength = 64;

    public static IReadOnlyList<string> Access(SearchDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Visibility != SearchVisibility.Scope)
        {
            return [Everyone];
        }

        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in document.CoUnitPaths.Prepend(document.OwnerUnitPath).Where(p => p.Length > 1))
        {
            for (var end = path.IndexOf('/', 1); end > 0; end = end + 1 < path.Length ? path.IndexOf('/', end + 1) : -1)
            {
                keys.Add(path[..(end + 1)]);
            }
        }

        return [.. keys];
    }

    /// <summary>Every key of the document: access, tags and time buckets (distinct).</summary>
    public static IReadOnlyList<string> For(SearchDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var keys = new List<string>(Access(document));
        keys.AddRange(document.Tags.Select(Tag));
        keys.Add(Day(document.Kind, document.SortAtUtc));
        keys.Add(Month(document.Kind, document.SortAtUtc));
        return keys.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The key of a tag; refuses characters a tag may not hold (it is code that builds tags, never a user).</summary>
    public static string Tag(string tag)
    {
        if (!IsValidTag(tag))
        {
            throw new ArgumentException($"A tag is name:value of at most {MaxTagLength} letters, digits, '.', '-' and ':' ('{tag}').", nameof(tag));
        }

        return "#" + tag;
    }

    public static bool IsValidTag(string? tag) =>
        tag is { Length: > 0 and <= MaxTagLength } && char.IsAsciiLetterOrDigit(tag[0]) && tag.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '.' or '-');

    public static string Day(string kind, DateTime utc) => "@" + kind + ":d" + utc.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string Month(string kind, DateTime utc) => "@" + kind + ":m" + utc.ToString("yyyyMM", CultureInfo.InvariantCulture);

    /// <summary>A key as the column of the SQLite table stores a set of them: " k1 k2 " (found with instr(column, ' k ')).</summary>
    public static string Column(IEnumerable<string> keys)
    {
        var joined = string.Join(' ', keys);
        return joined.Length == 0 ? string.Empty : " " + joined + " ";
    }
}

/// <summary>
/// A recent slice of the documents: those sorted at or after <see cref="FromUtc"/>, found by the bucket keys of its days
/// or months. Search looks for the newest matches in growing slices (3 days, 15 days, 2 months, 6 months) and stops at
/// the first that holds a full ranking window; only a query with fewer matches than that in six months reads them all.
/// </summary>
internal sealed record RecentSlice(DateTime FromUtc, IReadOnlyList<string> Keys)
{
    public static IReadOnlyList<RecentSlice> For(IReadOnlyList<string> kinds, DateTime nowUtc)
    {
        var today = nowUtc.Date;
        var month = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc);

        // One day or month ahead as well, so that a document stamped by a node whose clock runs ahead is not skipped.
        RecentSlice Days(int back) => new(
            today.AddDays(-back),
            kinds.SelectMany(k => Enumerable.Range(-1, back + 2).Select(d => IndexKeys.Day(k, today.AddDays(-d)))).ToList());
        RecentSlice Months(int back) => new(
            month.AddMonths(-back),
            kinds.SelectMany(k => Enumerable.Range(-1, back + 2).Select(m => IndexKeys.Month(k, month.AddMonths(-m)))).ToList());
        return [Days(2), Days(14), Months(1), Months(5)];
    }
}
