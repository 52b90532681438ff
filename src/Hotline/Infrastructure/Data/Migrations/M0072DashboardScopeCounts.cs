using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Issue 17, a unit's own dashboards on counts: <c>dashboard_counts</c> is keyed by scope too ('' the whole platform, else a
/// unit subtree's path: the orders whose lead unit or a co-unit is in it), and an order's unit-0 fact keeps its co-units'
/// paths (the subtrees a co-unit adds). The table is made again with the scope in its key and recounted from the facts,
/// the co-units' paths taken from the orders, so the counts agree with the facts (and the follower's cursor) as they stand.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0072_DashboardScopeCounts")]
public sealed class M0072DashboardScopeCounts : Migration
{
    // Frozen here (DashboardCounts.RecountSql as of this migration; a later change of the keys is a later migration's recount).
    private const string Recount =
        "WITH RECURSIVE "
        + "paths (path) AS (SELECT DISTINCT lead_unit_path FROM assessment_facts WHERE unit_id = 0 AND lead_unit_path <> '' UNION SELECT unit_path FROM work_order_co_units), "
        + "cuts (path, i) AS (SELECT path, 2 FROM paths UNION ALL SELECT path, i + 1 FROM cuts WHERE i < length(path)), "
        + "prefixes (path, scope) AS (SELECT path, substr(path, 1, i) FROM cuts WHERE substr(path, i, 1) = '/'), "
        + "lead AS ("
        + "SELECT lead_unit_path, 'all' AS dimension, day, '' AS k, COUNT(*) AS n FROM assessment_facts WHERE unit_id = 0 GROUP BY lead_unit_path, day UNION ALL "
        + "SELECT lead_unit_path, 'channel' AS dimension, day, channel AS k, COUNT(*) AS n FROM assessment_facts WHERE unit_id = 0 GROUP BY lead_unit_path, day, channel UNION ALL "
        + "SELECT lead_unit_path, 'requestType' AS dimension, day, request_type AS k, COUNT(*) AS n FROM assessment_facts WHERE unit_id = 0 GROUP BY lead_unit_path, day, request_type UNION ALL "
        + "SELECT lead_unit_path, 'category2' AS dimension, day, substr(category_code, 1, 2) AS k, COUNT(*) AS n FROM assessment_facts WHERE unit_id = 0 GROUP BY lead_unit_path, day, substr(category_code, 1, 2) UNION ALL "
        + "SELECT lead_unit_path, 'category4' AS dimension, day, substr(category_code, 1, 4) AS k, COUNT(*) AS n FROM assessment_facts WHERE unit_id = 0 GROUP BY lead_unit_path, day, substr(category_code, 1, 4) UNION ALL "
        + "SELECT lead_unit_path, 'category6' AS dimension, day, substr(category_code, 1, 6) AS k, COUNT(*) AS n FROM assessment_facts WHERE unit_id = 0 GROUP BY lead_unit_path, day, substr(category_code, 1, 6) UNION ALL "
        + "SELECT lead_unit_path, 'region6' AS dimension, day, substr(region_code, 1, 6) AS k, COUNT(*) AS n FROM assessment_facts WHERE unit_id = 0 AND region_code <> '' GROUP BY lead_unit_path, day, substr(region_code, 1, 6) UNION ALL "
        + "SELECT lead_unit_path, 'region9' AS dimension, day, substr(region_code, 1, 9) AS k, COUNT(*) AS n FROM assessment_facts WHERE unit_id = 0 AND region_code <> '' GROUP BY lead_unit_path, day, substr(region_code, 1, 9) UNION ALL "
        + "SELECT lead_unit_path, 'region12' AS dimension, day, substr(region_code, 1, 12) AS k, COUNT(*) AS n FROM assessment_facts WHERE unit_id = 0 AND region_code <> '' GROUP BY lead_unit_path, day, substr(region_code, 1, 12) UNION ALL "
        + "SELECT lead_unit_path, 'unit' AS dimension, day, lead_unit_path AS k, COUNT(*) AS n FROM assessment_facts WHERE unit_id = 0 AND lead_unit_path IS NOT NULL GROUP BY lead_unit_path, day, lead_unit_path), "
        + "co_scopes AS (SELECT DISTINCT c.work_order_id, p.scope FROM work_order_co_units c JOIN prefixes p ON p.path = c.unit_path), "
        + "co_facts AS (SELECT s.scope, f.day, f.channel, f.request_type, f.category_code, f.region_code, f.lead_unit_path FROM co_scopes s "
        + "JOIN assessment_facts f ON f.work_order_id = s.work_order_id AND f.unit_id = 0 "
        + "WHERE f.lead_unit_path IS NULL OR substr(f.lead_unit_path, 1, length(s.scope)) <> s.scope), "
        + "co AS ("
        + "SELECT scope, 'all' AS dimension, day, '' AS k, COUNT(*) AS n FROM co_facts WHERE 1 = 1 GROUP BY scope, day UNION ALL "
        + "SELECT scope, 'channel' AS dimension, day, channel AS k, COUNT(*) AS n FROM co_facts WHERE 1 = 1 GROUP BY scope, day, channel UNION ALL "
        + "SELECT scope, 'requestType' AS dimension, day, request_type AS k, COUNT(*) AS n FROM co_facts WHERE 1 = 1 GROUP BY scope, day, request_type UNION ALL "
        + "SELECT scope, 'category2' AS dimension, day, substr(category_code, 1, 2) AS k, COUNT(*) AS n FROM co_facts WHERE 1 = 1 GROUP BY scope, day, substr(category_code, 1, 2) UNION ALL "
        + "SELECT scope, 'category4' AS dimension, day, substr(category_code, 1, 4) AS k, COUNT(*) AS n FROM co_facts WHERE 1 = 1 GROUP BY scope, day, substr(category_code, 1, 4) UNION ALL "
        + "SELECT scope, 'category6' AS dimension, day, substr(category_code, 1, 6) AS k, COUNT(*) AS n FROM co_facts WHERE 1 = 1 GROUP BY scope, day, substr(category_code, 1, 6) UNION ALL "
        + "SELECT scope, 'region6' AS dimension, day, substr(region_code, 1, 6) AS k, COUNT(*) AS n FROM co_facts WHERE region_code <> '' GROUP BY scope, day, substr(region_code, 1, 6) UNION ALL "
        + "SELECT scope, 'region9' AS dimension, day, substr(region_code, 1, 9) AS k, COUNT(*) AS n FROM co_facts WHERE region_code <> '' GROUP BY scope, day, substr(region_code, 1, 9) UNION ALL "
        + "SELECT scope, 'region12' AS dimension, day, substr(region_code, 1, 12) AS k, COUNT(*) AS n FROM co_facts WHERE region_code <> '' GROUP BY scope, day, substr(region_code, 1, 12) UNION ALL "
        + "SELECT scope, 'unit' AS dimension, day, lead_unit_path AS k, COUNT(*) AS n FROM co_facts WHERE lead_unit_path IS NOT NULL GROUP BY scope, day, lead_unit_path) "
        + "INSERT INTO dashboard_counts (scope, dimension, day, \"key\", orders) "
        + "SELECT '', dimension, day, k, SUM(n) FROM lead GROUP BY dimension, day, k UNION ALL "
        + "SELECT scope, dimension, day, k, SUM(n) FROM (SELECT p.scope, l.dimension, l.day, l.k, l.n FROM lead l JOIN prefixes p ON p.path = l.lead_unit_path "
        + "UNION ALL SELECT scope, dimension, day, k, n FROM co) scoped GROUP BY scope, dimension, day, k";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "co_unit_paths", table: "assessment_facts", nullable: true);
        migrationBuilder.Sql(migrationBuilder.IsPostgres()
            ? "UPDATE assessment_facts f SET co_unit_paths = c.paths FROM (SELECT work_order_id, string_agg(unit_path, ' ' ORDER BY unit_path COLLATE \"C\") AS paths "
                + "FROM work_order_co_units GROUP BY work_order_id) c WHERE f.work_order_id = c.work_order_id AND f.unit_id = 0"
            : "UPDATE assessment_facts SET co_unit_paths = (SELECT group_concat(unit_path, ' ') FROM (SELECT unit_path FROM work_order_co_units c "
                + "WHERE c.work_order_id = assessment_facts.work_order_id ORDER BY unit_path)) "
                + "WHERE unit_id = 0 AND work_order_id IN (SELECT work_order_id FROM work_order_co_units)");
        migrationBuilder.DropTable("dashboard_counts");
        migrationBuilder.CreateTable(
            name: "dashboard_counts",
            columns: table => new
            {
                scope = table.Column<string>(maxLength: 400, nullable: false),
                dimension = table.Column<string>(maxLength: 16, nullable: false),
                day = table.Column<DateOnly>(nullable: false),
                key = table.Column<string>(maxLength: 400, nullable: false),
                orders = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_dashboard_counts", x => new { x.scope, x.dimension, x.day, x.key }));
        migrationBuilder.Sql(Recount);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("dashboard_counts");
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
        migrationBuilder.Sql(M0065DashboardCounts.Recount);
        migrationBuilder.DropColumn(name: "co_unit_paths", table: "assessment_facts");
    }
}
