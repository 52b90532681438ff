using System.Collections;
using System.Collections.Concurrent;
using System.Text.Json;
using Hotline.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Hotline.Infrastructure.Data;

/// <summary>
/// The last line of the declared text limits (issue 13, defect 2): before every save, on both databases, any string
/// that would be written longer than its mapped <c>HasMaxLength</c> (a column, a value converted to text, a property of
/// a JSON column) refuses the whole save with the same field-named 400 as the request check. So PostgreSQL never
/// answers 22001 (a 500) and SQLite, which does not enforce a column's length, never stores more than PostgreSQL would.
/// </summary>
internal static class TextLimitGuard
{
    /// <summary>The properties of each entity type that have a declared length (most have none), found once.</summary>
    private static readonly ConcurrentDictionary<IEntityType, IProperty[]> Limited = new();

    public static void Check(ChangeTracker tracker)
    {
        Validation? validation = null;
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            var added = entry.State == EntityState.Added;
            foreach (var property in Limited.GetOrAdd(entry.Metadata, t => [.. t.GetProperties().Where(p => p.GetMaxLength() is not null)]))
            {
                if (added || entry.Property(property).IsModified)
                {
                    CheckValue(property, entry.CurrentValues[property], null, ref validation);
                }
            }

            foreach (var complex in entry.Metadata.GetComplexProperties())
            {
                CheckComplex(complex, Read(complex, entry.Entity), Field(complex.Name), ref validation);
            }
        }

        validation?.ThrowIfInvalid();
    }

    private static void CheckComplex(IComplexProperty complex, object? value, string field, ref Validation? validation)
    {
        if (value is null)
        {
            return;
        }

        if (complex.IsCollection)
        {
            var index = 0;
            foreach (var item in (IEnumerable)value)
            {
                CheckComplexValue(complex.ComplexType, item, $"{field}[{index++}]", ref validation);
            }
        }
        else
        {
            CheckComplexValue(complex.ComplexType, value, field, ref validation);
        }
    }

    private static void CheckComplexValue(IComplexType type, object? value, string field, ref Validation? validation)
    {
        if (value is null)
        {
            return;
        }

        foreach (var property in type.GetProperties())
        {
            CheckValue(property, Read(property, value), field, ref validation);
        }

        foreach (var nested in type.GetComplexProperties())
        {
            CheckComplex(nested, Read(nested, value), field + "." + Field(nested.Name), ref validation);
        }
    }

    /// <summary>One value against its property's limit; the field's name (under <paramref name="owner"/>, the path of a complex value) is spelled only when it is over.</summary>
    private static void CheckValue(IProperty property, object? value, string? owner, ref Validation? validation)
    {
        if (value is null || property.GetMaxLength() is not { } max)
        {
            return;
        }

        var text = value as string ?? (property.GetTypeMapping().Converter is { ProviderClrType: var provider } converter && provider == typeof(string)
            ? converter.ConvertToProvider(value) as string
            : null);
        if (text is not null && text.Length > max)
        {
            var field = owner is null ? Field(property.Name) : owner + "." + Field(property.Name);
            (validation ??= new()).Add(field, $"At most {max} characters.");
        }
    }

    private static object? Read(IPropertyBase property, object owner) =>
        property.PropertyInfo is { } info && info.DeclaringType!.IsInstanceOfType(owner) ? info.GetValue(owner)
        : property.FieldInfo is { } field && field.DeclaringType!.IsInstanceOfType(owner) ? field.GetValue(owner)
        : null;

    private static string Field(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);
}
