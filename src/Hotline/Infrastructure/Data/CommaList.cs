using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Infrastructure.Data;

/// <summary>Lists of codes and key words are stored comma-separated: short, readable in SQL, the same on both databases.</summary>
internal static class CommaList
{
    public static readonly ValueComparer<List<string>> Comparer = new(
        (a, b) => a!.SequenceEqual(b!),
        v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))),
        v => v.ToList());

    public static PropertyBuilder<List<string>> AsCommaList(this PropertyBuilder<List<string>> property, int maxLength) => property
        .HasConversion(v => string.Join(',', v), v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(), Comparer)
        .HasMaxLength(maxLength);
}
