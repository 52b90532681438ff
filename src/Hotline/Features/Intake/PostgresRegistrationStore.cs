using System.Buffers;
using System.Linq.Expressions;
using System.Text.Json;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Hotline.Features.Intake;

/// <summary>
/// The intake write path on PostgreSQL without Entity Framework's change tracker. Registering is the one write that
/// arrives in thousands per minute at peak and only ever inserts; tracking each new order, generating its SQL and
/// reading its keys back cost more than the database's own work. This store inserts a batch of new orders, their first
/// timeline entries and their search documents in one transaction: the orders and the entries each with one statement
/// whose text never changes whatever the batch size (so each connection prepares it once), with values taken through
/// the EF model (the same columns, the same value converters and, for the JSON columns, the same JSON writers EF uses),
/// so what it stores is what <c>SaveChanges</c> would have stored; a test compares the two row by row. Orders with
/// co-units (rows in another table) go through EF.
/// </summary>
public sealed class PostgresRegistrationStore
{
    private readonly Table _orders;
    private readonly Table _events;
    private readonly Action<object, long> _orderId;
    private readonly Action<object, long> _eventOrderId;
    private readonly long _idBlock;

    private PostgresRegistrationStore(IModel model)
    {
        var order = model.FindEntityType(typeof(WorkOrder))!;
        var entry = model.FindEntityType(typeof(WorkOrderEvent))!;
        _orders = new Table(order, skipGenerated: false);
        _events = new Table(entry, skipGenerated: true);
        _orderId = Setter(order.FindPrimaryKey()!.Properties.Single());
        _eventOrderId = Setter(entry.FindProperty(nameof(WorkOrderEvent.WorkOrderId))!);
        _idBlock = HotlineDbContext.WorkOrderIdBlock;
    }

    private static PostgresRegistrationStore? _instance;

    /// <summary>The store for this model (built once: the model does not change while the server runs).</summary>
    public static PostgresRegistrationStore For(IModel model) => _instance ??= new PostgresRegistrationStore(model);

    /// <summary>Whether <paramref name="order"/> is only the rows this store writes (no co-units yet).</summary>
    public static bool CanWrite(WorkOrder order) => order.CoUnits.Count == 0;

    /// <summary>
    /// Inserts the orders, their pending timeline entries and their search documents in one transaction, and gives each
    /// order its id. Throws as <c>SaveChanges</c> would (a <see cref="DbUpdateException"/>) when the database refuses one.
    /// </summary>
    public async Task SaveAsync(HotlineDbContext db, IReadOnlyList<WorkOrder> orders, ISearchIndex index, Func<WorkOrder, SearchDocument> document, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await AssignIdsAsync(connection, orders, ct);

            var entries = new List<object>(orders.Count);
            foreach (var order in orders)
            {
                foreach (var entry in order.PendingEvents)
                {
                    _eventOrderId(entry, order.Id);
                    entries.Add(entry);
                }
            }

            await using var batch = connection.CreateBatch();
            batch.BatchCommands.Add(new NpgsqlBatchCommand(GenericPlans));
            batch.BatchCommands.Add(_orders.Insert(orders));
            if (entries.Count > 0)
            {
                batch.BatchCommands.Add(_events.Insert(entries));
            }

            try
            {
                await batch.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException e)
            {
                throw new DbUpdateException("An error occurred while saving the registrations. See the inner exception for details.", e);
            }

            await index.UpsertManyAsync(db, orders.Select(document).ToList(), ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The server plans every execution for its values (<c>plan_cache_mode=force_custom_plan</c>, see
    /// <c>DatabaseSetup.PostgresConnectionString</c>), which suits reads over skewed data. This transaction's statements
    /// have one right plan whatever their values (inserts from arrays, the index upsert, the foreign-key checks), and
    /// planning them again at every execution copied each batch's arrays into the plan: about a fifth of PostgreSQL's CPU
    /// per registration in a profile under load. So for this transaction only, each statement's plan is made once and
    /// reused.
    /// </summary>
    internal const string GenericPlans = "SET LOCAL plan_cache_mode = force_generic_plan";

    /// <summary>Sets a key the domain keeps private (the database assigns it), as EF does after an insert.</summary>
    private static Action<object, long> Setter(IProperty property)
    {
        var entity = Expression.Parameter(typeof(object));
        var value = Expression.Parameter(typeof(long));
        var member = Expression.Property(Expression.Convert(entity, property.DeclaringType.ClrType), property.PropertyInfo!);
        return Expression.Lambda<Action<object, long>>(Expression.Assign(member, value), entity, value).Compile();
    }

    /// <summary>Ids come from the same sequence, in the same blocks, as EF's hi-lo generator hands out.</summary>
    private async Task AssignIdsAsync(NpgsqlConnection connection, IReadOnlyList<WorkOrder> orders, CancellationToken ct)
    {
        var blocks = (int)((orders.Count + _idBlock - 1) / _idBlock);
        await using var next = new NpgsqlCommand($"SELECT nextval('{HotlineDbContext.WorkOrderIdSequence}') FROM generate_series(1, $1)", connection);
        next.Parameters.Add(new NpgsqlParameter<int> { TypedValue = blocks });
        var i = 0;
        await using var reader = await next.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var low = reader.GetInt64(0);
            for (var k = 0; k < _idBlock && i < orders.Count; k++, i++)
            {
                _orderId(orders[i], low + k);
            }
        }
    }

    /// <summary>
    /// One table's insert of many rows: <c>INSERT … SELECT * FROM unnest($1, $2, …)</c> with one array parameter per
    /// column, so a batch is one statement (one plan, one executor start) however many rows it has, and its text never
    /// changes. Columns come from the model, each with how to read and convert its value.
    /// </summary>
    private sealed class Table
    {
        private readonly string _sql;
        private readonly Column[] _columns;

        public Table(IEntityType type, bool skipGenerated)
        {
            var store = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var columns = new List<Column>();
            foreach (var property in type.GetProperties())
            {
                if (property.IsShadowProperty())
                {
                    throw new NotSupportedException($"{type.DisplayName()}.{property.Name} is a shadow property.");
                }

                if (skipGenerated && property.ValueGenerated == ValueGenerated.OnAdd)
                {
                    continue;
                }

                columns.Add(Column.Scalar(property, store));
            }

            foreach (var complex in type.GetComplexProperties())
            {
                columns.Add(Column.Json(complex));
            }

            _columns = [.. columns];
            var names = string.Join(", ", _columns.Select(c => Quote(c.Name)));
            var arrays = string.Join(", ", _columns.Select((c, i) => $"${i + 1}::{c.ArrayType}"));
            _sql = $"INSERT INTO {Quote(type.GetTableName()!)} ({names}) SELECT * FROM unnest({arrays})";
        }

        public NpgsqlBatchCommand Insert(IReadOnlyList<object> rows)
        {
            var command = new NpgsqlBatchCommand(_sql);
            foreach (var column in _columns)
            {
                command.Parameters.Add(column.Parameter(rows));
            }

            return command;
        }

        private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private sealed class Column
    {
        private Func<object, object?> _read = null!;
        private Type _elementType = typeof(object);

        public string Name { get; private init; } = string.Empty;

        /// <summary>The column's type as an array, without length modifiers (<c>character varying(32)</c> → <c>character varying[]</c>).</summary>
        public string ArrayType { get; private init; } = string.Empty;

        public static Column Scalar(IProperty property, StoreObjectIdentifier table)
        {
            var getter = property.GetGetter();
            var converter = property.GetTypeMapping().Converter;
            var provider = converter?.ProviderClrType ?? property.ClrType;
            provider = Nullable.GetUnderlyingType(provider) ?? provider;
            return new Column
            {
                Name = property.GetColumnName(table)!,
                ArrayType = BaseType(property.GetColumnType(table)) + "[]",
                _read = converter is null
                    ? getter.GetClrValueUsingContainingEntity
                    : entity => getter.GetClrValueUsingContainingEntity(entity) is { } value ? converter.ConvertToProvider(value) : null,
                _elementType = provider.IsValueType ? typeof(Nullable<>).MakeGenericType(provider) : provider,
            };
        }

        public static Column Json(IComplexProperty complex)
        {
            var getter = complex.GetGetter();
            return new Column
            {
                Name = complex.ComplexType.GetContainerColumnName()!,
                ArrayType = "jsonb[]",
                _read = entity => getter.GetClrValueUsingContainingEntity(entity) is { } value ? JsonText(complex, value) : null,
                _elementType = typeof(string),
            };
        }

        /// <summary>The values of this column for every row, as a typed array (nulls allowed).</summary>
        public NpgsqlParameter Parameter(IReadOnlyList<object> rows)
        {
            var values = Array.CreateInstance(_elementType, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                values.SetValue(_read(rows[i]), i);
            }

            return new NpgsqlParameter { Value = values, DataTypeName = ArrayType };
        }

        private static string BaseType(string storeType)
        {
            var modifier = storeType.IndexOf('(', StringComparison.Ordinal);
            return modifier < 0 ? storeType : storeType[..modifier].TrimEnd() + storeType[(storeType.IndexOf(')', modifier) + 1)..];
        }
    }

    /// <summary>A complex property (or collection) as EF writes it in its JSON column.</summary>
    internal static string JsonText(IComplexProperty complex, object value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteComplex(writer, complex, value);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteComplex(Utf8JsonWriter writer, IComplexProperty complex, object value)
    {
        if (complex.IsCollection)
        {
            writer.WriteStartArray();
            foreach (var element in (System.Collections.IEnumerable)value)
            {
                WriteObject(writer, complex.ComplexType, element);
            }

            writer.WriteEndArray();
        }
        else
        {
            WriteObject(writer, complex.ComplexType, value);
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, IComplexType type, object? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        foreach (var property in type.GetProperties())
        {
            var json = property.GetJsonValueReaderWriter() ?? property.GetTypeMapping().JsonValueReaderWriter
                ?? throw new NotSupportedException($"{type.DisplayName()}.{property.Name} has no JSON writer.");
            WriteMember(writer, property.GetJsonPropertyName() ?? property.Name, property.GetGetter().GetClrValue(value), item => json.ToJson(writer, item));
        }

        foreach (var nested in type.GetComplexProperties())
        {
            WriteMember(writer, nested.GetJsonPropertyName() ?? nested.Name, nested.GetGetter().GetClrValue(value), item => WriteComplex(writer, nested, item));
        }

        writer.WriteEndObject();
    }

    private static void WriteMember(Utf8JsonWriter writer, string name, object? value, Action<object> write)
    {
        writer.WritePropertyName(name);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            write(value);
        }
    }
}
