using Hotline.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Issue 15, intake (S3) and the callback policy (S6): the party involved's address, the citizen's wish for a callback,
/// the one-go notice (一次性告知), the callback's "the unit should have acted and did not" (应办未办), and the outbox of
/// messages to citizens with its follower's cursor, started at the timeline's end (orders dispatched before are not told).
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0051_IntakeRules")]
public sealed class M0051IntakeRules : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "party_address", table: "work_orders", maxLength: Limits.ShortText, nullable: true);
        migrationBuilder.AddColumn<bool>(name: "citizen_wants_callback", table: "work_orders", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<string>(name: "one_go_notice", table: "work_orders", maxLength: Limits.MediumText, nullable: true);
        migrationBuilder.AddColumn<bool>(name: "callback_unit_failed_to_act", table: "work_orders", nullable: false, defaultValue: false);

        migrationBuilder.CreateTable(
            name: "citizen_messages",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                kind = table.Column<string>(maxLength: 32, nullable: false),
                recipient = table.Column<string>(maxLength: Limits.Phone, nullable: false),
                text = table.Column<string>(maxLength: Limits.Reason, nullable: false),
                work_order_id = table.Column<long>(nullable: true),
                source_event_id = table.Column<long>(nullable: true),
                state = table.Column<string>(maxLength: 16, nullable: false),
                attempts = table.Column<int>(nullable: false),
                created_at_utc = table.Column<DateTime>(nullable: false),
                sent_at_utc = table.Column<DateTime>(nullable: true),
                last_error = table.Column<string>(maxLength: Limits.Reason, nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_citizen_messages", x => x.id));
        migrationBuilder.CreateIndex("ix_citizen_messages_state_id", "citizen_messages", ["state", "id"]);
        migrationBuilder.CreateIndex("ix_citizen_messages_work_order_id", "citizen_messages", "work_order_id");
        migrationBuilder.Sql("INSERT INTO timeline_cursors (name, position) SELECT 'citizen-messages', COALESCE(MAX(id), 0) FROM work_order_events");
    }
}
