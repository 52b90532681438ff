using Hotline.Features.WorkOrders.Entities;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Issue 19: what the orders' stored entities were read with (<c>entity_readings</c>, one row). The table starts empty: no
/// reading is known, so the servers' first run (<see cref="EntityRereadJob"/>) reads every order's entities again once
/// and writes the row.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0077_EntityReadings")]
public sealed class M0077EntityReadings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "entity_readings",
            columns: table => new
            {
                id = table.Column<int>(nullable: false),
                reading = table.Column<string>(maxLength: EntityReading.MaxMarker, nullable: false),
                pending = table.Column<string>(maxLength: EntityReading.MaxMarker, nullable: true),
                after_id = table.Column<long>(nullable: false),
                read_at_utc = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_entity_readings", x => x.id));
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("entity_readings");
}
