using System.Text.RegularExpressions;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Domain.Organisation;

/// <summary>What kind of organisation a unit is (S1).</summary>
public enum UnitKind
{
    /// <summary>City government: the root of a city platform's tree.</summary>
    City,

    /// <summary>The 12345 hotline centre itself; its staff work across the whole platform.</summary>
    HotlineCentre,

    /// <summary>County or district government (县/区).</summary>
    District,

    /// <summary>Township or street office (乡镇/街道).</summary>
    Street,

    /// <summary>Village or community committee (村/社区).</summary>
    Community,

    /// <summary>A functional department at any level.</summary>
    Department,

    /// <summary>Sub-centre of a vertically managed hotline (12315, 12366, 12333 …).</summary>
    SubCentre,

    /// <summary>Public-service enterprise: water, power, gas, heating.</summary>
    Utility,

    /// <summary>County hotline office: receives tickets and re-dispatches them within its county.</summary>
    CountyHotlineOffice,

    /// <summary>University or large enterprise.</summary>
    Enterprise,

    /// <summary>Issue 15: the organisation office (编办, 机构编制委员会办公室); decides responsibility disputes, handles no orders.</summary>
    OrganisationOffice,
}

/// <summary>A unit's liaison officer (联络员).</summary>
public sealed record Liaison([property: MaxLength(Limits.Name)] string Name, [property: MaxLength(Limits.Phone)] string Phone, [property: MaxLength(Limits.Email)] string? Email);

/// <summary>
/// A handling unit (承办单位) in the organisation tree. <see cref="Path"/> is the chain of unit codes from the root
/// ("/AL/AL-DC/AL-DC-DH/"), so "is X inside Y's subtree" is a prefix test that an index answers.
/// </summary>
public sealed partial class Unit
{
    public const int MaxCodeLength = 32;
    public const int MaxNameLength = 100;

    /// <summary>The materialised path (ids from the root); rows that copy a unit reference keep the same width.</summary>
    public const int MaxPathLength = 400;

    private Unit()
    {
        Code = Name = Path = string.Empty;
    }

    public long Id { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public UnitKind Kind { get; private set; }

    public long? ParentId { get; private set; }

    public string Path { get; private set; }

    public int Depth { get; private set; }

    /// <summary>Administrative division code (6 digits, GB/T 2260 style) of the territory the unit serves.</summary>
    public string? RegionCode { get; private set; }

    public bool IsActive { get; private set; } = true;

    public List<Liaison> Liaisons { get; private set; } = [];

    public long Version { get; private set; }

    public static Unit Create(string code, string name, UnitKind kind, Unit? parent, string? regionCode, IEnumerable<Liaison>? liaisons = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (!CodePattern().IsMatch(code ?? string.Empty))
        {
            errors["code"] = ["Use 1–32 letters, digits or hyphens."];
        }

        ValidateCommon(name, regionCode, kind, parent, errors);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var unit = new Unit { Code = code!, Kind = kind };
        unit.Apply(name, regionCode, liaisons);
        unit.PlaceUnder(parent);
        return unit;
    }

    /// <summary>Changes the unit; a null region or liaison list keeps the current one (an empty region code clears it).</summary>
    public void Update(string name, string? regionCode, bool isActive, IEnumerable<Liaison>? liaisons)
    {
        regionCode ??= RegionCode;
        liaisons ??= Liaisons;
        var errors = new Dictionary<string, string[]>();
        ValidateCommon(name, regionCode, Kind, null, errors, checkParent: false);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        Apply(name, regionCode, liaisons);
        IsActive = isActive;
    }

    /// <summary>Moves the unit (and, through <see cref="RebasePath"/>, its subtree) under a new parent.</summary>
    public void MoveUnder(Unit parent)
    {
        if (parent.Path.StartsWith(Path, StringComparison.Ordinal))
        {
            throw new DomainException("unit.move_into_own_subtree", "A unit cannot be moved under itself or one of its descendants.");
        }

        PlaceUnder(parent);
    }

    /// <summary>Rewrites the path prefix after an ancestor moved.</summary>
    public void RebasePath(string oldPrefix, string newPrefix)
    {
        Path = string.Concat(newPrefix, Path.AsSpan(oldPrefix.Length));
        Depth = Path.Count(c => c == '/') - 2;
    }

    public bool Contains(Unit other) => other.Path.StartsWith(Path, StringComparison.Ordinal);

    private void PlaceUnder(Unit? parent)
    {
        if (Kind == UnitKind.City && parent is not null)
        {
            throw ValidationException.For("parentId", "A city is the root of its tree and has no parent.");
        }

        ParentId = parent?.Id;
        Path = (parent?.Path ?? "/") + Code + "/";
        Depth = (parent?.Depth + 1) ?? 0;
    }

    private void Apply(string name, string? regionCode, IEnumerable<Liaison>? liaisons)
    {
        Name = name.Trim();
        RegionCode = string.IsNullOrWhiteSpace(regionCode) ? null : regionCode.Trim();
        Liaisons = liaisons?.Select(l => l with { Name = l.Name.Trim(), Phone = l.Phone.Trim(), Email = string.IsNullOrWhiteSpace(l.Email) ? null : l.Email.Trim() }).ToList() ?? [];
    }

    private static void ValidateCommon(string name, string? regionCode, UnitKind kind, Unit? parent, Dictionary<string, string[]> errors, bool checkParent = true)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength)
        {
            errors["name"] = [$"Give a name of 1–{MaxNameLength} characters."];
        }

        if (!string.IsNullOrWhiteSpace(regionCode) && !RegionPattern().IsMatch(regionCode.Trim()))
        {
            errors["regionCode"] = ["A region code is 6 or 9 or 12 digits."];
        }

        if (checkParent && kind != UnitKind.City && parent is null)
        {
            errors["parentId"] = ["Every unit except a city needs a parent unit."];
        }

        if (checkParent && parent is { IsActive: false })
        {
            errors["parentId"] = ["The parent unit is inactive."];
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,31}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^([0-9]{6}|[0-9]{9}|[0-9]{12})$")]
    private static partial Regex RegionPattern();
}
