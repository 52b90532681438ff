using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Hotline.Infrastructure.Search;

/// <summary>
/// A command being assembled: SQL text and its parameters. Every value a caller supplies travels as a parameter; the
/// SQL text only ever holds fixed fragments and generated parameter names.
/// </summary>
internal sealed class SearchSql
{
    private readonly Dictionary<string, object?> _parameters = [];

    public StringBuilder Text { get; } = new();

    public IReadOnlyDictionary<string, object?> Parameters => _parameters;

    /// <summary>Adds a parameter and returns its placeholder (<c>@p3</c>).</summary>
    public string Add(object? value)
    {
        var name = "p" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters[name] = value;
        return "@" + name;
    }

    public SearchSql Append(string sql)
    {
        Text.Append(sql);
        return this;
    }

    public DbCommand CreateCommand(DbConnection connection, DbTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Text.ToString();
        foreach (var (name, value) in _parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}

/// <summary>Region codes as prefixes: a 6-digit code ending in 00 stands for everything under it (990100 → 9901).</summary>
internal static class RegionKeys
{
    public static string Key(string code)
    {
        if (code.Length != 6)
        {
            return code;
        }

        return code.EndsWith("0000", StringComparison.Ordinal) ? code[..2] : code.EndsWith("00", StringComparison.Ordinal) ? code[..4] : code;
    }

    /// <summary>The stored form: " k1 k2 " (empty for documents that apply everywhere), so LIKE finds whole keys.</summary>
    public static string Column(IReadOnlyList<string> codes) =>
        codes.Count == 0 ? string.Empty : " " + string.Join(' ', codes.Select(Key).Distinct(StringComparer.Ordinal)) + " ";

    /// <summary>Keys of the regions that contain <paramref name="key"/> (province, city, district, street).</summary>
    public static IEnumerable<string> Ancestors(string key) => AncestorLengths.Where(n => n < key.Length).Select(n => key[..n]);

    private static readonly int[] AncestorLengths = [2, 4, 6, 9];
}
