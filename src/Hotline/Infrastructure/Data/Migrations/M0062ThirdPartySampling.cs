using Hotline.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>Third-party sampling (第三方抽样回访, issue 17): the import batches with their reject lists, and the sampled results (one per order).</summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0062_ThirdPartySampling")]
public sealed class M0062ThirdPartySampling : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "sampling_batches",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                file_name = table.Column<string>(maxLength: Limits.ShortText, nullable: false),
                format = table.Column<string>(maxLength: 32, nullable: false),
                imported_at_utc = table.Column<DateTime>(nullable: false),
                imported_by_user_id = table.Column<long>(nullable: false),
                imported_by_name = table.Column<string>(maxLength: Limits.Name, nullable: false),
                total_rows = table.Column<int>(nullable: false),
                imported_rows = table.Column<int>(nullable: false),
                rejected_rows = table.Column<int>(nullable: false),
                rejects = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_sampling_batches", x => x.id));
        migrationBuilder.CreateIndex("ix_sampling_batches_imported_at_utc", "sampling_batches", "imported_at_utc");

        migrationBuilder.CreateTable(
            name: "sampling_results",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                batch_id = table.Column<long>(nullable: false),
                work_order_id = table.Column<long>(nullable: false),
                work_order_number = table.Column<string>(maxLength: 32, nullable: false),
                sampled_at_utc = table.Column<DateTime>(nullable: false),
                process_rating = table.Column<string>(maxLength: 32, nullable: false),
                result_rating = table.Column<string>(maxLength: 32, nullable: false),
                comment = table.Column<string>(maxLength: Limits.Reason, nullable: true),
                agency = table.Column<string>(maxLength: Limits.Name, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_sampling_results", x => x.id);
                table.ForeignKey("fk_sampling_results_sampling_batches_batch_id", x => x.batch_id, "sampling_batches", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_sampling_results_work_orders_work_order_id", x => x.work_order_id, "work_orders", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_sampling_results_batch_id", "sampling_results", "batch_id");
        migrationBuilder.CreateIndex("ix_sampling_results_work_order_id", "sampling_results", "work_order_id", unique: true);
    }
}
