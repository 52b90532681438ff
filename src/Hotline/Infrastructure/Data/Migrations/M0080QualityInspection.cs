using Hotline.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Quality inspection (质检, S14): the contacts drawn and scored (<c>quality_inspections</c>, one per timeline entry) and the
/// versioned checklists of each stage (<c>quality_checklists</c>; none stored means the defaults).
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0080_QualityInspection")]
public sealed class M0080QualityInspection : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "quality_inspections",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                work_order_id = table.Column<long>(nullable: false),
                work_order_number = table.Column<string>(maxLength: 32, nullable: false),
                event_id = table.Column<long>(nullable: false),
                stage = table.Column<string>(maxLength: 32, nullable: false),
                agent_user_id = table.Column<long>(nullable: false),
                agent_name = table.Column<string>(maxLength: Limits.Name, nullable: false),
                agent_unit_path = table.Column<string>(maxLength: 400, nullable: false),
                contact_at_utc = table.Column<DateTime>(nullable: false),
                recording_id = table.Column<string>(maxLength: Limits.Reference, nullable: true),
                drawn_at_utc = table.Column<DateTime>(nullable: false),
                drawn_by_name = table.Column<string>(maxLength: Limits.Name, nullable: false),
                state = table.Column<string>(maxLength: 32, nullable: false),
                items = table.Column<string>(nullable: false),
                fatal_error = table.Column<bool>(nullable: false, defaultValue: false),
                fatal_reason = table.Column<string>(maxLength: Limits.Reason, nullable: true),
                score = table.Column<decimal>(precision: 5, scale: 1, nullable: true),
                comment = table.Column<string>(maxLength: Limits.MediumText, nullable: true),
                scored_at_utc = table.Column<DateTime>(nullable: true),
                scored_by_name = table.Column<string>(maxLength: Limits.Name, nullable: true),
                version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_quality_inspections", x => x.id);
                table.ForeignKey("fk_quality_inspections_work_orders_work_order_id", x => x.work_order_id, "work_orders", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_quality_inspections_event_id", "quality_inspections", "event_id", unique: true);
        migrationBuilder.CreateIndex("ix_quality_inspections_agent_user_id_contact_at_utc", "quality_inspections", ["agent_user_id", "contact_at_utc"]);
        migrationBuilder.CreateIndex("ix_quality_inspections_contact_at_utc", "quality_inspections", "contact_at_utc");
        migrationBuilder.CreateIndex("ix_quality_inspections_agent_unit_path", "quality_inspections", "agent_unit_path").Annotation("Npgsql:IndexOperators", MigrationExtensions.TextPatternOps);
        migrationBuilder.CreateIndex("ix_quality_inspections_work_order_id", "quality_inspections", "work_order_id");

        migrationBuilder.CreateTable(
            name: "quality_checklists",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                stage = table.Column<string>(maxLength: 32, nullable: false),
                items = table.Column<string>(nullable: false),
                created_at_utc = table.Column<DateTime>(nullable: false),
                created_by_name = table.Column<string>(maxLength: Limits.Name, nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_quality_checklists", x => x.id));
        migrationBuilder.CreateIndex("ix_quality_checklists_stage_id", "quality_checklists", ["stage", "id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("quality_checklists");
        migrationBuilder.DropTable("quality_inspections");
    }
}
