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

        // The migrations carry no model, so the rows are updated in SQL; the words are the project's own, quoted anyway.
        foreach (var (code, words) in DefaultCategories.Synonyms)
        {
            migrationBuilder.Sql($"UPDATE categories SET synonyms = {Quote(string.Join(',', words))} WHERE code = {Quote(code)} AND name = {Quote(names[code])};");
        }
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
