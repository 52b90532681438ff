using System.Text.RegularExpressions;

namespace Hotline.Domain.Dispatch;

/// <summary>
/// A node of the business-category tree (业务分类). Codes nest by prefix, two digits per level: "08" 公用事业 →
/// "0801" 供水 → "080101" 停水. Rules and the dispatch catalogue match a category and everything beneath it by prefix.
/// </summary>
public sealed partial class Category
{
    private Category()
    {
        Code = Name = string.Empty;
    }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public string? ParentCode { get; private set; }

    public int Level { get; private set; }

    public bool IsActive { get; private set; } = true;

    /// <summary>
    /// The common words callers and agents use for this category (噪音 for 噪声, 住建 for 住房和城乡建设): the intake
    /// search finds the category by them. The administrator edits them.
    /// </summary>
    public List<string> Synonyms { get; private set; } = [];

    public long Version { get; private set; }

    /// <summary>
    /// An emergency category (紧急工单 of S4, issue 15): choosing it at intake suggests emergency urgency and the raise.
    /// </summary>
    public bool IsEmergency { get; private set; }

    /// <summary>The most synonyms a category takes.</summary>
    public const int MaxSynonyms = 20;

    /// <summary>
    /// The matter a category belongs to: its second-level ancestor ("080103" 水费异常 → "0801" 供水), or the code itself
    /// above that level. Two agents may file one water outage under 停水 and 水费, never under 供水 and 噪声: the event
    /// hot spots and the seasonal reminders count a matter at this level.
    /// </summary>
    public static string MatterOf(string code) => code.Length > MatterLength ? code[..MatterLength] : code;

    /// <summary>The length of a second-level code (<see cref="MatterOf"/>).</summary>
    public const int MatterLength = 4;

    /// <summary>The longest synonym.</summary>
    public const int MaxSynonymLength = 20;

    public static Category Create(string code, string name, Category? parent, IEnumerable<string>? synonyms = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (!CodePattern().IsMatch(code ?? string.Empty) || code!.Length % 2 != 0)
        {
            errors["code"] = ["A category code is 2, 4 or 6 digits (two per level)."];
        }
        else if (parent is null ? code.Length != 2 : !code.StartsWith(parent.Code, StringComparison.Ordinal) || code.Length != parent.Code.Length + 2)
        {
            errors["code"] = ["A sub-category's code is its parent's code plus two digits."];
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 50)
        {
            errors["name"] = ["Give a name of 1–50 characters."];
        }

        var words = CleanSynonyms(synonyms, errors);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return new Category { Code = code!, Name = name.Trim(), ParentCode = parent?.Code, Level = code!.Length / 2, Synonyms = words };
    }

    /// <summary>Marks or unmarks the category as an emergency category (issue 15).</summary>
    public void MarkEmergency(bool isEmergency) => IsEmergency = isEmergency;

    /// <summary>Renames, (de)activates and, when <paramref name="synonyms"/> is given, replaces the synonyms.</summary>
    public void Rename(string name, bool isActive, IEnumerable<string>? synonyms = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 50)
        {
            errors["name"] = ["Give a name of 1–50 characters."];
        }

        var words = synonyms is null ? Synonyms : CleanSynonyms(synonyms, errors);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        Name = name.Trim();
        IsActive = isActive;
        Synonyms = words;
    }

    /// <summary>Trimmed, without blanks and repeats; at most <see cref="MaxSynonyms"/> of <see cref="MaxSynonymLength"/> characters, no commas.</summary>
    private static List<string> CleanSynonyms(IEnumerable<string>? synonyms, Dictionary<string, string[]> errors)
    {
        var words = (synonyms ?? []).Select(w => (w ?? string.Empty).Trim()).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (words.Count > MaxSynonyms || words.Any(w => w.Length > MaxSynonymLength || w.Contains(',', StringComparison.Ordinal)))
        {
            errors["synonyms"] = [$"Give at most {MaxSynonyms} synonyms of at most {MaxSynonymLength} characters, without commas."];
        }

        return words;
    }

    [GeneratedRegex("^[0-9]{2,6}$")]
    private static partial Regex CodePattern();
}
