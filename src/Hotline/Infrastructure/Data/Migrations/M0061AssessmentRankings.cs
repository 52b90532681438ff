using Hotline.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Issue 17, rankings and what follows from them: the settings versioned by the month they take effect (minimum sample,
/// service targets), the closed months' stored rankings, the interview list (约谈), the qualitative scores, and the monthly
/// circulations of results.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0061_AssessmentRankings")]
public sealed class M0061AssessmentRankings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "assessment_settings",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                key = table.Column<string>(maxLength: 32, nullable: false),
                effective_from = table.Column<DateOnly>(nullable: false),
                value = table.Column<decimal>(precision: 9, scale: 2, nullable: false),
                set_at_utc = table.Column<DateTime>(nullable: false),
                set_by_name = table.Column<string>(maxLength: Limits.Name, nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_assessment_settings", x => x.id));
        migrationBuilder.CreateIndex("ix_assessment_settings_key_effective_from", "assessment_settings", ["key", "effective_from"]);

        migrationBuilder.CreateTable(
            name: "assessment_ranking_snapshots",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                month = table.Column<string>(maxLength: 7, nullable: false),
                unit_id = table.Column<long>(nullable: false),
                unit_code = table.Column<string>(maxLength: Limits.UnitCode, nullable: false),
                unit_name = table.Column<string>(maxLength: 100, nullable: false),
                unit_path = table.Column<string>(maxLength: 400, nullable: false),
                group_kind = table.Column<string>(maxLength: 32, nullable: false),
                group_key = table.Column<string>(maxLength: 440, nullable: false),
                county_name = table.Column<string>(maxLength: 100, nullable: true),
                assessed_orders = table.Column<long>(nullable: false),
                composite = table.Column<decimal>(precision: 9, scale: 2, nullable: true),
                rank = table.Column<int>(nullable: true),
                rank_from_bottom = table.Column<int>(nullable: true),
                too_few_to_rank = table.Column<bool>(nullable: false),
                in_bottom_three = table.Column<bool>(nullable: false),
                minimum_orders = table.Column<int>(nullable: false),
                computed_at_utc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_assessment_ranking_snapshots", x => x.id);
                table.ForeignKey("fk_assessment_ranking_snapshots_units_unit_id", x => x.unit_id, "units", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_assessment_ranking_snapshots_month_unit_id", "assessment_ranking_snapshots", ["month", "unit_id"], unique: true);
        migrationBuilder.CreateIndex("ix_assessment_ranking_snapshots_unit_id", "assessment_ranking_snapshots", "unit_id");
        migrationBuilder.CreateIndex("ix_assessment_ranking_snapshots_unit_path", "assessment_ranking_snapshots", "unit_path").Annotation("Npgsql:IndexOperators", MigrationExtensions.TextPatternOps);

        migrationBuilder.CreateTable(
            name: "assessment_interviews",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                unit_id = table.Column<long>(nullable: false),
                unit_name = table.Column<string>(maxLength: 100, nullable: false),
                unit_path = table.Column<string>(maxLength: 400, nullable: false),
                month = table.Column<string>(maxLength: 7, nullable: false),
                reason = table.Column<string>(maxLength: 32, nullable: false),
                basis = table.Column<string>(maxLength: Limits.MediumText, nullable: false),
                state = table.Column<string>(maxLength: 32, nullable: false),
                proposed_at_utc = table.Column<DateTime>(nullable: false),
                decided_at_utc = table.Column<DateTime>(nullable: true),
                decided_by_name = table.Column<string>(maxLength: Limits.Name, nullable: true),
                dismiss_reason = table.Column<string>(maxLength: Limits.Reason, nullable: true),
                interview_date = table.Column<DateOnly>(nullable: true),
                interviewer = table.Column<string>(maxLength: Limits.Name, nullable: true),
                unit_head = table.Column<string>(maxLength: Limits.Name, nullable: true),
                outcome = table.Column<string>(maxLength: Limits.MediumText, nullable: true),
                recorded_at_utc = table.Column<DateTime>(nullable: true),
                recorded_by_name = table.Column<string>(maxLength: Limits.Name, nullable: true),
                version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_assessment_interviews", x => x.id);
                table.ForeignKey("fk_assessment_interviews_units_unit_id", x => x.unit_id, "units", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_assessment_interviews_unit_id_month_reason", "assessment_interviews", ["unit_id", "month", "reason"], unique: true);
        migrationBuilder.CreateIndex("ix_assessment_interviews_month", "assessment_interviews", "month");
        migrationBuilder.CreateIndex("ix_assessment_interviews_unit_path", "assessment_interviews", "unit_path").Annotation("Npgsql:IndexOperators", MigrationExtensions.TextPatternOps);

        migrationBuilder.CreateTable(
            name: "assessment_qualitative_scores",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                unit_id = table.Column<long>(nullable: false),
                unit_name = table.Column<string>(maxLength: 100, nullable: false),
                unit_path = table.Column<string>(maxLength: 400, nullable: false),
                month = table.Column<string>(maxLength: 7, nullable: false),
                item = table.Column<string>(maxLength: 32, nullable: false),
                points = table.Column<decimal>(precision: 9, scale: 2, nullable: false),
                reason = table.Column<string>(maxLength: Limits.Reason, nullable: false),
                scored_at_utc = table.Column<DateTime>(nullable: false),
                scored_by_name = table.Column<string>(maxLength: Limits.Name, nullable: false),
                version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_assessment_qualitative_scores", x => x.id);
                table.ForeignKey("fk_assessment_qualitative_scores_units_unit_id", x => x.unit_id, "units", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_assessment_qualitative_scores_unit_id_month_item", "assessment_qualitative_scores", ["unit_id", "month", "item"], unique: true);
        migrationBuilder.CreateIndex("ix_assessment_qualitative_scores_month", "assessment_qualitative_scores", "month");
        migrationBuilder.CreateIndex("ix_assessment_qualitative_scores_unit_path", "assessment_qualitative_scores", "unit_path").Annotation("Npgsql:IndexOperators", MigrationExtensions.TextPatternOps);

        migrationBuilder.CreateTable(
            name: "assessment_circulations",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                month = table.Column<string>(maxLength: 7, nullable: false),
                circulated_at_utc = table.Column<DateTime>(nullable: false),
                circulated_by_name = table.Column<string>(maxLength: Limits.Name, nullable: false),
                rows = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_assessment_circulations", x => x.id));
        migrationBuilder.CreateIndex("ix_assessment_circulations_month", "assessment_circulations", "month", unique: true);
    }
}
