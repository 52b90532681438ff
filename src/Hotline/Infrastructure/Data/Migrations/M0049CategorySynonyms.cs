using Hotline.Domain;
using Hotline.Domain.Dispatch;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Categories carry synonyms, the common words the intake search finds them by (issue 14, item 4). A platform whose tree
/// was created before gets the default tree's synonyms on the categories that still bear their default name.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0049_CategorySynonyms")]
public sealed class M0049CategorySynonyms : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "synonyms", table: "categories", maxLength: Limits.Synonyms, nullable: false, defaultValueSql: "''");
        var names = DefaultCategories.Tree.ToDictionary(c => c.Code, c => c.Name);
        foreach (var (code, words) in DefaultCategories.Synonyms)
        {
            migrationBuilder.UpdateData(
                table: "categories",
                keyColumns: ["code", "name"],
                keyValues: [code, names[code]],
                columns: ["synonyms"],
                values: [string.Join(',', words)]);
        }
    }
}
