using Hotline.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Workbench notifications (issue 15: "notified in the workbench at once", "the yellow light tells the unit"), made from
/// the timeline by a follower whose cursor starts at the timeline's end: history is not notified again.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0050_Notifications")]
public sealed class M0050Notifications : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "notifications",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                kind = table.Column<string>(maxLength: 32, nullable: false),
                recipient_user_id = table.Column<long>(nullable: true),
                recipient_role = table.Column<string>(maxLength: 32, nullable: true),
                recipient_unit_id = table.Column<long>(nullable: true),
                work_order_id = table.Column<long>(nullable: true),
                work_order_number = table.Column<string>(maxLength: Limits.Reference, nullable: true),
                facts = table.Column<string>(maxLength: Limits.LongText, nullable: false),
                created_at_utc = table.Column<DateTime>(nullable: false),
                source_event_id = table.Column<long>(nullable: true),
                escalation_level = table.Column<int>(nullable: false),
                escalate_at_utc = table.Column<DateTime>(nullable: true),
                escalated_at_utc = table.Column<DateTime>(nullable: true),
                acknowledged_at_utc = table.Column<DateTime>(nullable: true),
                acknowledged_by_user_id = table.Column<long>(nullable: true),
                acknowledged_by_name = table.Column<string>(maxLength: Limits.LongName, nullable: true),
                version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_notifications", x => x.id));
        migrationBuilder.CreateIndex("ix_notifications_recipient_user_id", "notifications", "recipient_user_id");
        migrationBuilder.CreateIndex("ix_notifications_recipient_unit_id_created_at_utc", "notifications", ["recipient_unit_id", "created_at_utc"]);
        migrationBuilder.CreateIndex("ix_notifications_recipient_role_created_at_utc", "notifications", ["recipient_role", "created_at_utc"]);
        migrationBuilder.CreateIndex("ix_notifications_escalate_at_utc", "notifications", "escalate_at_utc");
        migrationBuilder.CreateIndex("ix_notifications_source_event_id", "notifications", "source_event_id");
        migrationBuilder.Sql("INSERT INTO timeline_cursors (name, position) SELECT 'notifications', COALESCE(MAX(id), 0) FROM work_order_events");
    }
}
