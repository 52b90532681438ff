using System.Buffers;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Hotline.Domain.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using NpgsqlTypes;

namespace Hotline.Seeding.History;

/// <summary>One column the generator writes: its name, its PostgreSQL type, and how its value is read from the object.</summary>
public sealed record HistoryColumn(string Name, NpgsqlDbType Type, Func<object, object?> Read);

/// <summary>The columns of one table, in the order the rows are written.</summary>
public sealed record HistoryTable(string Name, IReadOnlyList<HistoryColumn> Columns)
{
    public void Fill(object entity, object?[] row, long? orderId)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            row[i] = Columns[i].Read(entity);
        }

        if (orderId is { } id)
        {
            row[0] = id;
        }
    }
}

/// <summary>
/// The rows of a generated order, read from the application's own model: every mapped column of <c>work_orders</c>,
/// <c>work_order_events</c> and <c>work_order_co_units</c>, with the model's value converters (enums by name, the
/// timeline's facts as JSON text) and the JSON columns written as Entity Framework writes them for the provider (keys
/// in name order, enums by name, instants as the provider formats them). A column added to the model is written
/// without a change here. The first column of every table is the order's id.
/// </summary>
public sealed class HistoryRows
{
    private readonly bool _postgres;

    public HistoryRows(IModel model, bool postgres)
    {
        _postgres = postgres;
        Orders = Table(model.FindEntityType(typeof(WorkOrder))!, nameof(WorkOrder.Id), skipGenerated: false);
        Events = Table(model.FindEntityType(typeof(WorkOrderEvent))!, nameof(WorkOrderEvent.WorkOrderId), skipGenerated: true);
        CoUnits = Table(model.FindEntityType(typeof(CoUnit))!, nameof(CoUnit.WorkOrderId), skipGenerated: true);
    }

    public HistoryTable Orders { get; }

    public HistoryTable Events { get; }

    public HistoryTable CoUnits { get; }

    /// <summary>
    /// The scalar columns of <paramref name="entity"/> (every mapped, non-shadow property, read through the model's getters
    /// and value converters) as one table, e.g. the assessment facts the rebuild copies: a column added to the model is
    /// written without a change in the writer. <paramref name="first"/> goes first; generated keys are skipped on request.
    /// </summary>
    public static HistoryTable ScalarTable(IEntityType entity, string? first = null, bool skipGenerated = false)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new HistoryTable(entity.GetTableName()!, ScalarColumns(entity, first, skipGenerated));
    }

    private static List<HistoryColumn> ScalarColumns(IEntityType entity, string? first, bool skipGenerated)
    {
        var columns = new List<HistoryColumn>();
        foreach (var property in entity.GetProperties())
        {
            if ((skipGenerated && property.IsPrimaryKey() && property.ValueGenerated != ValueGenerated.Never && property.Name != first) || property.IsShadowProperty())
            {
                continue;
            }

            var getter = property.GetGetter();
            var converter = property.GetTypeMapping().Converter;
            Func<object, object?> read = converter is null ? getter.GetClrValue : e => getter.GetClrValue(e) is { } v ? converter.ConvertToProvider(v) : null;
            var column = new HistoryColumn(property.GetColumnName(), TypeOf(property.GetRelationalTypeMapping().StoreType), read);
            if (property.Name == first)
            {
                columns.Insert(0, column);
            }
            else
            {
                columns.Add(column);
            }
        }

        return columns;
    }

    private HistoryTable Table(IEntityType entity, string first, bool skipGenerated)
    {
        var columns = ScalarColumns(entity, first, skipGenerated);
        foreach (var complex in entity.GetComplexProperties())
        {
            var getter = complex.GetGetter();
            var type = complex.ComplexType;
            var name = type.GetContainerColumnName() ?? throw new InvalidOperationException($"{complex.Name} is not stored as JSON.");
            columns.Add(new HistoryColumn(name, NpgsqlDbType.Jsonb, e => getter.GetClrValue(e) is { } v ? Json(type, complex.IsCollection, v) : null));
        }

        return new HistoryTable(entity.GetTableName()!, columns);
    }

    private string Json(IComplexType type, bool collection, object value)
    {
        if (collection && value is System.Collections.ICollection { Count: 0 })
        {
            return "[]";
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (collection)
            {
                writer.WriteStartArray();
                foreach (var item in (System.Collections.IEnumerable)value)
                {
                    WriteObject(writer, type, item);
                }

                writer.WriteEndArray();
            }
            else
            {
                WriteObject(writer, type, value);
            }
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void WriteObject(Utf8JsonWriter writer, IComplexType type, object? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        foreach (var member in Members(type))
        {
            writer.WritePropertyName(member.Name);
            var v = member.Info.GetValue(value);
            if (member.Complex is { } nested)
            {
                if (member.Collection && v is System.Collections.IEnumerable items)
                {
                    writer.WriteStartArray();
                    foreach (var item in items)
                    {
                        WriteObject(writer, nested, item);
                    }

                    writer.WriteEndArray();
                }
                else
                {
                    WriteObject(writer, nested, v);
                }
            }
            else
            {
                WriteValue(writer, v);
            }
        }

        writer.WriteEndObject();
    }

    private void WriteValue(Utf8JsonWriter writer, object? v)
    {
        switch (v)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case double d: writer.WriteNumberValue(d); break;
            case decimal m: writer.WriteNumberValue(m); break;
            case DateTime t: writer.WriteStringValue(_postgres ? t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)); break;
            case DateOnly d: writer.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case Enum e: writer.WriteStringValue(e.ToString()); break;
            default: writer.WriteStringValue(Convert.ToString(v, CultureInfo.InvariantCulture)); break;
        }
    }

    private sealed record Member(string Name, PropertyInfo Info, IComplexType? Complex, bool Collection);

    private readonly Dictionary<IComplexType, Member[]> _members = [];

    private Member[] Members(IComplexType type)
    {
        if (!_members.TryGetValue(type, out var members))
        {
            members = [.. type.GetProperties().Where(p => !p.IsShadowProperty() && p.PropertyInfo is not null).Select(p => new Member(p.GetJsonPropertyName() ?? p.Name, p.PropertyInfo!, null, false))
                .Concat(type.GetComplexProperties().Select(c => new Member(c.Name, c.PropertyInfo!, c.ComplexType, c.IsCollection)))
                .OrderBy(m => m.Name, StringComparer.Ordinal)];
            _members[type] = members;
        }

        return members;
    }

    private static NpgsqlDbType TypeOf(string storeType) => storeType switch
    {
        "bigint" => NpgsqlDbType.Bigint,
        "integer" => NpgsqlDbType.Integer,
        "smallint" => NpgsqlDbType.Smallint,
        "boolean" => NpgsqlDbType.Boolean,
        "double precision" => NpgsqlDbType.Double,
        "real" => NpgsqlDbType.Real,
        "timestamp with time zone" => NpgsqlDbType.TimestampTz,
        "date" => NpgsqlDbType.Date,
        "jsonb" => NpgsqlDbType.Jsonb,
        "text" => NpgsqlDbType.Text,
        _ when storeType.StartsWith("character varying", StringComparison.Ordinal) => NpgsqlDbType.Varchar,
        _ => NpgsqlDbType.Unknown,
    };
}
