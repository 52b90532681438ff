using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Appeal evidence (issue 18 with issue 17's appeals): an upload may be claimed by an assessment appeal instead of an
/// order, as the evidence its unit files with it.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0071_AppealEvidence")]
public sealed class M0071AppealEvidence : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<long>(name: "appeal_id", table: "uploads", nullable: true);
        migrationBuilder.CreateIndex("ix_uploads_appeal_id", "uploads", "appeal_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("ix_uploads_appeal_id", "uploads");
        migrationBuilder.DropColumn("appeal_id", "uploads");
    }
}
