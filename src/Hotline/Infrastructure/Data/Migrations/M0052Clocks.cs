using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// The clocks of issue 15: deadline rules carry the dispatch window (working days, or "at once" in minutes); orders carry
/// the yellow marks of the dispatch and callback clocks, the committed date of the last progress report as a clock, and
/// their dispatch hops. Existing orders start with as many hops as dispatches (the closest count they have); their
/// dispatch and callback clocks light up from the next time they enter the queue or the callback stage.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0052_Clocks")]
public sealed class M0052Clocks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "dispatch_working_days", table: "deadline_rules", nullable: true);
        migrationBuilder.AddColumn<int>(name: "dispatch_minutes", table: "deadline_rules", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "dispatch_warn_at_utc", table: "work_orders", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "callback_warn_at_utc", table: "work_orders", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "progress_due_utc", table: "work_orders", nullable: true);
        migrationBuilder.AddColumn<bool>(name: "progress_reminded", table: "work_orders", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<int>(name: "hops", table: "work_orders", nullable: false, defaultValue: 0);
        migrationBuilder.Sql("UPDATE work_orders SET hops = dispatch_count;");
    }
}
