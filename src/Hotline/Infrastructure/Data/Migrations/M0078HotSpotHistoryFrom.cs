using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Issue 19: a hot-spot run records when the centre's orders began (<c>history_from_utc</c>), so that a list whose previous
/// window the history does not cover gives no growth and calls nothing emerging. Earlier runs keep null: they compared.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0078_HotSpotHistoryFrom")]
public sealed class M0078HotSpotHistoryFrom : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<DateTime>(name: "history_from_utc", table: "hot_spot_runs", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn("history_from_utc", "hot_spot_runs");
}
