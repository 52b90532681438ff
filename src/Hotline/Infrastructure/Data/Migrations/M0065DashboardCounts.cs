using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Issue 17, the dashboards on pre-aggregated counts: the facts carry the order's current lead unit's path, and
/// <c>dashboard_counts</c> holds the orders per local day × dimension × key. Existing unit-0 facts take the path of their
/// order, and the counts are recounted from them, so they agree with the facts (and the follower's cursor) as they stand.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0065_DashboardCounts")]
public sealed class M0065DashboardCounts : Migration
{
    // Frozen here (a later change of the dimensions is a later migration's recount).
    internal const string Recount =
        "INSERT INTO dashboard_counts (dimension, day, \"key\", orders) "
        + "SELECT 'all', day, '', COUNT(*) FROM assessment_facts WHERE unit_id = 0 GROUP BY day "
        + "UNION ALL SELECT 'channel', day, channel, COUNT(*) FROM assessment_facts WHERE unit_id = 0 GROUP BY day, channel "
        + "UNION ALL SELECT 'requestType', day, request_type, COUNT(*) FROM assessment_facts WHERE unit_id = 0 GROUP BY day, request_type "
        + "UNION ALL SELECT 'category2', day, substr(category_code, 1, 2), COUNT(*) FROM assessment_facts WHERE unit_id = 0 GROUP BY day, substr(category_code, 1, 2) "
        + "UNION ALL SELECT 'category4', day, substr(category_code, 1, 4), COUNT(*) FROM assessment_facts WHERE unit_id = 0 GROUP BY day, substr(category_code, 1, 4) "
        + "UNION ALL SELECT 'category6', day, substr(category_code, 1, 6), COUNT(*) FROM assessment_facts WHERE unit_id = 0 GROUP BY day, substr(category_code, 1, 6) "
        + "UNION ALL SELECT 'region6', day, substr(region_code, 1, 6), COUNT(*) FROM assessment_facts WHERE unit_id = 0 AND region_code <> '' GROUP BY day, substr(region_code, 1, 6) "
        + "UNION ALL SELECT 'region9', day, substr(region_code, 1, 9), COUNT(*) FROM assessment_facts WHERE unit_id = 0 AND region_code <> '' GROUP BY day, substr(region_code, 1, 9) "
        + "UNION ALL SELECT 'region12', day, substr(region_code, 1, 12), COUNT(*) FROM assessment_facts WHERE unit_id = 0 AND region_code <> '' GROUP BY day, substr(region_code, 1, 12) "
        + "UNION ALL SELECT 'unit', day, lead_unit_path, COUNT(*) FROM assessment_facts WHERE unit_id = 0 AND lead_unit_path IS NOT NULL GROUP BY day, lead_unit_path";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "lead_unit_path", table: "assessment_facts", maxLength: 400, nullable: true);
        migrationBuilder.CreateTable(
            name: "dashboard_counts",
            columns: table => new
            {
                dimension = table.Column<string>(maxLength: 16, nullable: false),
                day = table.Column<DateOnly>(nullable: false),
                key = table.Column<string>(maxLength: 400, nullable: false),
                orders = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_dashboard_counts", x => new { x.dimension, x.day, x.key }));
        migrationBuilder.Sql(
            "UPDATE assessment_facts SET lead_unit_path = (SELECT w.lead_unit_path FROM work_orders w WHERE w.id = assessment_facts.work_order_id) WHERE unit_id = 0");
        migrationBuilder.Sql(Recount);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("dashboard_counts");
        migrationBuilder.DropColumn(name: "lead_unit_path", table: "assessment_facts");
    }
}
