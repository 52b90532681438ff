using Hotline.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>Analysis reports (分析专报, issue 17): a saved report's period, scope, title and each section's edited text.</summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0064_AnalysisReports")]
public sealed class M0064AnalysisReports : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "analysis_reports",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                title = table.Column<string>(maxLength: Limits.ShortText, nullable: false),
                period_from = table.Column<DateOnly>(nullable: false),
                period_to = table.Column<DateOnly>(nullable: false),
                scope_unit_id = table.Column<long>(nullable: true),
                scope_path = table.Column<string>(maxLength: 400, nullable: false),
                scope_name = table.Column<string>(maxLength: 100, nullable: false),
                volume_text = table.Column<string>(maxLength: Limits.LongText, nullable: false),
                categories_text = table.Column<string>(maxLength: Limits.LongText, nullable: false),
                regions_text = table.Column<string>(maxLength: Limits.LongText, nullable: false),
                hot_spots_text = table.Column<string>(maxLength: Limits.LongText, nullable: false),
                rates_text = table.Column<string>(maxLength: Limits.LongText, nullable: false),
                rankings_text = table.Column<string>(maxLength: Limits.LongText, nullable: false),
                interviews_text = table.Column<string>(maxLength: Limits.LongText, nullable: false),
                created_at_utc = table.Column<DateTime>(nullable: false),
                created_by_name = table.Column<string>(maxLength: Limits.Name, nullable: false),
                saved_at_utc = table.Column<DateTime>(nullable: false),
                saved_by_name = table.Column<string>(maxLength: Limits.Name, nullable: false),
                version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_analysis_reports", x => x.id);
                table.ForeignKey("fk_analysis_reports_units_scope_unit_id", x => x.scope_unit_id, "units", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_analysis_reports_scope_unit_id", "analysis_reports", "scope_unit_id");
        migrationBuilder.CreateIndex("ix_analysis_reports_scope_path", "analysis_reports", "scope_path").Annotation("Npgsql:IndexOperators", MigrationExtensions.TextPatternOps);
        migrationBuilder.CreateIndex("ix_analysis_reports_saved_at_utc", "analysis_reports", "saved_at_utc");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("analysis_reports");
}
