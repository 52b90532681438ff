using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace Hotline.Seeding.History;

/// <summary>
/// What <see cref="HistoryOrders.Next"/> lived at once (an order, or an order and the duplicate merged into it), and, once
/// its rows are made on the writer's side, the <see cref="HistoryTemplate"/> later orders of the same day are stamped from.
/// </summary>
public sealed class HistoryGroup(IReadOnlyList<GeneratedOrder> orders)
{
    public IReadOnlyList<GeneratedOrder> Orders { get; } = orders;

    public DateTime RegisteredAtUtc { get; } = orders[0].Order.RegisteredAtUtc;

    /// <summary>The last instant in the group's rows that happened (timeline entries, closure).</summary>
    public DateTime LatestUtc { get; } = orders.Max(o => new[]
    {
        o.Order.ClosedAtUtc ?? DateTime.MinValue,
        o.Order.PendingEvents.Count > 0 ? o.Order.PendingEvents.Max(e => e.AtUtc) : DateTime.MinValue,
        o.OtherEntries.Count > 0 ? o.OtherEntries.Max(e => e.Entry.AtUtc) : DateTime.MinValue,
    }.Max());

    /// <summary>Only finished lives are stamped: an open order's state depends on now.</summary>
    public bool Stampable { get; } = orders.All(o => o.Order.ClosedAtUtc is not null);

    public HistoryTemplate? Template { get; set; }

    public (List<object?[]> Orders, List<object?[]> Events, List<object?[]> CoUnits) Rows { get; } = ([], [], []);
}

/// <summary>An order (or pair) stamped from a lived group: new ids and numbers, every instant moved by <see cref="Shift"/>.</summary>
public sealed record HistoryStamp(HistoryGroup Source, long[] Ids, string[] Numbers, TimeSpan Shift);

/// <summary>One item of a batch, in write order: a lived group or a stamp.</summary>
public readonly record struct HistoryItem(HistoryGroup? Lived, HistoryStamp? Stamp);

/// <summary>
/// The rows of a lived group as a plan per cell: copied as is, an instant moved by the stamp's shift, one of the
/// group's ids replaced by the stamp's, or a text (JSON, the number) whose instants and the group's numbers are
/// replaced. Stamping writes the plan straight into the binary COPY (<see cref="Write"/>) or expands it into rows.
/// </summary>
public sealed partial class HistoryTemplate
{
    private enum Kind : byte
    {
        Null,
        Plain,
        Instant,
        Id,
        Text,
    }

    private readonly record struct Cell(Kind Kind, object? Value, int Index, object[]? Parts);

    // The columns that hold a work order's id (its own, the order it repeats or was merged into).
    private static readonly HashSet<string> OrderIdColumns = new(StringComparer.Ordinal) { "id", "work_order_id", "repeat_of_id", "merged_into_id" };

    private readonly Cell[][][] _tables;
    public HistoryTemplate(HistoryGroup group, HistoryRows rows)
    {
        var ids = group.Orders.Select(o => o.Id).ToArray();
        var numbers = group.Orders.Select(o => o.Order.Number).ToArray();
        var tables = new[] { (rows.Orders, group.Rows.Orders), (rows.Events, group.Rows.Events), (rows.CoUnits, group.Rows.CoUnits) };
        _tables = [.. tables.Select(t => t.Item2.Select(row => Plan(t.Item1, row, ids, numbers)).ToArray())];
        Counts = (group.Rows.Orders.Count, group.Rows.Events.Count, group.Rows.CoUnits.Count);
    }

    public (int Orders, int Events, int CoUnits) Counts { get; }

    /// <summary>The stamp's rows of table <paramref name="table"/> (0 orders, 1 events, 2 co-units) as object arrays (SQLite, the baseline).</summary>
    public IEnumerable<object?[]> Expand(int table, HistoryStamp stamp)
    {
        foreach (var plan in _tables[table])
        {
            var row = new object?[plan.Length];
            for (var i = 0; i < plan.Length; i++)
            {
                var cell = plan[i];
                row[i] = cell.Kind switch
                {
                    Kind.Null => null,
                    Kind.Instant => Shift(cell.Value!, stamp.Shift),
                    Kind.Id => stamp.Ids[cell.Index],
                    Kind.Text => Compose(cell.Parts!, stamp),
                    _ => cell.Value,
                };
            }

            yield return row;
        }
    }

    /// <summary>Writes the stamp's rows of <paramref name="table"/> into an open binary COPY, no row arrays made.</summary>
    public void Write(NpgsqlBinaryImporter importer, HistoryTable columns, int table, HistoryStamp stamp)
    {
        foreach (var plan in _tables[table])
        {
            importer.StartRow();
            for (var i = 0; i < plan.Length; i++)
            {
                var cell = plan[i];
                var type = columns.Columns[i].Type;
                switch (cell.Kind)
                {
                    case Kind.Null:
                        importer.WriteNull();
                        break;
                    case Kind.Instant when cell.Value is DateTime t:
                        importer.Write(t + stamp.Shift, type);
                        break;
                    case Kind.Instant:
                        importer.Write((DateTimeOffset)cell.Value! + stamp.Shift, type);
                        break;
                    case Kind.Id:
                        importer.Write(stamp.Ids[cell.Index], type);
                        break;
                    case Kind.Text:
                        importer.Write(Compose(cell.Parts!, stamp), type);
                        break;
                    default:
                        if (type == NpgsqlDbType.Unknown)
                        {
                            importer.Write(cell.Value!);
                        }
                        else
                        {
                            importer.Write(cell.Value!, type);
                        }

                        break;
                }
            }
        }
    }

    private static Cell[] Plan(HistoryTable table, object?[] row, long[] ids, string[] numbers)
    {
        var plan = new Cell[row.Length];
        for (var i = 0; i < row.Length; i++)
        {
            var value = row[i];
            var name = table.Columns[i].Name;
            plan[i] = value switch
            {
                null => new Cell(Kind.Null, null, 0, null),
                DateTime or DateTimeOffset => new Cell(Kind.Instant, value, 0, null),
                long id when OrderIdColumns.Contains(name) && Array.IndexOf(ids, id) is var k and >= 0 => new Cell(Kind.Id, null, k, null),
                string text when Parts(text, numbers) is { } parts => new Cell(Kind.Text, null, 0, parts),
                _ => new Cell(Kind.Plain, value, 0, null),
            };
        }

        return plan;
    }

    /// <summary>A text cut at its instants (kept with their format) and the group's numbers (kept as their index); null when it has neither.</summary>
    private static object[]? Parts(string text, string[] numbers)
    {
        var cuts = new List<(int At, int Length, object Part)>();
        foreach (Match m in InstantPattern().Matches(text))
        {
            var parsed = DateTime.ParseExact(m.Value.TrimEnd('Z').Replace('T', ' '), ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            // The same style as found: 'T' or a space, seven fixed digits or trimmed ones, 'Z' or not.
            var format = (m.Value[10] == 'T' ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd HH:mm:ss")
                + (m.Groups[1].Length == 8 ? ".fffffff" : ".FFFFFFF") + (m.Value.EndsWith('Z') ? "'Z'" : "");
            cuts.Add((m.Index, m.Length, new InstantPart(parsed, format)));
        }

        for (var k = 0; k < numbers.Length; k++)
        {
            for (var at = text.IndexOf(numbers[k], StringComparison.Ordinal); at >= 0; at = text.IndexOf(numbers[k], at + numbers[k].Length, StringComparison.Ordinal))
            {
                cuts.Add((at, numbers[k].Length, k));
            }
        }

        if (cuts.Count == 0)
        {
            return null;
        }

        var parts = new List<object>();
        var position = 0;
        foreach (var (at, length, part) in cuts.OrderBy(c => c.At))
        {
            parts.Add(text[position..at]);
            parts.Add(part);
            position = at + length;
        }

        parts.Add(text[position..]);
        return [.. parts];
    }

    [ThreadStatic]
    private static StringBuilder? _builder;

    private static string Compose(object[] parts, HistoryStamp stamp)
    {
        var builder = _builder ??= new StringBuilder(512);
        builder.Clear();
        Span<char> buffer = stackalloc char[32];
        foreach (var part in parts)
        {
            switch (part)
            {
                case string s:
                    builder.Append(s);
                    break;
                case int k:
                    builder.Append(stamp.Numbers[k]);
                    break;
                case InstantPart instant:
                    if ((instant.At + stamp.Shift).TryFormat(buffer, out var written, instant.Format, CultureInfo.InvariantCulture))
                    {
                        builder.Append(buffer[..written]);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    private sealed record InstantPart(DateTime At, string Format);

    private static object Shift(object value, TimeSpan shift) => value is DateTime t ? t + shift : (DateTimeOffset)value + shift;

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z?")]
    private static partial Regex InstantPattern();
}
