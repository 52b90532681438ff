using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Smart dispatch (issue 6): stored routing models and their bytes, what was suggested for each dispatched order, hot-spot
/// runs and clusters, early warnings routed to units, and the timeline cursor of the followers that must survive a restart.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0020_SmartDispatch")]
public sealed class M0020SmartDispatch : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "router_models",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                kind = table.Column<string>(maxLength: 32, nullable: false),
                number = table.Column<int>(nullable: false),
                trained_at_utc = table.Column<DateTime>(nullable: false),
                trained_by = table.Column<string>(maxLength: 100, nullable: false),
                training_size = table.Column<int>(nullable: false),
                data_through_utc = table.Column<DateTime>(nullable: true),
                labels = table.Column<string>(nullable: false),
                cv_folds = table.Column<int>(nullable: true),
                cv_examples = table.Column<int>(nullable: true),
                cv_macro_f1 = table.Column<double>(nullable: true),
                cv_accuracy = table.Column<double>(nullable: true),
                cv_top3_accuracy = table.Column<double>(nullable: true),
                settings = table.Column<string>(maxLength: 400, nullable: false),
                training_seconds = table.Column<double>(nullable: false),
                size_bytes = table.Column<int>(nullable: false),
                is_active = table.Column<bool>(nullable: false),
                activated_at_utc = table.Column<DateTime>(nullable: true),
                activated_by = table.Column<string>(maxLength: 100, nullable: true),
                note = table.Column<string>(maxLength: 500, nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_router_models", x => x.id));
        migrationBuilder.CreateIndex("ix_router_models_kind_number", "router_models", ["kind", "number"], unique: true);
        migrationBuilder.CreateIndex("ix_router_models_kind_is_active", "router_models", ["kind", "is_active"]);

        migrationBuilder.CreateTable(
            name: "router_model_blobs",
            columns: table => new
            {
                model_id = table.Column<long>(nullable: false),
                content = table.Column<byte[]>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_router_model_blobs", x => x.model_id);
                table.ForeignKey("fk_router_model_blobs_router_models_model_id", x => x.model_id, "router_models", "id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "routing_records",
            columns: table => new
            {
                work_order_id = table.Column<long>(nullable: false),
                dispatched_at_utc = table.Column<DateTime>(nullable: false),
                week_start = table.Column<DateOnly>(nullable: false),
                model_id = table.Column<long>(nullable: true),
                model_version = table.Column<int>(nullable: true),
                model_warning = table.Column<string>(maxLength: 64, nullable: true),
                suggestions = table.Column<string>(nullable: false),
                catalogue_unit_id = table.Column<long>(nullable: true),
                dispatched_unit_id = table.Column<long>(nullable: true),
                dispatched_unit_name = table.Column<string>(maxLength: 100, nullable: true),
                chosen_rank = table.Column<int>(nullable: true),
                returned = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_routing_records", x => x.work_order_id);
                table.ForeignKey("fk_routing_records_work_orders_work_order_id", x => x.work_order_id, "work_orders", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_routing_records_week_start", "routing_records", "week_start");
        migrationBuilder.CreateIndex("ix_routing_records_model_version", "routing_records", "model_version");

        migrationBuilder.CreateTable(
            name: "hot_spot_runs",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                ran_at_utc = table.Column<DateTime>(nullable: false),
                window_from_utc = table.Column<DateTime>(nullable: false),
                window_to_utc = table.Column<DateTime>(nullable: false),
                previous_from_utc = table.Column<DateTime>(nullable: false),
                orders = table.Column<int>(nullable: false),
                hot_spots = table.Column<int>(nullable: false),
                duration_ms = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_hot_spot_runs", x => x.id));
        migrationBuilder.CreateIndex("ix_hot_spot_runs_ran_at_utc", "hot_spot_runs", "ran_at_utc");

        migrationBuilder.CreateTable(
            name: "hot_spots",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                run_id = table.Column<long>(nullable: false),
                rank = table.Column<int>(nullable: false),
                region_code = table.Column<string>(maxLength: 12, nullable: true),
                place_name = table.Column<string>(maxLength: 100, nullable: true),
                size = table.Column<int>(nullable: false),
                previous_size = table.Column<int>(nullable: false),
                growth = table.Column<double>(nullable: true),
                emerging = table.Column<bool>(nullable: false),
                from_utc = table.Column<DateTime>(nullable: false),
                to_utc = table.Column<DateTime>(nullable: false),
                terms = table.Column<string>(nullable: false),
                order_ids = table.Column<string>(nullable: false),
                category_code = table.Column<string>(maxLength: 12, nullable: true),
                unit_ids = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_hot_spots", x => x.id);
                table.ForeignKey("fk_hot_spots_hot_spot_runs_run_id", x => x.run_id, "hot_spot_runs", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_hot_spots_run_id_rank", "hot_spots", ["run_id", "rank"]);

        migrationBuilder.CreateTable(
            name: "early_warnings",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                kind = table.Column<string>(maxLength: 32, nullable: false),
                key = table.Column<string>(maxLength: 200, nullable: false),
                title = table.Column<string>(maxLength: 200, nullable: false),
                detail = table.Column<string>(maxLength: 1000, nullable: true),
                region_code = table.Column<string>(maxLength: 12, nullable: true),
                place_name = table.Column<string>(maxLength: 100, nullable: true),
                category_code = table.Column<string>(maxLength: 12, nullable: true),
                terms = table.Column<string>(nullable: false),
                size = table.Column<int>(nullable: false),
                previous_size = table.Column<int>(nullable: false),
                growth = table.Column<double>(nullable: true),
                order_ids = table.Column<string>(nullable: false),
                hot_spot_id = table.Column<long>(nullable: true),
                month = table.Column<DateOnly>(nullable: true),
                raised_at_utc = table.Column<DateTime>(nullable: false),
                updated_at_utc = table.Column<DateTime>(nullable: false),
                status = table.Column<string>(maxLength: 32, nullable: false),
                acknowledged_at_utc = table.Column<DateTime>(nullable: true),
                acknowledged_by = table.Column<string>(maxLength: 100, nullable: true),
                version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_early_warnings", x => x.id));
        migrationBuilder.CreateIndex("ix_early_warnings_key", "early_warnings", "key", unique: true);
        migrationBuilder.CreateIndex("ix_early_warnings_updated_at_utc", "early_warnings", "updated_at_utc");

        migrationBuilder.CreateTable(
            name: "early_warning_units",
            columns: table => new
            {
                warning_id = table.Column<long>(nullable: false),
                unit_id = table.Column<long>(nullable: false),
                unit_path = table.Column<string>(maxLength: 400, nullable: false),
                unit_name = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_early_warning_units", x => new { x.warning_id, x.unit_id });
                table.ForeignKey("fk_early_warning_units_early_warnings_warning_id", x => x.warning_id, "early_warnings", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_early_warning_units_unit_path", "early_warning_units", "unit_path").Annotation("Npgsql:IndexOperators", MigrationExtensions.TextPatternOps);

        migrationBuilder.CreateTable(
            name: "timeline_cursors",
            columns: table => new
            {
                name = table.Column<string>(maxLength: 50, nullable: false),
                position = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_timeline_cursors", x => x.name));

        // Routing outcomes are recorded from the deployment on: the follower starts at the timeline's end, never replaying history.
        migrationBuilder.Sql("INSERT INTO timeline_cursors (name, position) SELECT 'routing-outcomes', COALESCE(MAX(id), 0) FROM work_order_events");
    }
}
