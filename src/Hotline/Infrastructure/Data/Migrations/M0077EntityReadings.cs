using Hotline.Features.WorkOrders.Entities;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Issue 19: what the orders' stored entities were read with (<c>entity_readings</c>, one row). A database that already
/// holds orders gets the row with no reading known, so the servers read every order's entities again once
/// (<see cref="EntityRereadJob"/>); a new database gets the row from the job's first run.
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
        migrationBuilder.Sql(
            $"INSERT INTO entity_readings (id, reading, after_id) SELECT {EntityReading.Key}, '{EntityReading.Unknown}', 0 WHERE EXISTS (SELECT 1 FROM work_orders);");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("entity_readings");
}
