using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Declared text limits (issue 13, defect 2): the one request column that had none, a knowledge article's body, becomes
/// varchar(20000) on PostgreSQL (the domain refused longer bodies already, so no row is cut). SQLite keeps TEXT: it does
/// not enforce a length, and the check before every save holds both databases to the model's limits.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0047_DeclaredTextLimits")]
public sealed class M0047DeclaredTextLimits : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsPostgres())
        {
            migrationBuilder.Sql("ALTER TABLE knowledge_articles ALTER COLUMN body TYPE character varying(20000);");
        }
    }
}
