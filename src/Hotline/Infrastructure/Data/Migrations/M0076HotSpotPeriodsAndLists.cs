using Hotline.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Hot spots on real text (issue 19): a run is for one period (day, week, month, quarter, year; earlier runs were the
/// week), and a hot spot belongs to one of its two lists (event hot spots, common problems), an event naming its entity
/// and a common problem counting its places.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0076_HotSpotPeriodsAndLists")]
public sealed class M0076HotSpotPeriodsAndLists : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "period", table: "hot_spot_runs", maxLength: 32, nullable: false, defaultValue: "Week");
        migrationBuilder.CreateIndex("ix_hot_spot_runs_period_ran_at_utc", "hot_spot_runs", ["period", "ran_at_utc"]);
        migrationBuilder.AddColumn<string>(name: "list", table: "hot_spots", maxLength: 32, nullable: false, defaultValue: "Events");
        migrationBuilder.AddColumn<string>(name: "entity", table: "hot_spots", maxLength: Limits.LongName, nullable: true);
        migrationBuilder.AddColumn<int>(name: "places", table: "hot_spots", nullable: false, defaultValue: 1);
        migrationBuilder.DropIndex("ix_hot_spots_run_id_rank", "hot_spots");
        migrationBuilder.CreateIndex("ix_hot_spots_run_id_list_rank", "hot_spots", ["run_id", "list", "rank"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("ix_hot_spots_run_id_list_rank", "hot_spots");
        migrationBuilder.CreateIndex("ix_hot_spots_run_id_rank", "hot_spots", ["run_id", "rank"]);
        migrationBuilder.DropColumn("places", "hot_spots");
        migrationBuilder.DropColumn("entity", "hot_spots");
        migrationBuilder.DropColumn("list", "hot_spots");
        migrationBuilder.DropIndex("ix_hot_spot_runs_period_ran_at_utc", "hot_spot_runs");
        migrationBuilder.DropColumn("period", "hot_spot_runs");
    }
}
