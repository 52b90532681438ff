using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>Work orders with their timeline and co-units; categories, the dispatch catalogue, deadline rules, number counters.</summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0002_WorkOrders")]
public sealed class M0002WorkOrders : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var json = migrationBuilder.JsonType();
        if (migrationBuilder.IsPostgres())
        {
            migrationBuilder.CreateSequence(HotlineDbContext.WorkOrderIdSequence, incrementBy: HotlineDbContext.WorkOrderIdBlock);
        }

        migrationBuilder.CreateTable(
            name: "work_orders",
            columns: table => new
            {
                id = migrationBuilder.IsPostgres() ? table.Column<long>(nullable: false) : table.Column<long>(nullable: false).Identity(),
                number = table.Column<string>(maxLength: 32, nullable: false),
                channel = table.Column<string>(maxLength: 32, nullable: false),
                request_type = table.Column<string>(maxLength: 32, nullable: false),
                category_code = table.Column<string>(maxLength: 12, nullable: false),
                urgency = table.Column<string>(maxLength: 32, nullable: false),
                caller_name = table.Column<string>(maxLength: 50, nullable: true),
                caller_phone = table.Column<string>(maxLength: 30, nullable: true),
                caller_is_anonymous = table.Column<bool>(nullable: false),
                caller_is_confidential = table.Column<bool>(nullable: false),
                region_code = table.Column<string>(maxLength: 12, nullable: true),
                street = table.Column<string>(maxLength: 100, nullable: true),
                address = table.Column<string>(maxLength: 200, nullable: true),
                latitude = table.Column<double>(nullable: true),
                longitude = table.Column<double>(nullable: true),
                subject = table.Column<string>(maxLength: 200, nullable: false),
                events = table.Column<string>(maxLength: 4000, nullable: false),
                demand = table.Column<string>(maxLength: 2000, nullable: false),
                suggested_handling = table.Column<string>(maxLength: 2000, nullable: true),
                party_involved = table.Column<string>(maxLength: 200, nullable: true),
                recording_id = table.Column<string>(maxLength: 100, nullable: true),
                provincial_reference = table.Column<string>(maxLength: 64, nullable: true),
                attachments = table.Column<string>(type: json, nullable: false),
                status = table.Column<string>(maxLength: 32, nullable: false),
                close_reason = table.Column<string>(maxLength: 32, nullable: true),
                registered_by_user_id = table.Column<long>(nullable: false),
                registered_by_name = table.Column<string>(maxLength: 50, nullable: false),
                registered_at_utc = table.Column<DateTime>(nullable: false),
                resolution = table.Column<string>(type: json, nullable: true),
                last_send_back = table.Column<string>(type: json, nullable: true),
                lead_unit_id = table.Column<long>(nullable: true),
                lead_unit_path = table.Column<string>(maxLength: 400, nullable: true),
                lead_unit_name = table.Column<string>(maxLength: 100, nullable: true),
                dispatched_at_utc = table.Column<DateTime>(nullable: true),
                signed_at_utc = table.Column<DateTime>(nullable: true),
                dispatch_due_utc = table.Column<DateTime>(nullable: true),
                return_due_utc = table.Column<DateTime>(nullable: true),
                handling_due_utc = table.Column<DateTime>(nullable: true),
                warn_at_utc = table.Column<DateTime>(nullable: true),
                red_at_utc = table.Column<DateTime>(nullable: true),
                first_response_due_utc = table.Column<DateTime>(nullable: true),
                first_responded_at_utc = table.Column<DateTime>(nullable: true),
                callback_due_utc = table.Column<DateTime>(nullable: true),
                deadline_provisional = table.Column<bool>(nullable: false),
                light = table.Column<string>(maxLength: 32, nullable: false),
                next_clock_check_utc = table.Column<DateTime>(nullable: true),
                first_response_reminded = table.Column<bool>(nullable: false),
                dispatch_count = table.Column<int>(nullable: false),
                return_count = table.Column<int>(nullable: false),
                redo_count = table.Column<int>(nullable: false),
                extension_count = table.Column<int>(nullable: false),
                reminder_count = table.Column<int>(nullable: false),
                returned_late = table.Column<bool>(nullable: false),
                replied_late = table.Column<bool>(nullable: false),
                returns = table.Column<string>(type: json, nullable: false),
                extensions = table.Column<string>(type: json, nullable: false),
                progress_reports = table.Column<string>(type: json, nullable: false),
                co_replies = table.Column<string>(type: json, nullable: false),
                replies = table.Column<string>(type: json, nullable: false),
                callbacks = table.Column<string>(type: json, nullable: false),
                reminders = table.Column<string>(type: json, nullable: false),
                callback_unsatisfied = table.Column<bool>(nullable: false),
                callback_unreachable = table.Column<bool>(nullable: false),
                repeat_of_id = table.Column<long>(nullable: true),
                is_repeat_after_closure = table.Column<bool>(nullable: false),
                merged_into_id = table.Column<long>(nullable: true),
                closed_at_utc = table.Column<DateTime>(nullable: true),
                archived_at_utc = table.Column<DateTime>(nullable: true),
                version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_work_orders", x => x.id));
        migrationBuilder.CreateIndex("ix_work_orders_number", "work_orders", "number", unique: true);
        migrationBuilder.CreateIndex("ix_work_orders_status_dispatch_due_utc", "work_orders", ["status", "dispatch_due_utc"]);
        migrationBuilder.CreateIndex("ix_work_orders_status_callback_due_utc", "work_orders", ["status", "callback_due_utc"]);
        migrationBuilder.CreateIndex("ix_work_orders_lead_unit_path", "work_orders", "lead_unit_path").Annotation("Npgsql:IndexOperators", MigrationExtensions.TextPatternOps);
        migrationBuilder.CreateIndex("ix_work_orders_next_clock_check_utc", "work_orders", "next_clock_check_utc");
        migrationBuilder.CreateIndex("ix_work_orders_handling_due_utc", "work_orders", "handling_due_utc");
        migrationBuilder.CreateIndex("ix_work_orders_registered_at_utc", "work_orders", "registered_at_utc");
        migrationBuilder.CreateIndex("ix_work_orders_caller_phone", "work_orders", "caller_phone");
        migrationBuilder.CreateIndex("ix_work_orders_region_code", "work_orders", "region_code").Annotation("Npgsql:IndexOperators", MigrationExtensions.TextPatternOps);

        migrationBuilder.CreateTable(
            name: "work_order_co_units",
            columns: table => new
            {
                work_order_id = table.Column<long>(nullable: false),
                unit_id = table.Column<long>(nullable: false),
                unit_path = table.Column<string>(maxLength: 400, nullable: false),
                unit_name = table.Column<string>(maxLength: 100, nullable: false),
                has_replied = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_work_order_co_units", x => new { x.work_order_id, x.unit_id });
                table.ForeignKey("fk_work_order_co_units_work_orders_work_order_id", x => x.work_order_id, "work_orders", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_work_order_co_units_unit_path", "work_order_co_units", "unit_path").Annotation("Npgsql:IndexOperators", MigrationExtensions.TextPatternOps);

        migrationBuilder.CreateTable(
            name: "work_order_events",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                work_order_id = table.Column<long>(nullable: false),
                at_utc = table.Column<DateTime>(nullable: false),
                action = table.Column<string>(maxLength: 32, nullable: false),
                actor_user_id = table.Column<long>(nullable: true),
                actor_name = table.Column<string>(maxLength: 50, nullable: false),
                actor_roles = table.Column<string>(maxLength: 200, nullable: false),
                actor_unit_id = table.Column<long>(nullable: true),
                actor_unit_name = table.Column<string>(maxLength: 100, nullable: false),
                reason = table.Column<string>(maxLength: 4000, nullable: true),
                from_status = table.Column<string>(maxLength: 32, nullable: true),
                to_status = table.Column<string>(maxLength: 32, nullable: true),
                details = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_work_order_events", x => x.id);
                table.ForeignKey("fk_work_order_events_work_orders_work_order_id", x => x.work_order_id, "work_orders", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_work_order_events_work_order_id_id", "work_order_events", ["work_order_id", "id"]);
        migrationBuilder.CreateIndex("ix_work_order_events_action_at_utc", "work_order_events", ["action", "at_utc"]);

        migrationBuilder.CreateTable(
            name: "categories",
            columns: table => new
            {
                code = table.Column<string>(maxLength: 12, nullable: false),
                name = table.Column<string>(maxLength: 50, nullable: false),
                parent_code = table.Column<string>(maxLength: 12, nullable: true),
                level = table.Column<int>(nullable: false),
                is_active = table.Column<bool>(nullable: false),
                version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_categories", x => x.code));
        migrationBuilder.CreateIndex("ix_categories_parent_code", "categories", "parent_code");

        migrationBuilder.CreateTable(
            name: "dispatch_catalogue_entries",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                category_code = table.Column<string>(maxLength: 12, nullable: false),
                region_code = table.Column<string>(maxLength: 12, nullable: true),
                unit_id = table.Column<long>(nullable: false),
                note = table.Column<string>(maxLength: 200, nullable: true),
                version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_dispatch_catalogue_entries", x => x.id);
                table.ForeignKey("fk_dispatch_catalogue_entries_units_unit_id", x => x.unit_id, "units", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_dispatch_catalogue_entries_category_code_region_code", "dispatch_catalogue_entries", ["category_code", "region_code"]);
        migrationBuilder.CreateIndex("ix_dispatch_catalogue_entries_unit_id", "dispatch_catalogue_entries", "unit_id");

        migrationBuilder.CreateTable(
            name: "deadline_rules",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                request_type = table.Column<string>(maxLength: 32, nullable: true),
                category_code = table.Column<string>(maxLength: 12, nullable: true),
                urgency = table.Column<string>(maxLength: 32, nullable: true),
                handling_working_days = table.Column<int>(nullable: false),
                callback_working_days = table.Column<int>(nullable: false),
                version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_deadline_rules", x => x.id));

        migrationBuilder.CreateTable(
            name: "work_order_counters",
            columns: table => new
            {
                day = table.Column<string>(maxLength: 8, nullable: false),
                next_value = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_work_order_counters", x => x.day));
    }
}
