using Hotline.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Correction and accountability (issue 16): corrections (整改) with their accountability circulars and their own timeline,
/// misconduct records, and the parent units' monthly circulars (通报).
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0058_SupervisionCorrections")]
public sealed class M0058SupervisionCorrections : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "supervision_corrections",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                unit_id = table.Column<long>(nullable: false),
                unit_name = table.Column<string>(maxLength: 100, nullable: false),
                unit_path = table.Column<string>(maxLength: 400, nullable: false),
                notice_id = table.Column<long>(nullable: true),
                order_numbers = table.Column<string>(nullable: false),
                suggestions = table.Column<string>(maxLength: Limits.MediumText, nullable: false),
                deadline_working_days = table.Column<int>(nullable: false),
                state = table.Column<string>(maxLength: 32, nullable: false),
                issued_at_utc = table.Column<DateTime>(nullable: false),
                due_at_utc = table.Column<DateTime>(nullable: false),
                issued_by_user_id = table.Column<long>(nullable: false),
                issued_by_name = table.Column<string>(maxLength: Limits.Name, nullable: false),
                accepted_at_utc = table.Column<DateTime>(nullable: true),
                accepted_by_name = table.Column<string>(maxLength: Limits.Name, nullable: true),
                report = table.Column<string>(maxLength: Limits.LongText, nullable: true),
                evidence = table.Column<string>(maxLength: Limits.LongText, nullable: true),
                reported_at_utc = table.Column<DateTime>(nullable: true),
                reported_by_name = table.Column<string>(maxLength: Limits.Name, nullable: true),
                reported_late = table.Column<bool>(nullable: false),
                refusal_reason = table.Column<string>(maxLength: Limits.Reason, nullable: true),
                refused_at_utc = table.Column<DateTime>(nullable: true),
                check_note = table.Column<string>(maxLength: Limits.Reason, nullable: true),
                checked_at_utc = table.Column<DateTime>(nullable: true),
                checked_by_name = table.Column<string>(maxLength: Limits.Name, nullable: true),
                circular_facts = table.Column<string>(maxLength: Limits.MediumText, nullable: true),
                circular_text = table.Column<string>(maxLength: Limits.LongText, nullable: true),
                circular_issued_at_utc = table.Column<DateTime>(nullable: true),
                circular_issued_by_name = table.Column<string>(maxLength: Limits.Name, nullable: true),
                closed_at_utc = table.Column<DateTime>(nullable: true),
                version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_supervision_corrections", x => x.id);
                table.ForeignKey("fk_supervision_corrections_units_unit_id", x => x.unit_id, "units", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_supervision_corrections_unit_id", "supervision_corrections", "unit_id");
        migrationBuilder.CreateIndex("ix_supervision_corrections_unit_path", "supervision_corrections", "unit_path").Annotation("Npgsql:IndexOperators", MigrationExtensions.TextPatternOps);
        migrationBuilder.CreateIndex("ix_supervision_corrections_issued_at_utc", "supervision_corrections", "issued_at_utc");
        migrationBuilder.CreateIndex("ix_supervision_corrections_circular_issued_at_utc", "supervision_corrections", "circular_issued_at_utc");
        migrationBuilder.CreateIndex("ix_supervision_corrections_notice_id", "supervision_corrections", "notice_id");

        migrationBuilder.CreateTable(
            name: "supervision_correction_events",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                correction_id = table.Column<long>(nullable: false),
                at_utc = table.Column<DateTime>(nullable: false),
                action = table.Column<string>(maxLength: 32, nullable: false),
                actor_user_id = table.Column<long>(nullable: true),
                actor_name = table.Column<string>(maxLength: Limits.Name, nullable: false),
                actor_unit_name = table.Column<string>(maxLength: Limits.LongName, nullable: false),
                text = table.Column<string>(maxLength: Limits.LongText, nullable: true),
                details = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_supervision_correction_events", x => x.id);
                table.ForeignKey("fk_supervision_correction_events_supervision_corrections_corre~", x => x.correction_id, "supervision_corrections", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_supervision_correction_events_correction_id_id", "supervision_correction_events", ["correction_id", "id"]);

        migrationBuilder.CreateTable(
            name: "supervision_misconduct_records",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                unit_id = table.Column<long>(nullable: false),
                unit_name = table.Column<string>(maxLength: 100, nullable: false),
                unit_path = table.Column<string>(maxLength: 400, nullable: false),
                staff_name = table.Column<string>(maxLength: Limits.Name, nullable: true),
                code = table.Column<string>(maxLength: 32, nullable: false),
                sanction = table.Column<string>(maxLength: 32, nullable: false),
                facts = table.Column<string>(maxLength: Limits.MediumText, nullable: false),
                notice_id = table.Column<long>(nullable: true),
                correction_id = table.Column<long>(nullable: true),
                work_order_number = table.Column<string>(maxLength: 32, nullable: true),
                recorded_at_utc = table.Column<DateTime>(nullable: false),
                recorded_by_user_id = table.Column<long>(nullable: false),
                recorded_by_name = table.Column<string>(maxLength: Limits.Name, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_supervision_misconduct_records", x => x.id);
                table.ForeignKey("fk_supervision_misconduct_records_units_unit_id", x => x.unit_id, "units", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_supervision_misconduct_records_unit_id", "supervision_misconduct_records", "unit_id");
        migrationBuilder.CreateIndex("ix_supervision_misconduct_records_unit_path", "supervision_misconduct_records", "unit_path").Annotation("Npgsql:IndexOperators", MigrationExtensions.TextPatternOps);
        migrationBuilder.CreateIndex("ix_supervision_misconduct_records_recorded_at_utc", "supervision_misconduct_records", "recorded_at_utc");

        migrationBuilder.CreateTable(
            name: "supervision_circulars",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                unit_id = table.Column<long>(nullable: false),
                unit_name = table.Column<string>(maxLength: 100, nullable: false),
                unit_path = table.Column<string>(maxLength: 400, nullable: false),
                period = table.Column<string>(maxLength: 7, nullable: false),
                period_start_utc = table.Column<DateTime>(nullable: false),
                period_end_utc = table.Column<DateTime>(nullable: false),
                generated_at_utc = table.Column<DateTime>(nullable: false),
                generated_by_name = table.Column<string>(maxLength: Limits.Name, nullable: false),
                rows = table.Column<string>(nullable: false),
                version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_supervision_circulars", x => x.id);
                table.ForeignKey("fk_supervision_circulars_units_unit_id", x => x.unit_id, "units", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_supervision_circulars_unit_id_period", "supervision_circulars", ["unit_id", "period"], unique: true);
        migrationBuilder.CreateIndex("ix_supervision_circulars_period", "supervision_circulars", "period");
        migrationBuilder.CreateIndex("ix_supervision_circulars_unit_path", "supervision_circulars", "unit_path").Annotation("Npgsql:IndexOperators", MigrationExtensions.TextPatternOps);
    }
}
