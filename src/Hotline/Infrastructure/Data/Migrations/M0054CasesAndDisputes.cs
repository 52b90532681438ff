using Hotline.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Issue 15: hard cases (the level deciding, the steps up, the consultations), responsibility disputes decided by the
/// organisation office, matters taken to the government, judged lateness, and the centre's one-voice answer to the citizen.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0054_CasesAndDisputes")]
public sealed class M0054CasesAndDisputes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var json = migrationBuilder.JsonType();
        migrationBuilder.AddColumn<string>(name: "hard_case_level", table: "work_orders", maxLength: 32, nullable: true);
        migrationBuilder.AddColumn<string>(name: "hard_case_steps", table: "work_orders", type: json, nullable: false, defaultValueSql: "'[]'");
        migrationBuilder.AddColumn<string>(name: "consultations", table: "work_orders", type: json, nullable: false, defaultValueSql: "'[]'");
        migrationBuilder.AddColumn<string>(name: "arbitrations", table: "work_orders", type: json, nullable: false, defaultValueSql: "'[]'");
        migrationBuilder.AddColumn<int>(name: "arbitration_count", table: "work_orders", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<string>(name: "coordinations", table: "work_orders", type: json, nullable: false, defaultValueSql: "'[]'");
        migrationBuilder.AddColumn<string>(name: "lateness", table: "work_orders", type: json, nullable: true);
        migrationBuilder.AddColumn<bool>(name: "late_without_good_reason", table: "work_orders", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<string>(name: "citizen_answer", table: "work_orders", maxLength: Limits.LongText, nullable: true);
        if (migrationBuilder.IsPostgres())
        {
            // Existing rows got an empty list; new rows always write theirs, as the model (no default) says.
            migrationBuilder.Sql("ALTER TABLE work_orders ALTER COLUMN hard_case_steps DROP DEFAULT, ALTER COLUMN consultations DROP DEFAULT, "
                + "ALTER COLUMN arbitrations DROP DEFAULT, ALTER COLUMN coordinations DROP DEFAULT");
        }

        migrationBuilder.CreateIndex("ix_work_orders_status_hard_case_level", "work_orders", ["status", "hard_case_level"]);
        migrationBuilder.CreateIndex("ix_work_orders_arbitration_count", "work_orders", "arbitration_count");
    }
}
