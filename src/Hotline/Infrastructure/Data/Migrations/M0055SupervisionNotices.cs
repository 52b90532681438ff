using Hotline.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>Supervision notices (督办单, issue 16): the notice with its public listing, the orders it is about, its own timeline.</summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0055_SupervisionNotices")]
public sealed class M0055SupervisionNotices : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "supervision_notices",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                number = table.Column<string>(maxLength: 32, nullable: false),
                trigger = table.Column<string>(maxLength: 32, nullable: false),
                reason = table.Column<string>(maxLength: Limits.MediumText, nullable: false),
                demand = table.Column<string>(maxLength: Limits.MediumText, nullable: false),
                method = table.Column<string>(maxLength: 32, nullable: false),
                deadline_working_days = table.Column<int>(nullable: false),
                state = table.Column<string>(maxLength: 32, nullable: false),
                unit_id = table.Column<long>(nullable: false),
                unit_name = table.Column<string>(maxLength: 100, nullable: false),
                unit_path = table.Column<string>(maxLength: 400, nullable: false),
                opened_by_user_id = table.Column<long>(nullable: false),
                opened_by_name = table.Column<string>(maxLength: Limits.Name, nullable: false),
                opener_scope_path = table.Column<string>(maxLength: 400, nullable: false),
                difficult_issue_id = table.Column<long>(nullable: true),
                issued_at_utc = table.Column<DateTime>(nullable: false),
                due_at_utc = table.Column<DateTime>(nullable: false),
                warn_at_utc = table.Column<DateTime>(nullable: false),
                next_check_utc = table.Column<DateTime>(nullable: true),
                light = table.Column<string>(maxLength: 32, nullable: false),
                reminder_count = table.Column<int>(nullable: false),
                signed_at_utc = table.Column<DateTime>(nullable: true),
                signed_by_name = table.Column<string>(maxLength: Limits.Name, nullable: true),
                measures = table.Column<string>(maxLength: Limits.LongText, nullable: true),
                evidence = table.Column<string>(maxLength: Limits.LongText, nullable: true),
                answered_at_utc = table.Column<DateTime>(nullable: true),
                late_answer_count = table.Column<int>(nullable: false),
                reject_count = table.Column<int>(nullable: false),
                outcome = table.Column<string>(maxLength: Limits.Reason, nullable: true),
                closed_at_utc = table.Column<DateTime>(nullable: true),
                is_listed = table.Column<bool>(nullable: false),
                listed_at_utc = table.Column<DateTime>(nullable: true),
                listing_deadline_utc = table.Column<DateTime>(nullable: true),
                listing_in_media = table.Column<bool>(nullable: false),
                public_matter = table.Column<string>(maxLength: Limits.MediumText, nullable: true),
                delisted_at_utc = table.Column<DateTime>(nullable: true),
                delist_reason = table.Column<string>(maxLength: Limits.Reason, nullable: true),
                version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_supervision_notices", x => x.id);
                table.ForeignKey("fk_supervision_notices_units_unit_id", x => x.unit_id, "units", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_supervision_notices_number", "supervision_notices", "number", unique: true);
        migrationBuilder.CreateIndex("ix_supervision_notices_state_issued_at_utc", "supervision_notices", ["state", "issued_at_utc"]);
        migrationBuilder.CreateIndex("ix_supervision_notices_issued_at_utc", "supervision_notices", "issued_at_utc");
        migrationBuilder.CreateIndex("ix_supervision_notices_next_check_utc", "supervision_notices", "next_check_utc");
        migrationBuilder.CreateIndex("ix_supervision_notices_is_listed", "supervision_notices", "is_listed");
        migrationBuilder.CreateIndex("ix_supervision_notices_unit_id", "supervision_notices", "unit_id");
        migrationBuilder.CreateIndex("ix_supervision_notices_unit_path", "supervision_notices", "unit_path").Annotation("Npgsql:IndexOperators", MigrationExtensions.TextPatternOps);

        migrationBuilder.CreateTable(
            name: "supervision_notice_orders",
            columns: table => new
            {
                notice_id = table.Column<long>(nullable: false),
                work_order_id = table.Column<long>(nullable: false),
                number = table.Column<string>(maxLength: 32, nullable: false),
                subject = table.Column<string>(maxLength: Limits.ShortText, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_supervision_notice_orders", x => new { x.notice_id, x.work_order_id });
                table.ForeignKey("fk_supervision_notice_orders_supervision_notices_notice_id", x => x.notice_id, "supervision_notices", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_supervision_notice_orders_work_order_id", "supervision_notice_orders", "work_order_id");

        migrationBuilder.CreateTable(
            name: "supervision_notice_events",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                notice_id = table.Column<long>(nullable: false),
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
                table.PrimaryKey("pk_supervision_notice_events", x => x.id);
                table.ForeignKey("fk_supervision_notice_events_supervision_notices_notice_id", x => x.notice_id, "supervision_notices", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_supervision_notice_events_notice_id_id", "supervision_notice_events", ["notice_id", "id"]);
    }
}
