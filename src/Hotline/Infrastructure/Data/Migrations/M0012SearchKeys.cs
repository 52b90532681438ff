using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Search keys beside the terms (Infrastructure/Search/IndexKeys): who may find a document, its tags, its time buckets;
/// and the queue of sources to (re)index, which <c>SearchReindexJob</c> works off at start-up. Work orders written before
/// this version were never indexed, and knowledge documents lack the new keys: both are queued here.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0012_SearchKeys")]
public sealed class M0012SearchKeys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsPostgres())
        {
            // Documents that every member of staff may find get the "everyone" key at once, so unit staff keep finding
            // knowledge while the queue is worked off.
            migrationBuilder.Sql("""
                ALTER TABLE search_documents ADD COLUMN scope_keys text NOT NULL DEFAULT '', ADD COLUMN tags text NOT NULL DEFAULT '';
                UPDATE search_documents SET scope_keys = ' / ', terms = terms || array_to_tsvector('{/}'::text[]) WHERE visibility <> 'scope';
                CREATE TABLE search_reindex (source varchar(32) PRIMARY KEY, after_id bigint NOT NULL);
                """);
        }
        else
        {
            migrationBuilder.Sql("""
                ALTER TABLE search_documents ADD COLUMN scope_keys TEXT NOT NULL DEFAULT '';
                ALTER TABLE search_documents ADD COLUMN tags TEXT NOT NULL DEFAULT '';
                UPDATE search_documents SET scope_keys = ' / ' WHERE visibility <> 'scope';
                CREATE TABLE search_reindex (source TEXT NOT NULL PRIMARY KEY, after_id INTEGER NOT NULL);
                """);
        }

        migrationBuilder.Sql("INSERT INTO search_reindex (source, after_id) VALUES ('work_orders', 0), ('knowledge', 0);");
    }
}
