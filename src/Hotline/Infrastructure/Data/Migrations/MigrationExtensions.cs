using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>Provider differences that a hand-written migration must spell out; everything else maps from CLR types.</summary>
internal static class MigrationExtensions
{
    /// <summary>PostgreSQL operator class that lets a b-tree index serve LIKE 'prefix%' under any collation (unit-path scopes).</summary>
    public static readonly string[] TextPatternOps = ["text_pattern_ops"];

    public static bool IsPostgres(this MigrationBuilder builder) => builder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static string JsonType(this MigrationBuilder builder) => builder.IsPostgres() ? "jsonb" : "TEXT";

    /// <summary>An auto-generated 64-bit key: identity on PostgreSQL, AUTOINCREMENT on SQLite.</summary>
    public static OperationBuilder<AddColumnOperation> Identity(this OperationBuilder<AddColumnOperation> column) => column
        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn)
        .Annotation("Sqlite:Autoincrement", true);
}
