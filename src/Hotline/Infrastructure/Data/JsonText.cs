using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Infrastructure.Data;

/// <summary>Small lists (labels, terms, order ids, suggestions) are stored as JSON text: the same on both databases.</summary>
internal static class JsonText
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static PropertyBuilder<List<T>> AsJsonText<T>(this PropertyBuilder<List<T>> property) => property.HasConversion(
        v => JsonSerializer.Serialize(v, Options),
        v => JsonSerializer.Deserialize<List<T>>(v, Options) ?? new List<T>(),
        new ValueComparer<List<T>>(
            (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
            v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
            v => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(v, Options), Options)!));

    /// <summary>Facts by name (a timeline entry's details, a notification's facts) as one JSON object.</summary>
    public static PropertyBuilder<Dictionary<string, string?>> AsJsonText(this PropertyBuilder<Dictionary<string, string?>> property) => property.HasConversion(
        v => JsonSerializer.Serialize(v, Options),
        v => JsonSerializer.Deserialize<Dictionary<string, string?>>(v, Options) ?? new Dictionary<string, string?>(),
        new ValueComparer<Dictionary<string, string?>>((a, b) => a!.Count == b!.Count && !a.Except(b).Any(), v => v.Count, v => new Dictionary<string, string?>(v)));
}
