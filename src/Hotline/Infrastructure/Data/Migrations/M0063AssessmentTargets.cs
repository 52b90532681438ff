using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Issue 17, the service targets' figures: the completion rate (办结率) and the callback rate (回访率) as measures of the
/// assessment facts and rollups. The facts' follower starts again from the timeline's beginning (its cursor is removed), so
/// every order's facts gain the new measures exactly as a rebuild would give them.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0063_AssessmentTargets")]
public sealed class M0063AssessmentTargets : Migration
{
    private static readonly string[] Tables = ["assessment_facts", "assessment_rollups"];

    private static readonly string[] Columns = ["completion_num", "completion_den", "callback_num", "callback_den"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables)
        {
            foreach (var column in Columns)
            {
                migrationBuilder.AddColumn<int>(name: column, table: table, nullable: false, defaultValue: 0);
            }
        }

        migrationBuilder.Sql("DELETE FROM timeline_cursors WHERE name = 'assessment-facts'");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables)
        {
            foreach (var column in Columns)
            {
                migrationBuilder.DropColumn(name: column, table: table);
            }
        }
    }
}
