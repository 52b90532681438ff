using Hotline.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Issue 19: the named things a work order is about (<c>work_order_entities</c>, one row per order and name), indexed by
/// name so the list's <c>entity</c> filter is an index look-up. Existing orders are filled by <c>hotline entities backfill</c>.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0074_WorkOrderEntities")]
public sealed class M0074WorkOrderEntities : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "work_order_entities",
            columns: table => new
            {
                work_order_id = table.Column<long>(nullable: false),
                name = table.Column<string>(maxLength: Limits.EntityName, nullable: false),
                kind = table.Column<string>(maxLength: 32, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_work_order_entities", x => new { x.work_order_id, x.name });
                table.ForeignKey("fk_work_order_entities_work_orders_work_order_id", x => x.work_order_id, "work_orders", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_work_order_entities_name_work_order_id", "work_order_entities", ["name", "work_order_id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("work_order_entities");
}
