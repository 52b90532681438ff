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

    public long Version { get; private set; }

    public static Category Create(string code, string name, Category? parent)
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

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return new Category { Code = code!, Name = name.Trim(), ParentCode = parent?.Code, Level = code!.Length / 2 };
    }

    public void Rename(string name, bool isActive)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 50)
        {
            throw ValidationException.For("name", "Give a name of 1–50 characters.");
        }

        Name = name.Trim();
        IsActive = isActive;
    }

    [GeneratedRegex("^[0-9]{2,6}$")]
    private static partial Regex CodePattern();
}
