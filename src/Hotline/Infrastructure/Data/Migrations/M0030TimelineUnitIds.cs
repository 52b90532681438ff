using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Timeline entries name the units they are about by id as well as by name (issue 12): the unit the entry sends the
/// order to or is about, and the co-units it assigns. Entries written before stay without ids.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0030_TimelineUnitIds")]
public sealed class M0030TimelineUnitIds : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<long>(name: "unit_id", table: "work_order_events", nullable: true);
        migrationBuilder.AddColumn<string>(name: "co_unit_ids", table: "work_order_events", nullable: true);
    }
}
