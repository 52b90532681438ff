using System.Linq.Expressions;
using Hotline.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Infrastructure.Data;

/// <summary>
/// A unit's path and name copied onto another row (an order's lead unit, a co-unit, a warning's unit): the unit's own
/// widths, and the path indexed for subtree queries (a prefix match, hence <c>text_pattern_ops</c> on PostgreSQL).
/// </summary>
public static class UnitReferenceMapping
{
    public static void HasUnitReference<T>(this EntityTypeBuilder<T> builder, Expression<Func<T, string?>> path, Expression<Func<T, string?>> name)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(path);
        builder.Property(path).HasMaxLength(Unit.MaxPathLength);
        builder.Property(name).HasMaxLength(Unit.MaxNameLength);
        builder.HasIndex(((MemberExpression)path.Body).Member.Name).HasOperators("text_pattern_ops");
    }
}
